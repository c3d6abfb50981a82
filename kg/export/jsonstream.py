"""JSON written a piece at a time, byte-identical to ``json.dumps`` of the whole value.

An export of a million-article corpus cannot build its JSON in memory first. Wrap the
long parts of a value in :class:`LazyList` or :class:`LazyDict` (an iterable, read once,
as the value is written) and :func:`write_json` writes exactly the bytes
``json.dumps(value, indent=..., sort_keys=..., ensure_ascii=False)`` would give for the
value with those parts as lists and dicts, holding one element at a time.

Examples
--------
>>> import io, json
>>> value = {"b": LazyList(iter([{"x": 1}, [2, 3]])), "a": LazyDict(iter([("k", None)]))}
>>> out = io.StringIO(); write_json(value, out.write, indent=1, sort_keys=True)
>>> out.getvalue() == json.dumps({"b": [{"x": 1}, [2, 3]], "a": {"k": None}}, indent=1, sort_keys=True)
True
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["LazyDict", "LazyList", "write_json"]


class LazyList:
    """A JSON array whose items come from ``items`` as it is written."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


class LazyDict:
    """A JSON object whose ``(key, value)`` pairs come from ``items``, already in the order
    to write (sorted by key when the output sorts keys)."""

    def __init__(self, items: Iterable[tuple[str, Any]]) -> None:
        self.items = items


def write_json(value: Any, write: Callable[[str], Any], *, indent: int, sort_keys: bool = False) -> None:
    """Write ``value`` (with lazy parts) as indented JSON through ``write``; see the module docstring."""
    _write(value, write, indent, sort_keys, 0)


def _has_lazy(value: Any) -> bool:
    return isinstance(value, dict) and any(isinstance(v, (LazyList, LazyDict)) or _has_lazy(v)
                                           for v in value.values())


def _write(value: Any, write: Callable[[str], Any], indent: int, sort_keys: bool, level: int) -> None:
    if isinstance(value, LazyList):
        items: Iterable[tuple[str | None, Any]] = ((None, item) for item in value.items)
        brackets = "[]"
    elif isinstance(value, LazyDict):
        items, brackets = value.items, "{}"
    elif _has_lazy(value):
        items, brackets = (sorted(value.items()) if sort_keys else value.items()), "{}"
    else:
        text = json.dumps(value, indent=indent, sort_keys=sort_keys, ensure_ascii=False)
        write(text.replace("\n", "\n" + " " * (indent * level)) if level and "\n" in text else text)
        return
    inner = " " * (indent * (level + 1))
    empty = True
    for key, item in items:
        write(f"{brackets[0]}\n{inner}" if empty else f",\n{inner}")
        empty = False
        if key is not None:
            write(json.dumps(key, ensure_ascii=False) + ": ")
        _write(item, write, indent, sort_keys, level + 1)
    write(brackets if empty else "\n" + " " * (indent * level) + brackets[1])
