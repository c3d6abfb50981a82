"""Affiliations: a person's post in a country or organisation, current or former.

Read from the words around a person's name:

- pre-modifiers: "Russian Foreign Minister Sergei Lavrov", "former Afghan President Hamid
  Karzai", "Afghan Ambassador to Russia Mohammad Latif Bahand";
- appositions: "Zalmay Khalilzad, the U.S. envoy", "the Taliban's deputy leader, Mullah
  Abdul Ghani Baradar";
- "of" phrases: "President Bola Tinubu of Nigeria", "Minister for Foreign Affairs of
  Japan Kenji Mori";
- relational nouns: "her Chilean counterpart Pablo Ruiz".

A title with no country or organisation of its own never takes a guessed one. In order:
the same person's explicit post elsewhere in the document; a host's official met on a
visit ("In Lima, Berg met President Ruiz" after "Berg traveled to Peru"); the publisher's
convention (a government's own release names its own officials by a bare title, a
national outlet its own country's; :mod:`kg.extraction.discourse`); else no country.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.extraction import gazetteer
from kg.extraction.entities import (DocumentEntities, after_parenthesised_portfolio, is_honorific, title_at,
                                    title_tokens, tokenize)
from kg.extraction.matching import matches
from kg.extraction.publishers import lacks_office
from kg.extraction.syntax import np_actors, place_in, subjects_of
from kg.extraction.tokens import tokens_of
from kg.ids import entity_id
from kg.model import Affiliation, Document, Event, Evidence
from kg.rules import load_rules

__all__ = ["Post", "find_affiliations", "find_posts"]


@dataclass(frozen=True)
class Post:
    """A title read next to a person's name, before an organisation is chosen for it."""

    person: str
    role: str
    organization: str | None
    current: bool
    sentence_start: int  # token index of the sentence, for the fallback organisation
    rule: str
    mention_start: int
    title_start: int | None = None  # token of the title read, where one was ("her [predecessor], Ana Vega")
    unnamed_body: bool = False  # "Speaker of the Sejm" with no entity for the Sejm: someone's, not the publisher's


@lru_cache(maxsize=1)
def _title_scope() -> dict[str, str]:
    rules = load_rules("titles")
    scope = {}
    for kind, titles in rules["titles"].items():
        for title in titles:
            scope.setdefault(title.lower(), kind)
    return scope


@lru_cache(maxsize=1)
def _former_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_rules("titles")["former"])


def find_posts(doc: Doc, ents: DocumentEntities) -> list[Post]:
    """Titles next to each person mention, with the organisation when the text names it."""
    posts: list[Post] = []
    for start, end, person in ents.spans:
        if ents.type_of(person) != "PERSON":
            continue
        found = [post for reader in (_before, _apposition_after, _apposition_before, _byline)
                 if (post := reader(doc, ents, start, end, person))]
        if found:
            post = _merge(found)
            if post.organization is None and _of_unknown_body(doc, ents, end):
                post = replace(post, unnamed_body=True)  # "President X of Veloria", Veloria untagged
            posts.append(post)
            # "the OSCE Chairperson-in-Office, Foreign Minister Ian Borg of Malta": a post in each body named
            posts.extend(other for other in found if other.organization not in (None, post.organization)
                         and other.role not in _styles() and not _is_relational(other.role))
        # "Ana Vega, who until 2019 was Chile's Foreign Minister": a post besides the one by the name
        described = _relative_clause(doc, ents, start, end, person)
        if described is not None:
            posts.append(described)
    return posts


def _relative_clause(doc: Doc, ents: DocumentEntities, start: int, end: int, person: str) -> Post | None:
    """The post in "NAME, who [until last year] was/is/served as TITLE OF BODY": read only
    where the clause names whose post it is (a bare "who was Minister of Finance" could be
    anyone's). Past tense ("was", "served", "had been") or a word of the past before the
    title (titles.json ``former_clause_words``: "previously", "until") makes it former."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "who":
        return None
    sentence_end = doc[end].sent.end
    verb = next((t for t in doc[end + 2:min(end + 9, sentence_end)]
                 if t.lemma_.lower() in ("be", "serve") and t.tag_ not in ("VBG",)), None)
    if verb is None or any(ents.type_of(ents.at(t)) == "PERSON" or t.text in (";", ".", ")")
                           for t in doc[end + 2:verb.i]):
        return None
    begin = verb.i + 1
    while begin < sentence_end and (doc[begin].lemma_.lower() == "be" or doc[begin].pos_ == "ADV"):
        begin += 1  # "who has been", "who is also"
    if verb.lemma_.lower() == "serve":
        if begin >= sentence_end or doc[begin].lower_ != "as":
            return None
        begin += 1
    stop = _apposition_end(doc, ents, begin) if begin < sentence_end else None
    post = _read_title_phrase(doc, ents, begin, stop, person, start, "relative-clause") if stop else None
    if post is None or post.organization is None:
        return None
    auxiliaries = {t.lower_ for t in doc[end + 2:begin]}
    past = (verb.tag_ == "VBD" or "had" in auxiliaries
            or any(t.lower_ in _former_clause_words() for t in doc[end + 2:begin]))
    return replace(post, current=post.current and not past)


@lru_cache(maxsize=1)
def _former_clause_words() -> frozenset[str]:
    return frozenset(load_rules("titles")["former_clause_words"])


def _of_unknown_body(doc: Doc, ents: DocumentEntities, end: int) -> bool:
    """The name ending at ``end`` is followed by "of" and a capitalised name kg has no
    entity for: the post is of a body the text names, whoever publishes it."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return False
    word = doc[end + 2] if doc[end + 1].lower_ == "the" and end + 2 < len(doc) else doc[end + 1]
    return word.pos_ == "PROPN" and word.text[:1].isupper() and ents.at(word) is None


def _merge(found: list[Post]) -> Post:
    """One post from the readings of one mention: the organisation the text names
    ("President Bola Tinubu of Nigeria") and a title proper over a relational noun ("her
    Italian counterpart Antonio Tajani, Deputy Prime Minister")."""
    proper = [post for post in found if post.role not in _styles()]
    found = proper or found  # "Sheikh Khalid, Minister of Foreign Affairs", "the Commissioner, Ambassador Ana Vega"
    named = next((post for post in found if post.organization), None)
    titled = next((post for post in found if not _is_relational(post.role)), None)
    best = named or found[0]
    if titled is not None and titled is not best and _is_relational(best.role):
        return replace(best, role=titled.role, current=best.current and titled.current)
    return best


@lru_cache(maxsize=1)
def _styles() -> frozenset[str]:
    """Words that style a person more than they name a post ("Sheikh", "Ambassador" as a
    rank): a post said beside one is the person's post."""
    return frozenset(load_rules("titles")["styles"])


def _is_relational(role: str) -> bool:
    return role.lower() in _relational_nouns()


