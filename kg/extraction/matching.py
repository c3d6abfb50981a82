"""One Matcher pass per document over every rule file's patterns.

Meeting triggers, speech triggers and content cues are all token patterns; running them
as one spaCy Matcher reads each token once instead of three times. The matches are kept
in ``doc.user_data`` and handed out by family.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.rules import load_rules

__all__ = ["FAMILIES", "matches", "rule"]

# family -> (rule file, key of the pattern list)
FAMILIES = {
    "meetings": ("meetings", "triggers"),
    "statements": ("statements", "triggers"),
    "cues": ("statements", "content_cues"),
}


@lru_cache(maxsize=8)
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for family, (name, key) in FAMILIES.items():
        for number, entry in enumerate(load_rules(name)[key]):
            matcher.add(f"{family}:{entry.get('id', number)}", [entry["pattern"]])
    return matcher


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
        strings = doc.vocab.strings
        for match_id, start, end in _matcher(doc.vocab)(doc):
            name, rule_id = strings[match_id].split(":", 1)
            found[name].append((rule_id, start, end))
        for items in found.values():
            items.sort(key=lambda m: (m[1], -m[2], m[0]))
        doc.user_data["kg_matches"] = found
    return found[family]
