"""Affiliations: a person's post in a country or organisation, current or former.

Read from the words around a person's name:

- pre-modifiers: "Russian Foreign Minister Sergei Lavrov", "former Afghan President Hamid
  Karzai", "Afghan Ambassador to Russia Mohammad Latif Bahand";
- appositions: "Zalmay Khalilzad, the U.S. envoy", "the Taliban's deputy leader, Mullah
  Abdul Ghani Baradar";
- "of" phrases: "President Bola Tinubu of Nigeria".

A title with no country or organisation of its own takes the closest one in the sentence
of the kind its post belongs to (a president to a country, a spokesman to an organisation).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from kg import gazetteer
from kg.extraction.entities import DocumentEntities, title_at
from kg.model import Affiliation, Document, Event, Evidence
from kg.rules import load_rules

__all__ = ["Post", "find_affiliations", "find_posts", "person_titles"]


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
        # "President Bola Tinubu of Nigeria": the reading that names the country wins
        named = [post for post in found if post.organization]
        if named or found:
            posts.append((named or found)[0])
    return posts


def find_affiliations(doc: Doc, document: Document, ents: DocumentEntities, posts: list[Post],
                      meetings: list[Event] = ()) -> list[Affiliation]:
    """One affiliation per (person, organisation), with the first post's evidence.

    ``meetings`` tell whom each person met: a bare title is not read as a post in the
    country of someone the person met ("Harris spoke with President Tinubu of Nigeria").
    """
    found: dict[tuple[str, str], Affiliation] = {}
    countries = _country_counts(ents)
    explicit = {p.person: p.organization for p in posts if p.organization}
    counterparts: dict[str, set[str]] = {}
    for meeting in meetings:
        for person in meeting.participants:
            others = {explicit.get(o) for o in meeting.participants if o != person}
            counterparts.setdefault(person, set()).update(o for o in others if o and o != explicit.get(person))
    guessed: set[str] = set()
    for post in posts:
        if post.organization is None and (post.person in explicit or post.person in guessed):
            continue  # "President Tinubu" after "President Bola Tinubu of Nigeria"; one guess a person
        if post.organization is None:
            guessed.add(post.person)
        organization = post.organization or _fallback(doc, ents, post, countries, counterparts.get(post.person, set()))
        if organization is None or organization == post.person:
            continue
        key = (post.person, organization)
        if key in found and found[key].role:
            continue
        sentence = doc[post.mention_start].sent
        evidence = Evidence(document.id, sentence.start_char, sentence.end_char, sentence.text,
                            rule=f"affiliations:{post.rule}{'' if post.organization else '+context'}")
        found[key] = Affiliation(post.person, organization, evidence, role=post.role, current=post.current,
                                 confidence=0.85 if post.organization else 0.6)
    return list(found.values())


def _before(doc: Doc, ents: DocumentEntities, start: int, end: int, person: str) -> Post | None:
    """"[former] [Afghan] Ambassador to Russia Mohammad Latif Bahand"."""
    return _read_title_phrase(doc, ents, _prefix_start(doc, ents, start), start, person, start, "premodifier")


def _apposition_after(doc: Doc, ents: DocumentEntities, start: int, end: int, person: str) -> Post | None:
    """"Zalmay Khalilzad, the U.S. envoy" and "President Bola Tinubu of Nigeria"."""
    if end + 1 < len(doc) and doc[end].lower_ == "of" and title_at(doc, _prefix_start(doc, ents, start), start):
        entity = ents.at(doc[end + 1])
        if entity and ents.type_of(entity) in ("GPE", "ORG"):
            post = _read_title_phrase(doc, ents, _prefix_start(doc, ents, start), start, person, start, "of-phrase")
            if post:
                return Post(person, post.role, entity, post.current, post.sentence_start, "of-phrase", start)
    if end + 2 < len(doc) and doc[end].text == "," and (doc[end + 1].lower_ in ("the", "a", "an", "its", "former")
                                                         or (ents.at(doc[end + 1]) and doc[end + 2].lower_ in ("'s", "’s"))):
        i = end + 1
        while i < len(doc) and doc[i].sent == doc[start].sent and not doc[i].is_punct and doc[i].pos_ not in ("VERB", "AUX", "ADP") or (i < len(doc) and doc[i].lower_ in ("to", "for", "'s", "’s", "-")):
            i += 1
        return _read_title_phrase(doc, ents, end + 1, i, person, start, "apposition")
    return None


def _apposition_before(doc: Doc, ents: DocumentEntities, start: int, end: int, person: str) -> Post | None:
    """"the Taliban's deputy leader, Mullah Abdul Ghani Baradar"."""
    if start >= 2 and doc[start - 1].text == ",":
        return _read_title_phrase(doc, ents, _prefix_start(doc, ents, start - 1), start - 1, person, start, "apposition")
    return None


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
    i = end
    sentence_start = doc[end - 1].sent.start if end > 0 else 0
    while i > sentence_start:
        token = doc[i - 1]
        entity = ents.at(token)
        if entity and ents.type_of(entity) == "PERSON":
            break
        if token.is_punct and token.text not in ("-", "'s", "’s"):
            break
        if token.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ", "NUM") or token.lower_ in ("and", "with", "by", "at", "in", "on", "said"):
            break
        i -= 1
    return i


def _read_title_phrase(doc: Doc, ents: DocumentEntities, start: int, end: int, person: str, mention: int,
                       rule: str) -> Post | None:
    """Role, organisation and currency from the tokens ``start:end`` next to a name."""
    tokens = list(doc[start:end])
    if not tokens:
        return None
    title_start = title_end = None
    i = start
    while i < end:
        size = title_at(doc, i, end)
        if size and doc[i].lower_ not in _former_words() and not _is_honorific(doc, i, size):
            if title_start is None:
                title_start = i
            title_end = i + size
            i += size
            continue
        if title_start is not None and doc[i].lower_ in ("to", "for", "of") and i + 1 < end:
            i += 1
            while i < end and ents.at(doc[i]):
                i += 1
            title_end = i
            continue
        i += 1
    if title_start is None:
        return None
    while title_end - title_start > 1 and doc[title_end - 1].lower_ in ("to", "for", "of", "the"):
        title_end -= 1  # "spokesman for [the Ministry]": the organisation is not part of the role
    role = doc[title_start:title_end].text
    current = not any(t.lower_ in _former_words() for t in tokens)
    organization = None
    for token in tokens:
        entity = ents.at(token)
        if entity and ents.type_of(entity) in ("GPE", "ORG", "NORP") and not (title_start <= token.i < title_end):
            organization = entity
            break
    if organization is None:
        # "Minister of Foreign Affairs of X", "Secretary-General of the UN": an entity inside the title
        for token in doc[title_start:title_end]:
            entity = ents.at(token)
            if entity and ents.type_of(entity) == "ORG":
                organization = entity
    return Post(person, role, organization, current, doc[mention].sent.start, rule, mention)


def _is_honorific(doc: Doc, start: int, size: int) -> bool:
    words = " ".join(t.text for t in doc[start:start + size])
    return words in load_rules("titles")["honorifics"]


def _fallback(doc: Doc, ents: DocumentEntities, post: Post, countries: Counter[str], excluded: set[str]) -> str | None:
    """The organisation of a bare title.

    A spokesman's is the closest organisation in the sentence. A president's or minister's
    is the closest country in the sentence, else the one the document mentions most;
    never a country of someone the person met (``excluded``): in "Vice President Harris
    spoke with President Tinubu of Nigeria", Harris's country is not Nigeria.
    """
    scope = _title_scope().get(post.role.split(" to ")[0].lower(), "state")
    if scope == "organization":
        sentence = doc[post.mention_start].sent
        candidates = [(abs(start - post.mention_start), start, entity) for start, _end, entity in ents.spans
                      if sentence.start <= start < sentence.end and ents.type_of(entity) == "ORG"]
        return min(candidates)[2] if candidates else None
    sentence = doc[post.mention_start].sent
    nearby = [(abs(start - post.mention_start), start, entity) for start, _end, entity in ents.spans
              if sentence.start <= start < sentence.end and entity in countries
              and entity not in excluded and not _is_place_phrase(doc[start])]
    if nearby:
        return min(nearby)[2]
    for entity, _count in countries.most_common():
        if entity not in excluded:
            return entity
    return None


def _is_place_phrase(token) -> bool:
    """"in Moscow", "to Qatar": a place where something happens, not whom a post serves."""
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "to", "from", "into", "near")


def _country_counts(ents: DocumentEntities) -> Counter[str]:
    counts: Counter[str] = Counter()
    for _start, _end, entity in ents.spans:
        record = ents.entities[entity]
        if record.type == "GPE" and gazetteer.lookup_country(record.name):
            counts[entity] += 1
    return counts


def person_titles(posts: list[Post]) -> dict[str, str]:
    """Lower-cased role -> person, for "the Vice President" after "Vice President Kamala Harris"."""
    titles: dict[str, str] = {}
    for post in posts:
        titles.setdefault(post.role.lower(), post.person)
    return titles

