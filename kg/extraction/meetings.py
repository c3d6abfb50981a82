"""Meetings: who met whom, where, when, and whether it happened.

Triggers come from ``rules/meetings.json``. For each trigger the clause around it is read:
participants from the subject, the object, "with"/"between" phrases, "attended by" and
noun modifiers ("Taliban talks", "Biden's call"); the place from "in/at"; the date from a
date expression in the clause; the status from modality and negation. Reports of one
encounter within a document are then merged.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import permutations

from spacy.tokens import Doc, Span, Token

from kg.extraction.dates import names_a_time, normalise_date
from kg.extraction.entities import DocumentEntities, title_at
from kg.extraction.matching import matches
from kg.extraction.matching import rule as matching_rule
from kg.extraction.places import dateline_place, is_city, venue_below
from kg.extraction.syntax import PLACE_PREPS, np_actors, place_below, place_in, status_of, subjects_of
from kg.extraction.tokens import text_of, tokens_of
from kg.extraction import gazetteer
from kg.ids import entity_id, event_id
from kg.model import ACTOR_TYPES, PLACE_TYPES, Document, Event, Evidence
from kg.rules import load_rules

__all__ = ["find_meetings", "is_courtesy_call", "merge_meetings"]

PLOVER = "CONSULT"
# planned and uncertain reports can be one encounter that has not happened yet
PROSPECTIVE = frozenset({"planned", "uncertain"})


@dataclass
class _Reading:
    trigger: Token
    rule: dict
    participants: list[str] = field(default_factory=list)
    location: str | None = None
    date: str | None = None
    status: str = "occurred"
    subtype: str = "meet"
    other_time: bool = False  # dated by an expression kg could not normalise
    sentences: set[int] = field(default_factory=set)  # token starts of the sentences merged in
    apart: set[int] = field(default_factory=set)  # triggers of other encounters in its sentence
    host: str | None = None  # a visit's host country
    absorbed: bool = False  # a visit that is the meeting it holds: dates the trip, not reported
    repeat: int = 0  # "met Y twice": the second encounter of one report is 1

    def __post_init__(self) -> None:
        self.sentences.add(self.trigger.sent.start)


def find_meetings(doc: Doc, document: Document, ents: DocumentEntities) -> list[Event]:
    """Meetings reported in ``doc``, merged per encounter, each with its evidence."""
    readings: list[_Reading] = []
    seen: set[int] = set()
    with _reported_so_far(ents) as report:
        for rule_id, start, end in matches(doc, "meetings"):
            rule = matching_rule("meetings", rule_id)
            trigger = doc[end - 1] if rule.get("trigger_last") else doc[start]  # "video conference"
            if trigger.i in seen:
                continue
            seen.add(trigger.i)
            reading = _read(trigger, rule, ents, document)
            for found in reading:
                report(found)
            readings.extend(reading)
    readings = _status_updated(_hosted_passives(readings))
    _addressed_attendees(readings, doc, ents)
    for reading in readings:
        _bridge(reading, ents, document)
    companions = _companions(doc, ents)
    # "X was joined in his meetings by A and B": X's delegation, not an encounter of its own
    readings = [r for r in readings if not any(set(r.participants) <= {lead, *party} for lead, party in companions.items())]
    for reading in readings:
        for person in list(reading.participants):
            reading.participants.extend(c for c in companions.get(person, []) if c not in reading.participants)
    readings = _on_a_trip(_framed(readings, ents), ents)
    _on_sidelines_before(readings)
    merged = merge_meetings([r for r in readings if not r.absorbed], ents)
    _without_spoken_for(merged, ents)
    _dated_by_trip(sorted(merged + [r for r in readings if r.absorbed], key=lambda r: r.trigger.i), ents)
    _dated_by_itinerary(merged, doc, document, ents)
    _continued(merged, ents)
    _placed_by_dateline(merged, doc, document, ents)
    return [_event(r, document, ents) for r in merged if len(r.participants) >= 2]


def _without_spoken_for(readings: list[_Reading], ents: DocumentEntities) -> None:
    """"State Visit of the President of Veloria to India" and "President X of Veloria paid a
    State Visit to India", merged: a country stands for its unnamed officials only, so one
    whose own official is a named party is no party beside them (a visit's host stays)."""
    sides = _sides(ents)
    for reading in readings:
        spoken_for = {sides[p] for p in reading.participants if p in sides and ents.type_of(p) == "PERSON"}
        kept = [p for p in reading.participants if p not in spoken_for or p == reading.host or ents.type_of(p) != "GPE"]
        if len(kept) >= 2:  # "X of Japan met Japanese officials": the country is the other side
            reading.participants = kept


def _status_updated(readings: list[_Reading]) -> list[_Reading]:
    """A later report that an encounter named by a definite noun is off ("X called off the
    talks", "the meeting was cancelled") updates the planned encounter it refers to instead
    of standing alone: the latest planned one of that kind whose participants include the
    update's. A postponed one stays planned; an update that matches no planned encounter
    stays as it was read."""
    postponing = set(load_rules("meetings")["postponing_verbs"])
    kept: list[_Reading] = []
    for reading in readings:
        target = None
        if reading.status == "cancelled" and reading.trigger.pos_ == "NOUN" and _determined(reading.trigger):
            target = next((earlier for earlier in reversed(kept) if earlier.status == "planned"
                           and _same_kind(earlier.subtype, reading.subtype)
                           and set(reading.participants) <= set(earlier.participants)), None)
        if target is None:
            kept.append(reading)
        elif reading.trigger.head.lemma_.lower() not in postponing:
            target.status = "cancelled"  # "the talks were postponed": still to come, later
    return kept


def _same_kind(first: str, second: str) -> bool:
    """ "will meet X" and then "the talks": meetings and talks name each other; a visit, a
    call or a summit is only itself."""
    return first == second or {first, second} <= {"meet", "talks"}


def _determined(noun: Token) -> bool:
    """ "the talks", "this visit", "their meeting": a noun that refers back to an encounter
    by its determiner (:func:`_definite` also asks that it be an encounter noun, unnamed)."""
    words = set(load_rules("meetings")["definite_determiners"])
    return any(child.dep_ in ("det", "poss") and child.lower_ in words for child in noun.children)


@contextmanager
def _reported_so_far(ents: DocumentEntities) -> Iterator[Callable[[_Reading], None]]:
    """While the triggers are read in text order, each encounter read is one "both sides",
    "the two leaders" in a later sentence can refer to ("X met Y. Both sides agreed to hold
    talks in May": X and Y). These notes are the raw readings; once merged, the meetings
    themselves are noted for the statements (:func:`kg.extraction.document.extract_doc`),
    so the notes made here are taken back at the end."""
    discourse = ents.discourse
    if discourse is None:
        yield lambda reading: None
        return
    before = list(discourse.encounters)

    def report(reading: _Reading) -> None:
        # its sentence's last token: a reference inside the sentence is part of the report
        discourse.note_encounter(reading.trigger.sent.end - 1, reading.participants)

    try:
        yield report
    finally:
        discourse.encounters[:] = before


ATTENDEES_REACH = 6  # sentences from a gathering's report to a word spoken to its attendees


def _addressed_attendees(readings: list[_Reading], doc: Doc, ents: DocumentEntities) -> None:
    """"African Union leaders opened a summit in Addis Ababa. ... X told the leaders that
    ...": one who speaks to, welcomes or urges the attendees of the gathering just reported
    (a plural noun for people as the verb's object) takes part in it, as do the bodies that
    object names ("told AU leaders"). Only when that gathering is the last encounter read
    before the verb, a few sentences before it at most (a wire story gives each its own
    paragraph)."""
    rules = load_rules("meetings")
    verbs = set(rules["addressing_verbs"])
    ordered = sorted(readings, key=lambda r: r.trigger.i)
    for verb in (t for t in tokens_of(doc) if t.lemma_.lower() in verbs and t.pos_ == "VERB"):
        audience = [c for c in verb.children if c.dep_ in ("dobj", "dative") and _attendees_noun(c)]
        if not audience or any(r.trigger.sent == verb.sent for r in ordered):
            continue  # an encounter of the verb's own sentence is read there
        last = next((r for r in reversed(ordered) if r.trigger.i < verb.i), None)
        if last is None or last.subtype != "summit" or last.status not in ("occurred", "planned"):
            continue
        if sum(1 for _ in doc[last.trigger.i:verb.i].sents) > ATTENDEES_REACH:
            continue  # far on in the story: another part of it
        speakers = [a for subject in subjects_of(verb) for a in np_actors(subject, ents, delegations=False)]
        if not any(ents.type_of(a) == "PERSON" for a in speakers):
            continue
        for actor in [*speakers, *(a for noun in audience for a in np_actors(noun, ents))]:
            if actor not in last.participants and ents.type_of(actor) in ACTOR_TYPES:
                last.participants.append(actor)


def _attendees_noun(noun: Token) -> bool:
    """"the leaders", "AU leaders", "fellow ministers", "the delegates": a plural noun for the
    people at a gathering, not one's own ("his ministers")."""
    words = set(load_rules("meetings")["attendee_nouns"])
    return noun.lower_ in words and not any(c.dep_ == "poss" for c in noun.children)


def _hosted_passives(readings: list[_Reading]) -> list[_Reading]:
    """"Friday's summit, due to be hosted by X": a passive reception with nothing received
    (no subject, no object) is the hosting of the event named just before it in its
    sentence, whatever the parse attached it to; its host joins that event."""
    kept: list[_Reading] = []
    for reading in readings:
        verb = reading.trigger
        passive = verb.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in verb.children) or verb.dep_ == "acl"
        relative = verb.dep_ == "relcl" and any(c.dep_ == "nsubjpass" and c.lower_ in ("which", "that")
                                                for c in verb.children)
        received = any(c.dep_ in ("nsubjpass", "nsubj", "dobj") for c in verb.children) and not relative
        # "a dinner hosted by X" hosts the dinner: only a verb the parse hung off no noun,
        # or a relative clause on an event's own phrase ("the Conference on Oceans, which is
        # being convened by A and B", the parse hanging it off "Oceans")
        misplaced = verb.head.pos_ not in ("NOUN", "PROPN")
        if reading.rule.get("id") in ("host", "convene") and passive and not received and (misplaced or relative):
            event = next((r for r in reversed(kept) if r.trigger.sent == verb.sent and r.trigger.i < verb.i
                          and r.trigger.pos_ in ("NOUN", "PROPN")
                          and (misplaced or r.trigger == verb.head or verb.head in r.trigger.subtree)), None)
            if event is not None:
                event.participants.extend(p for p in reading.participants if p not in event.participants)
                continue
        kept.append(reading)
    return kept


