"""kg.export.jsonstream: lazily written JSON is byte for byte what json.dumps writes."""
import io
import json
import random

import pytest

from kg.export.jsonstream import LazyDict, LazyList, write_json

VALUES = [
    {"name": "Ana Silva", "aliases": ["Silva", "A. Silva"], "mentions": []},
    {"évidence": "She said: \"we met\\talked\"\n in Rabat\u2028", "start": 0, "end": -12, "score": 0.25},
    {"empty": {}, "nested": [[], [{}], [[1, 2], {"b": None, "a": True}]], "flag": False},
    {"big": 10 ** 30, "tiny": 1e-300, "zero": -0.0, "tuple": ("x", 1)},
    {"not a number": float("nan"), "far": float("inf"), "near": -float("inf")},
    {1: "int key", None: "null key", 2.5: "float key", True: "bool key"},
]


def _written(value, **options) -> str:
    out = io.StringIO()
    write_json(value, out.write, **options)
    return out.getvalue()


@pytest.mark.parametrize("indent", [1, 2, 4])
@pytest.mark.parametrize("sort_keys", [False, True])
def test_plain_and_lazy_parts_match_json_dumps(indent, sort_keys):
    for value in VALUES:
        if sort_keys and any(not isinstance(key, str) for key in value):
            continue  # json.dumps cannot sort keys of mixed types either
        expected = json.dumps({"a": value, "b": [value, value]}, indent=indent, sort_keys=sort_keys, ensure_ascii=False)
        lazy = {"a": value, "b": LazyList(iter([value, value]))}
        assert _written(lazy, indent=indent, sort_keys=sort_keys) == expected
        assert _written(value, indent=indent, sort_keys=sort_keys) == json.dumps(
            value, indent=indent, sort_keys=sort_keys, ensure_ascii=False)


def test_random_trees_match_json_dumps():
    rnd = random.Random(5)

    def tree(depth: int):
        roll = rnd.random()
        if depth > 3 or roll < 0.35:
            return rnd.choice(["Rabat", "", "line\nbreak", 7, -3, 2.5, None, True, False])
        if roll < 0.65:
            return [tree(depth + 1) for _ in range(rnd.randint(0, 3))]
        return {f"k{rnd.randint(0, 9)}": tree(depth + 1) for _ in range(rnd.randint(0, 3))}

    for _ in range(300):
        value = tree(0)
        assert _written({"index": LazyDict(iter([("only", value)]))}, indent=1) == json.dumps(
            {"index": {"only": value}}, indent=1, ensure_ascii=False)
        expected = json.dumps({"documents": [value]}, indent=2, sort_keys=True, ensure_ascii=False)
        assert _written({"documents": LazyList(iter([value]))}, indent=2, sort_keys=True) == expected


def test_a_value_json_cannot_write_is_refused_as_json_refuses_it():
    with pytest.raises(TypeError):
        json.dumps({"when": object()}, indent=2)
    with pytest.raises(TypeError):
        _written({"documents": LazyList(iter([{"when": object()}]))}, indent=2)
