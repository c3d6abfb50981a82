"""Who is who in one document: every reference to an actor resolved, with the reason.

A multi-pass sieve in the manner of Stanford's deterministic coreference (Lee et al.,
Computational Linguistics 2013): passes run from the most precise to the least, each sees
the links the earlier ones made, and each adds a link only where it is sure. Every
:class:`Link` records its pass (``via``) and the mention it resolved to, so a reader can
see why "he" is Lavrov.

1. ``turn`` / ``byline``: first person (I, we, my, our) in a transcript turn is the
   turn's speaker ("LAVROV: We met this morning"), elsewhere in remarks the byline's
   author;
2. ``title``: a definite title with no name ("the Secretary", "the minister", "the
   President of Russia") is the last person named before it holding that title (for that
   body), never the subject of its own clause, in a publisher's own release its own
   official before a foreigner;
3. ``publisher``: in a government's own release, an unnamed "the Prime Minister" is the
   publisher's country; in an international body's, "the Secretary-General" is the body;
   ``title-of``: "the President of Russia" that no one in the text holds is Russia;
4. ``group``: "the militants", "the group" is the last organisation named before it;
   ``description``: "the U.S. diplomat" is the last person named before it with a post in
   that country;
5. ``pronoun``: he / she / his / her is the most salient person before it, the subject of
   its own governing clause or of the previous clause first, agreeing in gender where an
   honorific or a gendered title tells, never the speaker of the turn it is in;
6. ``plural-subject``: they / them / their is the closest clause subject before it that
   names several actors or a group ("the delegation met ... where they met");
7. ``encounter`` (asked for, not precomputed): "the two leaders", "both sides", "the
   sides" are the participants of the last encounter reported before them.

The meeting, statement and affiliation readers consult :class:`Discourse` through
:meth:`Discourse.refers` / :meth:`Discourse.actors` instead of resolving references
themselves.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.extraction import gazetteer
from kg.extraction.entities import DocumentEntities, next_title_start, organization_named, title_at, tokenize
from kg.extraction.publishers import Publisher, find_publisher, lacks_office
from kg.extraction.tokens import text_of, tokens_of
from kg.ids import entity_id
from kg.model import Document, Entity
from kg.rules import load_rules

__all__ = ["Author", "Discourse", "Link", "Turn", "resolve_discourse"]

FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
THIRD_PERSON = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# how far back a pronoun looks for its antecedent, in sentences
PRONOUN_WINDOW = 3
# "the two governments", "both countries": the states an encounter's parties stand for
STATE_NOUNS = frozenset({"government", "country", "nation"})
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
# "SECRETARY POMPEO: Thank you." / "Ms Wong: We ..." : a speaker label opening a paragraph
_TURN = re.compile(r"^[ \t]*([A-Z][^:\n]{1,60}?):[ \t]+(?=\S)", re.M)


@dataclass(frozen=True)
class Link:
    """One resolved reference: the tokens of the expression, what it refers to, and why."""

    start: int  # token span of the referring expression
    end: int
    actors: tuple[str, ...]  # entity ids
    via: str  # the pass that made the link
    antecedent: tuple[int, int] | None = None  # token span of the mention it resolved to


@dataclass(frozen=True)
class Turn:
    """A transcript turn: the speaker label's person and the characters the turn covers."""

    speaker: str  # entity id
    label_start: int  # token span of the label
    label_end: int
    start_char: int  # the turn's text, after the label, up to the next label
    end_char: int


@dataclass(frozen=True)
class Author:
    """Who a headline says issued the document: "Readout from NSC Spokesperson Ana Vega"
    (the person, with the body and title of the post), "Statement by the NSC Spokesperson"
    (the body alone). Entities named only in the headline have no mentions."""

    speaker: str  # entity id: the person, else the body
    person: str | None = None
    organization: str | None = None
    role: str | None = None