def _bridge(reading: _Reading, ents: DocumentEntities, document: Document) -> None:
    """"On Saturday, the Union opened its new headquarters. The event was attended by A
    and B": an encounter named only by a definite noun at the head of its sentence is what
    the sentence before it describes, when that one reports no encounter; it takes that
    sentence's subject as its host, and its date and place."""
    trigger = reading.trigger
    if trigger.pos_ in ("VERB", "AUX"):  # "The event was attended by A": its subject
        trigger = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), trigger)
    if trigger.dep_ not in ("nsubj", "nsubjpass") or not _definite(trigger) or _anaphor_kind(trigger) != "meet":
        return
    sentence = trigger.sent
    if sentence.start == 0:
        return
    previous = trigger.doc[sentence.start - 1].sent
    between = text_of(trigger.doc)[previous.end_char:sentence.start_char]
    if "\n\n" in between or any(start in range(previous.start, previous.end)
                                  for _rule, start, _end in matches(trigger.doc, "meetings")):
        return
    root = previous.root
    hosts = [a for subject in subjects_of(root) for a in np_actors(subject, ents, delegations=False)
             if ents.type_of(a) in ACTOR_TYPES]
    reading.participants[:0] = [h for h in hosts if h not in reading.participants]
    if reading.date is None:
        reading.date, reading.other_time = _date(root, None, document, future=reading.status == "planned")
    reading.location = reading.location or place_in(list(root.children), ents)


def _dated_by_itinerary(readings: list[_Reading], doc: Doc, document: Document, ents: DocumentEntities) -> None:
    """"She will be in Rome on April 16 ... While in Rome, she will meet X": an itinerary
    (someone is at a place on a day) dates that person's undated encounters at that place."""
    stops: list[tuple[set[str], str, str]] = []
    for verb in (t for t in tokens_of(doc) if t.lemma_ == "be" and t.pos_ in ("AUX", "VERB")):
        future = any(c.lower_ in ("will", "'ll") for c in verb.children)
        places = _itinerary_stops(verb, ents)
        if not places:
            continue
        people = {a for subject in subjects_of(verb) for a in np_actors(subject, ents, delegations=False)}
        if len(places) == 1:
            dated = [(places[0][1], _date(verb, None, document, future=future)[0])]
        else:  # "in Rome on April 16 and in Capri from April 17": each stop the date after it
            times = [t for t in _times_in(verb.sent) if _under(t.root, verb, verb, None)]
            ends = [start for start, _ in places[1:]] + [verb.sent.end]
            dated = [(place, next((value for t in times if start < t.start < end
                                   for value in [normalise_date(t.text, document.published, future=future)] if value),
                                  None)) for (start, place), end in zip(places, ends)]
        stops.extend((people, place, date) for place, date in dated if date and people)
    for reading in readings:
        if reading.date is None and not reading.other_time and reading.location:
            reading.date = next((date for people, place, date in stops
                                 if place == reading.location and people & set(reading.participants)), None)


def _itinerary_stops(verb: Token, ents: DocumentEntities) -> list[tuple[int, str]]:
    """(token, place) of each "in <place>" of a "be" clause, conjoined ones too, in text order."""
    preps = [c for c in verb.children if c.dep_ == "prep"]
    preps += [c for p in preps for c in p.conjuncts]
    found: list[tuple[int, str]] = []
    for prep in sorted(preps, key=lambda t: t.i):
        place = place_in([prep], ents)
        if place is not None and place not in (p for _, p in found):
            found.append((prep.i, place))
    return found


def _continued(readings: list[_Reading], ents: DocumentEntities) -> None:
    """"While in Rome, she will meet X. ... She will also meet Y": an encounter added with
    "also" and no place or date of its own is held where and when the one before it of the
    same actor is."""
    ordered = sorted(readings, key=lambda r: r.trigger.i)
    for number, reading in enumerate(ordered):
        verb = _governing_verb(reading.trigger)
        if verb is None or not any(c.dep_ == "advmod" and c.lower_ == "also" for c in verb.children):
            continue
        if reading.location or reading.date or reading.other_time:
            continue
        sentence = reading.trigger.sent
        if any(e.label_ in ("DATE", "TIME") for e in sentence.ents) or place_in(
                [t for t in sentence if t.dep_ == "prep"], ents, preps=PLACE_PREPS | {"to"}):
            continue  # "also invited them to Washington later this year": a time or place of its own
        before = next((r for r in reversed(ordered[:number]) if r.trigger.sent.start < reading.trigger.sent.start
                       and set(r.participants) & set(reading.participants)), None)
        if before is not None and before.status == reading.status:
            reading.location, reading.date = before.location, before.date


def _placed_by_dateline(readings: list[_Reading], doc: Doc, document: Document, ents: DocumentEntities) -> None:
    """Encounters of the publication day with no place of their own happened where the
    release was made ("Diaoyutai, Beijing"); a phone call has a place only when one is stated."""
    today = (document.published or "")[:10]
    waiting = [r for r in readings if r.location is None and r.date == today and r.subtype != "phone"
               and r.status in ("occurred", "planned") and len(r.participants) >= 2]
    if not today or not waiting:
        return
    place = dateline_place(doc, document, ents)
    for reading in waiting:
        if place is not None and place not in reading.participants:
            reading.location = place


def _framed(readings: list[_Reading], ents: DocumentEntities) -> list[_Reading]:
    """Encounters of one sentence that frame one another stay apart.

    "X met Y on the margins of the NATO meeting": the gathering is an encounter of its own,
    a summit that X and Y both attend, at the bilateral's place and date. "X met Y during
    her visit to Z" or "X, visiting Z to attend the summit, met Y": the meeting and the
    summit are where the visit is. A visit whose visitor meets someone named in the same
    sentence ("Y, who is visiting Z") is that meeting, not a second encounter: it is kept
    only to date the trip's other meetings.
    """
    for same_sentence in _by_sentence(readings):  # grouped first: pairs across the document are quadratic
        near = _near_in_tree(same_sentence)
        for outer, inner in permutations(same_sentence, 2):
            relation = _frame_relation(outer, inner) if near(outer, inner) else None
            if relation is not None:
                outer.apart.add(inner.trigger.i)
                inner.apart.add(outer.trigger.i)
            if relation == "margins":
                outer.participants.extend(p for p in inner.participants if p not in outer.participants)
                outer.subtype = "summit"
            if outer.subtype == "visit" and outer.location:
                if relation not in (None, "apart") or _met_on_visit(outer, inner):
                    inner.location = inner.location or outer.location
                if _met_on_visit(outer, inner):
                    outer.absorbed = True
            elif relation not in (None, "apart"):
                inner.location = inner.location or outer.location
                outer.location = outer.location or inner.location
                inner.date = inner.date or outer.date
                outer.date = outer.date or inner.date
    return readings


def _on_sidelines_before(readings: list[_Reading]) -> None:
    """"The ministers met in Vilnius on 4 March. On the sidelines, X held talks with Y": a
    bare "on the sidelines" / "on the margins" (no "of ...") names the gathering the text
    has just reported, in the same paragraph; the encounter held there takes its place and
    date when it states none of its own."""
    rules = load_rules("meetings")
    frames, preps = set(rules["frame_nouns"]), set(rules["frame_preps"])
    ordered = sorted(readings, key=lambda r: r.trigger.i)
    for number, reading in enumerate(ordered):
        verb = _governing_verb(reading.trigger)
        heads = {reading.trigger, verb} - {None}
        if not any(prep.lower_ in preps and prep.dep_ == "prep" and any(
                noun.dep_ == "pobj" and noun.lower_ in frames and not any(c.dep_ == "prep" for c in noun.children)
                and any(c.lower_ in ("the", "its", "their") for c in noun.children) for noun in prep.children)
                for head in heads for prep in head.children):
            continue
        sentence = reading.trigger.sent
        before = next((r for r in reversed(ordered[:number]) if r.trigger.sent.start < sentence.start), None)
        if before is None or "\n\n" in text_of(sentence.doc)[before.trigger.idx:sentence.start_char]:
            continue
        if reading.location is None:
            reading.location = before.location
        if reading.date is None and not reading.other_time:
            reading.date, reading.other_time = before.date, before.other_time


def _by_sentence(readings: list[_Reading]) -> list[list[_Reading]]:
    """The readings of each sentence, in document order."""
    groups: dict[int, list[_Reading]] = {}
    for reading in readings:
        groups.setdefault(reading.trigger.sent.start, []).append(reading)
    return list(groups.values())


def _near_in_tree(readings: list[_Reading]) -> Callable[[_Reading, _Reading], bool]:
    """Whether one trigger (or its governing verb) is within ``_path_up``'s reach above the
    other's: only such pairs can frame one another (:func:`_frame_relation`). Read once
    per reading, so that the pairs of a long sentence cost a set lookup each, not a walk."""
    above = {id(r): set(_ancestor_indexes(r.trigger)) for r in readings}
    verbs = {id(r): _governing_verb(r.trigger) for r in readings}

    def near(outer: _Reading, inner: _Reading) -> bool:
        verb = verbs[id(inner)]
        return (inner.trigger.i in above[id(outer)] or outer.trigger.i in above[id(inner)]
                or verb is not None and verb.i in above[id(outer)])

    return near


