"""kg's matching of the rule files' token patterns finds what spaCy's Matcher finds."""
from __future__ import annotations

import random
from functools import lru_cache

import pytest
from spacy.matcher import Matcher
from spacy.tokens import Doc

from kg.extraction.matching import FAMILIES, find_matches
from kg.rules import load_rules
from handbuilt import VOCAB

POS = ("VERB", "AUX", "NOUN", "PROPN", "PRON", "DET", "ADJ", "ADP", "PART")


def _entries():
    for family, (name, key) in FAMILIES.items():
        for number, entry in enumerate(load_rules(name)[key]):
            yield f"{family}:{entry.get('id', number)}", entry["pattern"]


def _words() -> list[str]:
    """Every word the patterns name, and some they do not."""
    words = {"the", "minister", "Oslo", "yesterday", ",", "."}
    for _key, pattern in _entries():
        for spec in pattern:
            for attr, value in spec.items():
                if attr in ("LEMMA", "LOWER"):
                    words.update([value] if isinstance(value, str) else value["IN"])
    return sorted(words)


@lru_cache(maxsize=1)
def _spacy_matcher() -> Matcher:
    matcher = Matcher(VOCAB)
    for key, pattern in _entries():
        matcher.add(key, [pattern])
    return matcher


def _spacy_matches(doc: Doc) -> list[tuple[str, int, int]]:
    matcher = _spacy_matcher()
    found = {(doc.vocab.strings[match_id], start, end) for match_id, start, end in matcher(doc)}
    return sorted(found, key=lambda m: (m[1], -m[2], m[0]))


def _random_doc(rnd: random.Random, words: list[str]) -> Doc:
    size = rnd.randrange(1, 30)
    picked = [rnd.choice(words) for _ in range(size)]
    # lemmas are often the word itself, sometimes another pattern word (a lemma that is not the lower form)
    lemmas = [w.lower() if rnd.random() < 0.7 else rnd.choice(words) for w in picked]
    texts = [w.capitalize() if rnd.random() < 0.2 else w for w in picked]
    return Doc(VOCAB, words=texts, pos=[rnd.choice(POS) for _ in picked], lemmas=lemmas)


def test_find_matches_agrees_with_spacy_matcher_on_random_docs():
    rnd = random.Random(15)
    words = _words()
    compared = found = 0
    for _ in range(400):
        doc = _random_doc(rnd, words)
        expected = _spacy_matches(doc)
        assert find_matches(doc) == expected, [t.text for t in doc]
        compared += 1
        found += len(expected)
    assert compared == 400 and found > 400  # the docs do exercise the patterns


def test_find_matches_on_an_invented_sentence():
    words = ["Ministers", "met", "and", "asked", "the", "envoy", "to", "call", "for", "talks"]
    pos = ["NOUN", "VERB", "CCONJ", "VERB", "DET", "NOUN", "PART", "VERB", "ADP", "NOUN"]
    lemmas = ["minister", "meet", "and", "ask", "the", "envoy", "to", "call", "for", "talk"]
    doc = Doc(VOCAB, words=words, pos=pos, lemmas=lemmas)
    found = find_matches(doc)
    assert ("meetings:meet-verb", 1, 2) in found
    assert ("statements:call-for", 7, 9) in found
    assert ("meetings:talks-noun", 9, 10) in found
    assert found == _spacy_matches(doc)


def test_find_matches_refuses_a_doc_without_lemmas_as_spacy_does():
    doc = Doc(VOCAB, words=["Ministers", "met"], pos=["NOUN", "VERB"])
    with pytest.raises(ValueError, match="E155"):
        find_matches(doc)
