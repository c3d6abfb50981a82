"""Meetings: who met whom, where, when, and whether it happened.

Triggers come from ``rules/meetings.json``. For each trigger the clause around it is read:
participants from the subject, the object, "with"/"between" phrases, "attended by" and
noun modifiers ("Taliban talks", "Biden's call"); the place from "in/at"; the date from a
date expression in the clause; the status from modality and negation. Reports of one
encounter within a document are then merged.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from kg.extraction.dates import names_a_time, normalise_date
from kg.extraction.entities import DocumentEntities
from kg.extraction.matching import matches
from kg.extraction.matching import rule as matching_rule
from kg.extraction.syntax import np_actors, place_below, place_in, status_of, subjects_of
from kg import gazetteer
from kg.ids import entity_id, event_id
from kg.model import ACTOR_TYPES, Document, Event, Evidence
from kg.rules import load_rules

__all__ = ["find_meetings", "merge_meetings"]

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

    def __post_init__(self) -> None:
        self.sentences.add(self.trigger.sent.start)


def find_meetings(doc: Doc, document: Document, ents: DocumentEntities) -> list[Event]:
    """Meetings reported in ``doc``, merged per encounter, each with its evidence."""
    readings: list[_Reading] = []
    seen: set[int] = set()
    for rule_id, start, _end in matches(doc, "meetings"):
        trigger = doc[start]
        if trigger.i in seen:
            continue
        seen.add(trigger.i)
        rule = matching_rule("meetings", rule_id)
        reading = _read(trigger, rule, ents, document)
        if reading:
            readings.extend(reading)
    companions = _companions(doc, ents)
    for reading in readings:
        for person in list(reading.participants):
            reading.participants.extend(c for c in companions.get(person, []) if c not in reading.participants)
    merged = _dated_by_trip(merge_meetings(readings, ents))
    return [_event(r, document, ents) for r in merged if len(r.participants) >= 2]


def _dated_by_trip(readings: list[_Reading]) -> list[_Reading]:
    """Meetings on a dated trip share its date: "X traveled to Israel December 21-22 ...
    In Jerusalem, X met with Y" happened on that trip."""
    trips: list[_Reading] = []
    for reading in readings:
        if reading.subtype == "visit" and reading.date and reading.status == "occurred":
            trips.append(reading)
        elif reading.date is None and not reading.other_time and reading.status == "occurred":
            trip = next((t for t in reversed(trips) if set(t.participants) & set(reading.participants)), None)
            if trip is not None:
                reading.date = trip.date
    return readings


COMPANION_VERBS = frozenset({"join", "accompany"})


