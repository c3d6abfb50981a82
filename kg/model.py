"""The records that flow between kg's stages.

Every stage takes and returns these frozen dataclasses; none holds a spaCy object, so
records pickle cheaply across processes and serialise to JSON as they are.

Examples
--------
>>> ev = Evidence(doc_id="a1", start=0, end=18, sentence="Lavrov met Karzai.")
>>> ev.sentence[ev.start:ev.end]
'Lavrov met Karzai.'
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = [
    "ACTOR_TYPES",
    "PLACE_TYPES",
    "Affiliation",
    "Document",
    "Entity",
    "Event",
    "Evidence",
    "Extraction",
    "Mention",
    "to_dict",
]

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Document:
    """One article: its body text and what is known about it.

    Character offsets everywhere in kg point into ``text`` (the body, without the title).
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date, anchors relative dates
    source: str | None = None  # the file it came from
    url: str | None = None
    publisher: str | None = None  # who published it, when the record says ("Voice of America")
    publisher_country: str | None = None  # whose government or national outlet it is ("Japan")


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence and its character offsets in the document.

    ``sentence`` is ``document.text[start:end]`` without the white space around it (a
    spaCy sentence ends with the blank lines after it); the offsets move with the trim,
    so they still point at exactly the text kept.

    >>> Evidence("a1", 10, 32, "Lavrov met Karzai.\\n\\n  ")
    Evidence(doc_id='a1', start=10, end=28, sentence='Lavrov met Karzai.', rule=None)
    """

    doc_id: str
    start: int
    end: int
    sentence: str
    rule: str | None = None  # the pattern or rule that produced the fact

    def __post_init__(self) -> None:
        trimmed = self.sentence.strip()
        if trimmed != self.sentence and trimmed:
            lead = len(self.sentence) - len(self.sentence.lstrip())
            object.__setattr__(self, "start", self.start + lead)
            object.__setattr__(self, "end", self.start + len(trimmed))
            object.__setattr__(self, "sentence", trimmed)


@dataclass(frozen=True, order=True)
class Mention:
    """One surface form of an entity in a document."""

    text: str
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Entity:
    """A resolved real-world entity: one per person, organisation or place in a run."""

    id: str
    name: str
    type: str  # PERSON | ORG | GPE | LOC | NORP | FAC
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()  # external IRIs (GeoNames), never guessed
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Event:
    """A meeting or a statement, with its actors as entity ids."""

    id: str
    type: str  # meeting | statement
    subtype: str | None
    evidence: Evidence
    participants: tuple[str, ...] = ()  # meetings
    speaker: str | None = None  # statements
    location: str | None = None
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    status: str = "occurred"  # occurred | planned | cancelled | uncertain | negated
    quote: str | None = None  # verbatim, for direct quotes
    content: str | None = None  # reported speech
    trigger: str | None = None
    cameo: str | None = None  # CAMEO code, a string: "043"
    plover: str | None = None  # PLOVER event type
    confidence: float = 0.5


@dataclass(frozen=True)
class Affiliation:
    """A person's post or membership in an organisation or country."""

    person: str
    organization: str
    evidence: Evidence
    role: str | None = None
    current: bool | None = True
    confidence: float = 0.5


@dataclass(frozen=True)
class Extraction:
    """Everything read from one document."""

    document: Document
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()


def to_dict(record: Any) -> dict[str, Any]:
    """Plain-dict form of a record (tuples become lists), ready for JSON."""
    return _lists(asdict(record))


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(item) for item in value]
    return value

