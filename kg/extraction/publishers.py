"""Who published a document: a government, a national news outlet or an international body.

The publisher is part of what a careful reader knows (``../shared/eval/GUIDELINES.md``):
a government's own release names its own officials by a bare title ("Secretary Kerry"
from the State Department), and its unnamed "the Prime Minister" is the country itself.
Where it comes from, first found wins:

1. the record: ``publisher`` / ``publisher_country`` of a JSONL line, or the
   ``--publisher-country`` option (both land in :class:`~kg.model.Document`);
2. the source address: its host, or a host it is under, in ``rules/publishers.json``
   ("www2.pm.gov.au" is under "pm.gov.au"), else a government suffix "gov.XX" / "go.XX" /
   "gouv.XX" ... read as the government of the country with ISO code XX;
3. a header line only one publisher prints ("Office of the Spokesperson").

Nothing is guessed from the text's topic: an article with none of these has no publisher.

Examples
--------
>>> from kg.model import Document
>>> find_publisher(Document("d", "x", url="https://www.mofa.go.jp/press/1.html")).country
'Japan'
>>> find_publisher(Document("d", "x", url="https://www.gov.pl/web/diplomacy")).country
'Poland'
>>> find_publisher(Document("d", "x", url="https://example.com/a")) is None
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from kg.extraction import gazetteer
from kg.errors import KGError
from kg.model import Document
from kg.rules import load_rules

__all__ = ["KINDS", "Publisher", "find_publisher", "lacks_office", "publisher_of_host"]

KINDS = ("government", "news", "international")
HEADER_LINES = 4  # header lines sit above the body's first paragraph
_SEPARATOR = re.compile(r"\s+[-–—|]\s+")


@dataclass(frozen=True)
class Publisher:
    """The body behind a document and the convention it follows."""

    name: str
    kind: str  # government | news | international
    via: str  # record | domain | header: where kg read it
    country: str | None = None  # a gazetteer country name: whose officials a bare title names
    organization: str | None = None  # an international body: whose officers a bare title names
    institutions: tuple[str, ...] = ()  # its bodies its releases name by their head alone ("the Commission")

    @property
    def actor(self) -> str | None:
        """The name of the actor an unnamed "the Prime Minister" stands for in its releases."""
        return self.country if self.kind == "government" else self.organization if self.kind == "international" else None


def find_publisher(document: Document) -> Publisher | None:
    """The publisher of ``document`` from its record, source address or header lines."""
    if document.publisher_country or document.publisher:
        found = _from_record(document)
        if found:
            return found
    if document.url:
        found = publisher_of_host(urlsplit(document.url).hostname or "")
        if found:
            return found
    return _from_header(document.text)


def _from_record(document: Document) -> Publisher | None:
    """A publisher named in the record: a known one keeps its kind; a country alone is
    read as its government (whose bare titles name that country's officials either way)."""
    country = None
    if document.publisher_country:
        place = gazetteer.lookup_country(document.publisher_country)
        country = place.name if place else None
    known = _by_name().get((document.publisher or "").casefold())
    if known:
        return Publisher(known.name, known.kind, "record", country=country or known.country,
                         organization=known.organization)
    if country is None:
        return None
    return Publisher(document.publisher or country, "government", "record", country=country)


def publisher_of_host(host: str) -> Publisher | None:
    """The publisher whose address ``host`` is, from the domain table or a government suffix.

    Examples
    --------
    >>> publisher_of_host("www2.pm.gov.au").name
    'Prime Minister of Australia'
    >>> publisher_of_host("bidenwhitehouse.archives.gov").country
    'United States'
    """
    labels = host.casefold().rstrip(".").split(".")
    domains = _rules()["domains"]
    for i in range(len(labels) - 1):
        entry = domains.get(".".join(labels[i:]))
        if entry:
            return _entry(entry, entry["publisher"], "domain")
    if len(labels) >= 3 and labels[-2] in _rules()["government_suffixes"] and len(labels[-1]) == 2:
        country = gazetteer.country_by_code(labels[-1].upper())
        if country:
            return Publisher(f"Government of {country.name}", "government", "domain", country=country.name)
    if labels[-1] in ("gov", "mil") and len(labels) >= 2:
        return Publisher("U.S. Government", "government", "domain", country="United States")
    return None


def lacks_office(country: str | None, role: str) -> bool:
    """Whether ``country``'s own government has no post of this kind, so that a bare
    ``role`` in its releases is a foreigner's ("Prime Minister Kenji Mori" from the White
    House, "President Ana Vega" from the UK government).

    Examples
    --------
    >>> lacks_office("United States", "Minister of Foreign Affairs"), lacks_office("United States", "Secretary")
    (True, False)
    >>> lacks_office("United Kingdom", "Vice President"), lacks_office("United Kingdom", "Secretary of State for Wales")
    (True, False)
    """
    absent = _rules()["absent_offices"].get(country or "")
    if not absent:
        return False
    lowered = role.casefold().strip()
    head = _COMPLEMENT.split(lowered, maxsplit=1)[0]
    return lowered in absent or any(head == office or head.endswith(" " + office) for office in absent
                                    if " of " not in office)


_COMPLEMENT = re.compile(r"\s+(?:of|for|to)\s+")


def _from_header(text: str) -> Publisher | None:
    headers = _headers()
    for line in [line.strip() for line in text.split("\n") if line.strip()][:HEADER_LINES]:
        for part in _SEPARATOR.split(line):
            entry = headers.get(part.strip().casefold())
            if entry:
                return _entry(entry, entry["publisher"], "header")
        opening = next((entry for words, entry in _header_openings() if line.casefold().startswith(words)), None)
        if opening:
            return _entry(opening, opening["publisher"], "header")
    return None


@lru_cache(maxsize=1)
def _header_openings() -> tuple[tuple[str, dict], ...]:
    """(lower-cased opening words followed by a space, entry), longest first."""
    openings = _rules().get("header_openings", {})
    return tuple(sorted(((f"{words.casefold()} ", entry) for words, entry in openings.items()),
                        key=lambda item: -len(item[0])))


def _entry(entry: dict, name: str, via: str) -> Publisher:
    return Publisher(name, entry["kind"], via, country=entry.get("country"), organization=entry.get("organization"),
                     institutions=tuple(entry.get("institutions", ())))


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Publisher]:
    """Publishers of the tables by their lower-cased name ("voice of america")."""
    found: dict[str, Publisher] = {}
    for table in ("domains", "headers"):
        for entry in _rules()[table].values():
            found.setdefault(entry["publisher"].casefold(), _entry(entry, entry["publisher"], "record"))
    return found


@lru_cache(maxsize=1)
def _headers() -> dict[str, dict]:
    return {line.casefold(): entry for line, entry in _rules()["headers"].items()}


@lru_cache(maxsize=1)
def _rules() -> dict:
    rules = load_rules("publishers")
    for where, table in (("domains", rules["domains"]), ("headers", rules["headers"])):
        for key, entry in table.items():
            if entry.get("kind") not in KINDS:
                raise KGError(f"rules/publishers.json: {where} {key!r}: kind {entry.get('kind')!r}; "
                              f"expected one of {', '.join(KINDS)}")
            if entry.get("country") and not gazetteer.lookup_country(entry["country"]):
                raise KGError(f"rules/publishers.json: {where} {key!r}: unknown country {entry['country']!r}")
    for country in rules["absent_offices"]:
        if not gazetteer.lookup_country(country) or gazetteer.lookup_country(country).name != country:
            raise KGError(f"rules/publishers.json: absent_offices: {country!r} is not a gazetteer country name")
    return rules
