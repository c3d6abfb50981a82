"""Where a document's encounters happen when a clause does not say: venues and datelines.

A venue names its city ("at the Kremlin" is in Moscow; ``rules/venues.json``). A dateline
is where a release or a transcript was made: a short header line ("Diaoyutai, Beijing",
"June 27, 2021 - Ottawa, Ontario - Global Affairs Canada"), a wire-style opening
("MOSCOW, May 28 -") or a headline that is only a format and a place ("Press Conference
Jakarta"). The meeting reader gives it to the encounters of the publication day that
state no place of their own; a phone call has a place only when one is stated.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.extraction import gazetteer
from kg.extraction.dates import normalise_date
from kg.extraction.entities import DocumentEntities
from kg.extraction.tokens import text_of
from kg.ids import entity_id
from kg.model import Document, Entity
from kg.rules import load_rules

__all__ = ["dateline_date", "dateline_end", "dateline_place", "is_city", "place_entity", "place_nouns", "venue_below", "venue_city"]

# a header line is short: a place, a date, a publisher, a byline
HEADER_WORDS = 12
HEADER_LINES = 5
# a headline that is a place and a format word or two ("Doorstop, London", "Remarks in Hanoi")
TITLE_WORDS = 6
# "MOSCOW, May 28 (Reuters) -", "WASHINGTON —", "Kabul, Afghanistan -"
_WIRE = re.compile(r"^\s*([A-Z][A-Za-z.'’ -]{1,40}?)(?:,\s*[A-Z][A-Za-z.' -]{1,30}?)?\s*(?:,|\(|—|–|-{1,2}\s)")
# a dateline that opens a paragraph: "NEW YORK, 12 May 2031 -", "Addis Ababa, 8 July 2031:",
# "MOSCOW, May 28 (Reuters) -"; with no date only an upper-case place and a dash ("WASHINGTON —")
_DATELINE = re.compile(
    r"(?P<place>[A-Z][\w.'’ -]{1,40}?)(?:,\s*[A-Z][\w.'’ -]{1,30}?)?"
    r"(?:,\s*(?P<date>(?:\d{1,2}\s+(?P<month1>[A-Z][a-z]{2,8})\.?|(?P<month2>[A-Z][a-z]{2,8})\.?\s+\d{1,2})(?:,?\s+\d{4})?))?"
    r"\s*(?:\([^()\n]{1,30}\)\s*)?(?P<mark>[—–:]|-{1,2})\s+")
_MONTH_NAMES = ("january february march april may june july august september october november december "
                "jan feb mar apr jun jul aug sep sept oct nov dec").split()


@lru_cache(maxsize=1)
def _venues() -> dict[str, gazetteer.Place]:
    found = {}
    for venue, entry in load_rules("venues")["venues"].items():
        place = gazetteer.lookup_place(entry["city"])
        if place is not None and place.country_code == entry["country"]:
            found[_key(venue)] = place
    return found


def _key(text: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(text.split()), flags=re.IGNORECASE).casefold()


def venue_city(text: str) -> gazetteer.Place | None:
    """The city of a venue named by ``text``, if the venues table knows it.

    Examples
    --------
    >>> venue_city("the Kremlin").name
    'Moscow'
    >>> venue_city("the ministry") is None
    True
    """
    return _venues().get(_key(text))


def place_nouns() -> frozenset[str]:
    """Common nouns whose "of" phrase or apposition is a place ("the port city of Assab")."""
    return frozenset(load_rules("venues")["place_nouns"])


def venue_below(tokens: list[Token], ents: DocumentEntities) -> str | None:
    """The city of a venue that is the object of "in/at" among ``tokens``, as an entity id:
    "met at the Kremlin" -> Moscow."""
    for prep in tokens:
        if prep.dep_ != "prep" or prep.lower_ not in ("at", "in", "inside", "outside"):
            continue
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            words = [t for t in obj.subtree if t.i <= obj.i or t.dep_ == "prep" and t.lower_ == "of" or t.head.lower_ == "of"]
            candidates = [obj.doc[words[0].i:obj.i + 1].text, obj.doc[obj.left_edge.i:obj.right_edge.i + 1].text]
            for candidate in candidates:
                city = venue_city(candidate)
                if city is not None:
                    return place_entity(city, ents)
    return None


def place_entity(place: gazetteer.Place, ents: DocumentEntities) -> str:
    """The document's entity for a gazetteer place, added when the text does not name it
    (a venue's city, a headline's place): the same id as the entity stage would give it."""
    identifier = entity_id("GPE", place.name)
    if identifier not in ents.entities:
        same_as = (gazetteer.geonames_iri(place.geonames_id),) if place.geonames_id else ()
        ents.entities[identifier] = Entity(identifier, place.name, "GPE", (), same_as, ())
    return identifier


def dateline_place(doc: Doc, document: Document, ents: DocumentEntities) -> str | None:
    """The place a document was made at, as an entity id, or None."""
    return _header_place(doc, ents) or _wire_place(doc, ents) or _title_place(document, ents)


def _header_place(doc: Doc, ents: DocumentEntities) -> str | None:
    """A place on one of the short lines that open the body ("Diaoyutai, Beijing")."""
    offset = 0
    for number, line in enumerate(text_of(doc).split("\n")):
        if number >= HEADER_LINES or len(line.split()) > HEADER_WORDS:
            break
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip() or line.rstrip().endswith((".", ":", "?", "!")):
            continue
        span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
        if span is None:
            continue
        found = _place_in_line(span, ents) or _venue_in_line(line, ents)
        if found:
            return found
    return None


def _place_in_line(span, ents: DocumentEntities) -> str | None:
    places = [e for e in ents.in_range(span.start, span.end) if ents.type_of(e) == "GPE"]
    cities = [p for p in places if is_city(ents.entities[p].name)]
    return (cities or places or [None])[0]


def _venue_in_line(line: str, ents: DocumentEntities) -> str | None:
    for part in re.split(r"\s*[,;|–—-]\s+", line):
        city = venue_city(part)
        if city is not None:
            return place_entity(city, ents)
    return None


def _wire_place(doc: Doc, ents: DocumentEntities) -> str | None:
    """ "MOSCOW, May 28 (Reuters) - ...", "Addis Ababa, 8 July 2031: ...": the place that
    opens the story."""
    text = text_of(doc)
    first = text.lstrip().split("\n", 1)[0]
    dateline = _dateline(first)
    if dateline is not None:
        place = dateline[0]
    else:
        found = _WIRE.match(first)
        if found is None or not found.group(1).strip().isupper():
            return None
        place = gazetteer.lookup_place(found.group(1).strip().title())
        if place is None or place.type != "GPE":
            return None
    # the document's own mention of it ("NEW YORK"), else the gazetteer's entity
    opening = doc.char_span(len(text) - len(text.lstrip()), len(text) - len(text.lstrip()) + 1,
                            alignment_mode="expand")
    named = ents.at(opening[0]) if opening is not None else None
    return named if named is not None and ents.type_of(named) == "GPE" else place_entity(place, ents)


def dateline_end(paragraph: str) -> int | None:
    """Where the text begins after a dateline that opens ``paragraph``, or None: the
    dateline is a sentence of its own, not the subject of the first clause.

    Examples
    --------
    >>> dateline_end("NEW YORK, 12 May 2031 - The Secretary-General met today with X.")
    24
    >>> dateline_end("Lisbon, May 3, 2031: Ana Silva met Omar Haddad.")
    21
    >>> dateline_end("Ana Silva, 12 May 2031: a profile.") is None
    True
    """
    found = _dateline(paragraph)
    return found[1] if found else None


def dateline_date(text: str) -> str | None:
    """The date, with its year, of a dateline that opens ``text``, as ``YYYY-MM-DD``; else None.

    A document read without a publication date is dated by it, so that "on May 3" in
    the text takes the dateline's year rather than none.

    Examples
    --------
    >>> dateline_date("LIMA, April 28, 2031 - Ana Ruiz will travel to Tokyo.")
    '2031-04-28'
    >>> dateline_date("NEW YORK, 12 May 2031 - The Secretary-General met X.")
    '2031-05-12'
    >>> dateline_date("LIMA, April 28 - Ana Ruiz will travel to Tokyo.") is None
    True
    >>> dateline_date("Ana Ruiz, 28 April 2031: a profile.") is None
    True
    """
    paragraph = text.lstrip()
    found = _DATELINE.match(paragraph)
    if found is None or not found.group("date") or _dateline(paragraph) is None:
        return None
    if re.search(r"\d{4}$", found.group("date")) is None:
        return None
    return normalise_date(found.group("date"), None)


def _dateline(paragraph: str) -> tuple[gazetteer.Place, int] | None:
    found = _DATELINE.match(paragraph)
    if found is None:
        return None
    month = (found.group("month1") or found.group("month2") or "").casefold()
    if found.group("date") and month not in _MONTH_NAMES:
        return None
    if not found.group("date") and (found.group("mark") == ":" or not found.group("place").strip().isupper()):
        return None  # "SECRETARY POMPEO: Thank you" is a transcript turn
    name = found.group("place").strip()
    place = gazetteer.lookup_place(name.title() if name.isupper() else name)
    if place is None or place.type != "GPE":
        return None
    return place, found.end()


def _title_place(document: Document, ents: DocumentEntities) -> str | None:
    """ "Press Conference Jakarta", "Doorstop, London, United Kingdom": a short headline
    naming a city and no one (a headline with a name or a verb is about an event)."""
    title = document.title or ""
    words = re.findall(r"[\w’'.-]+", title)
    if not words or len(words) > TITLE_WORDS:
        return None
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            name = " ".join(words[start:start + size])
            if not name[0].isupper():
                continue
            place = gazetteer.lookup_place(name)
            if place is not None and place.type == "GPE" and is_city(name):
                return _existing(place, ents) or place_entity(place, ents)
    return None


def _existing(place: gazetteer.Place, ents: DocumentEntities) -> str | None:
    for entity in ents.entities.values():
        if entity.type == "GPE" and entity.name == place.name:
            return entity.id
    return None


def is_city(name: str) -> bool:
    """A place inside a country (a city, a province), not a country itself."""
    place = gazetteer.lookup_place(name)
    return place is not None and place.type == "GPE" and gazetteer.lookup_country(name) is None
