"""Reading actors, places, dates and modality off a dependency parse.

Shared by the meeting, statement and affiliation readers so that "who is the subject",
"which entity heads this noun phrase" and "is this planned" are answered one way.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Span, Token

from kg.extraction.entities import DocumentEntities, title_at
from kg.extraction.places import is_city
from kg.model import ACTOR_TYPES, PLACE_TYPES
from kg.rules import load_rules

__all__ = ["conjuncts", "np_actors", "place_below", "place_in", "status_of", "subjects_of"]

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# clauses that share their subject with the verb they hang from: "X arrived, meeting Y",
# "X wants to meet Y", "X said, while welcoming Y"
SUBJECT_SHARING = {"xcomp", "advcl", "conj", "acl", "pcomp", "relcl", "ccomp", "acomp"}
PLACE_PREPS = frozenset({"in", "at", "inside", "near"})


def conjuncts(token: Token) -> list[Token]:
    """A token and everything coordinated with it ("X, Y and Z")."""
    found = [token]
    for other in [*token.conjuncts, *_coordinated_modifiers(token)]:
        if other not in found:
            found.append(other)
    return sorted(found, key=lambda t: t.i)


def _coordinated_modifiers(token: Token) -> list[Token]:
    """"Minister A and Minister B" parsed with A as a modifier of B (and the second title as
    A's conjunct): a name of the same kind before the head's own, coordinated by "and"."""
    doc = token.doc
    return [c for c in token.children
            if c.dep_ in ("nmod", "compound") and c.ent_type_ and c.ent_type_ == token.ent_type_
            and any(g.dep_ == "cc" for g in c.children)
            and any(doc[k].ent_iob_ == "B" for k in range(c.i + 1, token.i + 1))]


def _elided_coordinates(token: Token, ents: DocumentEntities) -> list[Token]:
    """"North and South Korea" parsed as one name with "North" its modifier, which kg reads
    as two countries: the first, whose shared word the text leaves out, coordinated with the
    head's own name by "and"."""
    head_entity = ents.at(token)
    if head_entity is None:
        return []
    return [c for c in token.children
            if c.dep_ in ("nmod", "compound") and any(g.dep_ == "cc" for g in c.children)
            and ents.at(c) not in (None, head_entity) and ents.type_of(ents.at(c)) == ents.type_of(head_entity)]


def np_actors(token: Token, ents: DocumentEntities, *, delegations: bool = True) -> list[str]:
    """Entity ids a noun phrase refers to as actors, for the phrase headed by ``token``.

    A person named in the phrase is the actor ("Russian Foreign Minister Sergei Lavrov" ->
    Lavrov, not Russia). Otherwise the entity at the head, or modifying a group noun
    ("a Taliban delegation", "Afghan politicians", "the delegation of Afghan power brokers")
    stands for its organisation or country.
    """
    readings: list[tuple[Token, list[str]]] = []
    for head in sorted({*conjuncts(token), *_elided_coordinates(token, ents)}, key=lambda t: t.i):
        found: list[str] = []
        appositions = [c for c in head.children if c.dep_ == "appos"] or _named_after_title(head, ents)
        # "led by A, Assistant Secretary B, C and D": the conjuncts hang off the apposition
        parts = [head, *appositions, *(x for a in appositions for x in a.conjuncts if x.i > a.i)]
        for part in parts + [p for part in parts for p in _people_coordinated_into_of(part, ents) if p not in parts]:
            found.extend(a for a in _phrase_actors(part, ents, delegations) if a not in found)
        if not any(ents.type_of(a) == "PERSON" for a in found):
            found.extend(a for a in _titled_person_at_end(head, ents) if a not in found)
        people = [a for a in found if ents.type_of(a) == "PERSON"]
        # "his Kazakh counterpart, Aidos Serikbayev": the named person, not the demonym
        readings.append((head, people or found))
    named = any(ents.type_of(a) == "PERSON" for _, found in readings for a in found)
    actors: list[str] = []
    titles: set[int] = set()
    for head, found in readings:
        person = any(ents.type_of(a) == "PERSON" for a in found)
        if named and title_at(head.doc, head.i, head.i + 1) and not person:
            titles.add(head.i)
            continue  # "Karzai and Afghan Ambassador ... Bahand" parsed with the name elsewhere
        if head.head.i in titles and not person:
            continue  # "Cardinal A, Secretary of State, Holy See, and B": the title's body, no party
        if not person and _named_after_comma(head, readings, ents):
            continue  # "the foreign ministers of A and B, X and Y,": the ministers are X and Y
        for actor in found:
            if actor not in actors:
                actors.append(actor)
    return actors


def _titled_person_at_end(head: Token, ents: DocumentEntities) -> list[str]:
    """"The International Organization for Migration (IOM) Chief of Mission Ana Vega said"
    parsed with the body as the subject: a phrase that ends in a person's name with a title
    before it is that person."""
    doc = head.doc
    if ents.type_of(ents.at(head)) not in ("ORG", "GPE"):
        return []  # a body's phrase ("the summit between A and President B" reads its own way)
    last = head.right_edge
    person = ents.at(last)
    span = ents.span_of(last)
    if person is None or ents.type_of(person) != "PERSON" or span is None or span[1] != last.i + 1 or span[0] <= head.i:
        return []
    return [person] if span[0] > 0 and title_at(doc, span[0] - 1, span[0]) or any(
        title_at(doc, i, span[0]) for i in range(max(head.i, span[0] - 4), span[0])) else []


def _named_after_title(head: Token, ents: DocumentEntities) -> list[Token]:
    """"met the head of the IAEA, Rafael Grossi, in Vienna" parsed with the name off the
    verb: a title's phrase closed by a comma and a person's name set off by another is that
    person (the name's first token)."""
    doc = head.doc
    if not title_at(doc, head.i, head.i + 1):
        return []
    comma = head.right_edge.i + 1
    # "received the Ambassador of Finland [to India], Kimmo Lahdevirta" with "to India" off the verb
    while comma < min(len(doc), head.i + 10) and (doc[comma].lower_ in ("to", "of", "for", "in", "the") or (
            doc[comma].pos_ == "PROPN" and ents.type_of(ents.at(doc[comma])) in ("GPE", "ORG", "LOC"))):
        comma += 1
    if comma + 1 >= len(doc) or doc[comma].text != ",":
        return []
    span = ents.span_of(doc[comma + 1])
    if span is None or span[0] != comma + 1 or ents.type_of(ents.at(doc[comma + 1])) != "PERSON":
        return []
    closing = doc[span[1]] if span[1] < len(doc) else None
    return [doc[comma + 1]] if closing is None or closing.is_punct else []


def _people_coordinated_into_of(head: Token, ents: DocumentEntities) -> list[Token]:
    """"A of Laos and B of Cambodia" parsed with B a conjunct of Laos: a person coordinated
    into a person's "of"/"from" phrase is a second person beside the first; "the ministers
    of Laos and Cambodia, A and B," parsed with A and B conjuncts of Laos: the ministers."""
    person = ents.type_of(ents.at(head)) == "PERSON"
    if not person and not _plural_of_people(head):
        return []
    return [c for prep in head.children if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
            for obj in prep.children if obj.dep_ == "pobj" for c in obj.conjuncts
            if c.i > obj.i and ents.type_of(ents.at(c)) == "PERSON" and (person or _after_comma(c))]


def _named_after_comma(head: Token, readings: list[tuple[Token, list[str]]], ents: DocumentEntities) -> bool:
    """"The foreign ministers of A and B, X and Y, met": a plural noun for people whose
    names follow it after a comma, parsed as its conjuncts, is those people."""
    return _plural_of_people(head) and any(
        other.head == head and other.dep_ == "conj" and _after_comma(other)
        and any(ents.type_of(a) == "PERSON" for a in found) for other, found in readings)


def _plural_of_people(noun: Token) -> bool:
    """"ministers", "leaders", "presidents": a plural common noun for people who hold posts."""
    return noun.pos_ == "NOUN" and noun.lower_ != noun.lemma_.lower() and noun.lemma_.lower() in _person_nouns()


def _after_comma(token: Token) -> bool:
    """The phrase of ``token`` follows a comma ("..., X and Y")."""
    return token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ","


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    return frozenset(load_rules("meetings")["person_nouns"])


def _phrase_actors(head: Token, ents: DocumentEntities, delegations: bool) -> list[str]:
    at_head = ents.at(head)
    if at_head and ents.type_of(at_head) in ACTOR_TYPES:
        return [at_head]
    if head.pos_ == "PRON" and head.lower_ in ("they", "them", "their"):
        # "they" after "a delegation led by A, B and C": the delegation
        delegation = next((t for t in reversed(head.doc[:head.i]) if t.lower_ in _delegation_nouns()), None)
        members = _delegation_members(delegation, ents) if delegation is not None else []
        if members:
            return members
    # pronouns, "the Secretary", "the group", "the two leaders": the document's who-is-who
    resolved = ents.discourse.actors(head) if ents.discourse is not None else []
    if resolved or head.pos_ == "PRON" or head.lower_ in _group_nouns():
        return resolved
    if title_at(head.doc, head.i, head.i + 1) or head.lower_ in _delegation_nouns():
        # "Slovak Minister of Foreign and European Affairs Rastislav Káčer": the title's name
        phrase = [t for t in head.subtree if t.dep_ not in ("relcl", "acl") and not t.is_punct]
    else:
        phrase = [t for t in head.subtree if not _inside_clause(t, head)]
    people = list(dict.fromkeys(e for e in map(ents.at, phrase) if ents.type_of(e) == "PERSON"))
    if people:
        return people[:1] if head.lower_ not in _delegation_nouns() else people
    if not delegations:
        return []
    # "Taliban negotiators", "Afghan government officials", "a delegation of Afghan power brokers"
    modifiers = [child for child in head.subtree if child.i < head.i and child.head.i >= child.i
                 and not _inside_clause(child, head)]
    of_phrases = [gc for child in head.children if child.dep_ == "prep" and child.lower_ in ("of", "from")
                  for gc in child.children if gc.dep_ == "pobj"]
    if head.lower_ in _delegation_nouns():
        # "leaders in Europe and in the United Kingdom": unnamed officials in a country stand
        # for it; a city or a region is only where they are
        of_phrases += [gc for child in head.children if child.dep_ == "prep" and child.lower_ == "in"
                       for prep in (child, *child.conjuncts) for gc in prep.children
                       if gc.dep_ == "pobj" and _country(gc, ents)]
    found: list[str] = []
    for token in modifiers:
        entity = ents.at(token)
        if entity and ents.type_of(entity) in ACTOR_TYPES and entity not in found:
            found.append(entity)
    found = found[:1]
    for pobj in of_phrases:
        # "senior officials from Australia, Japan, and New Zealand": each country
        for entity in np_actors(pobj, ents, delegations=delegations):
            if entity not in found:
                found.append(entity)
    if not found and head.lower_ in _delegation_nouns() and any(
            c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in head.children):
        return _delegation_members(head, ents)  # "the delegation" after "a delegation led by A, B and C"
    return found


def _country(token: Token, ents: DocumentEntities) -> bool:
    """Whether ``token`` names a country (a GPE that is not a place inside one)."""
    entity = ents.at(token)
    return entity is not None and ents.type_of(entity) == "GPE" and not is_city(ents.entities[entity].name)


def _delegation_members(head: Token, ents: DocumentEntities) -> list[str]:
    """The people who lead the last delegation introduced before ``head`` ("a U.S.
    delegation led by A, B and C"), or whom it was joined by."""
    for noun in reversed(head.doc[:head.i]):
        if noun.lemma_.lower() != head.lemma_.lower():
            continue
        members: list[str] = []
        for verb in noun.children:
            if verb.dep_ in ("acl", "relcl") and verb.lemma_.lower() in ("lead", "head", "include", "comprise"):
                for by in verb.children:
                    objects = [o for o in by.children if o.dep_ == "pobj"] if by.dep_ == "agent" else (
                        [by] if by.dep_ == "dobj" else [])
                    for obj in objects:
                        members.extend(a for a in np_actors(obj, ents) if ents.type_of(a) == "PERSON" and a not in members)
        if members:
            return members
    return []


def _inside_clause(token: Token, head: Token) -> bool:
    """True for tokens in a relative/participle clause or prepositional phrase below ``head``."""
    node = token
    while node != head and node.head != node:
        if node.dep_ in ("relcl", "acl", "advcl", "prep", "appos", "ccomp", "conj", "cc", "punct"):
            return True
        node = node.head
    return False


def subjects_of(verb: Token) -> list[Token]:
    """Subject heads of a verb, borrowed from the governing clause when it has none."""
    node = verb
    for _ in range(6):
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS] or _fronted_subject(node) or [
            # "I am very much looking forward": a parse that hangs the subject off the auxiliary
            c for aux in node.children if aux.dep_ == "aux" and aux.i < node.i for c in aux.children
            if c.dep_ in SUBJECT_DEPS] or [
            # "A and B co-chaired the meeting": a parse that hangs the subject off the split prefix
            c for prefix in node.children if prefix.lower_ == "co" and prefix.i < node.i for c in prefix.children
            if c.dep_ in SUBJECT_DEPS]
        if subjects and node.dep_ == "relcl" and all(s.lower_ in ("who", "which", "that") for s in subjects):
            return conjuncts(node.head)  # "Y, who is visiting Japan": Y visits
        if subjects:
            return [s for subject in subjects for s in conjuncts(subject)]
        if node.dep_ == "acl" and node.lower_.endswith("ing") and node.head.pos_ in ("PROPN", "NOUN"):
            return conjuncts(node.head)  # "Y, visiting Hanoi, met Z": the one the participle describes visits
        # ("Y's invitation to visit Peru": the one invited would visit, not Y)
        owners = [c for c in node.head.children if c.dep_ == "poss"] if node.dep_ == "acl" and \
            node.head.lemma_.lower() not in _object_control_nouns() else []
        if owners and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            # "welcomed Y's decision to resume the talks": Y would resume them, not the one who welcomes
            return [s for owner in owners for s in conjuncts(owner)]
        controller = _object_controller(node)
        if controller is not None:  # "A invited B to visit Peru": B would visit
            return conjuncts(controller)
        if node.dep_ in SUBJECT_SHARING and node.head != node:
            node = node.head
            continue
        if node.dep_ == "pobj" or node.dep_ == "prep" or node.dep_ == "dobj" and node.pos_ == "NOUN":
            node = node.head
            continue
        break
    return []