def _ancestor_indexes(token: Token, limit: int = 6) -> Iterator[int]:
    """The heads above ``token``, as far as :func:`_path_up` looks."""
    node = token
    for _ in range(limit):
        if node.head == node:
            return
        node = node.head
        yield node.i


def _on_a_trip(readings: list[_Reading], ents: DocumentEntities) -> list[_Reading]:
    """A visit whose visitor meets someone named in the visited country ("traveled to Israel
    ... In Jerusalem, X met Y") is those meetings, as is a visit to a city of a country the
    visitor's trip already reached ("also visited Massawa"): kept only to date the trip."""
    visits = [r for r in readings if r.subtype == "visit" and r.location and not r.absorbed]
    sides = _sides(ents)
    for visit in visits:
        _held_on_visit(visit, readings)
    for visit in (v for v in visits if not v.absorbed):
        country = _country_code(visit.location, ents)
        if country is None:
            continue
        visitors = set(visit.participants) - {visit.location, visit.host}
        for other in readings:
            if other is visit or other.status != visit.status or not visitors & set(other.participants):
                continue
            hosts = {p for p in other.participants if sides.get(p) == visit.host}
            if other.subtype != "visit" and hosts and other.location is None:
                # "X is travelling to the Holy See ... will meet Y, Secretary of State, Holy
                # See": a meeting with the host country's own officials is held on that visit
                visit.absorbed = True
                break
            if other.location is None or _country_code(other.location, ents) != country:
                continue
            met = other.subtype != "visit" and set(other.participants) - visitors - {visit.host}
            earlier_stop = other.subtype == "visit" and other.trigger.i < visit.trigger.i and not other.absorbed \
                and visit.location != other.location
            if met or earlier_stop:
                visit.absorbed = True
                break
    return readings


def _sides(ents: DocumentEntities) -> dict[str, str]:
    """The organisation or country each person holds a current post in."""
    return {post.person: post.organization for post in (ents.discourse.posts if ents.discourse else ())
            if post.organization and post.current}


def _held_on_visit(visit: _Reading, readings: list[_Reading]) -> None:
    """"The delegation visited Honiara. It met Prime Minister X": meetings with no place of
    their own that follow a visit in its paragraph, before another visit, are held there."""
    if sum(r.trigger == visit.trigger for r in readings) > 1:
        return  # "a trip to Ghana, Tanzania and Zambia": which stop is not said
    visitors = set(visit.participants) - {visit.location, visit.host}
    doc = visit.trigger.doc
    for other in sorted((r for r in readings if r.trigger.i > visit.trigger.i), key=lambda r: r.trigger.i):
        if other.subtype == "visit" or "\n\n" in text_of(doc)[visit.trigger.idx:other.trigger.idx]:
            break
        hosts = set(other.participants) - visitors - {visit.host}
        if other.location is None and other.status == visit.status and visitors & set(other.participants) and hosts:
            other.location = visit.location
            visit.absorbed = True


def _same_country(first: str, second: str | None, ents: DocumentEntities) -> bool:
    return second is not None and (first == second or _country_code(first, ents) == _country_code(second, ents) is not None)


def _country_code(place: str, ents: DocumentEntities) -> str | None:
    found = gazetteer.lookup_place(ents.entities[place].name) if place in ents.entities else None
    return found.country_code if found else None


def _met_on_visit(visit: _Reading, meeting: _Reading) -> bool:
    """A visitor meets a named counterpart: "held talks with Y, who is visiting Z"."""
    if meeting.subtype in ("visit", "summit") or meeting.trigger.sent != visit.trigger.sent:
        return False
    visitors = set(visit.participants) - {visit.location, visit.host}
    others = set(meeting.participants) - visitors
    return bool(visitors & set(meeting.participants)) and bool(others) and _compatible(visit, meeting)


