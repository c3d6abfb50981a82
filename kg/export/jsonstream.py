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
        parts: list[str] = []
        _encode(value, parts.append, " " * indent, "\n" + " " * (indent * level), sort_keys)
        write("".join(parts))
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


_string = json.encoder.encode_basestring  # what json.dumps(..., ensure_ascii=False) quotes strings with


def _encode(value: Any, out: Callable[[str], Any], step: str, newline: str, sort_keys: bool) -> None:
    """``value`` as ``json.dumps(value, indent=len(step), sort_keys=sort_keys, ensure_ascii=False)``
    writes it, each line after the first opening with ``newline``'s indentation.

    The standard library indents in pure Python, a generator per container; this writes
    the same text about twice as fast (``extraction.json`` and ``graph.json`` are a large
    part of what ``kg add`` rewrites). Values of other types, NaN and infinities, and
    dicts with keys that are not strings are left to ``json.dumps`` itself.
    """
    kind = type(value)
    if kind is str:
        out(_string(value))
    elif kind is dict and all(type(key) is str for key in value):
        if not value:
            out("{}")
            return
        inner = newline + step
        opening = "{" + inner
        for key, item in (sorted(value.items()) if sort_keys else value.items()):
            out(opening + _string(key) + ": ")
            opening = "," + inner
            _encode(item, out, step, inner, sort_keys)
        out(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out("[]")
            return
        inner = newline + step
        opening = "[" + inner
        for item in value:
            out(opening)
            opening = "," + inner
            _encode(item, out, step, inner, sort_keys)
        out(newline + "]")
    elif value is None:
        out("null")
    elif value is True:
        out("true")
    elif value is False:
        out("false")
    elif kind is int:
        out(int.__repr__(value))
    elif kind is float and value - value == 0.0:  # finite
        out(float.__repr__(value))
    else:
        text = json.dumps(value, indent=len(step), sort_keys=sort_keys, ensure_ascii=False)
        out(text.replace("\n", newline))