@dataclass
class Discourse:
    """The resolved references of one document.

    ``links`` maps the head token of each resolved expression to its :class:`Link`.
    ``publisher`` is who published the document (None when kg cannot tell); its country or
    organisation becomes an entity of the document the first time a reader uses it
    (:meth:`actors`, :meth:`ensure`), not before.
    """

    ents: DocumentEntities
    publisher: Publisher | None = None
    links: dict[int, Link] = field(default_factory=dict)
    turns: list[Turn] = field(default_factory=list)
    encounters: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # token, participants
    posts: Sequence = ()  # the affiliation reader's posts: who holds which title
    author: Author | None = None  # whose readout or statement the headline says the document is
    headline: str | None = None
    _pending: dict[str, Entity] = field(default_factory=dict)  # the publisher's entity, before any use

    def refers(self, token: Token) -> Link | None:
        """The link of the expression headed by ``token``, if the sieve resolved it."""
        link = self.links.get(token.i)
        if link is None and _is_plural_reference(token):
            link = self._encounter_link(token)
        if link is None and token.lower_ == "they" and token.dep_ in SUBJECT_DEPS:
            link = self._encounter_pronoun(token)
        return link

    def actors(self, token: Token) -> list[str]:
        """Entity ids the expression headed by ``token`` refers to ([] when unresolved)."""
        link = self.refers(token)
        for actor in link.actors if link else ():
            self.ensure(actor)
        return list(link.actors) if link else []

    def ensure(self, identifier: str) -> None:
        """Add the publisher's entity to the document's once a reader uses it."""
        entity = self._pending.get(identifier)
        if entity is not None and identifier not in self.ents.entities:
            self.ents.entities[identifier] = entity

    def note_encounter(self, token: int, participants: Sequence[str]) -> None:
        """Record an encounter reported at token ``token`` (its trigger): "the two
        leaders" after it refers to its participants."""
        if len(participants) >= 2:
            self.encounters.append((token, tuple(participants)))
            self.encounters.sort(key=lambda encounter: encounter[0])

    def turn_at(self, char: int) -> Turn | None:
        """The transcript turn covering character ``char``."""
        for turn in self.turns:
            if turn.start_char <= char < turn.end_char:
                return turn
        return None

    def publisher_actor(self) -> str | None:
        """Entity id of the publisher's country or organisation, added to the document's
        entities on first use (an article need not name its own government)."""
        name = self.publisher.actor if self.publisher else None
        return self._entity_for(name) if name else None

    def publisher_country(self) -> str | None:
        """Entity id of the country whose officials the publisher names by a bare title."""
        name = self.publisher.country if self.publisher and self.publisher.kind in ("government", "news") else None
        return self._entity_for(name) if name else None

    def publisher_organization(self) -> str | None:
        """Entity id of the international body whose officers its releases name by a bare title."""
        name = self.publisher.organization if self.publisher and self.publisher.kind == "international" else None
        return self._entity_for(name) if name else None

    def entity_named(self, name: str, kind: str, form: str | None = None) -> str:
        """Id of an entity the headline names ("NSC" for the National Security Council); the
        document's own, else one waiting to be used, with the headline's form as an alias."""
        identifier = entity_id(kind, name)
        for entity in self.ents.entities.values():
            if entity.type == kind and entity.name == name:
                return entity.id
        if identifier not in self.ents.entities:
            aliases = (form,) if form and form != name else ()
            self._pending.setdefault(identifier, Entity(identifier, name, kind, aliases, (), ()))
        return identifier

    def _entity_for(self, name: str) -> str:
        """Id of the publisher's country or body; its entity waits in ``_pending`` until used."""
        place = gazetteer.lookup_country(name)
        kind = "GPE" if place else "ORG"
        name = place.name if place else name
        identifier = entity_id(kind, name)
        if identifier not in self.ents.entities and identifier not in self._pending:
            same_as = (gazetteer.geonames_iri(place.geonames_id),) if place and place.geonames_id else ()
            self._pending[identifier] = Entity(identifier, name, kind, (), same_as, ())
        return identifier

    def _encounter_link(self, token: Token) -> Link | None:
        """"the two leaders", "both sides": the participants of the last encounter
        reported before; for "the two ministers" with no such encounter, the last two
        persons named with a title of that noun."""
        counted = any(c.lower_ in ("two", "both") for c in token.children)
        people = _plural_of_people(token)
        before = [e for e in self.encounters if e[0] < token.i]
        if people:  # "the ministers": the last encounter of people, not of their countries
            before = [e for e in before if sum(self.ents.type_of(p) == "PERSON" for p in e[1]) >= 2] or before
        if before:
            trigger, participants = before[-1]
            three_way = len(participants) == 3
            if people:
                participants = tuple(p for p in participants if self.ents.type_of(p) == "PERSON") or participants
            elif _singular(token) in STATE_NOUNS:
                participants = self._countries_of(participants) or participants  # "the two governments"
            if counted and three_way and len(participants) == 3:
                # "X held talks with A and B. He said both sides agreed": the two X is not
                participants = self._besides_the_speaker(token, participants)
            if not counted or len(participants) == 2:
                return Link(token.i, token.i + 1, participants, "encounter", (trigger, trigger + 1))
        if counted and people:
            holders = _last_holders(self.posts, _singular(token), token.i, 2)
            if len(holders) == 2:
                return Link(token.i, token.i + 1, tuple(person for _, person in holders), "titled-pair",
                            _span_at(self.ents, holders[-1][0]))
        return None


    def _countries_of(self, participants: tuple[str, ...]) -> tuple[str, ...]:
        """The countries an encounter's parties stand for ("the two governments" after X of
        Japan met Y of Korea: Japan and Korea): each person's current post in a country, or
        the country itself; () unless every party has one, each a different one."""
        posts = {post.person: post.organization for post in self.posts if post.current and post.organization}
        countries = tuple(posts.get(p) if self.ents.type_of(p) == "PERSON" else p for p in participants)
        if None in countries or len(set(countries)) != len(countries):
            return ()
        return countries if all(self.ents.type_of(c) == "GPE" for c in countries) else ()

    def _encounter_pronoun(self, token: Token) -> Link | None:
        """"A met B in Paris. They agreed ...": a subject "they" with no plural subject before
        it in its sentence or the one before (those :func:`_plural_pronouns` reads) is the
        participants of an encounter reported there; after "the ministers exchanged views",
        it is who "the ministers" are. Another plural subject there, one kg cannot
        resolve, leaves "they" unresolved."""
        doc = token.doc
        sentence = token.sent
        start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
        plural = [t for t in doc[start:token.i] if t.dep_ in SUBJECT_DEPS and t.tag_ in ("NNS", "NNPS")]
        if plural:
            link = self._encounter_link(plural[-1]) if _is_plural_reference(plural[-1]) else None
            return replace(link, start=token.i, end=token.i + 1) if link else None
        before = [e for e in self.encounters if start <= e[0] < token.i]
        if not before:
            return None
        trigger, participants = before[-1]
        return Link(token.i, token.i + 1, participants, "encounter", (trigger, trigger + 1))

    def _besides_the_speaker(self, token: Token, participants: tuple[str, ...]) -> tuple[str, ...]:
        """The participants of a three-way encounter other than its host (the one who met
        the other two) when the clause of ``token`` (or the clause above it) is about the
        host: "she will meet both leaders", "he said both sides had agreed"; else all three."""
        subjects: set[str] = set()
        node = token
        for _ in range(4):  # the token's own verb, and the verb its clause reports to
            node = node.head
            for child in node.children:
                if child.dep_ in SUBJECT_DEPS and child is not token and token not in child.subtree:
                    link = self.links.get(child.i)
                    subjects.update(link.actors if link else [a for a in [self.ents.at(child)] if a])
            if subjects or node.head is node:
                break
        # the one who met the other two (its encounter's first participant, the host)
        if [p for p in participants if p in subjects] != [participants[0]]:
            return participants
        return participants[1:]


