"""One matching pass per document over every rule file's token patterns.

Meeting triggers, speech triggers and content cues are all token patterns (spaCy
Matcher patterns, kept in the rule files); they are matched together, once per
document, and the matches kept in ``doc.user_data`` and handed out by family.

Most patterns are a fixed run of tokens whose first token names its word
(``{"LEMMA": {"IN": ["meet", "greet"]}, "POS": "VERB"}``). spaCy's Matcher tries every
pattern at every token and calls a Python function per token for each ``IN`` list,
which made matching a third of kg's own time per document; such patterns are looked up
instead by the first token's word (:class:`_FixedPatterns`), which finds the same
matches. Patterns with a repeated or optional token (``"OP"``), or that do not name the
first token's word, go to a spaCy Matcher of their own.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.errors import Errors
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.extraction.tokens import tokens_of
from kg.rules import load_rules

__all__ = ["FAMILIES", "find_matches", "matches", "rule"]

# family -> (rule file, key of the pattern list)
FAMILIES = {
    "meetings": ("meetings", "triggers"),
    "statements": ("statements", "triggers"),
    "cues": ("statements", "content_cues"),
}

# the token attributes a fixed pattern may test: one value per token
_VALUES: dict[str, Callable[[Token], str]] = {
    "ORTH": lambda t: t.text, "TEXT": lambda t: t.text, "LOWER": lambda t: t.lower_, "NORM": lambda t: t.norm_,
    "LEMMA": lambda t: t.lemma_, "POS": lambda t: t.pos_, "TAG": lambda t: t.tag_, "DEP": lambda t: t.dep_,
}
_WORD_ATTRS = ("LOWER", "LEMMA", "ORTH", "TEXT", "NORM")  # what the first token is looked up by
# attributes spaCy's Matcher refuses to read from a Doc that lacks them, and the component that sets them
_ANNOTATIONS = {"TAG": "tagger", "POS": "morphologizer or tagger+attribute_ruler", "LEMMA": "lemmatizer",
                "DEP": "parser"}

TokenTest = tuple[tuple[Callable[[Token], str], frozenset[str]], ...]


def _token_test(spec: dict) -> TokenTest | None:
    """The (value getter, allowed values) pairs of one token pattern, or None when it is
    not a plain test of one-valued attributes (an "OP", a regex, a comparison...)."""
    tests = []
    for attr, value in spec.items():
        name = attr.upper()
        if name not in _VALUES:
            return None
        if isinstance(value, str):
            allowed = frozenset((value,))
        elif isinstance(value, dict) and list(value) == ["IN"] and all(isinstance(v, str) for v in value["IN"]):
            allowed = frozenset(value["IN"])
        else:
            return None
        tests.append((_VALUES[name], allowed))
    return tuple(tests)


class _FixedPatterns:
    """Fixed runs of plain token tests, looked up by the word of their first token."""

    def __init__(self) -> None:
        self.by_word: dict[str, dict[str, list[tuple[str, tuple[TokenTest, ...]]]]] = {}
        self.attrs: set[str] = set()

    def add(self, key: str, pattern: list[dict]) -> bool:
        """Take ``pattern`` under ``key``; False when it is not a fixed run of plain tests."""
        tests = [_token_test(spec) for spec in pattern]
        if not pattern or any(t is None for t in tests):
            return False
        first = {attr.upper(): value for attr, value in pattern[0].items()}
        word = next((attr for attr in _WORD_ATTRS if attr in first), None)
        if word is None:
            return False
        words = (first[word],) if isinstance(first[word], str) else first[word]["IN"]
        index = self.by_word.setdefault(word, {})
        for value in dict.fromkeys(words):
            index.setdefault(value, []).append((key, tuple(tests)))
        self.attrs.update(attr.upper() for spec in pattern for attr in spec)
        return True

    def __call__(self, doc: Doc) -> set[tuple[str, int, int]]:
        tokens = tokens_of(doc)
        found = set()
        for word, index in self.by_word.items():
            value_of = _VALUES[word]
            for i, token in enumerate(tokens):
                candidates = index.get(value_of(token))
                if not candidates:
                    continue
                for key, tests in candidates:
                    end = i + len(tests)
                    if end <= len(tokens) and all(value(t) in allowed for test, t in zip(tests, tokens[i:end])
                                                  for value, allowed in test):
                        found.add((key, i, end))
        return found


@lru_cache(maxsize=8)
def _matchers(vocab: Vocab) -> tuple[_FixedPatterns, Matcher | None]:
    fixed = _FixedPatterns()
    matcher = Matcher(vocab)
    for family, (name, key) in FAMILIES.items():
        for number, entry in enumerate(load_rules(name)[key]):
            match_key = f"{family}:{entry.get('id', number)}"
            if not fixed.add(match_key, entry["pattern"]):
                matcher.add(match_key, [entry["pattern"]])
    return fixed, (matcher if len(matcher) else None)


def find_matches(doc: Doc) -> list[tuple[str, int, int]]:
    """``(family:rule id, start, end)`` of every pattern's matches in ``doc``, sorted;
    the matches spaCy's Matcher finds for the same patterns.

    Raises
    ------
    ValueError
        As spaCy's Matcher does, when a pattern reads an annotation (lemma, part of
        speech, tag, dependency) that ``doc`` lacks.
    """
    fixed, matcher = _matchers(doc.vocab)
    for attr, pipe in _ANNOTATIONS.items():
        if attr in fixed.attrs and not doc.has_annotation(attr):
            raise ValueError(Errors.E155.format(pipe=pipe, attr=attr))
    found = fixed(doc)
    if matcher is not None:
        strings = doc.vocab.strings
        found.update((strings[match_id], start, end) for match_id, start, end in matcher(doc))
    return sorted(found, key=lambda m: (m[1], -m[2], m[0]))


@lru_cache(maxsize=None)
def _rules(family: str) -> dict[str, dict]:
    name, key = FAMILIES[family]
    return {str(entry.get("id", number)): entry for number, entry in enumerate(load_rules(name)[key])}


def rule(family: str, rule_id: str) -> dict:
    """The rule entry (trigger or cue) behind a match."""
    return _rules(family)[rule_id]


def matches(doc: Doc, family: str) -> list[tuple[str, int, int]]:
    """``(rule id, start, end)`` of the family's matches in ``doc``, in text order."""
    found = doc.user_data.get("kg_matches")
    if found is None:
        found = {name: [] for name in FAMILIES}
        for match_key, start, end in find_matches(doc):
            name, rule_id = match_key.split(":", 1)
            found[name].append((rule_id, start, end))
        for items in found.values():
            items.sort(key=lambda m: (m[1], -m[2], m[0]))
        doc.user_data["kg_matches"] = found
    return found[family]