@lru_cache(maxsize=1)
def _relational_nouns() -> frozenset[str]:
    return frozenset(t.lower() for t in load_rules("titles")["titles"].get("relational", ()))


def find_affiliations(doc: Doc, document: Document, ents: DocumentEntities, posts: list[Post],
                      meetings: list[Event] = ()) -> list[Affiliation]:
    """One affiliation per (person, organisation), with the first post's evidence.

    A bare title ("President Tinubu") takes the organisation of the same person's explicit
    post elsewhere; else the host country of a visit on which the person was met; else the
    publisher's country or organisation by the publisher's convention, unless the person
    met one of the publisher's own officials (then the person is the other side); else none.
    """
    found: dict[tuple[str, str], Affiliation] = {}
    explicit: dict[str, str] = {}
    for post in posts:
        if post.organization:
            explicit.setdefault(post.person, post.organization)
    headline = {person: organization for person, organization in _headline_posts(doc, document.title, ents).items()
                if person not in explicit}
    explicit.update(headline)
    implied = {**_announcements(doc, ents, posts), **_governments(doc, ents, posts), **_sides(doc, ents, posts)}
    encounters = _encounters(doc, ents)
    visits = _visited(doc, ents, meetings)
    known = {**explicit, **{person: organization for person, (organization, _) in implied.items()}}
    # hosts of a guest whose country the text says first, then those of the publisher's officials
    hosted = _hosts(ents, encounters, known, visits)
    conventional = _by_convention(doc, ents, posts, {**known, **hosted}, encounters)
    hosted.update(_hosts(ents, encounters, {**known, **hosted, **conventional}, visits))
    for post in posts:
        organization, how = post.organization, "explicit"
        if organization is None and _relation(doc, ents, post):
            continue  # "her predecessor, Ana Vega", "his foreign minister": from the post of the one "her" is, below
        if organization is None and (body := _possessing_body(doc, ents, post)):
            organization, how = body, "possessor"  # "Its spokeswoman, Ana Vega" after the foreign office
        if organization is None:
            if post.person in headline:
                organization, how = headline.pop(post.person), "headline"
            elif post.person in explicit:
                continue  # "President Tinubu" after "President Bola Tinubu of Nigeria"
            elif post.person in implied:
                organization, how = implied[post.person]
            elif post.person in hosted:
                organization, how = hosted[post.person], "host"
            else:
                organization, how = conventional.get(post.person), "publisher"
        if organization is None or organization == post.person:
            continue
        key = (post.person, organization)
        if key in found and found[key].role:
            continue
        sentence = doc[post.mention_start].sent
        suffix = "" if how == "explicit" else f"+{how}"
        evidence = Evidence(document.id, sentence.start_char, sentence.end_char, sentence.text,
                            rule=f"affiliations:{post.rule}{suffix}")
        if ents.discourse is not None:
            ents.discourse.ensure(organization)  # the publisher's country, named by no word of the text
        found[key] = Affiliation(post.person, organization, evidence, role=post.role, current=post.current,
                                 confidence=0.85 if how == "explicit" else 0.6)
    author = ents.discourse.author if ents.discourse is not None else None
    if author and author.person and author.organization and author.person not in explicit:
        # "Readout from NSC Spokesperson Ana Vega": the headline's post; evidence is the body's first sentence
        ents.discourse.ensure(author.person)
        ents.discourse.ensure(author.organization)
        sentence = next(iter(doc.sents))
        evidence = Evidence(document.id, sentence.start_char, sentence.end_char, sentence.text,
                            rule="affiliations:headline-author")
        found[(author.person, author.organization)] = Affiliation(author.person, author.organization, evidence,
                                                                  role=author.role, current=True, confidence=0.7)
    for post in posts:
        relation = _relation(doc, ents, post) if post.organization is None else None
        if relation and not any(key[0] == post.person for key in found):
            inherited = _owners_post(doc, ents, post, found)
            if inherited is not None:
                role = inherited.role if relation == "succession" else post.role
                current = post.role.lower() != "predecessor" and post.current
                found[(post.person, inherited.organization)] = replace(
                    inherited, person=post.person, role=role, current=current, confidence=0.6,
                    evidence=_evidence(doc, document, post.mention_start, f"affiliations:{post.rule}+{relation}"))
    for person, owner, token in _possessors(doc, ents):
        if person not in explicit and not any(key[0] == person for key in found):
            sentence = doc[token].sent
            evidence = Evidence(document.id, sentence.start_char, sentence.end_char, sentence.text,
                                rule="affiliations:possessor")
            found[(person, owner)] = Affiliation(person, owner, evidence, role=None, current=True, confidence=0.6)
    for member, body, role, token in _memberships(doc, ents):
        if (member, body) not in found:
            sentence = doc[token].sent
            evidence = Evidence(document.id, sentence.start_char, sentence.end_char, sentence.text,
                                rule="affiliations:membership")
            found[(member, body)] = Affiliation(member, body, evidence, role=role, current=True, confidence=0.8)
    for person, body, current, token in _service(doc, ents):
        if (person, body) not in found:
            found[(person, body)] = Affiliation(person, body, _evidence(doc, document, token, "affiliations:served-in"),
                                                role="member", current=current, confidence=0.7)
    return list(found.values())


def _service(doc: Doc, ents: DocumentEntities) -> list[tuple[str, str, bool, int]]:
    """(person, body, current, token) for "Vega served in Congress", "I served on the
    Council" (a pronoun the discourse resolved to one person): a member of the body; past
    tense, a former one."""
    found: list[tuple[str, str, bool, int]] = []
    for verb in tokens_of(doc):
        if verb.lemma_.lower() != "serve" or verb.pos_ not in ("VERB", "AUX") or any(
                c.dep_ == "dobj" for c in verb.children):
            continue  # "served dinner in the White House" serves something, in no body
        bodies = [ents.at(o) for p in verb.children if p.dep_ == "prep" and p.lower_ in ("in", "on")
                  for o in p.children if o.dep_ == "pobj"]
        bodies = [b for b in bodies if b is not None and ents.type_of(b) == "ORG"]
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if len(bodies) != 1 or len(subjects) != 1:
            continue
        subject = subjects[0]
        people = [ents.at(subject)] if ents.at(subject) else (ents.discourse.actors(subject) if ents.discourse else [])
        if len(people) != 1 or ents.type_of(people[0]) != "PERSON":
            continue
        past = verb.tag_ == "VBD" or any(c.lower_ == "had" for c in verb.children if c.dep_ == "aux")
        found.append((people[0], bodies[0], not past, verb.i))
    return found