def _frame_relation(outer: _Reading, inner: _Reading) -> str | None:
    """How ``outer``'s trigger frames ``inner``'s: "margins" ("on the margins of the summit"),
    "course" ("during his visit", "at the summit" for a meeting, "visiting Z to attend"),
    "apart" (a clause about a participant), or None when they are one encounter ("talk at a
    meeting") or unrelated."""
    rules = load_rules("meetings")
    anchors = {inner.trigger}
    verb = _governing_verb(inner.trigger)
    if verb is not None:
        anchors.add(verb)
    path = _path_up(outer.trigger, anchors)
    if path is not None and any(t.dep_ in ("relcl", "acl") and t.head not in anchors and t.head.ent_type_ == "PERSON"
                                or t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") for t in path):
        # "X, who is visiting Z to attend the summit, met Y", "X attended the summit and
        # held talks with Y": what X does besides
        return "apart"
    if path is None:
        purpose = _path_up(inner.trigger, {outer.trigger})
        if outer.subtype == "visit" and purpose is not None and _is_purpose(purpose):
            return "course"  # "visiting Honolulu to attend the meeting": the visit holds it
        return None
    if any(t.lemma_.lower() in rules["frame_nouns"] for t in path):
        return "margins"
    crossed = {t.lower_ for t in path if t.dep_ == "prep"}
    if crossed & set(rules["frame_preps"]) and outer.subtype != inner.subtype and outer.subtype in ("summit", "visit"):
        return "course"
    return None


def _path_up(token: Token, targets: set[Token], limit: int = 6) -> list[Token] | None:
    """The tokens from ``token`` up to (not including) the first of ``targets`` above it."""
    path: list[Token] = []
    node = token
    for _ in range(limit):
        if node.head == node:
            return None
        path.append(node)
        node = node.head
        if node in targets:
            return path
    return None


def _is_purpose(path: list[Token]) -> bool:
    """"to attend the summit", "for the ASEAN meetings": a purpose clause or phrase."""
    return any(t.dep_ in ("xcomp", "advcl") and any(c.lower_ == "to" for c in t.children) or
               t.dep_ == "prep" and t.lower_ == "for" for t in path)


def _dated_by_trip(readings: list[_Reading], ents: DocumentEntities) -> list[_Reading]:
    """Meetings on a dated trip share its date: "X traveled to Israel December 21-22 ...
    In Jerusalem, X met with Y" happened on that trip."""
    trips: list[_Reading] = []
    for reading in readings:
        if reading.subtype == "visit" and reading.date and reading.status == "occurred":
            trips.append(reading)
        elif reading.date is None and not reading.other_time and reading.status == "occurred":
            # a trip's date goes only to what happened on it: not to "earlier stops in Hawaii"
            trip = next((t for t in reversed(trips) if set(t.participants) & set(reading.participants)
                         and (reading.location is None or _same_country(reading.location, t.location, ents))), None)
            if trip is not None:
                reading.date = trip.date
    return readings


COMPANION_VERBS = frozenset({"join", "accompany"})


def _companions(doc: Doc, ents: DocumentEntities) -> dict[str, list[str]]:
    """Who travels with whom: "X was joined in his meetings by A, B and C", "X, accompanied
    by A," make A, B and C members of X's delegation in every meeting X attends."""
    found: dict[str, list[str]] = {}
    for token in tokens_of(doc):
        if token.lemma_.lower() not in COMPANION_VERBS or token.pos_ != "VERB":
            continue
        agents = [actor for by in token.subtree if by.lower_ == "by" and by.dep_ in ("agent", "prep")
                  for obj in by.children if obj.dep_ == "pobj" for actor in np_actors(obj, ents)]
        if not agents:
            continue
        leads = subjects_of(token) if token.dep_ != "acl" else [token.head]
        for lead in leads:
            for person in np_actors(lead, ents, delegations=False):
                if ents.type_of(person) == "PERSON":
                    found.setdefault(person, []).extend(a for a in agents if a != person)
    return found


def _read(trigger: Token, rule: dict, ents: DocumentEntities, document: Document) -> list[_Reading]:
    sentence = trigger.sent
    verb = _governing_verb(trigger)
    participants: list[str] = []

    def add(actors: list[str]) -> None:
        for actor in _for_event_names(actors, ents):
            if actor not in participants and ents.type_of(actor) in ACTOR_TYPES:
                participants.append(actor)

    is_verb = trigger.pos_ in ("VERB", "AUX")
    if rule.get("requires_with") and not any(c.lower_ in ("with", "by") for c in trigger.children if c.dep_ == "prep"):
        return []
    if rule.get("requires_event_object"):
        # "joined the talks", not "was joined in his meetings by A" (companions)
        nouns = set(load_rules("meetings")["anaphoric_nouns"]) | set(load_rules("meetings")["object_nouns"])
        if not any(c.lemma_.lower() in nouns or c.lower_ in nouns for c in trigger.children if c.dep_ == "dobj"):
            return []
    # "the agreement reached in Vienna between A and B": the parties are in the phrase, not
    # whoever speaks of the agreement ("The Union welcomes the agreement reached ...")
    agreement_phrase = bool(rule.get("requires_agreement")) and _agreement_noun(trigger.head) and trigger.dep_ in (
        "acl", "amod")
    if rule.get("requires_agreement") and not agreement_phrase:
        if not any(_agreement_noun(c) for c in trigger.children if c.dep_ == "dobj"):
            return []
    if rule.get("courtesy") and not is_courtesy_call(trigger, ents):
        return []
    if any(c.dep_ in rule.get("not_with_deps", ()) for c in trigger.children):
        return []  # "called Chile a trusted partner": naming, not calling
    if text_of(trigger.doc)[sentence.start_char:sentence.end_char].rstrip().endswith("?"):
        return []  # "Will the Prime Minister meet X?": asked about, not reported
    if _habitual(trigger if verb is None else verb):
        return []  # "meets regularly with Y": a practice, not an encounter
    if rule.get("object_is_body") and not any(
            ents.type_of(ents.at(c)) == "ORG" for c in trigger.children if c.dep_ == "dobj"):
        return []  # "addressed the Parliament", "the Security Council"; not "addressed the issue"
    honoured = _honoured(trigger, ents) if rule.get("id") == "host" else []
    if rule.get("object_is_person"):
        # "X hosted Y", or passive "was greeted by Y"
        # "welcomed Y's announcement": a thing of Y's is welcomed, not Y
        objects = [c for c in trigger.children if c.dep_ == "dobj" and not _thing_of_someone(c)]
        objects += [o for c in trigger.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        guests = [] if objects else _guests_after_place(trigger, ents)
        objects += guests
        if not honoured and (not objects or not any(np_actors(o, ents, delegations=False) for o in objects)):
            return []
        add(guests and [a for g in guests for a in np_actors(g, ents)
                        if ents.type_of(a) == "PERSON"] or [a for g in guests for a in np_actors(g, ents)])
    received = _received_from(trigger, verb)
    role_verb = _host_role_verb(trigger)
    if role_verb is not None:
        # "congratulated Italy as host of the meeting": the one the role is said of, the
        # object when there is one ("spoke as chair of the meeting": the subject)
        objects = [c for c in role_verb.children if c.dep_ == "dobj"]
        for holder in objects or subjects_of(role_verb):
            add(np_actors(holder, ents))
    elif verb is not None and not agreement_phrase and (_subject_takes_part(trigger, verb) or received):
        for subject in subjects_of(verb):
            add(np_actors(subject, ents))
    hosts = list(participants)
    # a verb that reports an encounter of its own keeps its objects: "during her NATO
    # meetings, she will meet X" does not bring X to the NATO meetings
    own_encounter = verb is not None and verb != trigger and any(
        start == verb.i for _rule, start, _end in matches(trigger.doc, "meetings"))
    holders = [trigger] + ([verb] if verb is not None and verb != trigger and not own_encounter else [])
    if agreement_phrase:
        holders = [trigger, trigger.head]  # "the recently signed agreement between A and B"
    # "briefed Y on the outcome of the talks": the one told about an encounter is not in it
    told = verb is not None and verb != trigger and verb.lemma_.lower() in load_rules("statements")["addressee_verbs"]
    verb_takes_part = verb is not None and _subject_takes_part(trigger, verb)
    said_apart = _said_apart(trigger, verb)  # "met separately with A and B": one encounter each
    # "talks with A and with B": a "with" said again for each guest, however the parse hangs
    # the second one (off the first, off the verb, or as the verb's conjunct)
    with_phrases = _with_phrases(holders)
    said_apart = said_apart or len(with_phrases) >= 2
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("dobj", "attr") and holder is trigger and rule.get("object_is_event"):
                continue  # "co-chaired the Franco-German Council": the gathering chaired, no party to it
            if child.dep_ in ("dobj", "attr") and (is_verb or holder is verb and not told) and child != trigger:
                # "visited the German brigade", "toured a Japanese factory": a place seen, not
                # the country met; "visited the Afghan delegation" meets it
                seen_only = holder is trigger and rule["subtype"] == "visit" and not _delegation_noun(child)
                add(np_actors(child, ents, delegations=not seen_only))
            elif child.dep_ == "poss" and holder is trigger:
                add(np_actors(child, ents, delegations=False))  # "the Vice President's trip"
            elif holder is verb and holder is not trigger and child.dep_ == "prep" and not verb_takes_part:
                continue  # "wants to share with you my visit with X": the one told is not in the visit
            elif child in with_phrases or child.dep_ == "prep" and (
                    child.lower_ in ("between", "among") or child.lower_ in ("on", "upon")
                    and (rule.get("courtesy") or _courtesy_noun(holder))):
                # "called on President X", "paid a courtesy call on X": the one visited
                repeated = [c for c in child.conjuncts if c.lower_ == child.lower_]
                for prep in [child, *repeated]:
                    add(_prep_object_actors(prep, ents))
            elif child.dep_ == "prep" and child.lower_ == "from" and holder is trigger and received:
                for obj in child.children:  # "received a courtesy call from X": the caller
                    if obj.dep_ == "pobj":
                        add(np_actors(obj, ents))
            elif (child.dep_ == "prep" and child.lower_ in ("of", "by") and holder is trigger and not is_verb
                  and rule["subtype"] == "visit"):
                # "the visit of President X to Japan", "visits to Honiara by A and B": the visitors
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        add(np_actors(obj, ents, delegations=False))
            elif (child.dep_ == "prep" and child.lower_ == "of" and holder is trigger and not is_verb
                  and rule["subtype"] != "visit"):
                # "the meeting of the Russian-Kazakh commission", "a meeting of the leaders of
                # A and B": the sides the phrase names, when it names two or more; with two
                # people already its parties ("A and B led the meeting of the U.S.-Israel
                # group"), the countries are theirs, no parties beside them
                sides = _sides_of_format(child, ents)
                people = sum(ents.type_of(p) == "PERSON" for p in participants)
                add([a for a in sides if people < 2 or ents.type_of(a) not in ("GPE", "NORP")])
            elif child.dep_ == "agent" or (child.dep_ == "acl" and holder is trigger):
                add(_agents(child, ents))
            if child.dep_ == "prep" and holder is trigger:
                # "a summit in Lusaka between A and B": the phrase hangs off the place
                for obj in (o for o in child.children if o.dep_ == "pobj"):
                    for inner in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("between", "with")):
                        for person in (o for o in inner.children if o.dep_ == "pobj"):
                            add(np_actors(person, ents))
    add(honoured)
    if _refers_back(trigger):
        return []  # "This was their first meeting": the encounter already read
    named, named_place = _named_parties(trigger, ents)
    if sum(ents.type_of(p) == "PERSON" for p in participants) < 2:
        add(named)
    else:  # "held a Japan-Korea meeting with Y": the two people are the sides
        add([p for p in named if ents.type_of(p) not in ("GPE", "NORP")])
    if is_verb and len(hosts) >= 2 and not rule.get("requires_agreement") and _unnamed_counterpart(trigger, ents):
        return []  # "X and Y did not meet with representatives of the opposition": not X with Y
    # "welcomed X to Canberra": a reception's "to" is where it happens
    preps = PLACE_PREPS | frozenset(rule.get("place_preps", ()))
    if verb is not None and verb.lemma_.lower() in load_rules("meetings")["invitation_verbs"]:
        preps |= {"to"}  # "invited X to Washington for the summit": where the summit is
    location = place_in(_prep_holders(trigger, verb), ents, preps=preps) or named_place
    if location is None:
        subject_tokens = {t.i for subject in subjects_of(verb) for t in subject.subtree} if verb is not None else set()
        # "spoke with X about the situation in the Middle East": a topic is no place
        outside = set(load_rules("meetings")["outside_preps"])
        topic_tokens = {t.i for holder in holders for c in holder.subtree
                        if c.dep_ == "prep" and c.lower_ in outside for t in c.subtree}
        location = place_below(holders, ents, skip=subject_tokens | topic_tokens, among=participants)
    if location is None:
        location = venue_below(_prep_holders(trigger, verb), ents)  # "at the Kremlin": Moscow
    if location is None:
        location = _where(verb if verb is not None else trigger, ents)
    if location is None and _purpose(trigger if is_verb else verb):
        # "travelled to Auckland to attend the Expo": where the journey went
        location = place_in(list((trigger if is_verb else verb).head.children), ents, preps=frozenset({"to", "in"}))
    # "met officials in Kyiv": the city is only the place; "leaders in Poland" are Poland, there
    participants = [p for p in participants if p != location or rule["subtype"] == "visit"
                    or not is_city(ents.entities[p].name)]
    subtype = _subtype(trigger, rule)
    if subtype == "meet" and not is_verb and any(_multilateral(p, ents) for p in named):
        subtype = "summit"  # "the ASEAN foreign ministers' meetings", "her G7 meetings"
    status = status_of(trigger, sentence, ceiling=_modality_ceiling(trigger, verb))
    if status == "negated" and _since(trigger if is_verb or verb is None else verb):
        return []  # "has not attended a summit since 2010": a span without one, no encounter
    if status == "occurred" and rule.get("requires_place") and _progressive(trigger):
        status = "planned"  # "the Minister is travelling to Italy": a trip announced, ahead
    if status == "occurred" and _on_the_way(trigger if is_verb else verb):
        status = "planned"  # "is heading to Auckland to attend the Expo": the purpose is ahead
    # "called off on Tuesday a summit": the verb's date is not the summit's
    date_verb = verb if verb is not None and (_subject_takes_part(trigger, verb) or received) else None
    date, other_time = _date(trigger, date_verb, document, future=status == "planned")
    if date is None and _vaguely_past(trigger if is_verb or verb is None else verb, trigger):
        other_time = True  # "the recently signed agreement": some time before, not a trip's day
    if date is None and not other_time and (_just_now(verb if verb is not None else trigger)
                                            or _first_time_now(trigger if is_verb or verb is None else verb)):
        date = (document.published or "")[:10] or None  # "I have just concluded a meeting": today
    if date is None and not other_time and status == "occurred" and _ongoing(trigger):
        date = (document.published or "")[:7] or None  # "his ongoing meetings": this month's
    if rule["subtype"] == "visit" and _respective(trigger):
        return _respective_visits(trigger, rule, participants, status, date, ents)
    if rule["subtype"] == "visit" or rule.get("requires_place"):
        return _visits(trigger, rule, participants, status, date, ents)
    guests = [p for p in participants if p not in hosts]
    if not hosts and len(guests) >= 2 and (said_apart or _distributive(trigger, guests, ents)):
        return []  # "The Secretary-General met separately with A and B": A and B did not meet
    if (is_verb and subtype != "phone" or said_apart or _distributive(trigger, guests, ents)) and len(hosts) == 1 \
            and len(guests) >= 2 and (said_apart or all(ents.type_of(g) == "PERSON" for g in guests)):
        # "X met with A, B and C", "held meetings with A and B": one meeting with each;
        # "spoke by phone with A and B" is one call; "met separately with the ministers of
        # A and B": one with each country too
        return [_Reading(trigger, rule, hosts + [guest], location, date, status, subtype, other_time)
                for guest in guests]
    # "met Y twice": as many encounters, which the merge keeps apart (one trigger)
    return [_Reading(trigger, rule, list(participants), location, date, status, subtype, other_time, repeat=number)
            for number in range(_repeats(trigger if verb is None else verb))]


def _visits(trigger: Token, rule: dict, visitors: list[str], status: str, date: str | None,
            ents: DocumentEntities) -> list[_Reading]:
    """"X visited Eritrea", "X's trip to Ghana, Tanzania and Zambia": one visit per place."""
    places: list[str] = []
    children = list(trigger.children)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "dobj":
        # "recalled the visit of X to Japan" with "to Japan" hung off the verb: the phrase
        # right after the visit's own words is its destination
        # ("paid a State Visit to India": the parse may call that "to" the verb's dative)
        children += [c for c in trigger.head.children
                     if c.dep_ in ("prep", "dative") and c.lower_ == "to" and c.i == trigger.right_edge.i + 1]
    for child in children:
        if child.dep_ in ("dobj", "prep", "dative") and (child.dep_ == "dobj" or child.lower_ in ("to", "in")):
            objects = [child] if child.dep_ == "dobj" else [c for c in child.children if c.dep_ == "pobj"]
            for obj in objects:
                for head in [obj, *obj.conjuncts]:
                    entity = ents.at(head)
                    if entity and ents.type_of(entity) in ("GPE", "LOC") and entity not in places:
                        places.append(entity)
    places = [_host_country(place, ents) for place in places]
    people = [v for v in visitors if v not in {p for pair in places for p in pair}]
    if not places:
        if len(people) >= 2 and rule["subtype"] == "visit":  # "X's visit with Y": a meeting
            return [_Reading(trigger, rule, people, None, date, status, "meet")]
        if status == "cancelled" and rule["subtype"] == "visit" and trigger.pos_ == "NOUN" and _determined(trigger):
            # "X called off the visit": no encounter of its own, an update of the planned
            # visit it refers to (:func:`_status_updated`)
            return [_Reading(trigger, rule, people, None, date, status, "visit")]
        return []
    # "recent visits to Honiara by A and B": a plural noun of several visitors, one visit each
    parties = [[person] for person in people] if _distributive(trigger, people, ents) else [people]
    return [_Reading(trigger, rule, party + [host], location, date, status, "visit", host=host)
            for location, host in places for party in parties]


def _respective(trigger: Token) -> bool:
    """"their respective visits": one each, never an encounter of the two."""
    return trigger.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ == "respective" for c in trigger.children)