def _companions(doc: Doc, ents: DocumentEntities) -> dict[str, list[str]]:
    """Who travels with whom: "X was joined in his meetings by A, B and C", "X, accompanied
    by A," make A, B and C members of X's delegation in every meeting X attends."""
    found: dict[str, list[str]] = {}
    for token in doc:
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
        for actor in actors:
            if actor not in participants and ents.type_of(actor) in ACTOR_TYPES:
                participants.append(actor)

    is_verb = trigger.pos_ in ("VERB", "AUX")
    if rule.get("requires_with") and not any(c.lower_ in ("with", "by") for c in trigger.children if c.dep_ == "prep"):
        return []
    if rule.get("requires_agreement"):
        nouns = set(load_rules("meetings")["agreement_nouns"])
        if not any(c.lemma_.lower() in nouns for c in trigger.children if c.dep_ == "dobj"):
            return []
    if rule.get("object_is_person"):
        # "X hosted Y", or passive "was greeted by Y"
        objects = [c for c in trigger.children if c.dep_ == "dobj"]
        objects += [o for c in trigger.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        if not objects or not any(np_actors(o, ents, delegations=False) for o in objects):
            return []
    if verb is not None and _subject_takes_part(trigger, verb):
        for subject in subjects_of(verb):
            add(np_actors(subject, ents))
    hosts = list(participants)
    holders = [trigger] + ([verb] if verb is not None and verb != trigger else [])
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("dobj", "attr") and (is_verb or holder is verb) and child != trigger:
                add(np_actors(child, ents))
            elif child.dep_ == "poss" and holder is trigger:
                add(np_actors(child, ents, delegations=False))  # "the Vice President's trip"
            elif child.dep_ in ("compound", "amod", "nmod") and holder is trigger:
                entity = ents.at(child)
                if entity and ents.type_of(entity) in ACTOR_TYPES:
                    add([entity])
            elif child.dep_ == "prep" and child.lower_ in ("with", "between", "among"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        add(np_actors(obj, ents))
            elif child.dep_ == "agent" or (child.dep_ == "acl" and holder is trigger):
                add(_agents(child, ents))
            if child.dep_ == "prep" and holder is trigger:
                # "a summit in Lusaka between A and B": the phrase hangs off the place
                for obj in (o for o in child.children if o.dep_ == "pobj"):
                    for inner in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("between", "with")):
                        for person in (o for o in inner.children if o.dep_ == "pobj"):
                            add(np_actors(person, ents))
    if is_verb and len(hosts) >= 2 and _unnamed_counterpart(trigger, ents):
        return []  # "X and Y did not meet with representatives of the opposition": not X with Y
    location = place_in(_prep_holders(trigger, verb), ents)
    if location is None:
        subject_tokens = {t.i for subject in subjects_of(verb) for t in subject.subtree} if verb is not None else set()
        location = place_below(holders, ents, skip=subject_tokens)
    participants = [p for p in participants if p != location or rule["subtype"] == "visit"]
    subtype = _subtype(trigger, rule)
    status = status_of(trigger, sentence)
    # "called off on Tuesday a summit": the verb's date is not the summit's
    date_verb = verb if verb is not None and _subject_takes_part(trigger, verb) else None
    date, other_time = _date(trigger, date_verb, document, future=status == "planned")
    if rule["subtype"] == "visit" or rule.get("requires_place"):
        return _visits(trigger, rule, participants, status, date, ents)
    guests = [p for p in participants if p not in hosts]
    if is_verb and len(hosts) == 1 and len(guests) >= 2 and all(ents.type_of(g) == "PERSON" for g in guests):
        # "X met with A, B and C": one meeting with each
        return [_Reading(trigger, rule, hosts + [guest], location, date, status, subtype, other_time)
                for guest in guests]
    return [_Reading(trigger, rule, participants, location, date, status, subtype, other_time)]


def _visits(trigger: Token, rule: dict, visitors: list[str], status: str, date: str | None,
            ents: DocumentEntities) -> list[_Reading]:
    """"X visited Eritrea", "X's trip to Ghana, Tanzania and Zambia": one visit per place."""
    places: list[str] = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "prep") and (child.dep_ == "dobj" or child.lower_ in ("to", "in")):
            objects = [child] if child.dep_ == "dobj" else [c for c in child.children if c.dep_ == "pobj"]
            for obj in objects:
                for head in [obj, *obj.conjuncts]:
                    entity = ents.at(head)
                    if entity and ents.type_of(entity) in ("GPE", "LOC") and entity not in places:
                        places.append(entity)
    places = [_host_country(place, ents) for place in places]
    people = [v for v in visitors if v not in {p for pair in places for p in pair}]
    if not places:
        if len(people) >= 2 and rule["subtype"] == "visit":  # "X's visit with Y"
            return [_Reading(trigger, rule, people, None, date, status, "visit")]
        return []
    return [_Reading(trigger, rule, people + [host], location, date, status, "visit") for location, host in places]


def _host_country(place: str, ents: DocumentEntities) -> tuple[str, str]:
    """(place, host): a visit to a city is hosted by its country when the text names it."""
    found = gazetteer.lookup_place(ents.entities[place].name)
    if found is None or found.type != "GPE" or not found.country_code:
        return place, place
    country = gazetteer.country_by_code(found.country_code)
    host = entity_id("GPE", country.name) if country else None
    return place, host if host in ents.entities else place


def _subject_takes_part(trigger: Token, verb: Token) -> bool:
    """Whether the subject of the verb a trigger hangs from is a participant: yes for
    "X met", "X held talks", "X spoke at a meeting"; no for "X called off the summit"."""
    if verb == trigger:
        return True
    node = trigger
    while node != verb and node.head != node:
        if node.dep_ == "pobj":
            return True  # "at a meeting", "for two days of talks"
        node = node.head
    return verb.lemma_.lower() in set(load_rules("meetings")["participation_verbs"])


def _unnamed_counterpart(trigger: Token, ents: DocumentEntities) -> bool:
    """True when the verb's object or "with" phrase names no one kg can identify."""
    rules = load_rules("meetings")
    events = set(rules["anaphoric_nouns"]) | set(rules["object_nouns"])
    objects = [c for c in trigger.children if c.dep_ == "dobj" and c.lemma_.lower() not in events]
    objects += [o for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children if o.dep_ == "pobj"]
    return bool(objects) and not any(np_actors(o, ents) for o in objects)


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
            return None  # "The meeting in Moscow comes amid ...": the meeting is not the verb's
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else None