def _relation(doc: Doc, ents: DocumentEntities, post: Post) -> str | None:
    """How a post is another person's: "succession" ("her predecessor"), "subordinate"
    ("his deputy"), "possessed" (a title of one's own after a person's possessive: "his
    foreign minister", "Vega's chief of staff": in that person's body); else None."""
    relation = _title_scope().get(post.role.lower())
    if relation in ("succession", "subordinate"):
        return relation
    if relation != "relational" and post.title_start is not None and _possessor(doc, ents, post.title_start):
        return "possessed"
    return None


def _owners_post(doc: Doc, ents: DocumentEntities, post: Post, found: dict) -> Affiliation | None:
    """The post of the person a relational title is said of: "her predecessor" after "Foreign
    Minister Ana Vega", "Ms. Vega's deputy"; their first affiliation with a role."""
    owner = _possessor(doc, ents, post.title_start) if post.title_start is not None else None
    held = sorted((a for (person, _), a in found.items() if person == owner and a.role),
                  key=lambda a: (-a.confidence, a.evidence.start))
    return held[0] if held else None


def _possessor(doc: Doc, ents: DocumentEntities, title: int) -> str | None:
    """The person whose possessive stands before the title at token ``title``, over
    adjectives: "her [Portuguese] predecessor" (the pronoun as the who-is-who resolved it),
    "Ms. Vega's deputy"."""
    i = title - 1
    while i >= 0 and doc[i].pos_ == "ADJ" or i >= 0 and ents.type_of(ents.at(doc[i])) == "NORP":
        i -= 1
    if i < 0:
        return None
    token = doc[i]
    if token.lower_ in ("'s", "’s") and i > 0:
        person = ents.at(doc[i - 1])
    elif token.lower_ in ("his", "her", "my", "their", "its") and ents.discourse is not None:
        actors = ents.discourse.actors(token)
        person = actors[0] if len(actors) == 1 else None
    else:
        return None
    return person if ents.type_of(person) == "PERSON" else None


def _possessing_body(doc: Doc, ents: DocumentEntities, post: Post) -> str | None:
    """The country or organisation "its" before the title stands for, as the who-is-who
    resolved it ("[its] spokeswoman"); "our" in a publisher's own words is the publisher."""
    if post.title_start is None or ents.discourse is None:
        return None
    i = post.title_start - 1
    while i >= 0 and doc[i].pos_ == "ADJ":
        i -= 1
    if i >= 0 and doc[i].lower_ == "our":
        # "Our Special Envoy for Yemen, Ana Vega" in a body's or government's own release, outside any turn
        discourse = ents.discourse
        if discourse.publisher is None or discourse.publisher.actor is None or discourse.turn_at(doc[i].idx):
            return None
        return discourse.publisher_actor()
    if i < 0 or doc[i].lower_ not in ("its", "their"):
        return None
    actors = ents.discourse.actors(doc[i])
    return actors[0] if len(actors) == 1 and ents.type_of(actors[0]) in ("GPE", "ORG") else None


def _evidence(doc: Doc, document: Document, token: int, rule: str) -> Evidence:
    sentence = doc[token].sent
    return Evidence(document.id, sentence.start_char, sentence.end_char, sentence.text, rule=rule)


def _possessors(doc: Doc, ents: DocumentEntities) -> list[tuple[str, str, int]]:
    """(person, organisation, token) for "VOA's Ana Vega reports", "Chile's Vega said": an
    organisation or country whose possessive stands right before a person's name, the
    name heading its own phrase (not "Chile's Vega government")."""
    found = []
    for start, end, person in ents.spans:
        if ents.type_of(person) != "PERSON" or start < 2 or doc[start - 1].lower_ not in ("'s", "’s"):
            continue
        owner = ents.at(doc[start - 2])
        head = doc[start:end].root
        if owner and ents.type_of(owner) in ("ORG", "GPE") and head.dep_ not in ("compound", "poss", "amod"):
            if ents.type_of(owner) == "ORG" or gazetteer.lookup_country(ents.entities[owner].name):
                found.append((person, owner, start))
    return found


MEMBERS = ("GPE", "ORG")
INCLUDING_VERBS = frozenset({"include", "comprise", "encompass", "group"})
BESIDES = frozenset({"aside", "besides", "apart", "beside"})