def _respective_visits(trigger: Token, rule: dict, people: list[str], status: str, date: str | None,
                       ents: DocumentEntities) -> list[_Reading]:
    """"their respective visits, to Mali by the Prime Minister and to Iraq by the President":
    the places and the visitors after the noun, paired in the order given ("to A and B" with
    the two people of "their", in order); nothing when the counts do not pair up."""
    after = [t for t in trigger.sent if t.i > trigger.i]

    def objects(word: str) -> list[Token]:
        return [o for t in after if t.lower_ == word and t.dep_ in ("prep", "conj", "dative", "agent")
                for o in t.children if o.dep_ == "pobj"]

    places = [e for o in objects("to") for head in [o, *o.conjuncts]
              for e in [ents.at(head)] if e and ents.type_of(e) in ("GPE", "LOC")]
    visitors = [a for o in objects("by") for a in np_actors(o, ents, delegations=False)[:1]] or people
    if len(places) < 2 or len(places) != len(visitors):
        return []
    found = []
    for visitor, place in zip(visitors, places):
        place, host = _host_country(place, ents)
        found.append(_Reading(trigger, rule, [visitor, host], place, date, status, "visit", host=host))
    return found


def _distributive(trigger: Token, people: list[str], ents: DocumentEntities) -> bool:
    """An event noun that counts one event per person ("visits by A and B", "meetings with
    A and B", "separate talks with A and B"; not "talks with A and B")."""
    if trigger.pos_ != "NOUN" or len(people) < 2 or not all(ents.type_of(p) == "PERSON" for p in people):
        return False
    rules = load_rules("meetings")
    plural = trigger.lower_ != trigger.lemma_.lower() and trigger.lemma_.lower() in rules["distributive_nouns"]
    return plural or _said_apart(trigger, None)


def _repeats(verb: Token) -> int:
    """How many encounters a verb reports: "met twice" two, otherwise one."""
    counts = load_rules("meetings")["repeat_words"]
    return max([counts[c.lower_] for c in verb.children if c.dep_ == "advmod" and c.lower_ in counts] or [1])


def _said_apart(trigger: Token, verb: Token | None) -> bool:
    """"met separately with", "held individual meetings with": one encounter per guest."""
    words = set(load_rules("meetings")["distributive_words"])
    return any(c.dep_ in ("amod", "advmod") and c.lower_ in words
               for head in {trigger, verb} - {None} for c in head.children)


def _host_country(place: str, ents: DocumentEntities) -> tuple[str, str]:
    """(place, host): a visit to a city is hosted by its country when the text names it."""
    found = gazetteer.lookup_place(ents.entities[place].name)
    if found is None or found.type != "GPE" or not found.country_code:
        return place, place
    country = gazetteer.country_by_code(found.country_code)
    host = entity_id("GPE", country.name) if country else None
    return place, host if host in ents.entities else place


NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PREMODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})


def _habitual(verb: Token) -> bool:
    """"X meets regularly with Y", "the forum meets annually": a practice, no one encounter."""
    words = set(load_rules("meetings")["habitual_words"])
    return any(c.dep_ == "advmod" and c.lower_ in words for c in verb.children) or any(
        c.dep_ == "npadvmod" and any(d.lower_ == "every" for d in c.children) for c in verb.children)


def _just_now(verb: Token) -> bool:
    """"has just met", "have just concluded": the present perfect of what just happened."""
    return any(c.lower_ == "just" for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ in ("have", "has", "'ve") for c in verb.children)


def _first_time_now(verb: Token) -> bool:
    """"It is the first time in ten years that the two leaders have met": the present
    perfect of a "first time" the present tense says is now, the encounter being reported."""
    time = verb.head
    if verb.dep_ not in ("relcl", "acl") or time.lemma_.lower() != "time" or time.head.lemma_ != "be":
        return False
    first = any(c.dep_ == "amod" and c.lower_ == "first" for c in time.children)
    present = time.head.lower_ in ("is", "'s") and time.dep_ in ("attr", "nsubj")
    return first and present and any(c.dep_ == "aux" and c.lower_ in ("have", "has", "'ve") for c in verb.children)


def _vaguely_past(verb: Token, trigger: Token) -> bool:
    """"recently signed", "had previously met": an earlier time the text does not name."""
    words = set(load_rules("meetings")["vague_past_words"])
    return any(c.dep_ == "advmod" and c.lower_ in words for head in {verb, trigger} for c in head.children)


def _since(verb: Token) -> bool:
    """"has not met Y since 2019", "since the war began": a span of time up to now."""
    return any(c.lower_ == "since" and c.dep_ in ("prep", "mark", "advmod") for c in verb.children) or any(
        c.dep_ == "advcl" and any(m.lower_ == "since" and m.dep_ == "mark" for m in c.children) for c in verb.children)


def _ongoing(trigger: Token) -> bool:
    """"ongoing talks", "the continuing negotiations": under way as the text is written."""
    words = set(load_rules("meetings")["ongoing_words"])
    return trigger.pos_ == "NOUN" and any(c.dep_ in ("amod", "compound") and c.lower_ in words for c in trigger.children)


def _progressive(verb: Token) -> bool:
    """"is travelling", "are flying": present progressive."""
    return verb.lower_.endswith("ing") and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am", "'s", "'re")
                                               for c in verb.children)


def _on_the_way(verb: Token | None) -> bool:
    """"is heading to Auckland to attend", "are working to hold talks": the purpose of
    something under way, not done yet."""
    return _purpose(verb) and _progressive(verb.head)