def _prep_holders(trigger: Token, verb: Token | None) -> list[Token]:
    holders = list(trigger.children)
    if verb is not None and verb != trigger:
        holders.extend(verb.children)
    for child in list(trigger.children):
        if child.dep_ in ("acl", "relcl"):
            holders.extend(child.children)
    return holders


def _subtype(trigger: Token, rule: dict) -> str:
    """The kind of meeting; "attend the summit" takes the kind of its object."""
    nouns = load_rules("meetings")["object_nouns"]
    for child in trigger.children:
        if child.dep_ in ("dobj", "pobj") and child.lower_ in nouns:
            return nouns[child.lower_]
    return rule["subtype"]


def _date(trigger: Token, verb: Token | None, document: Document, *, future: bool) -> tuple[str | None, bool]:
    """The event's ISO date, and whether it names a time kg could not normalise
    ("in November and February"): such an event is not the same as a dated one."""
    scopes = [trigger] + ([verb] if verb is not None and verb != trigger else [])
    other_time = False
    for ent in trigger.sent.ents:
        if ent.label_ != "DATE":
            continue
        if any(_under(ent.root, scope, trigger, verb) for scope in scopes):
            value = normalise_date(ent.text, document.published, future=future)
            if value:
                return value, False
            other_time = other_time or names_a_time(ent.text)
    return None, other_time


def _under(token: Token, scope: Token, trigger: Token, verb: Token | None) -> bool:
    """True when ``token`` belongs to ``scope``'s own clause (not a nested clause's)."""
    node = token
    while node.head != node:
        if node == scope:
            return True
        if node.dep_ in ("ccomp", "relcl", "advcl") and node not in (trigger, verb):
            return False
        node = node.head
    return node == scope


def merge_meetings(readings: list[_Reading], ents: DocumentEntities) -> list[_Reading]:
    """Merge readings of one encounter: the same participants, or an anaphoric mention
    ("also attended the event") or the same place or date shared with an earlier one.
    Repeats until nothing merges, so a report joins its encounter whatever the order."""
    anaphoric = set(load_rules("meetings")["anaphoric_nouns"])
    precedence = load_rules("meetings")["subtype_precedence"]
    merged = [replace(r, participants=list(r.participants), sentences=set(r.sentences)) for r in readings]
    changed = True
    while changed:
        changed = False
        kept: list[_Reading] = []
        for reading in merged:
            target = next((m for m in kept if _same_encounter(m, reading, anaphoric)), None)
            if target is None:
                kept.append(reading)
                continue
            changed = True
            _absorb(target, reading, precedence)
        merged = kept
    return merged


def _absorb(target: _Reading, reading: _Reading, precedence: list[str]) -> None:
    for participant in reading.participants:
        if participant not in target.participants:
            target.participants.append(participant)
    if target.status != reading.status:
        target.status = "uncertain"  # "would meet" then "did not say whether they would meet"
    target.sentences |= reading.sentences
    target.location = target.location or reading.location
    target.date = target.date or reading.date
    target.other_time = target.other_time or reading.other_time
    target.subtype = min(target.subtype, reading.subtype, key=precedence.index)


def _same_encounter(first: _Reading, second: _Reading, anaphoric: set[str]) -> bool:
    if first.trigger == second.trigger:
        return False  # "met with A, B and C" was split on purpose
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
        return False
    if first.sentences & second.sentences:
        return True  # "met ... at a meeting": two triggers of one event
    definite = _definite(second.trigger, anaphoric)
    shared_place = first.location is not None and first.location == second.location
    shared_date = first.date is not None and first.date == second.date
    return definite or shared_place or shared_date


def _definite(trigger: Token, anaphoric: set[str]) -> bool:
    """"the event", "the meeting": a noun that refers back to an encounter already reported."""
    objects = [trigger] + [c for c in trigger.children if c.dep_ in ("dobj", "pobj")]
    objects += [o for c in trigger.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return any(o.lower_ in anaphoric and any(d.lower_ in ("the", "this", "that") for d in o.children)
               for o in objects)


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
                    reading.location or "", *sorted(participants)])
    return Event(
        id=event_id("meeting", key), type="meeting", subtype=reading.subtype, evidence=evidence,
        participants=participants, location=reading.location, date=reading.date, status=reading.status,
        trigger=reading.trigger.text, cameo=cameo, plover=PLOVER, confidence=confidence,
    )
