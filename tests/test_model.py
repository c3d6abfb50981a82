"""Records to plain dicts and back: the quick reader accepts what the checking one accepts."""
from __future__ import annotations

import copy
import dataclasses
import random

import pytest

from kg.model import (Affiliation, Document, Entity, Event, Evidence, Extraction, Mention, RecordError,
                      _from_dict, extraction_from_dict, to_dict)


def _lists(value):
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(item) for item in value]
    return value


def _record() -> Extraction:
    text = "Foreign Minister Ana Vela met Omar Tarsi in Lima on Monday. \u201cWe agreed,\u201d Vela said."
    doc = Document("d1", text, title="Talks", published="2031-05-02", source="d1.txt")
    people = (Entity("p:vela", "Ana Vela", "PERSON", aliases=("Vela",), mentions=(Mention("Ana Vela", 17, 25, "PERSON"),
                                                                                   Mention("Vela", text.rindex("Vela"), text.rindex("Vela") + 4, "PERSON"))),
              Entity("p:tarsi", "Omar Tarsi", "PERSON"), Entity("gpe:lima", "Lima", "GPE", same_as=("https://x/1",)))
    meeting = Event("m1", "meeting", "meet", Evidence("d1", 0, 59, text[:59], rule="meet-verb"),
                    participants=("p:vela", "p:tarsi"), location="gpe:lima", date="2031-04-28", confidence=0.75)
    said = Event("s1", "statement", "say", Evidence("d1", 60, len(text), text[60:]), speaker="p:vela", quote="We agreed,",
                 confidence=1)
    post = Affiliation("p:vela", "gpe:peru", Evidence("d1", 0, 59, text[:59]), role="Foreign Minister", current=None)
    return Extraction(doc, people, (meeting, said), (post,))


def test_to_dict_is_asdict_with_lists():
    record = _record()
    assert to_dict(record) == _lists(dataclasses.asdict(record))
    assert extraction_from_dict(to_dict(record)) == record


def _mutations(data: dict, rnd: random.Random):
    """Copies of ``data`` with one value swapped for another type, one key dropped or added."""
    paths = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                paths.append(path + (key,))
                walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                paths.append(path + (i,))
                walk(item, path + (i,))

    walk(data, ())
    odd = [None, 1, 1.5, True, "x", [], ["x"], {}, {"a": 1}]
    for path in paths:
        for _ in range(2):
            mutated = copy.deepcopy(data)
            parent = mutated
            for step in path[:-1]:
                parent = parent[step]
            action = rnd.random()
            if action < 0.6:
                parent[path[-1]] = rnd.choice(odd)
            elif action < 0.8 and isinstance(parent, dict):
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent["extra"] = 1
            yield mutated


def test_quick_reader_accepts_and_refuses_what_the_checking_reader_does():
    data = to_dict(_record())
    rnd = random.Random(15)
    accepted = refused = 0
    for mutated in _mutations(data, rnd):
        try:
            expected = _from_dict(Extraction, mutated, "extraction")
        except RecordError as error:
            with pytest.raises(RecordError) as raised:
                extraction_from_dict(mutated)
            assert str(raised.value) == str(error)
            refused += 1
            continue
        try:
            got = extraction_from_dict(mutated)
        except RecordError as error:  # offsets outside the text: refused after reading, by both
            assert "outside the text" in str(error)
            continue
        assert got == expected
        accepted += 1
    assert accepted > 20 and refused > 100