def _purpose(verb: Token | None) -> bool:
    """"(travelled to X) to attend": a to-infinitive of purpose below another verb."""
    return (verb is not None and verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def _where(verb: Token, ents: DocumentEntities) -> str | None:
    """"stops in Hawaii, where the delegation met officials": the place the relative
    clause hangs from."""
    if verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
        return None
    entity = ents.at(verb.head)
    return entity if entity and ents.type_of(entity) in PLACE_TYPES else None


def _refers_back(trigger: Token) -> bool:
    """"This was the first meeting since ...", "It was their third call": a copula whose
    subject points back names the encounter just reported, not a new one."""
    if trigger.dep_ != "attr" or trigger.head.lemma_ != "be":
        return False
    subjects = [c for c in trigger.head.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(s.lower_ in ("this", "that", "it") for s in subjects)


def _named_parties(trigger: Token, ents: DocumentEntities) -> tuple[list[str], str | None]:
    """Actors and the place a meeting noun's own name gives: "the Japan-Korea foreign
    ministers' meeting" (Japan, Korea), "the ASEAN-related meetings" (ASEAN), "the Moscow
    talks" (a city: the place, not a party). A name kg read as one organisation, "the G7
    Foreign Ministers' Meeting", stands for the actors named inside it (G7)."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return [], None
    tokens = [t for left in trigger.lefts if left.dep_ in PREMODIFIER_DEPS for t in left.subtree]
    parties: list[str] = []
    place = None
    for token in [*tokens, trigger]:
        entity = ents.at(token)
        if token is trigger and entity is not None and ents.type_of(entity) in ("GPE", "LOC"):
            continue  # "the Summit" read as a place: the event is not where it happens
        if entity is None and "-" in token.text.strip("-"):
            # "U.S.-ROK" read as one word: each part that names an actor of the document
            parties.extend(a for a in _actors_by_form(token.text.split("-"), ents) if a not in parties)
        if entity is None or entity in parties or entity == place:
            continue
        kind = ents.type_of(entity)
        if kind not in ACTOR_TYPES and _names_an_event(ents.entities[entity].name):
            # "the Japan-ROK Summit Meeting" read as a facility: the actors its name holds
            parties.extend(a for a in _actors_named_in(entity, ents) if a not in parties)
            continue
        if kind in ("GPE", "LOC") and is_city(ents.entities[entity].name):
            place = place or entity
        elif kind in ACTOR_TYPES:
            parties.append(entity)
    # "the U.S. – Pacific Islands Forum meeting" where the tagger cut the name short: a run of
    # proper nouns that is exactly the name of one of the document's actors is that actor
    for run in _proper_runs(tokens):
        if not any(ents.at(token) in parties for token in run):  # "the Commonwealth Foreign Ministers"
            parties.extend(a for a in _actors_by_form([run.text], ents) if a not in parties)
    # "the next Joint Commission meeting": the two sides' format, no third party
    return [p for p in parties if not _mechanism(ents.entities[p].name)], place


def _proper_runs(tokens: list[Token]) -> list[Span]:
    """The runs of adjacent proper nouns among ``tokens`` (two words or more)."""
    runs: list[list[Token]] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if token.pos_ != "PROPN":
            continue
        if runs and runs[-1][-1].i == token.i - 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return [token.doc[run[0].i:run[-1].i + 1] for run in runs if len(run) > 1]


def _multilateral(actor: str, ents: DocumentEntities) -> bool:
    """An organisation of several states ("Group of Seven", "African Union", "NATO" as
    "North Atlantic Treaty Organization"), whose meetings are gatherings (summits)."""
    entity = ents.entities.get(actor)
    if entity is None or entity.type != "ORG":
        return False
    words = set(load_rules("meetings")["multilateral_words"])
    return any(word.strip(".,").casefold() in words for form in (entity.name, *entity.aliases) for word in form.split())


def _for_event_names(actors: list[str], ents: DocumentEntities) -> list[str]:
    """Actors with a gathering kg read as an organisation ("the G7 Foreign Ministers'
    Meeting") replaced by the actors its name holds (G7)."""
    found: list[str] = []
    for actor in actors:
        if ents.type_of(actor) == "ORG" and _names_an_event(ents.entities[actor].name):
            found.extend(_actors_named_in(actor, ents))
        else:
            found.append(actor)
    return found


def _mechanism(name: str) -> bool:
    """"Joint Commission", "Intergovernmental Commission", "High-Level Dialogue": a standing
    format in which two sides meet, named by the kind of meeting, not a body of its own."""
    words = name.split()
    return bool(words) and words[0].casefold() in set(load_rules("meetings")["mechanism_words"])


def _names_an_event(name: str) -> bool:
    """"G7 Foreign Ministers' Meeting", "Strategic Dialogue": a gathering, not an institution
    (unlike "East Asia Summit" or "Munich Security Conference", which are both)."""
    words = name.split()
    return bool(words) and words[-1].lower() in set(load_rules("meetings")["event_name_heads"])


def _actors_named_in(event: str, ents: DocumentEntities) -> list[str]:
    """Other actors of the document whose name or alias is a word sequence of ``event``'s name."""
    words = f" {_spaced(ents.entities[event].name)} "  # "Japan-ROK Foreign Ministers' Talk": Japan, ROK
    found = []
    for entity in ents.entities.values():
        if entity.id == event or entity.type not in ACTOR_TYPES:
            continue
        if any(f" {_spaced(form)} " in words for form in (entity.name, *entity.aliases) if len(form) > 1):
            found.append(entity.id)
    return found


def _spaced(name: str) -> str:
    """A name folded for word lookups, the parts of a hyphened pair ("Japan-ROK") as words."""
    return re.sub(r"\s*[-\u2013\u2014]\s*", " ", name.casefold())


def _actors_by_form(forms: list[str], ents: DocumentEntities) -> list[str]:
    """Actors of the document whose name or an alias is exactly one of ``forms``."""
    wanted = [form for form in forms if len(form) > 1]
    found = []
    for form in wanted:
        for entity in ents.entities.values():
            if entity.type in ACTOR_TYPES and form in (entity.name, *entity.aliases) and entity.id not in found:
                found.append(entity.id)
    return found


def _modality_ceiling(trigger: Token, verb: Token | None) -> Token | None:
    """Where an event noun's modality stops: at a verb that talks about it without taking
    part ("wants to share my visit with Y", "will discuss the summit"), whose own modality
    is the talk's, not the event's. Participation verbs ("will hold talks", "plans to attend
    the summit") carry theirs to the event."""
    if verb is None or verb == trigger or trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    if _subject_takes_part(trigger, verb) or verb.lemma_.lower() in set(load_rules("meetings")["status_verbs"]):
        return None
    return trigger


def _subject_takes_part(trigger: Token, verb: Token) -> bool:
    """Whether the subject of the verb a trigger hangs from is a participant: yes for
    "X met", "X held talks", "X spoke at a meeting"; no for "X called off the summit"."""
    if verb == trigger:
        return True
    rules = load_rules("meetings")
    node = trigger
    while node != verb and node.head != node:
        if node.dep_ == "pobj":
            prep = node.head.lower_
            if prep in rules["outside_preps"]:
                return False  # "spoke about the talks", "steps towards a summit"
            if prep == "on" and node.head.head.lemma_.lower() in rules["on_topic_verbs"]:
                return False  # "building on the summit meeting", "commented on the talks": a topic
            if prep != "of" and (node.head.head == verb or node.head.head.pos_ not in ("NOUN", "PROPN")):
                return True  # "at a meeting", "for two days of talks", "on the sidelines of"
        # "the outcome of the talks", "discussed preparations for the summit": the verb above says
        node = node.head
    return verb.lemma_.lower() in set(rules["participation_verbs"])


def _sides_of_format(of: Token, ents: DocumentEntities) -> list[str]:
    """The parties an encounter noun's "of" phrase names: the people or countries of a
    plural noun for people ("of the leaders of A and B"), or the sides a format's own name
    holds ("of the Peru-Chile commission"); none unless two or more (a meeting "of the
    Council" is the body's own, read elsewhere)."""
    found: list[str] = []
    for obj in (o for o in of.children if o.dep_ == "pobj"):
        if ents.at(obj) is not None:
            continue
        actors = np_actors(obj, ents) if _delegation_noun(obj) else _named_parties(obj, ents)[0]
        found.extend(a for a in actors if a not in found)
    return found if len(found) >= 2 else []


def _guests_after_place(trigger: Token, ents: DocumentEntities) -> list[Token]:
    """"received on Friday in Addis Ababa the Special Envoy of X, Ambassador Y", parsed with
    the guest as the apposition of the place before it: the phrases of the ones received."""
    return [guest for prep in trigger.children if prep.dep_ == "prep" and prep.i > trigger.i
            for place in prep.children if place.dep_ == "pobj" and ents.type_of(ents.at(place)) in PLACE_TYPES
            for guest in place.children if guest.dep_ == "appos" and guest.i > place.i]


def _with_phrases(holders: list[Token]) -> list[Token]:
    """The "with" phrases of an encounter's words: each one under them, and each "with" said
    again in coordination ("with A and with B"), whether the parse hangs it off the first
    "with", off the verb, or makes it the verb's conjunct."""
    found: list[Token] = []
    for holder in holders:
        for child in holder.children:
            if child.lower_ != "with" or child.dep_ not in ("prep", "conj") or child in found:
                continue
            if child.dep_ == "conj" and not any(p.lower_ == "with" for h in holders for p in h.children if p.i < child.i):
                continue  # "met X and with ...": a conjunct "with" only after a first one
            found.append(child)
            found.extend(c for c in child.conjuncts if c.lower_ == "with" and c not in found)
    return sorted(found, key=lambda t: t.i)


def _prep_object_actors(prep: Token, ents: DocumentEntities) -> list[str]:
    """The actors a preposition's objects name. "with President of Veloria Ana Silva" parsed
    as two objects, the title and the name: the person only, not the title's country too;
    "with a delegation of the Alliance led by its chair, Ana Silva" likewise: the delegation
    is the person who leads it."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    found = [_detached_name(obj, ents) or np_actors(obj, ents) for obj in objects]
    named = any(ents.type_of(a) == "PERSON" for actors in found for a in actors)
    actors: list[str] = []
    for obj, obj_actors in zip(objects, found):
        if named and (title_at(obj.doc, obj.i, obj.i + 1) or _delegation_noun(obj)) and not any(
                ents.type_of(a) == "PERSON" for a in obj_actors):
            continue  # the title's body is the named person's affiliation, no party of its own
        actors.extend(a for a in obj_actors if a not in actors)
    return actors


def _detached_name(title: Token, ents: DocumentEntities) -> list[str]:
    """"met with the President of Veloria, Tomas Arvanti, on Monday": the person a title
    introduces, set off by commas right after it, when the parse hung the name off the verb
    instead of making it the title's apposition."""
    if title.pos_ != "PROPN" or not title_at(title.doc, title.i, title.i + 1):
        return []
    comma = title.right_edge.i + 1
    if comma + 1 >= len(title.doc) or title.doc[comma].text != ",":
        return []
    name = ents.at(title.doc[comma + 1])
    span = ents.span_of(title.doc[comma + 1])
    if name is None or ents.type_of(name) != "PERSON" or span is None or span[0] != comma + 1:
        return []
    head = title.doc[span[1] - 1]
    detached = head.dep_ in ("npadvmod", "appos", "dobj", "conj") and head.head != title and head.head.pos_ in ("VERB", "AUX")
    closed = span[1] >= len(title.doc) or title.doc[span[1]].is_punct
    return [name] if detached and closed else []


def _thing_of_someone(noun: Token) -> bool:
    """"Y's decision", "Y's announcement": a common noun, not one for people, that names its
    actor only through its possessor."""
    person_nouns = set(load_rules("meetings")["person_nouns"])
    return (noun.pos_ == "NOUN" and any(c.dep_ == "poss" for c in noun.children) and not _delegation_noun(noun)
            and noun.lemma_.lower() not in person_nouns)


def _delegation_noun(noun: Token) -> bool:
    """"delegation", "officials", "leaders": people who stand for their country or body."""
    rules = load_rules("meetings")
    return noun.lower_ in rules["delegation_nouns"] or noun.lemma_.lower() in rules["person_nouns"]


def _received_from(trigger: Token, verb: Token | None) -> bool:
    """"received a courtesy call from X", "took a call from X", "received a visit from X":
    an encounter noun the subject receives from someone, who comes in its "from" phrase."""
    return (verb is not None and trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and trigger.head == verb
            and verb.lemma_.lower() in load_rules("meetings")["receiving_verbs"]
            and any(c.dep_ == "prep" and c.lower_ == "from" for c in trigger.children))


def _agreement_noun(token: Token) -> bool:
    """"agreement", "deal", "accord": what parties sign or reach after talks."""
    return token.lemma_.lower() in set(load_rules("meetings")["agreement_nouns"])


def _host_role_verb(trigger: Token) -> Token | None:
    """The verb of the clause that says someone hosts or chairs the trigger's event "as"
    ("praised Italy as co-host of the ministerial meeting and host of the G20 meeting"),
    found through the chain of event nouns, "of" phrases and conjuncts above the trigger,
    however long; None when a verb or any other phrase comes first."""
    hosts = set(load_rules("meetings")["host_nouns"])
    node = trigger
    while node.head != node and (node is trigger or node.pos_ in ("NOUN", "PROPN", "ADP")):
        if node.lemma_.lower() in hosts and node.dep_ == "pobj" and node.head.lower_ == "as":
            verb = node.head.head
            return verb if verb.pos_ in ("VERB", "AUX") else None
        if node is not trigger and node.pos_ == "ADP" and node.lower_ != "of":
            return None
        node = node.head
    return None

def _unnamed_counterpart(trigger: Token, ents: DocumentEntities) -> bool:
    """True when the verb's object or "with" phrase names no one kg can identify."""
    rules = load_rules("meetings")
    events = set(rules["anaphoric_nouns"]) | set(rules["object_nouns"])
    objects = [c for c in trigger.children if c.dep_ == "dobj" and c.lemma_.lower() not in events]
    objects += [o for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children if o.dep_ == "pobj"]
    return bool(objects) and not any(np_actors(o, ents) for o in objects)


def _honoured(verb: Token, ents: DocumentEntities) -> list[str]:
    """The guests of a meal or reception hosted: "hosted a dinner in honour of X", "a lunch
    hosted by Y for X"; the "for" phrase only with a meal named ("hosted talks for X" is
    said for X's sake)."""
    rules = load_rules("meetings")
    meals = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in rules["hospitality_nouns"]]
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in rules["hospitality_nouns"]:
        meals.append(verb.head)  # "a working lunch hosted by Y for X"
    if not meals:
        return []
    found: list[str] = []
    for prep in (c for holder in [verb, *meals] for c in holder.children if c.dep_ == "prep"):
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        if prep.lower_ == "in":  # "in honour of X"
            objects = [g for o in objects if o.lemma_.lower() in rules["honour_nouns"]
                       for of in o.children if of.dep_ == "prep" and of.lower_ == "of"
                       for g in of.children if g.dep_ == "pobj"]
        elif prep.lower_ != "for":
            continue
        found.extend(a for o in objects for a in np_actors(o, ents, delegations=False) if a not in found)
    return found


def _agents(node: Token, ents: DocumentEntities) -> list[str]:
    """Actors of "attended by X" / "headed by X" below ``node``."""
    found = []
    for token in ([node] if node.dep_ == "agent" else [c for c in node.children if c.dep_ == "agent"]):
        for obj in token.children:
            if obj.dep_ == "pobj":
                found.extend(np_actors(obj, ents))
    return found


def _governing_verb(trigger: Token) -> Token | None:
    """The verb whose clause a trigger sits in: itself, or the verb a noun trigger hangs from."""
    node = trigger
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head == node:
            return None
        if node.dep_ in ("nsubj", "nsubjpass") and node is trigger:
            # "The meeting in Moscow comes amid ...": the meeting is not the verb's; "the
            # summit was held in Tokyo", "took place on Monday": the verb says where and when
            return node.head if _occurrence_verb(node.head) else None
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else None


def _occurrence_verb(verb: Token) -> bool:
    """"was held", "took place", "opened", "convened": a verb that only says an event happened."""
    words = load_rules("meetings")["occurrence_verbs"]
    lemma = verb.lemma_.lower()
    if lemma in words["passive"]:
        return any(c.dep_ == "auxpass" for c in verb.children)
    if lemma in words["with_object"]:
        return any(c.dep_ == "dobj" and c.lower_ == words["with_object"][lemma] for c in verb.children)
    return lemma in words["intransitive"] and not any(c.dep_ == "dobj" for c in verb.children)


def _prep_holders(trigger: Token, verb: Token | None) -> list[Token]:
    holders = list(trigger.children)
    if verb is not None and verb != trigger:
        holders.extend(verb.children)
    for child in list(trigger.children):
        if child.dep_ in ("acl", "relcl"):
            holders.extend(child.children)
    return holders


def is_courtesy_call(verb: Token, ents: DocumentEntities) -> bool:
    """"A called on President B" (diplomatic English): a visit paid to a person, a meeting.
    "called on B to act", "called on B for restraint", "called on the parties" are demands."""
    if verb.lemma_.lower() != "call" or verb.pos_ != "VERB":
        return False
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children) or _to_infinitive_below(verb):
        return False
    objects = [o for on in verb.children if on.dep_ == "prep" and on.lower_ in ("on", "upon")
               for o in on.children if o.dep_ == "pobj"]
    actors = [a for o in objects for a in np_actors(o, ents, delegations=False)]
    return bool(actors) and all(ents.type_of(a) == "PERSON" for a in actors)


def _to_infinitive_below(verb: Token) -> bool:
    """A "to"-infinitive in the verb's own clause ("called on X, who met Y, to act")."""
    for token in verb.subtree:
        if token.dep_ == "aux" and token.lower_ == "to":
            node = token.head
            while node != verb and node.dep_ != "relcl" and node.head != node:
                node = node.head
            if node == verb:
                return True
    return False


def _courtesy_noun(trigger: Token) -> bool:
    """"a courtesy call", "a farewell call": a visit paid, not a telephone call."""
    words = set(load_rules("meetings")["courtesy_words"])
    return trigger.pos_ == "NOUN" and any(c.lower_ in words for c in trigger.children if c.dep_ in ("amod", "compound"))


def _subtype(trigger: Token, rule: dict) -> str:
    """The kind of meeting; "held talks", "attend a call" take the kind of their object, but
    an attended "meeting" is a gathering of several (a summit)."""
    if _courtesy_noun(trigger):
        return "meet"
    nouns = load_rules("meetings")["object_nouns"]
    for child in trigger.children:
        if child.dep_ in ("dobj", "pobj") and child.lower_ in nouns and nouns[child.lower_] != "meet":
            return nouns[child.lower_]
    return rule["subtype"]


def _date(trigger: Token, verb: Token | None, document: Document, *, future: bool) -> tuple[str | None, bool]:
    """The event's ISO date, and whether it names a time kg could not normalise
    ("in November and February"): such an event is not the same as a dated one."""
    # the event noun's own date first: "arriving Thursday for Friday's summit"
    scopes = [trigger] + ([verb] if verb is not None and verb != trigger else [])
    if verb is None and trigger.dep_ == "pobj" and trigger.head.dep_ == "prep":
        # "following the Telephone Talk on May 3": the date the parse hung off the
        # preposition is the talk's, when no verb above takes part in it
        scopes.append(trigger.head)
    other_time = False
    times = _times_in(trigger.sent)  # read once, for every scope
    for scope in scopes:
        for ent in times:
            if not _under(ent.root, scope, trigger, verb):
                continue
            value = normalise_date(ent.text, document.published, future=future)
            if value:
                return value, False
            other_time = other_time or (ent.label_ == "DATE" and names_a_time(ent.text))
    return None, other_time


@lru_cache(maxsize=1)  # the triggers of one sentence come one after another
def _times_in(sentence: Span) -> list[Span]:
    """The DATE and TIME entities inside ``sentence``, read off its tokens: ``Span.ents``
    walks every entity of the document, which costs quadratic time on a long one."""
    doc, found, start = sentence.doc, [], None
    for token in sentence:
        if start is not None and token.ent_iob_ != "I":
            found.append(Span(doc, start, token.i, label=doc[start].ent_type_))
            start = None
        if token.ent_iob_ == "B" and token.ent_type_ in ("DATE", "TIME"):
            start = token.i
    if start is not None and (sentence.end == len(doc) or doc[sentence.end].ent_iob_ != "I"):
        found.append(Span(doc, start, sentence.end, label=doc[start].ent_type_))
    return found


def _under(token: Token, scope: Token, trigger: Token, verb: Token | None) -> bool:
    """True when ``token`` belongs to ``scope``'s own clause (not a nested clause's)."""
    node = token
    while node.head != node:
        if node == scope:
            return True
        if node.dep_ in ("ccomp", "relcl", "advcl") and node not in (trigger, verb) and not _timing_clause(node):
            return False
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and node not in (trigger, verb):
            return False  # "met on Monday and will travel on Friday": each clause its own date
        node = node.head
    return node == scope


def _timing_clause(clause: Token) -> bool:
    """"On July 13, commencing at 10:00 a.m. for about an hour, X held a meeting": a participle
    of an event's own timing (meetings.json timing_verbs) dates the clause it hangs from."""
    return (clause.dep_ == "advcl" and clause.lower_.endswith("ing")
            and clause.lemma_.lower() in load_rules("meetings")["timing_verbs"]
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in clause.children))