def _last_holders(posts: Sequence, noun: str, before: int, count: int) -> list[tuple[int, str]]:
    """The last ``count`` distinct persons named before token ``before`` with a title whose
    head noun is ``noun`` ("Foreign Minister X" for "ministers"; any head of state or
    government for "leaders"), in text order."""
    found: list[tuple[int, str]] = []
    for post in sorted(posts, key=lambda p: p.mention_start, reverse=True):
        if post.mention_start >= before or any(person == post.person for _, person in found):
            continue
        role, head = _role_words(post.role)
        if head == noun or (noun == "leader" and role in _leader_titles()):
            found.append((post.mention_start, post.person))
            if len(found) == count:
                break
    return found[::-1]


@lru_cache(maxsize=1)
def _leader_titles() -> frozenset[str]:
    return frozenset(t.lower() for t in load_rules("titles")["leaders"])


def resolve_discourse(doc: Doc, document: Document, ents: DocumentEntities, posts: Sequence = ()) -> Discourse:
    """Run the sieve over ``doc`` and return its :class:`Discourse`.

    ``posts`` are the affiliation reader's titles next to names
    (:func:`kg.extraction.affiliations.find_posts`): they say who holds which title.
    """
    discourse = Discourse(ents, find_publisher(document), posts=posts, headline=document.title)
    discourse.turns = _turns(doc, discourse)
    discourse.author = _headline_author(doc, document.title, discourse)
    for sieve_pass in (_first_person, _second_person, _titles, _publisher_titles, _unheld_titles, _groups, _descriptions,
                       _bodies_titles, _pronouns, _plural_pronouns):
        sieve_pass(doc, discourse, posts)
    return discourse


# -- 0. the headline's author ----------------------------------------------------------------

# "Statement by NSC Spokesperson Ana Vega on ...", "Readout from the Spokesperson: ..."
_AUTHOR = re.compile(r"^(?:Press\s+)?(?:Statement|Readout|Remarks|Note)\s+(?:by|from)\s+(?:the\s+)?(.+?)"
                     r"(?:\s+(?:on|regarding|about|following|after|at|in)\s+|\s*[:,–—-]\s+|$)")


# "Remarks by President Ana Vega after ...", "Speech by ...": the named speaker's own words
_REMARKS = re.compile(r"^(?:Press\s+)?(?:Remarks|Statement|Speech|Address|Keynote\s+Address|Opening\s+Remarks)\s+by\s")


def _headline_author(doc: Doc, title: str | None, discourse: Discourse) -> Author | None:
    """The author a headline names: a spokesperson's title, the body before it, the name
    after it. Only "by" / "from": "Readout of the President's Call" names no author."""
    match = _AUTHOR.match(title or "")
    if match is None:
        return None
    words = tokenize(doc.vocab, match.group(1))
    i, organization = 0, None
    for size in range(len(words), 0, -1):  # "NSC", "State Department": the longest body first
        found = organization_named(words[:size].text)
        if found:
            organization, i = discourse.entity_named(*found, form=words[:size].text), size
            break
    size = title_at(words, i)
    spokesperson = bool(size) and _title_scope().get(words[i:i + size].text.lower()) == "spokesperson"
    if not size or not (spokesperson or _REMARKS.match(title or "")):
        return None  # only a spokesperson's readout is the spokesperson's statement; remarks are the speaker's
    role = words[i:i + size].text
    name = words[i + size:]
    if not spokesperson and not (name and organization is None):
        return None  # "Remarks by the President": no one named
    if name and all(t.text[:1].isupper() and t.is_alpha for t in name) and len(name) <= 4:
        person = _person_named(discourse, name.text)
        return Author(person, person, organization, role)
    return Author(organization, None, organization, role) if organization else None


def _person_named(discourse: Discourse, name: str) -> str:
    """The body's person the headline names ("Vega" for "Ana Vega", which becomes an alias),
    else a new one for the headline."""
    words = name.casefold().split()
    for entity in list(discourse.ents.entities.values()):
        own = entity.name.casefold().split()
        if entity.type == "PERSON" and (own == words or own == words[-len(own):]):
            if entity.name != name and name not in entity.aliases:
                discourse.ents.entities[entity.id] = replace(entity, aliases=tuple(sorted({*entity.aliases, name})))
            return entity.id
    return discourse.entity_named(name, "PERSON")


# -- 1. first person ----------------------------------------------------------------------

def _turns(doc: Doc, discourse: Discourse) -> list[Turn]:
    """Speaker labels that open a paragraph and name a person of the document; in a
    government's own transcript a bare title ("Minister:") is that government speaking."""
    ents = discourse.ents
    labels = []
    for match in _TURN.finditer(text_of(doc)):
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if span is None:
            continue
        people = [e for e in ents.in_range(span.start, span.end) if ents.type_of(e) == "PERSON"]
        speaker = people[-1] if people and not _questioner(span) else None
        if speaker is None and title_at(doc, span.start, span.end) == len(span):
            speaker = _label_holder(span, discourse)
        if speaker is None and title_at(doc, span.start, span.end) == len(span) and discourse.publisher is not None \
                and discourse.publisher.kind == "government":
            speaker = discourse.publisher_country()
        labels.append((match, span, speaker))
    turns = []
    for number, (match, span, speaker) in enumerate(labels):
        end_char = labels[number + 1][0].start() if number + 1 < len(labels) else len(text_of(doc))
        if speaker is not None:
            turns.append(Turn(speaker, span.start, span.end, match.end(), end_char))
    return turns