def _object_controller(verb: Token) -> Token | None:
    """The object of "invite", "ask", "urge" that a "to"-infinitive below it is about:
    "A invited B to visit Peru" (B visits), "A urged B to attend" (B attends); of "thank",
    "congratulate" that a "for"-gerund is about ("thanked B for hosting": B hosts)."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "for" and head.head.lemma_.lower() in _thanking_verbs():
        # "thanked Peru for hosting the summit": Peru hosted it
        return next((c for c in head.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if verb.dep_ != "xcomp" or head == verb or head.lemma_.lower() not in _object_control_verbs():
        return None
    return next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)


@lru_cache(maxsize=1)
def _thanking_verbs() -> frozenset[str]:
    return frozenset(load_rules("meetings")["thanking_verbs"])


@lru_cache(maxsize=1)
def _object_control_nouns() -> frozenset[str]:
    return frozenset(load_rules("meetings")["object_control_nouns"])


@lru_cache(maxsize=1)
def _object_control_verbs() -> frozenset[str]:
    return frozenset(load_rules("meetings")["object_control_verbs"])


def _fronted_subject(verb: Token) -> list[Token]:
    """"At the invitation of A, B paid a visit": a parse that hangs the subject B off the
    fronted phrase as A's apposition, leaving the verb with none. B ends right before the
    verb (adverbs aside) and the phrase opens the clause."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return []
    for prep in (c for c in verb.lefts if c.dep_ == "prep"):
        for appos in (t for t in prep.subtree if t.dep_ == "appos"):
            gap = verb.doc[appos.right_edge.i + 1:verb.i]
            if all(t.dep_ == "advmod" for t in gap) and appos.pos_ in ("PROPN", "NOUN"):
                return [appos]
    return []