@dataclass(frozen=True)
class _MergeContext:
    """What the merge knows about the document's actors."""

    bodies: frozenset[str]
    sides: dict[str, str]
    people: frozenset[str]

    def with_sides(self, actors: set[str]) -> set[str]:
        """Actors with the organisations or countries their people speak for."""
        return actors | {self.sides[a] for a in actors if a in self.sides}


def merge_meetings(readings: list[_Reading], ents: DocumentEntities) -> list[_Reading]:
    """Merge readings of one encounter: the same participants, or an anaphoric mention
    ("also attended the event") or the same place or date shared with an earlier one.
    Repeats until nothing merges, so a report joins its encounter whatever the order."""
    precedence = load_rules("meetings")["subtype_precedence"]
    context = _MergeContext(
        # organisations of several states among the actors: their gatherings are one each
        bodies=frozenset(a for r in readings for a in r.participants if _multilateral(a, ents)),
        # the organisation or country a person speaks for: "the Taliban's deputy leader X"
        sides=_sides(ents),
        people=frozenset(a for r in readings for a in r.participants if ents.type_of(a) == "PERSON"))
    merged = [replace(r, participants=list(r.participants), sentences=set(r.sentences), apart=set(r.apart))
              for r in readings]
    # the triggers of one sentence first ("will attend the summit, hosted by X"), so that a
    # sentence's reading is whole before it is compared with other sentences'
    # then reports with the same actors, then the rest: the strongest evidence first, so a
    # report joins the encounter most like it
    for same in (_same_sentence, _same_actors, _same_encounter):
        changed = True
        while changed:
            changed = False
            kept: list[_Reading] = []
            for reading in merged:
                target = next((m for m in kept if same(m, reading, context)), None)
                if target is None and same is _same_encounter:
                    target = _antecedent_encounter(kept, reading)
                if target is None:
                    kept.append(reading)
                    continue
                changed = True
                _absorb(target, reading, precedence, refers_back=_definite(reading.trigger))
            merged = kept
    return merged


