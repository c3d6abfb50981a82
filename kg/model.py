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

import copy
import dataclasses
import types
import typing
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any

from kg.errors import KGError

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
    "RecordError",
    "check_offsets",
    "extraction_from_dict",
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
    """Plain-dict form of a record (tuples become lists), ready for JSON.

    What ``dataclasses.asdict`` gives with every tuple a list, made without its deep
    copies (records hold only text, numbers and other records).

    Examples
    --------
    >>> to_dict(Mention("Peru", 0, 4, "GPE"))
    {'text': 'Peru', 'start': 0, 'end': 4, 'label': 'GPE'}
    """
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        raise TypeError("to_dict() should be called on dataclass instances")
    return _plain(record)


_ATOMS = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    if isinstance(value, _ATOMS):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return copy.deepcopy(value)
    names = _FIELD_NAMES.get(type(value))
    if names is None:
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    return {name: _plain(getattr(value, name)) for name in names}


class RecordError(KGError, ValueError):
    """A stored record kg cannot use; the message says where in the record and why."""


def extraction_from_dict(data: Any) -> Extraction:
    """Read back an :class:`Extraction` written by :func:`to_dict`, checking every value.

    Each field must have the type its dataclass declares (a number given as text, a list
    where a name is expected, a key the records do not have are refused), and every
    offset must fall inside the document's text (:func:`check_offsets`).

    Raises
    ------
    RecordError
        Naming the field (``extraction.events[0].evidence.start``) and the problem.

    Examples
    --------
    >>> record = Extraction(Document("a1", "Peru"), (Entity("gpe:peru", "Peru", "GPE", aliases=("Perú",)),))
    >>> extraction_from_dict(to_dict(record)) == record
    True
    >>> extraction_from_dict({"document": {"id": ["a1"], "text": "x"}})
    Traceback (most recent call last):
    ...
    kg.model.RecordError: extraction.document.id: expected text, got a list
    """
    try:
        record = _read(Extraction)(data)
    except _Refused:
        record = None
    if record is None:  # read again, slowly, for the message naming the field
        record = _from_dict(Extraction, data, "extraction")
    check_offsets(record)
    return record


def check_offsets(record: Extraction) -> None:
    """Raise :class:`RecordError` unless every evidence and mention offset lies in the text.

    Examples
    --------
    >>> doc = Document("a1", "Lavrov met Karzai.")
    >>> check_offsets(Extraction(doc, events=(Event("m", "meeting", None, Evidence("a1", 0, 99, "")),)))
    Traceback (most recent call last):
    ...
    kg.model.RecordError: extraction.events[0].evidence: offsets 0-99 outside the text (18 characters)
    """
    length = len(record.document.text)

    def check(where: str, start: int, end: int) -> None:
        if not 0 <= start <= end <= length:
            raise RecordError(f"{where}: offsets {start}-{end} outside the text ({length} characters)")

    for i, entity in enumerate(record.entities):
        for j, mention in enumerate(entity.mentions):
            check(f"extraction.entities[{i}].mentions[{j}]", mention.start, mention.end)
    for i, event in enumerate(record.events):
        check(f"extraction.events[{i}].evidence", event.evidence.start, event.evidence.end)
    for i, affiliation in enumerate(record.affiliations):
        check(f"extraction.affiliations[{i}].evidence", affiliation.evidence.start, affiliation.evidence.end)


_KINDS = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return f"text {value[:20]!r}"
    return {int: "a number", float: "a number", list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _from_dict(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise RecordError(f"{where}: expected an object for {cls.__name__}, got {_kind(data)}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise RecordError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))} for {cls.__name__}; "
                          f"expected {', '.join(fields)}")
    required = [name for name, f in fields.items()
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    missing = [name for name in required if name not in data]
    if missing:
        raise RecordError(f"{where}: missing {', '.join(map(repr, missing))} for {cls.__name__}")
    hints = _hints(cls)
    return cls(**{name: _value(hints[name], value, f"{where}.{name}") for name, value in data.items()})


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


class _Refused(Exception):
    """A value :func:`_read` does not accept (:func:`_from_dict` says why)."""


_READERS: dict[Any, Callable[[Any], Any]] = {}


def _read(hint: Any) -> Callable[[Any], Any]:
    """A reader of values of type ``hint`` that accepts exactly what :func:`_value` accepts
    and returns the same, without keeping track of where it is (records are read by the
    thousand; the slow reader runs only to name what a refused record got wrong)."""
    reader = _READERS.get(hint)
    if reader is None:
        reader = _READERS[hint] = _make_reader(hint)
    return reader


def _make_reader(hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
        if len(arms) != 1:
            return lambda value: value
        arm = _read(arms[0])
        return lambda value: None if value is None else arm(value)
    if origin is tuple:
        item = _read(typing.get_args(hint)[0])

        def read_tuple(value: Any) -> tuple:
            if not isinstance(value, list):
                raise _Refused
            return tuple(item(v) for v in value)

        return read_tuple
    if dataclasses.is_dataclass(hint):
        return _dataclass_reader(hint)
    if hint is float:
        def read_float(value: Any) -> Any:
            if type(value) is float or (isinstance(value, int) and not isinstance(value, bool)):
                return value
            raise _Refused

        return read_float
    if hint in _KINDS:
        def read_exact(value: Any) -> Any:
            if type(value) is not hint:
                raise _Refused
            return value

        return read_exact
    return lambda value: value


def _dataclass_reader(cls: type) -> Callable[[Any], Any]:
    fields = {f.name: f for f in dataclasses.fields(cls)}
    required = frozenset(name for name, f in fields.items()
                         if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
    hints = _hints(cls)
    readers: dict[str, Callable[[Any], Any]] = {}

    def read_record(value: Any) -> Any:
        if not isinstance(value, dict) or not required <= value.keys():
            raise _Refused
        if not readers:  # made on first use: a record type may refer to one defined after it
            readers.update((name, _read(hints[name])) for name in fields)
        try:
            return cls(**{name: readers[name](item) for name, item in value.items()})
        except KeyError:  # a key the record type does not have
            raise _Refused from None

    return read_record


def _value(hint: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
        return _value(arms[0], value, where) if len(arms) == 1 else value
    if origin is tuple:
        if not isinstance(value, list):
            raise RecordError(f"{where}: expected a list, got {_kind(value)}")
        item = typing.get_args(hint)[0]
        return tuple(_value(item, v, f"{where}[{i}]") for i, v in enumerate(value))
    if dataclasses.is_dataclass(hint):
        return _from_dict(hint, value, where)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return value
    if hint in _KINDS and not (type(value) is hint):
        raise RecordError(f"{where}: expected {_KINDS[hint]}, got {_kind(value)}")
    return value