def place_in(tokens: list[Token], ents: DocumentEntities, *, preps: frozenset[str] = PLACE_PREPS) -> str | None:
    """The place an event happened at: the object of "in/at" among ``tokens`` (first found).

    Only the object itself or its name compounds count: "a meeting dedicated to the
    anniversary of Russian-Afghan relations" names no place.
    """
    return next(places_in(tokens, ents, preps=preps), None)


def places_in(tokens: list[Token], ents: DocumentEntities, *, preps: frozenset[str] = PLACE_PREPS) -> Iterator[str]:
    """Every place ``place_in`` could give, in order ("in Europe and in Poland": both)."""
    for token in tokens:
        if token.lower_ not in preps or not (token.dep_ == "prep" or token.dep_ == "conj" and token.head.dep_ == "prep"):
            continue
        if token.lower_ == "to" and _closes_title(token):
            continue  # "received the Ambassador of Finland to India": the post's complement, no venue
        for obj in token.children:
            if obj.dep_ != "pobj":
                continue
            # "the resort town of Jeddah", "the capital, Asmara": the place the noun introduces
            named = [gc for c in obj.children if obj.lemma_.lower() in _place_nouns() and (
                c.dep_ == "appos" or c.dep_ == "prep" and c.lower_ == "of") for gc in ([c] if c.dep_ == "appos" else
                                                                                     c.children) if gc.dep_ in ("appos", "pobj")]
            for candidate in [*named, obj, *(c for c in obj.children if c.dep_ == "compound")]:
                entity = _as_place(ents.at(candidate), ents)
                if entity is not None:
                    yield _town_of(obj, entity, ents) if ents.type_of(entity) == "FAC" else entity
                    break