def _label_holder(label, discourse: Discourse) -> str | None:
    """The one person named before a bare-title label with that title ("Deputy
    Spokesperson:" after "Ana Vega, Deputy Spokesperson for the Secretary-General"); two
    holders leave it to the publisher's convention."""
    title = label.text.lower()
    holders = {post.person for post in discourse.posts if post.mention_start < label.start
               and any(words == title or re.split(r"\s+(?:of|for|to)\s+", words)[0] == title
                       for words, _ in _held_titles(post.role))}
    return next(iter(holders)) if len(holders) == 1 else None


def _questioner(label) -> bool:
    """A generic label naming the one asking ("Question (Ana Vega, Daily News)"): the
    turn asks a question; it is no one's statement, nor is its "I" the named person's."""
    opening = next((t.i for t in label if t.text == "("), None)
    return opening is not None and label.doc[label.start:opening].text.casefold() in _generic_speakers()


@lru_cache(maxsize=1)
def _generic_speakers() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_rules("titles")["generic_speakers"])


def _first_person(doc: Doc, discourse: Discourse, posts: Sequence) -> None:
    """I / we in a turn are its speaker ("we met" from a minister is the minister speaking
    for the side they lead: kg's records name the person); in remarks with no turns, the
    headline's speaker ("Remarks by President Ana Vega"), outside quotations."""
    author = discourse.author
    if not discourse.turns and author is not None and author.person and _REMARKS.match(discourse.headline or ""):
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(doc.text)]
        for token in tokens_of(doc):
            if (token.lower_ in FIRST_PERSON_SINGULAR or token.lower_ in FIRST_PERSON_PLURAL) and token.pos_ == "PRON" \
                    and not any(start <= token.idx < end for start, end in quoted):
                discourse.links.setdefault(token.i, Link(token.i, token.i + 1, (author.person,), "byline"))
    for turn in discourse.turns:
        span = doc.char_span(turn.start_char, turn.end_char, alignment_mode="contract")
        if span is None:
            continue
        for token in span:
            if token.lower_ in FIRST_PERSON_SINGULAR or token.lower_ in FIRST_PERSON_PLURAL:
                discourse.links.setdefault(token.i, Link(token.i, token.i + 1, (turn.speaker,), "turn",
                                                         (turn.label_start, turn.label_end)))


def _second_person(doc: Doc, discourse: Discourse, posts: Sequence) -> None:
    """You / your in a transcript of two speakers is the other one ("WANG: We are willing to
    meet with you." is Wang speaking to the other speaker); with more speakers, or a
    questioner, whom "you" addresses is not said."""
    speakers = {turn.speaker for turn in discourse.turns}
    if len(speakers) != 2 or not all(discourse.ents.type_of(s) == "PERSON" for s in speakers):
        return
    for turn in discourse.turns:
        other = next(s for s in speakers if s != turn.speaker)
        span = doc.char_span(turn.start_char, turn.end_char, alignment_mode="contract")
        for token in span if span is not None else ():
            if token.lower_ in SECOND_PERSON:
                discourse.links.setdefault(token.i, Link(token.i, token.i + 1, (other,), "turn", None))


# -- 2./3. titles -------------------------------------------------------------------------

def _definite_titles(doc: Doc, ents: DocumentEntities):
    """(head token, title start, title end, body) of each "the TITLE" with no name attached;
    body is the country or organisation of "the President of Russia" (else None)."""
    i = 0
    while (i := next_title_start(doc, i)) < len(doc):
        size = title_at(doc, i)
        if not size:
            i += 1
            continue
        start, end = i, i + size
        i = end
        # "EAM said": a title abbreviated in capitals needs no article to stand for its holder
        abbreviated = size == 1 and len(doc[start].text) > 1 and doc[start].text.isupper() and doc[start].dep_ in (
            "nsubj", "nsubjpass")
        if not abbreviated and (start == 0 or doc[start - 1].lower_ != "the"):
            continue
        body = _title_body(doc, ents, end)
        if body is None and end < len(doc) and (ents.at(doc[end]) or doc[end].pos_ == "PROPN"
                                                or doc[end].lower_ in ("of", "for", "to")):
            continue  # "the Prime Minister Anna Berg", "the Minister for Trade": not unnamed
        head = doc[start:end].root
        if any(ents.at(t) for t in head.subtree if (t.i < start or t.i >= end) and not (body and ents.at(t) == body[0])):
            continue  # "the Chilean President", "the Taliban's spokesman": someone else's
        yield head, start, end, body[0] if body else None