def _absorb(target: _Reading, reading: _Reading, precedence: list[str], *, refers_back: bool = False) -> None:
    for participant in reading.participants:
        if participant not in target.participants:
            target.participants.append(participant)
    if target.status != reading.status:
        target.status = "uncertain"  # "would meet" then "did not say whether they would meet"
    target.sentences |= reading.sentences
    target.apart |= reading.apart
    target.location = target.location or reading.location
    target.date = target.date or reading.date
    target.other_time = target.other_time or reading.other_time
    if not refers_back:  # "also attended the meeting" adds people, not a kind
        target.subtype = min(target.subtype, reading.subtype, key=precedence.index)


def _antecedent_encounter(kept: list[_Reading], reading: _Reading) -> _Reading | None:
    """"Others attended the meeting": with no actor in common, a definite reference is to the
    latest encounter reported before it, when nothing known tells the two apart."""
    if not _definite(reading.trigger) or _names_its_own_parties(reading.trigger):
        return None
    before = [m for m in kept if m.trigger.i < reading.trigger.i and len(m.participants) >= 2]
    if not before:
        return None
    latest = max(before, key=lambda m: m.trigger.i)
    kind = _anaphor_kind(reading.trigger)
    same_kind = kind in ("meet", latest.subtype)  # "the meeting", "the event" refer to any kind
    return latest if same_kind and _compatible(latest, reading) and reading.trigger.i not in latest.apart else None


def _names_its_own_parties(noun: Token) -> bool:
    """"the visit of President X", "the President's visit": a definite noun that says whose
    encounter it is tells of one of its own, not the one reported last."""
    def named(token: Token) -> bool:
        return any(t.ent_type_ in NAME_LABELS for t in token.subtree)

    return noun.pos_ == "NOUN" and any(
        c.dep_ == "poss" and named(c) or c.dep_ == "prep" and c.lower_ in ("of", "by")
        and any(o.dep_ == "pobj" and named(o) for o in c.children) for c in noun.children)


def _anaphor_kind(trigger: Token) -> str | None:
    """The kind a definite reference names: "the meeting" (any), "the call" (phone)."""
    nouns = load_rules("meetings")["object_nouns"]
    objects = [trigger] + [c for c in trigger.children if c.dep_ in ("dobj", "pobj")]
    for noun in objects:
        if noun.lower_ in _anaphoric():
            return nouns.get(noun.lower_, "meet")
    return None


def _same_sentence(first: _Reading, second: _Reading, context: _MergeContext) -> bool:
    """Two triggers of one sentence sharing an actor: "attend the meeting hosted by X"."""
    if not first.sentences & second.sentences or first.trigger == second.trigger:
        return False
    if second.trigger.i in first.apart or first.trigger.i in second.apart:
        return False
    return _compatible(first, second) and bool(set(first.participants) & set(second.participants))


def _compatible(first: _Reading, second: _Reading) -> bool:
    """Nothing known about the two readings tells them apart: place, date, status."""
    if first.location and second.location and first.location != second.location:
        return False
    if first.date and second.date and first.date != second.date:
        return False
    if (first.other_time and second.date) or (second.other_time and first.date):
        return False
    return first.status == second.status or {first.status, second.status} <= PROSPECTIVE


def _same_actors(first: _Reading, second: _Reading, context: _MergeContext) -> bool:
    """The same two or more actors, nothing telling the reports apart."""
    return set(first.participants) == set(second.participants) and _same_encounter(first, second, context)


def _same_encounter(first: _Reading, second: _Reading, context: _MergeContext) -> bool:
    if first.trigger == second.trigger:
        return False  # "met with A, B and C" was split on purpose
    if second.trigger.i in first.apart or first.trigger.i in second.apart:
        return False  # a bilateral "on the margins of" a summit is an encounter of its own
    if first.subtype == second.subtype == "summit" and _compatible(first, second) and first.status == second.status:
        # one gathering: "Friday's summit in Jeddah" twice, or "the G7 meeting" and "her G7 meetings"
        same_day_and_place = first.location and first.location == second.location and first.date and first.date == second.date
        same_body = bool(context.bodies & set(first.participants) & set(second.participants))
        if same_day_and_place or same_body:
            return True
    if first.location and second.location and first.location != second.location:
        return False
    if first.date and second.date and first.date != second.date:
        return False
    if (first.other_time and second.date) or (second.other_time and first.date):
        return False  # "met in November and February" is not the meeting of May 28
    a, b = set(first.participants), set(second.participants)
    if not a & b:
        return False
    prospective = {first.status, second.status} <= PROSPECTIVE
    if first.status != second.status and not prospective:
        return False  # "met on Monday" and "will meet again in May" are two encounters
    if len(a) >= 2 and a == b:
        return True
    if first.status != second.status:
        # "would meet Afghan politicians in Moscow", "is in Moscow for talks with Afghan
        # politicians": two prospects of one encounter when two actors and the place agree
        sides = context.with_sides(a) & context.with_sides(b)
        return len(sides) >= 2 and first.location is not None and first.location == second.location
    if first.sentences & second.sentences:
        return True  # "met ... at a meeting": two triggers of one event
    definite = _definite(second.trigger) and _anaphor_kind(second.trigger) in ("meet", first.subtype)
    if not definite and context.people & (a - b) and context.people & (b - a):
        return False  # "X held talks with Y in Delhi. X also called on Z there": two encounters
    shared_place = first.location is not None and first.location == second.location
    shared_date = first.date is not None and first.date == second.date
    if (first.subtype == "summit") != (second.subtype == "summit"):
        # a bilateral and a gathering the same day are one encounter only where they are
        # said to be, or at one named place
        return definite or shared_place
    return definite or shared_place or shared_date


@lru_cache(maxsize=1)
def _anaphoric() -> frozenset[str]:
    return frozenset(load_rules("meetings")["anaphoric_nouns"])


def _definite(trigger: Token) -> bool:
    """"the event", "the meeting": a noun that refers back to an encounter already reported."""
    objects = [trigger] + [c for c in trigger.children if c.dep_ in ("dobj", "pobj")]
    objects += [o for c in trigger.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return any(o.lower_ in _anaphoric() and any(d.lower_ in ("the", "this", "that") for d in o.children)
               and not _has_a_name(o) for o in objects)


def _has_a_name(noun: Token) -> bool:
    """"the China-Africa summit", "the G7 meeting": a named gathering, not a reference back."""
    return any(t.pos_ == "PROPN" or t.ent_type_ not in ("", "DATE", "TIME", "ORDINAL", "CARDINAL")
               for left in noun.lefts if left.dep_ in PREMODIFIER_DEPS for t in left.subtree)


def _event(reading: _Reading, document: Document, ents: DocumentEntities) -> Event:
    sentence: Span = reading.trigger.sent
    evidence = Evidence(document.id, sentence.start_char, sentence.end_char, sentence.text,
                        rule=f"meetings:{reading.rule['id']}")
    cameo = {"phone": "041", "visit": "042", "talks": "046"}.get(reading.subtype, reading.rule.get("cameo") or "040")
    confidence = 0.8 if reading.location or reading.date else 0.6
    participants = tuple(reading.participants)
    # one trigger can report several encounters ("a trip to Ghana, Tanzania and Zambia",
    # "met A, B and C"): who and where tell them apart
    key = "|".join([document.id, str(sentence.start_char), str(reading.trigger.i), reading.subtype,
                    reading.location or "", *sorted(participants)] + ([str(reading.repeat)] if reading.repeat else []))
    return Event(
        id=event_id("meeting", key), type="meeting", subtype=reading.subtype, evidence=evidence,
        participants=participants, location=reading.location, date=reading.date, status=reading.status,
        trigger=reading.trigger.text, cameo=cameo, plover=PLOVER, confidence=confidence,
    )