def _closes_title(prep: Token) -> bool:
    """The word before ``prep`` ends a title's phrase ("the Ambassador [of Finland]",
    "the Special Envoy"), however the parse hangs ``prep``."""
    if prep.i == 0:
        return False
    node = prep.doc[prep.i - 1]
    for _ in range(4):
        if title_at(node.doc, node.i, node.i + 1):
            return True
        if node.dep_ not in ("pobj", "prep", "compound") or node.head == node:
            return False
        node = node.head
    return False


def _town_of(building: Token, entity: str, ents: DocumentEntities) -> str:
    """"at the Royal Palace in Stockholm", "at the Hotel Metropol, Stockholm": the town a
    building is said to stand in, where the meeting is placed; the building itself when none is."""
    for child in building.children:
        objects = [child] if child.dep_ == "appos" else [
            o for o in child.children if o.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ == "in" else []
        for obj in objects:
            town = ents.at(obj)
            if town is not None and ents.type_of(town) == "GPE":
                return town
    return entity


def _as_place(entity: str | None, ents: DocumentEntities) -> str | None:
    """``entity`` when it is a place; an organisation the tagger made of a place the document
    names elsewhere ("In Capri, she will attend ..." after "in Capri from April 17") is that place."""
    if entity is None or ents.type_of(entity) in PLACE_TYPES:
        return entity
    if ents.type_of(entity) != "ORG":
        return None
    name = ents.entities[entity].name
    return next((e.id for e in ents.entities.values() if e.type in PLACE_TYPES and e.name == name), None)


def place_below(heads: list[Token], ents: DocumentEntities, *, skip: set[int] = frozenset(),
                among: list[str] = ()) -> str | None:
    """The first "in/at <place>" anywhere below ``heads`` (subjects' subtrees skipped):
    "talk at a meeting dedicated to the anniversary of relations in Moscow"; one of
    ``among`` before any other ("with leaders in Europe and in the United Kingdom", where
    the United Kingdom takes part)."""
    preps = sorted({t for head in heads for t in head.subtree if t.i not in skip and t.dep_ in ("prep", "conj")},
                   key=lambda t: t.i)
    places = list(places_in(preps, ents))
    return next((p for p in places if p in among), places[0] if places else None)


def _present_purpose(trigger: Token) -> bool:
    """ "is in Moscow for talks", "are here for two days of talks": what someone is
    present for has not happened yet."""
    node = trigger
    while node.dep_ == "pobj":
        prep = node.head
        if prep.lower_ == "for":
            return prep.head.lower_ in ("is", "are", "am", "'s", "'re")
        if prep.lower_ != "of":
            return False
        node = prep.head  # "two days of talks"
    return False


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    return frozenset(load_rules("venues")["place_nouns"])


@lru_cache(maxsize=1)
def _status_words() -> dict[str, frozenset[str]]:
    status = load_rules("meetings")["status"]
    return {key: frozenset(word.lower() for word in words) for key, words in status.items()}


@lru_cache(maxsize=1)
def _group_nouns() -> frozenset[str]:
    return frozenset(load_rules("meetings")["group_nouns"])


@lru_cache(maxsize=1)
def _delegation_nouns() -> frozenset[str]:
    return frozenset(load_rules("meetings")["delegation_nouns"])


def _unable_to(chain: list[Token], words: frozenset[str]) -> bool:
    """"unable to travel", "unable to attend the summit": the event's own verb (or the verb
    whose object it is) is the to-infinitive of "unable"; not an event further down ("unable
    to stay, due to the need to return for meetings")."""
    for below, node in zip(chain, chain[1:3]):
        if node.lemma_.lower() in words or node.lower_ in words:
            return below.dep_ == "xcomp"
        if below.dep_ not in ("dobj", "advcl", "xcomp"):
            return False
    return False


def _looked_ahead_to(chain: list[Token], words: frozenset[str]) -> bool:
    """"ahead of the summit", "in the lead-up to the talks", "on the eve of the visit": the
    event is the pobj of a phrase whose head noun or adverb says it is still to come."""
    for below, node in zip(chain, chain[1:3]):
        if below.dep_ != "pobj" or node.dep_ != "prep":
            continue
        head = node.head
        compounds = [c for c in head.lefts if c.dep_ in ("compound", "punct") and c.i >= head.i - 2]
        written = "".join(t.lower_ for t in (*compounds, head))
        return head.lower_ in words or written in words
    return False


def status_of(trigger: Token, sentence: Span, *, ceiling: Token | None = None) -> str:
    """Modality of an event from its trigger's clause and the clauses above it, up to
    ``ceiling`` when given ("wants to share the news of my visit": the visit is not planned).

    cancelled ("was canceled", "called off") > negated ("did not meet") > uncertain ("not
    clear if", "did not say whether", "may") > planned ("will", "plans to", "is set to") >
    occurred.
    """
    words = _status_words()
    chain = [trigger]
    node = trigger
    while node.head != node and len(chain) < 8 and node != ceiling:
        node = node.head
        chain.append(node)
    found: set[str] = set()
    if _present_purpose(trigger) or _looked_ahead_to(chain, words["ahead_of"]):
        # "the delegation is in Moscow for two days of talks": ahead, or under way;
        # "arrived on Thursday ahead of Friday's summit": ahead of the clause's own time
        found.add("planned")
    if _unable_to(chain, words["unable_heads"]):
        found.add("cancelled")  # "was unable to travel to X to meet Y": the trip is off
    for depth, node in enumerate(chain):
        children = list(node.children)
        lemmas = {node.lemma_.lower(), node.lower_}
        if lemmas & words["cancelled"] or (node.lemma_ == "call" and any(c.lower_ == "off" for c in children)):
            found.add("cancelled")
        negated = any(c.dep_ == "neg" for c in children)
        uncertain_head = bool(lemmas & words["uncertain_heads"])
        # "not clear if", "did not say whether": read only where it matters, since a subtree
        # walk for every trigger costs time quadratic in the sentence's length
        marks = {c.lower_ for c in node.subtree if c.dep_ == "mark" and c.lower_ in ("if", "whether")} if (
            negated or uncertain_head) else set()
        if negated and depth == 0 or (negated and node.pos_ in ("VERB", "AUX") and depth <= 1 and node.lemma_ in ("meet", "hold", "have", "talk", "attend", "join", "host")):
            found.add("negated")
        if depth > 0 and lemmas & words["negated_heads"]:
            found.add("negated")  # "rejected the idea of direct negotiations"
        if uncertain_head and (negated or node.lemma_ != "clear" or marks):
            found.add("uncertain")
        if marks and (negated or uncertain_head):
            found.add("uncertain")
        aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        if aux & words["uncertain_aux"]:
            found.add("uncertain")
        # "agreed to X after two days of talks": the talks are behind the agreement, not ahead
        past = any(n.dep_ == "prep" and n.lower_ in ("after", "following", "since") for n in chain[:depth])
        if aux & words["planned_aux"] or (lemmas & words["planned_heads"] and depth > 0 and not past) or any(
                c.lower_ in words["planned_heads"] and c.dep_ in ("amod", "acl", "advmod") for c in children):
            found.add("planned")
        if node.dep_ in ("ROOT",) or node.pos_ == "VERB" and any(c.dep_ in SUBJECT_DEPS for c in children) and depth > 2:
            break
    for status in ("cancelled", "negated", "uncertain", "planned"):
        if status in found:
            return status
    return "occurred"
