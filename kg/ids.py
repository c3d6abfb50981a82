"""Stable identifiers: the same entity or event gets the same id in every run."""
from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["entity_id", "event_id", "identity_key", "normalise_name", "slugify"]


def normalise_name(text: str) -> str:
    """NFKC, case-folded, whitespace collapsed: "Hamid  Karzai" and "hamid karzai" agree.

    Examples
    --------
    >>> normalise_name("Hamid  KARZAI")
    'hamid karzai'
    """
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def identity_key(text: str) -> str:
    """The identity key of a name or id, as kg's IRIs see it: NFKC, case-folded, invisible
    characters dropped, whitespace collapsed. Two ids with one key get one IRI.

    Examples
    --------
    >>> identity_key("Doc1") == identity_key("doc1")
    True
    >>> identity_key("Cafe\u0301") == identity_key("Caf\u00e9")
    True
    """
    text = str(text)
    if text.isascii() and text.isprintable():  # the common case: NFKC and casefold are trivial
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for ch in text:
        if ch.isspace():
            kept.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs"):
            kept.append(ch)
    text = unicodedata.normalize("NFKC", "".join(kept).casefold())
    return " ".join(text.split())


def slugify(text: str, *, limit: int = 60) -> str:
    """ASCII slug of a name, with a hash suffix when folding loses too much or it is long.

    Examples
    --------
    >>> slugify("Sergei  Lavrov")
    'sergei-lavrov'
    >>> slugify("Káčer")
    'kacer'
    """
    normal = normalise_name(text)
    folded = unicodedata.normalize("NFKD", normal).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if not slug or len(slug) > limit or len(slug) < len(normal.replace(" ", "")) // 2:
        digest = hashlib.sha1(normal.encode("utf-8")).hexdigest()[:10]
        slug = f"{slug[:limit - 11]}-{digest}".strip("-")
    return slug


def entity_id(entity_type: str, name: str) -> str:
    """Entity id from type and normalised name.

    Examples
    --------
    >>> entity_id("PERSON", "Sergei Lavrov")
    'person:sergei-lavrov'
    """
    return f"{entity_type.lower()}:{slugify(name)}"


def event_id(kind: str, *parts: object) -> str:
    """Event id hashed from what locates the event (document, offsets, trigger).

    Examples
    --------
    >>> event_id("meeting", "d1", 0, 3) == event_id("meeting", "d1", 0, 3)
    True
    """
    key = "|".join(str(p) for p in parts)
    return f"{kind}:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"
