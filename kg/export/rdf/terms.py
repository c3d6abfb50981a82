"""RDF terms: IRIs minted from hashes, literals typed and cleaned.

No blank nodes and no raw text in IRIs: every IRI is ``{base}{kind}/{hash}`` of a
normalised name (:func:`mint_iri`), so output is deterministic and merging two exports is
idempotent; literals lose the characters XML 1.0 cannot hold.
"""
from __future__ import annotations

import hashlib
import math
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import _is_valid_uri

from kg.ids import identity_key as normalise_name  # the identity key of a name: one key, one IRI
from kg.ingest.decode import NOT_XML_CHAR


class Terms:
    """A closed namespace's terms by attribute (``XSD.date``), each looked up once:
    rdflib's DefinedNamespace checks every lookup against its term list, which took 6%
    of writing the RDF of 3,000 articles."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        self.__dict__[name] = term
        return term


XSD = Terms(XSD)

__all__ = ["BASE", "NOT_XML_CHAR", "Quad", "Terms", "checked_base", "date_literal", "decimal_literal",
           "integer_literal", "is_valid_iri", "mint_iri", "normalise_name", "text_literal"]


BASE = "https://w3id.org/kg/id/"
"""Where kg mints the IRIs of the things it describes."""
Quad = tuple[URIRef, URIRef, "URIRef | Literal", URIRef]
_KIND = re.compile(r"[a-z][a-z0-9-]{0,39}")
# RFC 3987 excludes spaces, controls, <>"{}|\^` and the bidi formatting characters
_IRI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*:"
    r"[^\s<>\"{}|\\^`\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
    r"\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]+"
)
_YEAR = re.compile(r"[0-9]{4}")
_YEAR_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def mint_iri(kind: str, name: str, disambiguator: str = "", *, base: str = BASE) -> URIRef:
    """Mint the IRI of a thing from its kind and name: ``{base}{kind}/{hash}``.

    The hash (BLAKE2b, 128 bits) is taken over the NFKC-normalised, case-folded,
    whitespace-collapsed kind, name and disambiguator, with control and invisible format
    characters removed. The name never appears in the IRI, so any name gives a valid IRI,
    and names that differ only in case, spacing or compatibility forms give the same one.

    Parameters
    ----------
    kind : str
        What the thing is, a short lowercase word: ``person``, ``organization``,
        ``meeting``, ``membership``... It becomes a path segment.
    name : str
        Its name or id (a label, a node id).
    disambiguator : str, optional
        Anything else that tells two things of one kind and name apart.
    base : str, optional
        An absolute http(s) IRI ending in ``/``.

    Returns
    -------
    rdflib.URIRef

    Raises
    ------
    ValueError
        If ``kind`` is not a short lowercase word or ``base`` not a usable base IRI.

    Examples
    --------
    >>> mint_iri("person", "Hamid  Karzai") == mint_iri("person", "hamid karzai")
    True
    >>> mint_iri("person", "Karzai") == mint_iri("organization", "Karzai")
    False
    >>> str(mint_iri("person", "Hamid Karzai")).startswith("https://w3id.org/kg/id/person/")
    True
    """
    slug = normalise_name(kind)
    if not _KIND.fullmatch(slug):
        raise ValueError(
            f"kind {kind!r}: expected a short lowercase word such as 'person' ([a-z][a-z0-9-]*)"
        )
    key = "\x1f".join((slug, normalise_name(name), normalise_name(disambiguator)))
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return URIRef(checked_base(base) + slug + "/" + digest)


def is_valid_iri(value: str) -> bool:
    """Whether ``value`` is an absolute IRI that every RDF syntax can write unescaped.

    Checks the scheme, the characters RFC 3987 excludes (spaces, controls, ``<>"{}|\\^```,
    bidi formatting marks) and, for http(s), that there is a host.

    Examples
    --------
    >>> is_valid_iri("https://sws.geonames.org/1149361/")
    True
    >>> is_valid_iri("https://example.org/a b"), is_valid_iri("Kabul")
    (False, False)
    """
    if not isinstance(value, str) or not _IRI.fullmatch(value) or not _is_valid_uri(value):
        return False
    parts = urlsplit(value)
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        return False
    return True


@lru_cache(maxsize=16)
def checked_base(base: str) -> str:
    if not (is_valid_iri(base) and base.endswith("/")
            and urlsplit(base).scheme.lower() in ("http", "https")):
        raise ValueError(f"base {base!r}: expected an absolute http(s) IRI ending in '/'")
    return base


def text_literal(value: Any) -> Literal:
    """A plain string literal, without the characters XML 1.0 forbids."""
    text = str(value)
    if len(text) <= _SHORT_TEXT:
        return _short_text_literal(text)
    return Literal(NOT_XML_CHAR.sub("", text))


_SHORT_TEXT = 64  # statuses, rule ids, triggers, labels, ids repeat across events; sentences do not


@lru_cache(maxsize=65536)
def _short_text_literal(text: str) -> Literal:
    """:func:`text_literal` of a short text, made once (an rdflib Literal costs microseconds)."""
    return Literal(NOT_XML_CHAR.sub("", text))


def date_literal(value: Any, *, allow_datetime: bool = False) -> Literal | None:
    """Type an ISO date string by its precision: xsd:date, xsd:gYearMonth or xsd:gYear."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        if _DATE.fullmatch(value):
            date.fromisoformat(value)
            return Literal(value, datatype=XSD.date)
        match = _YEAR_MONTH.fullmatch(value)
        if match and 1 <= int(match.group(2)) <= 12:
            return Literal(value, datatype=XSD.gYearMonth)
        if _YEAR.fullmatch(value):
            return Literal(value, datatype=XSD.gYear)
        if "T" in value:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if allow_datetime:
                return Literal(value, datatype=XSD.dateTime)
            return Literal(moment.date().isoformat(), datatype=XSD.date)
    except ValueError:
        pass
    return None


def integer_literal(value: Any) -> Literal | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return Literal(str(value), datatype=XSD.nonNegativeInteger)


def decimal_literal(value: Any) -> Literal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return _decimal_literal(float(value))


@lru_cache(maxsize=4096)  # confidences repeat, and an rdflib Literal costs microseconds to make
def _decimal_literal(value: float) -> Literal:
    lexical = f"{value:.4f}".rstrip("0")
    return Literal(lexical + "0" if lexical.endswith(".") else lexical, datatype=XSD.decimal)