def _title_body(doc: Doc, ents: DocumentEntities, end: int) -> tuple[str, int] | None:
    """(body, token after it) for "the President [of Russia]" when no name follows the body
    ("the President of Russia Vladimir Sorokin", "the President of Russia, Vladimir Sorokin,"
    are named)."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return None
    first = end + 1 + (doc[end + 1].lower_ == "the")
    body = ents.at(doc[first]) if first < len(doc) else None
    if body is None or ents.type_of(body) not in ("GPE", "ORG"):
        return None
    after = ents.span_of(doc[first])[1]
    named = after < len(doc) and (ents.type_of(ents.at(doc[after])) == "PERSON" or doc[after].text == ","
                                  and after + 1 < len(doc) and (ents.type_of(ents.at(doc[after + 1])) == "PERSON"
                                                                or title_at(doc, after + 1)))
    return None if named else (body, after)


def _role_words(role: str) -> tuple[str, str]:
    """Lower-cased role and its head noun: "Secretary of State" -> ("secretary of state", "secretary")."""
    lowered = role.lower()
    head = re.split(r"\s+(?:of|for|to)\s+", lowered)[0].split()
    return lowered, head[-1] if head else lowered


def _held_titles(role: str) -> list[tuple[str, str]]:
    """:func:`_role_words` of each title a role joins with "and": "Tánaiste and Minister for
    Foreign Affairs" is held as the Tánaiste and as the minister."""
    parts = [part for part in re.split(r"\s+and\s+", role) if part]
    return [_role_words(role)] + [_role_words(part) for part in parts if len(parts) > 1]


def _titles(doc: Doc, discourse: Discourse, posts: Sequence) -> None:
    """"the Secretary" / "the minister": the last person named before it holding the title
    (the whole title, else its head noun: "the minister" after "Foreign Minister X");
    "the President of Russia": the last holder for that body. Never the subject of the
    title's own clause ("Novak briefed the President"); in a government's or a body's own
    release, a capitalised principal title is its own official's where one holds it (the
    publisher's convention), not a foreigner's."""
    held = sorted(posts, key=lambda post: post.mention_start)
    foreign = _foreign_holders(discourse, posts)
    for head, start, end, body in _definite_titles(doc, discourse.ents):
        if head.i in discourse.links:
            continue
        title, title_head = _role_words(doc[start:end].text)
        exact = [post for post in held if post.mention_start < start
                 and any(words == title for words, _ in _held_titles(post.role))]
        loose = [post for post in held if post.mention_start < start and title == title_head
                 and any(head == title_head for _, head in _held_titles(post.role))]
        found = exact or loose
        if body is not None:
            found = [post for post in found if _serves(discourse, post, body)]
        own_clause = _clause_subjects(head, discourse.ents)
        found = [post for post in found if post.person not in own_clause]
        if discourse.publisher and doc[start].text[:1].isupper() and _principal(title):
            found = [post for post in found if post.person not in foreign] or found
        if found:
            post = found[-1]
            discourse.links[head.i] = Link(start, end, (post.person,), "title", _span_at(discourse.ents, post.mention_start))


def _foreign_holders(discourse: Discourse, posts: Sequence) -> set[str]:
    """Persons whose post the text places in a country or body other than the publisher's."""
    if discourse.publisher is None or discourse.publisher.actor is None:
        return set()
    own = discourse.publisher_actor()
    return {post.person for post in posts if post.organization and post.organization != own}


def _serves(discourse: Discourse, post, body: str) -> bool:
    """Whether ``post`` is one in ``body``: named so, or a bare title of the publisher's own."""
    if post.organization is not None:
        return post.organization == body
    return discourse.publisher is not None and discourse.publisher.actor is not None and (
        discourse.publisher_actor() == body)


def _clause_subjects(head: Token, ents: DocumentEntities) -> set[str]:
    """Persons who are the subject of the clause ``head`` stands in (not itself)."""
    for verb in head.ancestors:
        if verb.pos_ in ("VERB", "AUX"):
            return {a for s in verb.children if s.dep_ in SUBJECT_DEPS and head not in s.subtree
                    for t in [s, *s.conjuncts] if (a := ents.at(t)) and ents.type_of(a) == "PERSON"}
    return set()


def _publisher_titles(doc: Doc, discourse: Discourse, posts: Sequence) -> None:
    """An unnamed "the Prime Minister" in a government's release is its country; "the
    Secretary-General" in an international body's is the body. Only a capitalised title
    no one of the publisher's side holds: "the president" of something else is not the
    publisher; a foreigner's title does not stop it ("Novak briefed the President")."""
    publisher = discourse.publisher
    if publisher is None or publisher.actor is None:
        return
    wanted = ("organization", "international") if publisher.kind == "international" else ("state",)
    foreign = _foreign_holders(discourse, posts)
    held = {words for post in posts if post.person not in foreign for words, _ in _held_titles(post.role)}
    held |= _titles_before_names(doc, discourse.ents, foreign)
    for head, start, end, body in _definite_titles(doc, discourse.ents):
        if head.i in discourse.links or body is not None or not doc[start].text[:1].isupper():
            continue
        title = doc[start:end].text.lower()
        if (title in held or _title_scope().get(title) not in wanted or not _principal(title)
                or lacks_office(publisher.country, title)):  # "the Prime Minister" from the White House
            continue
        actor = discourse.publisher_actor()
        if actor:
            discourse.links[head.i] = Link(start, end, (actor,), "publisher")


def _unheld_titles(doc: Doc, discourse: Discourse, posts: Sequence) -> None:
    """"The President of Russia congratulated ...", "the Foreign Minister of Zenara said",
    with no one in the text holding that post: the country or body itself, as an actor (as
    an unnamed official counts as their country). Principal titles only: "a minister of
    Chile" is one of many."""
    for head, start, end, body in _definite_titles(doc, discourse.ents):
        if head.i in discourse.links or body is None or not _principal(doc[start:end].text.lower()):
            continue
        named_at = end + 1 + (doc[end + 1].lower_ == "the")  # "of [the] Russia"
        discourse.links[head.i] = Link(start, end, (body,), "title-of", _span_at(discourse.ents, named_at))