def _memberships(doc: Doc, ents: DocumentEntities) -> list[tuple[str, str, str, int]]:
    """(member, body, role, token) for a country's or organisation's membership in a body:

    - "Chile is a member of the OAS", "Chile, as a founding member of the OAS,";
    - "Chile's membership in the OAS" (or "in the body", a back-reference);
    - "the OAS includes Chile, Peru and Bolivia" (with "aside from Brazil" a member too);
    - "OAS member Chile".
    """
    found: list[tuple[str, str, str, int]] = []

    def add(members: list[Token], body: str | None, role: str, at: int) -> None:
        if body is None or ents.type_of(body) != "ORG":
            return
        for token in members:
            for head in [token, *token.conjuncts]:
                member = ents.at(head)
                if member and member != body and ents.type_of(member) in MEMBERS:
                    found.append((member, body, role, at))

    for token in tokens_of(doc):
        lemma = token.lemma_.lower()
        if lemma == "member":
            body = _body_of(token, ents, ("of", "in"))
            role = " ".join(t.lower_ for t in token.children if t.dep_ == "amod" and t.i < token.i) + " member"
            if token.dep_ == "attr":
                add([c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")], body, role.strip(), token.i)
            elif token.dep_ == "appos":
                add([token.head], body, role.strip(), token.i)
            elif token.dep_ == "pobj" and token.head.lower_ == "as":
                holder = token.head.head
                add([holder] if ents.at(holder) else [c for c in holder.children if c.dep_ == "nsubj"], body,
                    role.strip(), token.i)
            elif token.dep_ == "compound" and ents.at(token.head):
                # "OAS member Chile"
                owners = [ents.at(c) for c in token.children if c.dep_ == "compound" and ents.at(c)]
                add([token.head], owners[0] if owners else None, "member", token.i)
        elif lemma == "membership":
            if token.dep_ == "dobj" and token.head.lemma_.lower() in _membership_ending_verbs():
                continue  # "suspended Mali's membership in the bloc": no member by this sentence
            body = _body_of(token, ents, ("in", "of"))
            if body is None and token.dep_ == "dobj":
                body = _body_of(token.head, ents, ("in",))  # "restored Syria's membership [in the body]": the parse hangs "in" off the verb
            add([c for c in token.children if c.dep_ == "poss"], body, "member", token.i)
        elif lemma in INCLUDING_VERBS and token.pos_ == "VERB":
            bodies = [ents.at(c) for c in token.children if c.dep_ == "nsubj"]
            body = bodies[0] if bodies else None
            members = [c for c in token.children if c.dep_ == "dobj"]
            members += [o for c in token.children if c.dep_ in ("prep", "advmod") and c.lower_ in BESIDES
                        for p in [c, *c.children] for o in p.children if o.dep_ == "pobj"]
            add(members, body, "member", token.i)
    return found


@lru_cache(maxsize=1)
def _membership_ending_verbs() -> frozenset[str]:
    return frozenset(load_rules("organizations")["membership_ending_verbs"])


def _body_of(noun: Token, ents: DocumentEntities, preps: tuple[str, ...]) -> str | None:
    """The organisation after "member of" / "membership in", a back-reference ("the body") resolved."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            entity = ents.at(obj)
            if entity is None and ents.discourse is not None:
                entity = next(iter(ents.discourse.actors(obj)), None)
            if entity:
                return entity
    return None


def _headline_posts(doc: Doc, title: str | None, ents: DocumentEntities) -> dict[str, str]:
    """Countries the headline gives a person of the body: "Remarks with Chinese Foreign
    Minister Wang Yi" for the body's "FOREIGN MINISTER WANG", "Call with President-Elect
    Ruiz of Peru". The headline is tokenised, not parsed: a demonym or "of COUNTRY" right
    around a title and the person's name."""
    if not title:
        return {}
    words = tokenize(doc.vocab, title)
    names: dict[str, str] = {}
    for entity in ents.entities.values():
        if entity.type == "PERSON":
            for part in entity.name.split()[1:] or entity.name.split():
                names.setdefault(part.casefold(), entity.id)
    found: dict[str, str] = {}
    for token in words:
        person = names.get(token.text.casefold())
        if person is None or person in found or not token.text[:1].isupper():
            continue
        first = token.i
        while first > 0 and words[first - 1].text.casefold() in names:
            first -= 1  # "Wang Yi": the whole name
        country = None
        i = first
        while i > 0:
            size = next((n for n in range(min(i, 6), 0, -1) if title_at(words, i - n, i) == n), 0)
            if size:
                i -= size
                continue
            place = gazetteer.lookup_country(words[i - 1].text)
            if place and words[i - 1].text[:1].isupper():
                country = place.name
            break
        if i == first:
            continue  # no title before the name: "Ruiz" alone says nothing of a post
        after = token.i + 1
        if country is None and after + 1 < len(words) and words[after].lower_ == "of":
            place = gazetteer.lookup_country(words[after + 1:after + 4].text) or gazetteer.lookup_country(words[after + 1].text)
            country = place.name if place else None
        identifier = entity_id("GPE", country) if country else None
        if identifier in ents.entities:
            found[person] = identifier
    return found


GOVERNMENT_NOUNS = frozenset({"government", "administration", "cabinet"})


def _governments(doc: Doc, ents: DocumentEntities, posts: list[Post]) -> dict[str, tuple[str, str]]:
    """"President Ana Vega's government" where the document names one country's
    government ("the Chilean government", "Chile's government"): Vega leads that one."""
    countries = set()
    leaders = {}
    for token in tokens_of(doc):
        if token.lemma_.lower() not in GOVERNMENT_NOUNS:
            continue
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
        for child in modifiers + [x for c in modifiers for x in c.conjuncts]:  # "the Chilean and Peruvian governments"
            entity = ents.at(child)
            if entity is None:
                continue
            if ents.type_of(entity) == "GPE" and gazetteer.lookup_country(ents.entities[entity].name):
                countries.add(entity)
            elif ents.type_of(entity) == "PERSON" and child.dep_ == "poss" and child.head == token:
                leaders[entity] = token.i
    if len(countries) != 1:
        return {}
    country = next(iter(countries))
    titled = {post.person for post in posts if _title_scope().get(_base_role(post.role)) == "state"}
    return {person: (country, "government") for person in leaders if person in titled}


def _sides(doc: Doc, ents: DocumentEntities, posts: list[Post]) -> dict[str, tuple[str, str]]:
    """Bare-titled attendees listed after "From the Tarvanian side," (titles.json
    ``side_frames``) are that country's: a readout lists each party's people in turn, so
    the publisher's convention does not place them. The frame lasts to the sentence's end
    or the next frame."""
    frames = load_rules("titles")["side_frames"]
    starts: list[tuple[int, str]] = []  # (token, country) where each frame opens
    for token in tokens_of(doc):
        if token.lower_ not in frames["prepositions"] or token.i + 3 >= len(doc):
            continue
        before = doc[token.i - 1] if token.i > 0 else None
        if not (token.is_sent_start or before is not None and before.text in ("(", ";", "[")):
            continue
        the, party, noun = doc[token.i + 1], doc[token.i + 2], doc[token.i + 3]
        country = ents.at(party)
        if (the.lower_ == "the" and noun.lower_ in frames["nouns"] and country is not None
                and ents.type_of(country) == "GPE" and gazetteer.lookup_country(ents.entities[country].name)):
            starts.append((token.i, country))
    found: dict[str, tuple[str, str]] = {}
    for post in posts:
        if post.organization is not None:
            continue
        sentence = doc[post.mention_start].sent
        opened = [country for at, country in starts if sentence.start <= at < post.mention_start]
        if opened:
            found.setdefault(post.person, (opened[-1], "side"))
    return found


def _announcements(doc: Doc, ents: DocumentEntities, posts: list[Post]) -> dict[str, tuple[str, str]]:
    """A bare spokesperson announcing what one organisation will do speaks for it:
    "spokesman Omar Latif said Hamas negotiators would travel to Cairo"."""
    found = {}
    for post in posts:
        if post.organization or _title_scope().get(_base_role(post.role)) != "spokesperson":
            continue
        subject = _function_token(doc[post.mention_start])
        verb = subject.head
        if subject.dep_ != "nsubj" or verb.lemma_.lower() not in SPEECH_VERBS:
            continue
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            if not any(c.dep_ == "aux" and c.lower_ in ("would", "will") for c in clause.children):
                continue  # a plan announced, not news reported
            owners = {ents.at(t) for s in clause.children if s.dep_ in ("nsubj", "nsubjpass") for t in s.subtree}
            owners = {o for o in owners if o and ents.type_of(o) == "ORG"}
            if len(owners) == 1:
                found[post.person] = (owners.pop(), "announcement")
    return found


SPEECH_VERBS = frozenset({"say", "announce", "tell", "state", "confirm", "add"})


def _function_token(token):
    """Climb name compounds and flat names to the token that has the mention's function."""
    while token.dep_ in ("compound", "flat") and token.head != token:
        token = token.head
    return token


@dataclass(frozen=True)
class _Encounter:
    """Who met whom in one clause, by side: the subject's and the other's ("with", object,
    the agent of a passive), and which side received the other."""

    subjects: frozenset[str]
    others: frozenset[str]
    place: str | None  # where it happened, if the clause says
    hosting: bool = False  # "X welcomed / hosted / received Y": the subject is the host
    greeting: bool = False  # a welcome, not any meeting: its host is the visited country's

    @property
    def hosts(self) -> frozenset[str]:
        return self.subjects if self.hosting else self.others

    @property
    def guests(self) -> frozenset[str]:
        return self.others if self.hosting else self.subjects


HOSTING_VERBS = frozenset({"host", "welcome", "receive", "greet"})
COMPANION_VERBS = frozenset({"join", "accompany"})


def _encounters(doc: Doc, ents: DocumentEntities, also: frozenset[str] = frozenset()) -> list[_Encounter]:
    """The two sides of each meeting trigger's clause, persons only (and the actors in
    ``also``): "In Lima, Berg met with President Ruiz" -> ({Berg}, {Ruiz}, Lima); "Berg was
    greeted by President Ruiz" -> ({Berg}, {Ruiz}), Ruiz the host."""
    def kept(actor: str) -> bool:
        return ents.type_of(actor) == "PERSON" or actor in also

    found = []
    for _rule, start, _end in matches(doc, "meetings"):
        trigger = doc[start]
        if trigger.lemma_.lower() in COMPANION_VERBS:
            continue  # "The leaders were joined by the High Representative": her side, not the other
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head if trigger.dep_ in ("dobj", "pobj") else None
        if verb is None:
            continue
        if verb.pos_ == "ADP":
            verb = verb.head
        subjects = {a for s in subjects_of(verb) for a in np_actors(s, ents, delegations=False) if kept(a)}
        holders = [trigger, verb] if verb != trigger else [trigger]
        objects = [o for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                   for o in c.children if o.dep_ == "pobj"]
        objects += [c for c in trigger.children if c.dep_ == "dobj" and trigger.pos_ == "VERB"]
        agents = [o for c in trigger.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        others = {a for o in objects + agents for a in np_actors(o, ents, delegations=False) if kept(a)}
        if subjects and others - subjects:
            place = place_in([c for h in holders for c in h.children], ents)
            if place is None and verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
                place = ents.at(verb.head)  # "Fiji, where they met with Prime Minister X"
            greeting = trigger.lemma_.lower() in HOSTING_VERBS
            found.append(_Encounter(frozenset(subjects), frozenset(others - subjects), place,
                                    hosting=greeting and not agents, greeting=greeting))
    return found


VISIT_RULES = frozenset({"visit", "travel-to"})


def _visited(doc: Doc, ents: DocumentEntities, meetings: list[Event]) -> dict[str, set[str]]:
    """Person -> the countries the document says they visited or travelled to: a visit the
    meeting reader kept, or "X traveled to Eritrea" / "X visited Eritrea" in the parse."""
    visits: dict[str, set[str]] = {}
    for meeting in meetings:
        if meeting.subtype != "visit" or meeting.status != "occurred":
            continue
        countries = {_country_of_place(ents, p) for p in meeting.participants} - {None}
        for person in (p for p in meeting.participants if ents.type_of(p) == "PERSON"):
            visits.setdefault(person, set()).update(countries)
    for rule, start, _end in matches(doc, "meetings"):
        verb = doc[start]
        if rule not in VISIT_RULES or verb.pos_ != "VERB":
            continue
        places = [c for c in verb.children if c.dep_ == "dobj"]
        places += [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into") for o in c.children
                   if o.dep_ == "pobj"]
        countries = {_country_of_place(ents, ents.at(p)) for p in places} - {None}
        for subject in subjects_of(verb):
            for person in np_actors(subject, ents, delegations=False):
                if ents.type_of(person) == "PERSON":
                    visits.setdefault(person, set()).update(countries)
    return visits


def _hosts(ents: DocumentEntities, encounters: list[_Encounter], known: dict[str, str],
           visits: dict[str, set[str]]) -> dict[str, str]:
    """Bare-titled persons who received someone of another country in their own: "In
    Jerusalem, Berg met with President Ruiz" with Berg of Chile makes Ruiz Israel's
    President; so does "Berg, visiting Israel, was greeted by President Ruiz" with no place
    said (a welcome on a visit to one country is that country's)."""
    hosts: dict[str, str] = {}
    for encounter in encounters:
        country = _country_of_place(ents, encounter.place)
        if country is None and encounter.greeting:
            visited = set().union(*(visits.get(p, set()) for p in encounter.guests))
            country = next(iter(visited)) if len(visited) == 1 else None
        if country is None or not all(known.get(p) not in (None, country) for p in encounter.guests):
            continue
        for person in encounter.hosts:
            if person not in known:
                hosts.setdefault(person, country)
    return hosts


def _country_of_place(ents: DocumentEntities, entity: str | None) -> str | None:
    """The country entity a place entity is in (itself for a country), if the document names it."""
    record = ents.entities.get(entity) if entity else None
    if record is None or record.type not in ("GPE", "LOC"):
        return None
    if gazetteer.lookup_country(record.name):
        return entity
    place = gazetteer.lookup_place(record.name)
    country = gazetteer.country_by_code(place.country_code) if place and place.country_code else None
    identifier = entity_id("GPE", country.name) if country else None
    return identifier if identifier in ents.entities else None


def _by_convention(doc: Doc, ents: DocumentEntities, posts: list[Post], settled: dict[str, str],
                   encounters: list[_Encounter]) -> dict[str, str]:
    """Bare-titled persons the publisher's convention places, in order of first mention.

    A person met by someone of the publisher's country (known, or placed by the convention
    already) is the other side of the encounter and takes nothing: "President Biden spoke
    with Prime Minister Kishida" in a White House readout places Biden only.
    """
    discourse = ents.discourse
    if discourse is None or discourse.publisher is None:
        return {}
    across: dict[str, set[str]] = {}
    own = discourse.publisher.actor and discourse.publisher_actor()
    if own:  # "Will the Prime Minister meet President Lindqvist?" from India: the President is the other side
        encounters = [*encounters, *(e for e in _encounters(doc, ents, frozenset({own})) if own in e.subjects | e.others)]
    for encounter in encounters:
        for person in encounter.others:
            across.setdefault(person, set()).update(encounter.subjects)
        for person in encounter.subjects:
            across.setdefault(person, set()).update(encounter.others)
    placed: dict[str, str] = {}
    holders = {(settled[post.person], post.role.lower()): post.person for post in posts
               if post.person in settled and post.current and post.role.lower() in _single_holder_posts()}
    # the speakers of a government's transcript are its own side ("I met Foreign Secretary X")
    home = {turn.speaker for turn in discourse.turns} if discourse.publisher.kind == "government" else set()
    for post in sorted(posts, key=lambda p: p.mention_start):
        person = post.person
        if post.organization or post.unnamed_body or person in settled or person in placed:
            continue
        actor = _conventional_actor(discourse, post.role)
        if actor is None:
            continue
        # a speaker of the transcript known to be of another country is not the publisher's side
        # (a two-party transcript: "SECRETARY X" and "FOREIGN MINISTER Y" of China)
        if any({**settled, **placed}.get(other) == actor or other == actor
               or (other in home and other != person and settled.get(other) in (None, actor))
               for other in across.get(person, ())):
            continue
        single = post.current and post.role.lower() in _single_holder_posts()
        if single and holders.setdefault((actor, post.role.lower()), person) != person:
            continue  # a second "Prime Minister X" in one release is not the publisher's own
        placed[person] = actor
    return placed


@lru_cache(maxsize=1)
def _single_holder_posts() -> frozenset[str]:
    return frozenset(t.lower() for t in load_rules("titles")["single_holders"])


def _conventional_actor(discourse, role: str) -> str | None:
    """Whose post a bare title is by the publisher's convention: a government's or a
    national outlet's country for a state title (a government's also for its
    spokesperson), an international body's for its own officers' titles."""
    scope = _title_scope().get(_base_role(role))
    kind = discourse.publisher.kind
    if role in load_rules("titles")["royal"]:
        return None  # "Queen Elizabeth" in a White House readout: a monarch is no one's by convention
    if kind in ("government", "news") and lacks_office(discourse.publisher.country, role):
        return None  # "Prime Minister Kenji Mori" from the White House is someone else's
    if kind == "government" and scope in ("state", "spokesperson"):
        return discourse.publisher_country()
    if kind == "news" and scope == "state":
        return discourse.publisher_country()
    if kind == "international" and scope in ("international", "spokesperson"):
        return discourse.publisher_organization()
    return None


@lru_cache(maxsize=1)
def _rank_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_rules("titles")["ranks"])


def _base_role(role: str) -> str:
    """The title a role starts with: "Ambassador to Israel" -> "ambassador", "Minister for
    Foreign Affairs" as it is, "Foreign Minister and Alternate Prime Minister" -> "foreign
    minister"; else the one it ends with, after a portfolio: "External Affairs Minister" -> "minister"."""
    lowered = role.lower()
    scope = _title_scope()
    if lowered in scope:
        return lowered
    words = lowered.split()
    ranks = _rank_words()
    while len(words) > 1 and words[0] in ranks and " ".join(words) not in scope:
        words = words[1:]  # "Deputy Chairperson" is a chairperson's kind of post, not a deputy's relation
    for size in range(len(words), 0, -1):
        if " ".join(words[:size]) in scope:
            return " ".join(words[:size])
    for size in range(len(words) - 1, 0, -1):
        if " ".join(words[-size:]) in scope:
            return " ".join(words[-size:])
    return lowered


def _before(doc: Doc, ents: DocumentEntities, start: int, end: int, person: str) -> Post | None:
    """"[former] [Afghan] Ambassador to Russia Mohammad Latif Bahand"."""
    return _read_title_phrase(doc, ents, _prefix_start(doc, ents, start), start, person, start, "premodifier")


def _apposition_after(doc: Doc, ents: DocumentEntities, start: int, end: int, person: str) -> Post | None:
    """"Zalmay Khalilzad, the U.S. envoy" and "President Bola Tinubu of Nigeria"."""
    if end + 1 < len(doc) and doc[end].lower_ == "of" and title_at(doc, _prefix_start(doc, ents, start), start):
        first = end + 1 + (doc[end + 1].lower_ == "the" and end + 2 < len(doc))  # "President X of the Comoros"
        entity = ents.at(doc[first])
        if entity and ents.type_of(entity) in ("GPE", "ORG"):
            post = _read_title_phrase(doc, ents, _prefix_start(doc, ents, start), start, person, start, "of-phrase")
            if post:
                return replace(post, organization=entity)
    if end + 1 < len(doc) and doc[end].text == ",":
        stop = _apposition_end(doc, ents, end + 1)
        if stop and _person_after_comma(doc, ents, stop) and _titled_before_comma(doc, ents, start):
            return None  # "the Prime Minister of India, A, the President of Peru, B,": Peru's is B's
        post = _read_title_phrase(doc, ents, end + 1, stop, person, start, "apposition") if stop else None
        if post is not None and post.organization is None:
            # "Pietro Parolin, Secretary of State, Holy See,": the body in a comma list of its own
            body = _listed_body(doc, ents, stop)
            if body:
                post = replace(post, organization=body)
        return post
    return None


def _titled_before_comma(doc: Doc, ents: DocumentEntities, token: int) -> bool:
    """The name at ``token`` has its title before it, across a comma ("the Prime Minister
    of India, Shri A")."""
    span = ents.span_of(doc[token])
    person = ents.at(doc[token])
    return span is not None and person is not None and _apposition_before(doc, ents, span[0], span[1], person) is not None


def _person_after_comma(doc: Doc, ents: DocumentEntities, comma: int) -> bool:
    """A comma at ``comma`` and then a name, honorifics allowed ("..., H.E. Mr. B")."""
    if comma >= len(doc) or doc[comma].text != ",":
        return False
    for token in doc[comma + 1:comma + 5]:
        if ents.type_of(ents.at(token)) == "PERSON":
            return True
        if token.pos_ != "PROPN" and not token.is_punct:
            return False
    return False


def _listed_body(doc: Doc, ents: DocumentEntities, comma: int) -> str | None:
    """A country or organisation standing alone between commas at token ``comma``."""
    if comma + 1 >= len(doc) or doc[comma].text != ",":
        return None
    entity = ents.at(doc[comma + 1])
    if entity is None or ents.type_of(entity) not in ("GPE", "ORG"):
        return None
    span = ents.span_of(doc[comma + 1])
    after = doc[span[1]] if span and span[1] < len(doc) else None
    return entity if span and span[0] == comma + 1 and (after is None or after.is_punct) else None


def _apposition_end(doc: Doc, ents: DocumentEntities, begin: int) -> int | None:
    """Where an apposition opening at ``begin`` ends, or None when the words there are not
    one: "Ruiz, Chief of Mission of the Red Cross," / "Ruiz, the Chilean envoy, said" are;
    "met A, Prime Minister B" (a title of the next name) and "Ruiz, who ..." are not.

    The apposition starts with a determiner, "former", a possessive ("the Taliban's"), a
    demonym or a capitalised title; it runs to the next punctuation, verb or clause word.
    """
    first = doc[begin]
    opens = (first.lower_ in ("the", "a", "an", "its", "his", "her", "their", "former")
             or (ents.at(first) is not None and ents.type_of(ents.at(first)) != "PERSON")
             or (title_at(doc, begin) and first.text[:1].isupper()))
    if not opens:
        return None
    sentence_end = first.sent.end
    i = begin
    while i < sentence_end:
        token = doc[i]
        entity = ents.at(token)
        if entity and ents.type_of(entity) == "PERSON":
            return None  # "Prime Minister Bennett": the title belongs to the next name
        if token.lower_ in ("to", "for", "of", "'s", "’s", "-", "and", "with", "the") or (
                token.lower_ == "at" and i > begin and title_at(doc, begin) and ents.at(doc[i + 1 + (doc[i + 1].lower_ == "the")])
                if i + 2 < len(doc) else False):
            i += 1  # "Minister at the Embassy of X": the body a post is at
            continue
        if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ") or token.lower_ in ("who", "which", "said"):
            break
        i += 1
    return i if i > begin else None


def _apposition_before(doc: Doc, ents: DocumentEntities, start: int, end: int, person: str) -> Post | None:
    """"the Taliban's deputy leader, Mullah Abdul Ghani Baradar", "The Chairperson of the
    African Union Commission, Dr. Nadia Haile" (an honorific before the name)."""
    comma = _honorifics_start(doc, start) - 1
    titled = comma >= 1 and doc[comma].text != "," and title_at(doc, _prefix_start(doc, ents, start), start)
    if titled:
        comma = _prefix_start(doc, ents, start) - 1  # "my Chinese counterpart, Foreign Minister Gao Feng"
    if comma < 1 or doc[comma].text != ",":
        return None
    begin = _prefix_start(doc, ents, comma)
    if begin >= 2 and doc[begin - 1].text == "," and ents.type_of(ents.at(doc[begin - 2])) == "PERSON":
        if not _titled_before_comma(doc, ents, begin - 2):
            return None  # "Mr. Kim, Deputy Minister, Mr. Lee": the title between commas is Kim's
        # "the Prime Minister of India, A, the President of Peru, B": A's title came before A
    post = _read_title_phrase(doc, ents, begin, comma, person, start, "apposition")
    if titled and post is not None and not _is_relational(post.role) and not (
            doc[begin].lower_ in ("the", "its", "his", "her", "their") and not _listed_next(doc, ents, start)):
        return None  # "met Ruiz, Foreign Minister Vega": the words before the comma are someone else's
    return post


def _listed_next(doc: Doc, ents: DocumentEntities, start: int) -> bool:
    """The name at ``start`` is followed by "and", or by a comma and another name or title:
    one of a list ("met the envoy, Minister Vega, Minister Ruiz and ..."), not an apposition."""
    span = ents.span_of(doc[start])
    after = span[1] if span else start + 1
    if after >= len(doc) or doc[after].lower_ not in ("and", ","):
        return False
    following = doc[after + 1] if after + 1 < len(doc) else None
    return doc[after].lower_ == "and" or following is not None and (
        following.lower_ == "and" or ents.type_of(ents.at(following)) == "PERSON"
        or (title_at(doc, following.i) and following.text[:1].isupper()))


def _byline(doc: Doc, ents: DocumentEntities, start: int, end: int, person: str) -> Post | None:
    """A name alone on its line with the title on the next: "Michael R. Pompeo / Secretary of State"."""
    line_start = start == 0 or "\n" in doc[start - 1].text_with_ws
    line_end = end < len(doc) and "\n" in (doc[end - 1].whitespace_ + doc[end].text if doc[end].is_space else doc[end - 1].whitespace_)
    if not (line_start and line_end):
        return None
    i = end
    while i < len(doc) and doc[i].is_space:
        i += 1
    size = title_at(doc, i)
    after = i + size
    if not size or (after < len(doc) and not doc[after].is_space and "\n" not in doc[after - 1].whitespace_):
        return None
    return Post(person, doc[i:after].text, None, True, doc[start].sent.start, "byline", start)


def _prefix_start(doc: Doc, ents: DocumentEntities, end: int) -> int:
    """Where the run of title words, demonyms and names before token ``end`` begins."""
    sentence_start = doc[end - 1].sent.start if end > 0 else 0
    i = _honorifics_start(doc, end, sentence_start)  # "Principal Secretary Amb. Jane Wambui": over "Amb", "."
    in_title = title_tokens(doc)
    while i > sentence_start:
        token = doc[i - 1]
        entity = ents.at(token)
        if entity and ents.type_of(entity) == "PERSON":
            break
        if token.is_space or "\n" in token.whitespace_:
            break  # "Meeting with President of X / Vladimir Putin met ...": a headline's words are not the name's
        if entity:
            i = max(ents.span_of(token)[0], sentence_start)  # "the Department for [Combating] Illegal Migration"
            continue
        if token.i in in_title:
            i -= 1  # "Assistant Secretary of State for East Asian and Pacific Affairs"
            continue
        if token.lower_ == "and" and token.i - 1 in in_title and ents.at(doc[token.i - 1]) is None:
            i -= 1  # "Foreign Minister and Alternate Prime Minister Lapid": two titles of one person
            continue
        if token.lower_ in ("in", "at") and token.i - 1 in in_title:
            i -= 1  # "Chief of Mission in Libya", "Minister of State at the Ministry of X": where the post is
            continue
        opening = _parenthesis_start(doc, token.i, sentence_start)
        if opening is not None:
            i = opening  # "the International Organization for Migration (IOM) Chief of Mission"
            continue
        if token.is_punct and token.text not in ("-", "'s", "’s", "'", "’") or _spaced_dash(token):
            break  # "Jakarta - Foreign Minister Budi": a dateline's place, no demonym of the title
        if token.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ", "NUM") or token.lower_ in _PREFIX_STOPS:
            break  # "the meeting in Nairobi between Kenyan President X": Nairobi is no part of X's post
        i -= 1
    return i


_PREFIX_STOPS = frozenset({"and", "with", "by", "at", "in", "on", "said", "between", "among", "from", "during", "after",
                           "before", "against", "near", "into", "through", "toward", "towards", "as", "like"})


def _spaced_dash(token: Token) -> bool:
    """A dash with space on both sides: a dateline's or a header's separator, not a hyphen."""
    return token.text in ("-", "–", "—", "--") and bool(token.whitespace_) and token.i > 0 and bool(
        token.doc[token.i - 1].whitespace_)


def _body_named_before(doc: Doc, ents: DocumentEntities, words: list[Token]) -> str | None:
    """"[ministry] spokesman Vikram Sethi": a body's head noun in lower case before a title
    is the last organisation named before it with that head ("the Indian foreign ministry")."""
    head = next((t for t in reversed(words) if t.text.islower() and t.lower_ in _ministry_heads()), None)
    if head is None:
        return None
    for _start, end, entity in reversed(ents.spans):
        if end <= head.i and ents.type_of(entity) == "ORG" and doc[end - 1].lower_ == head.lower_:
            return entity
    return None


@lru_cache(maxsize=1)
def _ministry_heads() -> frozenset[str]:
    return frozenset(load_rules("organizations")["ministries"]["heads"])


def _parenthesis_start(doc: Doc, close: int, stop: int) -> int | None:
    """The "(" of a short parenthesis closing at token ``close`` that abbreviates the name
    before it ("(IOM)") or names a title's portfolio ("Secretary (East)"), not before ``stop``."""
    if doc[close].text != ")":
        return None
    for i in range(close - 1, max(stop, close - 4) - 1, -1):
        if doc[i].text == "(":
            inside = doc[i + 1:close]
            abbreviation = len(inside) == 1 and inside[0].text.isupper()
            portfolio = len(inside) >= 1 and all(t.text[:1].isupper() for t in inside) and i - 1 in title_tokens(doc)
            return i if (abbreviation or portfolio) and i > stop else None
    return None


def _between_two(doc: Doc, first: int, second: int) -> bool:
    """The title at ``second`` follows "and" after the title at ``first``, and "between"
    governs both: "a meeting between the Prime Minister and President X" names two people."""
    before = first - 1 - (first > 0 and doc[first - 1].lower_ == "the")
    return before >= 0 and doc[before].lower_ == "between" and doc[second - 1].lower_ == "and"


def _read_title_phrase(doc: Doc, ents: DocumentEntities, start: int, end: int, person: str, mention: int,
                       rule: str) -> Post | None:
    """Role, organisation and currency from the tokens ``start:end`` next to a name.

    A place after "to" / "for" is part of the role ("Ambassador to Russia", "Special Envoy
    for Afghanistan"); a country or organisation after "of", or an organisation after
    "for", is whom the post serves ("Minister for Foreign Affairs of Japan", "spokesman for
    the Foreign Ministry"). A demonym or organisation before the title wins over both.
    """
    tokens = list(doc[start:end])
    if not tokens:
        return None
    title_start = title_end = None
    served = None  # the organisation of an "of" / "for" complement
    served_words = None  # the tokens of its "of" phrase
    i = start
    while i < end:
        body = ents.at(doc[i]) if title_start is None else None
        if body is not None and ents.type_of(body) in ("ORG", "GPE") and ents.span_of(doc[i])[1] < end:
            i = ents.span_of(doc[i])[1]  # "[General Assembly] President": a body's name before the title, not a "General"
            continue
        size = title_at(doc, i, end)
        if size and doc[i].lower_ not in _former_words() and not is_honorific(doc, i, size):
            if title_start is not None and i + size == end and doc[i:end].text in _styles():
                break  # "Prime Minister Sheikh Khalid": the style before the name is no part of the post
            if title_start is None or _between_two(doc, title_start, i):
                title_start = i  # "talks between the Prime Minister and Crown Prince X": two parties
            title_end = i + size
            i += size
            if after_parenthesised_portfolio(doc, i) <= end:
                title_end = i = after_parenthesised_portfolio(doc, i)  # "Secretary (East)"
            continue
        if title_start is not None and doc[i].lower_ in ("to", "for", "of", "at") and i + 1 < end:
            first = i + 1 + (doc[i + 1].lower_ == "the")
            entity = ents.at(doc[first]) if first < end else None
            after = first
            while after < end and entity and ents.at(doc[after]) == entity:
                after += 1
            kind = ents.type_of(entity)
            if entity is None:
                i += 1
            elif doc[i].lower_ == "of" and kind in ("GPE", "ORG") or kind == "ORG":
                if served is None and doc[i].lower_ == "of":
                    served_words = (i, after)
                served = served or entity
                i = after
            else:
                title_end = i = after
            continue
        i += 1
    if title_start is None:
        return None
    role = _as_written_in_prose(doc[title_start:title_end].text)
    if served_words and title_start < served_words[0] and served_words[1] < title_end:
        if doc[served_words[1]].lower_ in ("to", "for") and ents.type_of(served) == "GPE":
            # "Ambassador [of Indonesia] to Japan": whom the post serves is its organisation, not its role
            role = _as_written_in_prose(f"{doc[title_start:served_words[0]].text} {doc[served_words[1]:title_end].text}")
        else:
            # "Head [of the OSCE] Mission to Moldova", "Head [of the EU Delegation] to Niger": the
            # words after a body are its mission's name, no part of the post
            role = _as_written_in_prose(doc[title_start:served_words[0]].text)
    current = not any(t.lower_ in _former_words() for t in tokens)
    organization = None
    for token in tokens[:title_start - start]:
        entity = ents.at(token)
        if entity and ents.type_of(entity) in ("GPE", "ORG", "NORP"):
            organization = entity
            break
    if organization is None:
        organization = served
    if organization is None:
        organization = _body_named_before(doc, ents, tokens[:title_start - start])
    if organization is None:
        # "Secretary-General of the UN" read as one title: an organisation inside it
        for token in doc[title_start:title_end]:
            entity = ents.at(token)
            if entity and ents.type_of(entity) == "ORG":
                organization = entity
                role = _without_body(doc, title_start, token.i, title_end, ents) or role
    after = title_end + (title_end < end and doc[title_end].lower_ == "of")
    after += after < end and after > title_end and doc[after].lower_ == "the"
    unnamed = (organization is None and after > title_end and after < end and doc[after].text[:1].isupper()
               and ents.at(doc[after]) is None)
    return Post(person, role, organization, current, doc[mention].sent.start, rule, mention, title_start, unnamed)


def _without_body(doc: Doc, title_start: int, body: int, title_end: int, ents: DocumentEntities) -> str | None:
    """The role of a title that ends in "of [the] BODY" ("President of the European
    Council"), the body left out as the guidelines write roles; None when the body is not
    the title's end."""
    span = ents.span_of(doc[body])
    of = span[0] - 1 if span else body
    of -= of > title_start and doc[of].lower_ == "the"
    if span is None or span[1] != title_end or of <= title_start or doc[of].lower_ != "of":
        return None
    return _as_written_in_prose(doc[title_start:of].text)


def _as_written_in_prose(role: str) -> str:
    """A title from an upper-case transcript label ("FOREIGN MINISTER TAKEDA:") as prose
    writes it: the lexicon's spelling, else each word capitalised but the small ones."""
    if not role.isupper() or len(role) < 3:
        return role
    spelled = _title_spellings().get(role.lower())
    if spelled:
        return spelled
    return " ".join(word.lower() if word.lower() in ("of", "for", "to", "the", "and")
                    else "-".join(part.capitalize() for part in word.split("-")) for word in role.split())


@lru_cache(maxsize=1)
def _title_spellings() -> dict[str, str]:
    """Lower-cased title -> its capitalised spelling in the lexicon ("Secretary-General")."""
    spellings: dict[str, str] = {}
    for titles in load_rules("titles")["titles"].values():
        for title in titles:
            if title[:1].isupper():
                spellings.setdefault(title.lower(), title)
    return spellings


def _honorifics_start(doc: Doc, end: int, floor: int = 0) -> int:
    """Where the honorifics right before token ``end`` begin, not before ``floor``: "Hon."
    (tokens "Hon", "."), "His Excellency", "H.E. Dr." before a name; ``end`` when none."""
    i = end
    while True:
        size = next((n for n in range(4, 0, -1) if i - n >= floor and is_honorific(doc, i - n, n)), 0)  # "Rt. Hon.", not "Hon."
        if not size:
            return i
        i -= size
