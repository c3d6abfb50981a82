"""JSON-LD read offline: a context kg would have to fetch is refused, never loaded.

rdflib's JSON-LD parser fetches every ``@context`` (and ``@import``) given by reference,
over HTTP or from a file next to the document; kg never uses the network (and a graph
whose meaning depends on a remote document changes when that document does). kg's own
JSON-LD exports carry their context inline.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.errors import KGError

__all__ = ["check_offline", "referenced_contexts"]


def referenced_contexts(data: object) -> Iterator[str]:
    """Every context ``data`` (decoded JSON-LD) names by reference rather than inline.

    Examples
    --------
    >>> list(referenced_contexts({"@context": ["https://schema.org/", {"x": "http://e/x"}]}))
    ['https://schema.org/']
    >>> list(referenced_contexts({"@context": {"@import": "ctx.jsonld"}, "@id": "http://e/a"}))
    ['ctx.jsonld']
    >>> list(referenced_contexts({"@context": {"x": "http://e/x"}}))
    []
    """
    pending = [data]  # a stack, not recursion: the file may be nested deeply
    while pending:
        value = pending.pop()
        if isinstance(value, list):
            pending.extend(reversed(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key in ("@context", "@import"):
                    contexts = item if isinstance(item, list) else [item]
                    yield from (c for c in contexts if isinstance(c, str))
                pending.append(item)


def check_offline(path: Path) -> None:
    """Refuse a JSON-LD file whose contexts would have to be fetched.

    Raises
    ------
    KGError
        ``"PATH: JSON-LD @context 'URL' is not inline; kg reads no remote or external
        context (no network access): inline it"``; or, for a file that is not JSON,
        ``"PATH: not valid jsonld (...)"``.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise KGError(f"{path}: cannot read ({error.strerror or error})") from None
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise KGError(f"{path}: not valid jsonld ({type(error).__name__}: {error})") from None
    for context in referenced_contexts(data):
        raise KGError(f"{path}: JSON-LD @context {context!r} is not inline; kg reads no remote or external "
                      f"context (no network access): inline it")