def _titles_before_names(doc: Doc, ents: DocumentEntities, foreign: set[str]) -> set[str]:
    """Titles the text uses before a name anywhere ("Queen Elizabeth", even where NER
    missed the name) but a foreigner's: such a title has a holder, so "the Queen" is not the
    publisher."""
    found = set()
    for i in range(len(doc)):
        size = title_at(doc, i)
        if size and i + size < len(doc) and doc[i + size].pos_ == "PROPN" and doc[i + size].text[:1].isupper() and (
                ents.at(doc[i + size]) not in foreign):
            found.add(doc[i:i + size].text.lower())
    return found


def _principal(title: str) -> bool:
    """A title one holder has for a whole country or body ("Prime Minister", "Foreign
    Secretary", "Secretary-General"), not one of many ("Minister", "Ambassador")."""
    return title in _principal_titles()


@lru_cache(maxsize=1)
def _principal_titles() -> frozenset[str]:
    return frozenset(t.lower() for t in load_rules("titles")["principal"])


@lru_cache(maxsize=1)
def _title_scope() -> dict[str, str]:
    scope: dict[str, str] = {}
    for kind, titles in load_rules("titles")["titles"].items():
        for title in titles:
            scope.setdefault(title.lower(), kind)
    return scope


def _span_at(ents: DocumentEntities, token: int) -> tuple[int, int] | None:
    for start, end, _ in ents.spans:
        if start <= token < end:
            return start, end
    return None


# -- 4. groups ----------------------------------------------------------------------------

def _groups(doc: Doc, discourse: Discourse, posts: Sequence) -> None:
    """"the militants", "the group": the closest organisation named before it."""
    nouns = _group_nouns()
    for token in tokens_of(doc):
        if token.lower_ not in nouns or token.i in discourse.links or discourse.ents.at(token):
            continue
        if not any(c.lower_ == "the" for c in token.children):
            continue
        if any(discourse.ents.at(t) for t in token.subtree if t.i < token.i):
            continue  # "the Taliban movement" names its own
        for start, end, entity in reversed(discourse.ents.spans):
            if end <= token.i and discourse.ents.type_of(entity) == "ORG":
                discourse.links[token.i] = Link(token.i, token.i + 1, (entity,), "group", (start, end))
                break


def _descriptions(doc: Doc, discourse: Discourse, posts: Sequence) -> None:
    """"the U.S. diplomat", "the Afghan official": the last person named before it whose
    post is in the country or organisation that modifies the noun."""
    ents = discourse.ents
    nouns = _person_nouns()
    for token in tokens_of(doc):
        if token.lower_ not in nouns or token.i in discourse.links or not any(c.lower_ == "the" for c in token.children):
            continue
        owners = {ents.at(c) for c in token.children if c.dep_ in ("compound", "amod", "nmod") and ents.at(c)}
        if not owners:
            continue
        for post in sorted(posts, key=lambda p: p.mention_start, reverse=True):
            if post.mention_start < token.i and post.organization in owners:
                discourse.links[token.i] = Link(token.i, token.i + 1, (post.person,), "description",
                                                _span_at(ents, post.mention_start))
                break


def _bodies_titles(doc: Doc, discourse: Discourse, posts: Sequence) -> None:
    """"its spokeswoman", "its foreign minister": "its" before a title is the country or
    organisation that is the subject of the closest earlier sentence with one ("Pakistan's
    foreign office rejected the claim. Its spokeswoman said ..."); two such subjects in that
    sentence leave it unresolved."""
    ents = discourse.ents
    sentences = list(doc.sents)
    number = {token.i: n for n, sentence in enumerate(sentences) for token in sentence}
    for token in tokens_of(doc):
        if token.lower_ != "its" or token.i in discourse.links or not title_at(doc, _after_adjectives(doc, token.i + 1)):
            continue
        here = number[token.i]
        for back in range(0, PRONOUN_WINDOW):
            if here - back < 0:
                break
            sentence = sentences[here - back]
            bodies = {entity for t in sentence if t.dep_ in SUBJECT_DEPS and t.i < token.i
                      for head in [t, *t.conjuncts] if (entity := ents.at(head))
                      and ents.type_of(entity) in ("ORG", "GPE")}
            if bodies:
                if len(bodies) == 1:
                    body = next(iter(bodies))
                    discourse.links[token.i] = Link(token.i, token.i + 1, (body,), "its-body", _span_of(ents, body, token.i))
                break


def _after_adjectives(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].pos_ == "ADJ" and not title_at(doc, i):
        i += 1
    return i


def _span_of(ents: DocumentEntities, entity: str, before: int) -> tuple[int, int] | None:
    """The last mention of ``entity`` before token ``before``."""
    found = [(start, end) for start, end, e in ents.spans if e == entity and end <= before]
    return found[-1] if found else None


@lru_cache(maxsize=1)
def _group_nouns() -> frozenset[str]:
    return frozenset(load_rules("meetings")["group_nouns"])


# -- 5. pronouns --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Candidate:
    person: str
    start: int
    end: int
    sentence: int  # index of its sentence
    subject: bool


def _pronouns(doc: Doc, discourse: Discourse, posts: Sequence) -> None:
    """he / she / his / her: the most salient person that agrees in gender (see
    :func:`_most_salient`); a pronoun kg resolves tells the person's gender from then on."""
    ents = discourse.ents
    gender = _genders(doc, ents, posts)
    sentence_of = {token.i: number for number, sentence in enumerate(doc.sents) for token in sentence}
    candidates: list[_Candidate] = []
    spans = iter(sorted((s, e, x) for s, e, x in ents.spans if ents.type_of(x) == "PERSON"))
    pending = next(spans, None)
    for token in tokens_of(doc):
        while pending is not None and pending[1] <= token.i:
            start, end, person = pending
            candidates.append(_Candidate(person, start, end, sentence_of[start], _is_subject(doc[start:end].root)))
            pending = next(spans, None)
        titled = discourse.links.get(token.i)
        if titled is not None and titled.via in ("publisher", "title-of") and token.i == titled.end - 1:
            # "The Secretary-General arrived. He met ...": the unnamed officer stands for the body
            candidates.append(_Candidate(titled.actors[0], titled.start, titled.end, sentence_of[token.i],
                                         _is_subject(token)))
        wanted = THIRD_PERSON.get(token.lower_)
        if wanted is None or token.pos_ != "PRON" or token.i in discourse.links:
            continue
        turn = discourse.turn_at(token.idx)

        def agrees(person: str) -> bool:
            return gender.get(person, wanted) == wanted and (turn is None or person != turn.speaker)

        here = sentence_of[token.i]
        pool = [c for c in candidates if here - c.sentence < PRONOUN_WINDOW and agrees(c.person)]
        best = _governing_subject(token, ents, discourse, agrees) or _most_salient(token, pool, here)
        if best is not None:
            discourse.links[token.i] = Link(token.i, token.i + 1, (best.person,), "pronoun", (best.start, best.end))
            candidates.append(_Candidate(best.person, token.i, token.i + 1, here, _is_subject(token)))
            gender.setdefault(best.person, wanted)


def _person_of(token: Token, ents: DocumentEntities, discourse: Discourse) -> tuple[str, int, int] | None:
    """(person, start, end) mentioned at ``token``: a name, or a pronoun already resolved."""
    entity = ents.at(token)
    if entity and ents.type_of(entity) == "PERSON":
        span = _span_at(ents, token.i) or (token.i, token.i + 1)
        return entity, span[0], span[1]
    link = discourse.links.get(token.i)
    if link and len(link.actors) == 1 and ents.type_of(link.actors[0]) == "PERSON":
        return link.actors[0], link.start, link.end
    return None


def _governing_subject(pronoun: Token, ents: DocumentEntities, discourse: Discourse, agrees) -> _Candidate | None:
    """The person subject of the closest clause above the pronoun: "Ruiz said he would
    go", "In his remarks, Ruiz said". Left out where an object person could be meant
    as well ("Berg thanked Ruiz for his work", "Berg told Ruiz that he ...")."""
    for ancestor in pronoun.ancestors:
        subjects = [c for c in ancestor.children if c.dep_ in SUBJECT_DEPS and pronoun not in c.subtree]
        if not subjects:
            continue
        if pronoun.head == ancestor and pronoun.dep_ in ("dobj", "dative", "iobj") or (
                pronoun.dep_ == "pobj" and pronoun.head.head == ancestor):
            return None  # "Lim welcomed her": an object is not its own clause's subject (that is "herself")
        if ancestor.dep_ == "relcl" and all(subject.lower_ in ("who", "that") for subject in subjects):
            subjects = [ancestor.head]  # "Asante, who was accompanied by his minister": the one "who" is
        people = [found for subject in subjects for head in [subject, *subject.conjuncts]
                  if (found := _person_of(head, ents, discourse))]
        compatible = [p for p in people if agrees(p[0])]
        if people and not compatible:
            # "I spoke with Minister Kang and she assured me": the speaker is not "she"; the
            # one other person named before it in the sentence is
            return _only_other_before(pronoun, ents, agrees)
        if len({p[0] for p in compatible}) != 1:
            return None
        objects = [found for child in ancestor.children if child.dep_ in ("dobj", "dative", "iobj") and child.i < pronoun.i
                   for head in [child, *child.conjuncts] if (found := _person_of(head, ents, discourse))]
        if any(agrees(o[0]) and o[0] != compatible[0][0] for o in objects):
            return None
        person, start, end = compatible[0]
        return _Candidate(person, start, end, -1, True)
    return None


def _only_other_before(pronoun: Token, ents: DocumentEntities, agrees) -> _Candidate | None:
    found = [(start, end, person) for start, end, person in ents.spans
             if pronoun.sent.start <= start and end <= pronoun.i and ents.type_of(person) == "PERSON" and agrees(person)]
    if len({person for _, _, person in found}) != 1:
        return None
    start, end, person = found[-1]
    return _Candidate(person, start, end, -1, False)


def _most_salient(pronoun: Token, pool: list[_Candidate], sentence: int) -> _Candidate | None:
    """The subject of the closest earlier sentence that has a person subject; else the only
    person of the previous sentence. Two persons of equal standing ("Berg and Ruiz met.
    He said ...") leave the pronoun unresolved."""
    for back in range(1, PRONOUN_WINDOW):
        subjects = [c for c in pool if c.sentence == sentence - back and c.subject]
        if subjects:
            last_clause = [c for c in subjects if pronoun.doc[_head_index(c, pronoun.doc)].head ==
                           pronoun.doc[_head_index(subjects[-1], pronoun.doc)].head]
            if len({c.person for c in last_clause}) > 1:
                return None
            return subjects[-1]
    previous = [c for c in pool if c.sentence == sentence - 1]
    if len({c.person for c in previous}) == 1:
        return previous[-1]
    return None


def _head_index(candidate: _Candidate, doc: Doc) -> int:
    return _function_token(doc[candidate.start:candidate.end].root).i


def _function_token(token: Token) -> Token:
    """Climb name compounds, appositions and coordination to the token whose dependency
    says what the mention does in its clause."""
    while token.dep_ in ("compound", "appos", "conj", "flat") and token.head != token:
        token = token.head
    return token


def _is_subject(token: Token) -> bool:
    return _function_token(token).dep_ in SUBJECT_DEPS


def _genders(doc: Doc, ents: DocumentEntities, posts: Sequence) -> dict[str, str]:
    """Gender a text tells for a person: an honorific before a mention ("Mr. Sullivan") or
    a gendered title ("spokeswoman"). Unknown persons agree with either pronoun."""
    rules = load_rules("titles")["gendered"]
    words = {word.lower(): gender for gender, forms in rules.items() for word in forms}
    told: dict[str, set[str]] = {}
    for start, _end, person in ents.spans:
        if ents.type_of(person) == "PERSON" and start > 0 and doc[start - 1].lower_.rstrip(".") in words:
            told.setdefault(person, set()).add(words[doc[start - 1].lower_.rstrip(".")])
    for post in posts:
        for word in post.role.lower().split():
            if word in words:
                told.setdefault(post.person, set()).add(words[word])
    return {person: next(iter(genders)) for person, genders in told.items() if len(genders) == 1}


# -- 6. they -----------------------------------------------------------------------------

def _plural_pronouns(doc: Doc, discourse: Discourse, posts: Sequence) -> None:
    """they / them / their: the closest clause subject before it that names several actors
    ("Vega and Haddad met ... They agreed") or a group ("the delegation met ... where they
    met"); a plural subject kg cannot resolve stops the search, and so does, for "them" /
    "their", a plural noun closer to the pronoun than the subject."""
    from kg.extraction.syntax import np_actors  # syntax consults this module's links

    ents = discourse.ents
    sentences = list(doc.sents)
    number_of = {sentence.start: n for n, sentence in enumerate(sentences)}
    for token in tokens_of(doc):
        if token.lower_ not in PLURAL_PRONOUNS or token.pos_ != "PRON" or token.i in discourse.links:
            continue
        subject_pronoun = token.dep_ in SUBJECT_DEPS
        here = number_of[token.sent.start]
        window = [t for sentence in sentences[max(0, here - 2):here + 1] for t in sentence if t.i < token.i]
        for subject in reversed([t for t in window if t.dep_ in SUBJECT_DEPS and t.pos_ != "PRON"
                                 or t.dep_ in SUBJECT_DEPS and t.i in discourse.links]):
            plural = bool(subject.conjuncts) or subject.tag_ in ("NNS", "NNPS") or subject.lemma_.lower() in _group_words()
            if not plural:
                continue
            if not subject_pronoun and any(t.tag_ in ("NNS", "NNPS") for t in doc[subject.right_edge.i + 1:token.i]):
                break  # "their" after "... the right of nations": another plural is closer
            actors = [a for head in [subject, *subject.conjuncts] for a in np_actors(head, ents)]
            actors = list(dict.fromkeys(a for a in actors if ents.type_of(a) in ("PERSON", "ORG", "GPE")))
            if len(actors) >= 2 or (actors and not subject.conjuncts):
                discourse.links[token.i] = Link(token.i, token.i + 1, tuple(actors), "plural-subject",
                                                (subject.left_edge.i, subject.right_edge.i + 1))
            break


@lru_cache(maxsize=1)
def _group_words() -> frozenset[str]:
    rules = load_rules("meetings")
    return frozenset(rules["delegation_nouns"]) | frozenset(rules["group_nouns"])


# -- 7. encounters ------------------------------------------------------------------------

def _is_plural_reference(token: Token) -> bool:
    """"the two leaders", "both sides", "the sides", "the parties" ("they" is read by
    :func:`_plural_pronouns`, from the clause subjects before it)."""
    if token.tag_ not in ("NNS", "NNPS") or _singular(token) not in _encounter_nouns():
        return False
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet", "quantmod")}
    title = _plural_title(token)  # "the two Prime Ministers": the title's words name no one
    if any(t.ent_type_ in NAMED_TYPES or t.pos_ == "PROPN" and t not in title for t in token.subtree if t != token):
        return False  # "the U.S. and Israeli delegations", "the leaders of Chile and Peru" name their own
    return bool(determiners & {"two", "both", "the"})


def _plural_title(token: Token) -> list[Token]:
    """The words before a plural noun that make it a title ("Prime" in "the two Prime
    Ministers"), or [] ("Afghan" in "the Afghan ministers" names a country)."""
    words = [c for c in token.lefts if c.dep_ == "compound" and c.ent_type_ not in NAMED_TYPES]
    if words and " ".join([*(w.lower_ for w in words), _singular(token)]) in _state_titles():
        return words
    return []


@lru_cache(maxsize=1)
def _state_titles() -> frozenset[str]:
    titles = load_rules("titles")["titles"]
    return frozenset(t.lower() for group in titles.values() for t in group)


def _plural_of_people(token: Token) -> bool:
    return _singular(token) in _person_nouns()


def _singular(token: Token) -> str:
    """The singular of a plural noun, also where the tagger left a capitalised plural
    unlemmatised: "ministers", "Ministers" -> "minister"."""
    lemma = token.lemma_.lower()
    if token.tag_ in ("NNS", "NNPS") and lemma == token.lower_ and lemma.endswith("s"):
        return lemma[:-1]
    return lemma


@lru_cache(maxsize=1)
def _encounter_nouns() -> frozenset[str]:
    return frozenset(load_rules("meetings")["person_nouns"]) | {"side", "party", "country", "government", "delegation"}


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    return frozenset(load_rules("meetings")["person_nouns"])

