"""Entity mentions from spaCy's NER, repaired and resolved within one document.

spaCy's small model mislabels in predictable ways; the repairs here read language in
general, not any one article:

- a capitalised name right after a role title is a PERSON ("Ambassador to Russia
  Mohammad Latif Bahand", "Secretary Blinken" tagged ORG);
- a one-word GPE/ORG equal to the surname of a PERSON in the same document is that
  person ("Bahand" tagged GPE);
- demonyms and abbreviations name their country ("Russian", "U.S.");
- known organisations keep one canonical name ("the Taliban", "Taliban's");
- titles, honorifics, a leading "the" and a trailing possessive are not part of a name.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import ORTH
from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from kg.extraction import gazetteer
from kg.extraction.tokens import text_of, tokens_of
from kg.ids import entity_id
from kg.model import Entity, Mention
from kg.rules import load_rules

if TYPE_CHECKING:
    from kg.extraction.discourse import Discourse

__all__ = ["DocumentEntities", "find_entities", "formal_state", "is_honorific", "organization_named", "title_at", "title_tokens", "tokenize"]

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
NAME_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_NAME_TOKEN = re.compile(r"^[A-Z][\w.'’-]*$")


@dataclass
class _Cluster:
    type: str
    name: str
    forms: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # token start, end, label
    same_as: tuple[str, ...] = ()
    fixed_name: bool = False  # a gazetteer or table name, not to be replaced by a longer form
    named_inside: bool = False  # named only inside another's name ("[Indian] foreign ministry"): no mention of its own


@dataclass
class DocumentEntities:
    """The resolved entities of one spaCy Doc and where each is mentioned.

    ``token_entity`` maps a token index to the id of the entity mentioned there, which is
    how the event readers find actors in a parse.
    """

    entities: dict[str, Entity]
    token_entity: dict[int, str]
    spans: list[tuple[int, int, str]]  # token start, end, entity id; sorted by start
    discourse: Discourse | None = None  # who is who: pronouns, titles, the publisher (kg.extraction.discourse)

    def at(self, token: Token) -> str | None:
        """The entity mentioned at ``token``, if any."""
        return self.token_entity.get(token.i)

    def type_of(self, entity_id: str | None) -> str | None:
        return self.entities[entity_id].type if entity_id in self.entities else None

    def in_range(self, start: int, end: int) -> list[str]:
        """Entity ids mentioned in tokens ``start:end``, in text order, without repeats."""
        found: list[str] = []
        for span_start, span_end, entity in self.spans:
            if span_start >= start and span_end <= end and entity not in found:
                found.append(entity)
        return found

    def span_of(self, token: Token) -> tuple[int, int] | None:
        for start, end, _ in self.spans:
            if start <= token.i < end:
                return start, end
        return None


def names_no_body(entity: Entity) -> bool:
    """A name kg read as an organisation or place that names a signed text or a gathering
    ("the Abraham Accords", "the Japan-Korea Summit Meeting", organizations.json
    ``instruments``, meetings.json ``event_name_heads``): the guidelines list no such entity."""
    words = entity.name.split()
    if entity.type not in ("ORG", "FAC", "LOC") or not words:
        return False
    head = words[-1].casefold()
    return head in _instrument_heads()


@lru_cache(maxsize=1)
def _instrument_heads() -> frozenset[str]:
    return frozenset(w.casefold() for w in (*load_rules("organizations")["instruments"],
                                            *load_rules("meetings")["event_name_heads"]))


def find_entities(doc: Doc, institutions: tuple[str, ...] = ()) -> DocumentEntities:
    """Find, repair and resolve the named entities of ``doc``; ``institutions`` are the
    publisher's bodies its releases name by their head alone ("the Commission" from the EU)."""
    candidates = _candidate_spans(doc)
    clusters = _cluster(doc, candidates, institutions)
    _add_missed_mentions(doc, clusters)
    return _finish(doc, clusters)


# -- candidates ---------------------------------------------------------------------------

def _candidate_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, label) of cleaned, relabelled entity spans, without overlaps."""
    spans = _missions(doc)  # "the Embassy of the ROK in Japan": one body, whatever NER made of it
    spans += [span for span in _postnominal_names(doc)  # "Prime Minister of the Republic of X Ana Vega": NER joins body and name
              if not any(a < span[1] and span[0] < b for a, b, _ in spans)]
    read = {i for start, end, _ in spans for i in range(start, end)}
    in_titles = title_tokens(doc)
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS or any(i in read for i in range(ent.start, ent.end)):
            continue
        start, end = ent.start, ent.end
        if ent.label_ in ("ORG", "FAC", "GPE") and not _organization(ent.text):  # "the General Assembly" keeps "General"
            # "Secretary of State", "National Security Advisor", "North Africa Coordinator":
            # words of a title are not an organisation, nor the "of" that follows one
            while end > start and (end - 1 in in_titles and doc[end - 1].ent_type_ != "PERSON"
                                   or doc[end - 1].lower_ in ("of", "for", "to", "the", "and")):
                end -= 1
            # "[International Cooperation of] Italy": a portfolio before the country it serves
            while start < end and (start in in_titles or doc[start].lower_ == "the" and start + 1 in in_titles):
                start += 1  # "[the Minister of Foreign Affairs and Cooperation of] Timor-Leste"
            if start < end and start > ent.start and doc[start].lower_ in ("of", "for"):
                start += 1
            if end - start == 1 and start > ent.start and doc[start].lower_ in _organization_heads() \
                    and doc[start - 1].lower_ not in ("of", "for", "the"):
                start = ent.start  # "[General Motors]", "[General Electric]": a body's head after a title word is its name
            if end == start or all(i in in_titles for i in range(start, end)):
                continue
        label = ent.label_
        if label == "NORP" and not gazetteer.is_demonym(ent.text) and (town := gazetteer.lookup_place(ent.text)):
            label = town.type  # "the mayor of [Tunis]NORP": a place NER took for a people
        if label == "ORG" and start == ent.start and start >= 2 and doc[start - 1].lower_ == "and" and _joined_name_word(doc, start - 2):
            start -= 2  # "the Peace and [Security Council]": NER cut a body's name at "and"
        if end != ent.end:
            label = _relabel(doc[start:end].text, label)
        if label in ("ORG", "GPE", "NORP", "FAC"):
            split = _titled_name_inside(doc, start, end)
            if split:
                spans.extend(split)
                continue
        spans.extend(_clean(doc, start, end, label))
    spans = _described_ministries(doc, spans)
    spans.extend(_titled_names(doc, spans))
    spans.extend(_apposed_names(doc, spans))
    spans.extend(_names_after_titles(doc, spans))
    spans.extend(_turn_labels(doc, spans))
    spans.extend(_listed_names(doc, spans))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            continue
        if kept and _continues_name(doc, kept[-1], span):
            start = kept[-1][0]
            if kept[-1][1] - start == 2 and _royal_name(doc, start, start + 1):
                start += 1  # "Sheikh [Salem] Al-Sabah": with the family name the style is no longer the name's
            kept[-1] = (start, span[1], "PERSON")
            continue
        kept.append(span)
    return kept


def _continues_name(doc: Doc, before: tuple[int, int, str], span: tuple[int, int, str]) -> bool:
    """NER cut one name in two at a family particle: "[Sheikh Salem] [Al-Sabah]",
    "[Mohammed bin Abdulrahman] [Al Thani]"."""
    return (before[2] == span[2] == "PERSON" and before[1] == span[0] and span[1] - span[0] > 1
            and doc[span[0]].lower_ in NAME_PARTICLES)


def _joined_name_word(doc: Doc, i: int) -> bool:
    """Token ``i`` is a capitalised word of a body's name before "and", not a name of its own."""
    token = doc[i]
    return (token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper() and not token.ent_type_
            and not token.is_sent_start and i not in title_tokens(doc) and not gazetteer.lookup_country(token.text)
            and not gazetteer.lookup_place(token.text))


def _described_ministries(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"the Indian foreign ministry", "Pakistan's foreign office": a ministry named by its
    country (a demonym, or a country's possessive) and its portfolio is an organisation of
    that country, one span in place of the country's (which stays an entity by the name it
    holds: :func:`_cluster`). "office" only with a portfolio ("the Indian office" is none)."""
    rules = load_rules("organizations")["ministries"]
    heads = frozenset(rules["heads"])
    portfolios = sorted((tuple(p.split()) for p in rules["portfolios"]), key=len, reverse=True)
    longest = len(portfolios[0]) if portfolios else 0
    tokens = tokens_of(doc)
    replaced: dict[int, tuple[int, int, str]] = {}
    for start, end, label in spans:
        if label not in ("GPE", "NORP") or not gazetteer.lookup_country(doc[start:end].text):
            continue
        i = end + (end < len(doc) and doc[end].lower_ in ("'s", "’s"))
        following = tuple(t.lower_ for t in tokens[i:i + longest])  # read once for every portfolio
        portfolio = next((len(words) for words in portfolios if following[:len(words)] == words), 0)
        head = i + portfolio
        if head < len(doc) and doc[head].lower_ in heads and (portfolio or doc[head].lower_ != "office") \
                and not (head + 1 < len(doc) and doc[head + 1].lower_ in ("of", "for")):
            replaced[start] = (start, head + 1, "ORG")
    return [replaced.get(span[0], span) for span in spans]


def _postnominal_names(doc: Doc) -> list[tuple[int, int, str]]:
    """The body and the holder of "TITLE of [the] BODY NAME", with no comma between:
    "Prime Minister of the Republic of Tarvania Elif Dogan", "Secretary-General of the
    United Nations Amara Okafor", "President of Belovia Marek Novak". NER tags the body and
    the name as one span, or neither; the body ends where :func:`_body_end` says."""
    found: list[tuple[int, int, str]] = []
    i = 0
    while (i := next_title_start(doc, i)) < len(doc):
        size = title_at(doc, i)
        of = i + size
        # "of" the body served; "for" / "to" the place a post is for ("Special Representative for
        # the Sahel Joao Cravinho", "Ambassador to Japan Ana Vega"): NER joins place and name alike
        if not size or not doc[i].text[:1].isupper() or of + 2 >= len(doc) or doc[of].lower_ not in ("of", "for", "to"):
            i += max(size, 1)
            continue
        begin = of + 1 + (doc[of + 1].lower_ == "the")
        stop = _capitalised_run_end(doc, begin)
        body = _body_end(doc, begin, stop)
        if body is None:
            i = of
            continue
        split, label = body
        name = split + _honorific_length(doc, split, stop)
        stop = hyphenated_name_end(doc, stop)
        found += [(begin, split, label), (name, stop, "PERSON")]
        i = stop
    return found


def _missions(doc: Doc) -> list[tuple[int, int, str]]:
    """ORG spans of a state's or body's office elsewhere (organizations.json ``missions``):
    "[the OSCE] Mission [of X] to Moldova", "the Embassy of the ROK in Japan", "the U.S.
    Mission to the United Nations". Whose it is (a known body or country before the head, or
    after "of") and where ("to" / "in" a known place or body) must both be said."""
    found: list[tuple[int, int, str]] = []
    heads = _mission_heads()
    # a head's first token spells the start of a head: only those tokens are asked for the
    # text of their one- and two-token spans (for every token, that was a sixth of kg's own time)
    starts = numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), _mission_head_prefixes())).tolist()
    i = 0
    while (at := bisect_left(starts, i)) < len(starts):
        i = starts[at]
        size = next((n for n in (2, 1) if doc[i:i + n].text in heads), 0)
        if not size:
            i += 1
            continue
        start, j = i, i + size
        owner = _known_run_before(doc, i)
        if owner is not None:
            start = owner
        if j + 1 < len(doc) and doc[j].lower_ == "of":
            run = _known_run(doc, j + 1)
            if run is not None:
                owner, j = owner if owner is not None else j + 1, run
        if owner is None or j + 1 >= len(doc) or doc[j].lower_ not in ("to", "in"):
            i += size
            continue
        place = _known_run(doc, j + 1)
        if place is None:
            i += size
            continue
        found.append((start, place, "ORG"))
        i = place
    return found


def _known_run(doc: Doc, begin: int) -> int | None:
    """End of the known country, place or body named from ``begin`` ("the" allowed before it)."""
    begin += begin < len(doc) and doc[begin].lower_ == "the"
    stop = _capitalised_run_end(doc, begin)
    for end in range(stop, begin, -1):
        if _known_name(doc[begin:end].text):
            return end
    return None


def _known_run_before(doc: Doc, end: int) -> int | None:
    """Start of a known country, body or demonym right before token ``end`` ("the [U.S.] Mission")."""
    for start in range(max(0, end - 6), end):
        text = doc[start:end].text
        if doc[start].text[:1].isupper() and doc[start].lower_ != "the" and (_known_name(text) or gazetteer.is_demonym(text)):
            return start
    return None


@lru_cache(maxsize=1)
def _mission_heads() -> frozenset[str]:
    return frozenset(load_rules("organizations")["missions"])


@lru_cache(maxsize=1)
def _mission_head_prefixes() -> numpy.ndarray:
    """ORTH ids of every beginning of a mission head ("Con", ..., "Consulate General"): the
    words a head's first token can be."""
    prefixes = sorted({head[:k] for head in _mission_heads() for k in range(1, len(head) + 1)})
    return numpy.array([get_string_id(prefix) for prefix in prefixes], dtype="uint64")


def _capitalised_run_end(doc: Doc, begin: int) -> int:
    """End of the run of capitalised words from ``begin``, with the small words of names
    inside it ("Republic of the Congo", "Trinidad and Tobago", "Ana de la Cruz")."""
    i = begin
    while i < len(doc) and i - begin < 12:
        token = doc[i]
        if _NAME_TOKEN.match(token.text) and not token.is_punct or _name_hyphen(doc, i):
            i += 1
        elif (token.lower_ in ("of", "the", "and") or token.lower_ in NAME_PARTICLES) and i > begin and (
                i + 1 < len(doc) and _NAME_TOKEN.match(doc[i + 1].text)):
            i += 1
        else:
            break
    return i


def _name_hyphen(doc: Doc, i: int) -> bool:
    """Token ``i`` is a hyphen glued between two capitalised name words ("Kassym-Jomart",
    "Abdel-Rahman"): inside the name, where NER or the tokenizer cut it."""
    return (doc[i].text == "-" and 0 < i < len(doc) - 1 and not doc[i].whitespace_ and not doc[i - 1].whitespace_
            and bool(_NAME_TOKEN.match(doc[i - 1].text)) and bool(_NAME_TOKEN.match(doc[i + 1].text)))


def _body_end(doc: Doc, begin: int, stop: int) -> tuple[int, str] | None:
    """(token, label) where the body of ``begin:stop`` ends and the name begins, if kg can
    tell: the longest country, place or listed organisation; else NER's own end of the body;
    else a formal state name ("Republic of Tarvania", one word after "of"); else a name the
    document uses elsewhere as a place. The name is one to four words and none is a title."""
    splits = [k for k in range(stop - 1, begin, -1) if _holder_name(doc, k, stop)]
    for k in splits:
        text = doc[begin:k].text
        organization = _organization(text)
        if organization:
            return k, organization[1]
        place = gazetteer.lookup_country(text) or gazetteer.lookup_place(text)
        if place and not gazetteer.is_demonym(text):
            return k, place.type
        if k - begin > 1 and doc[k - 1].text in _administrative_heads():
            return k, "GPE"  # "Governor of [Tomsk Region] Alexei Gromov"
    if doc[begin].ent_type_ in ("GPE", "ORG", "LOC", "FAC"):
        end = begin + 1
        while end < stop and (doc[end].ent_iob_ == "I" or doc[end].lower_ in _organization_heads()):
            end += 1  # "the [North American Affairs] Bureau": NER left the head noun out
        if end in splits:
            return end, "GPE" if doc[begin].ent_type_ == "GPE" else doc[begin].ent_type_
    for k in reversed(splits):
        if formal_state(doc[begin:k].text):
            return k, "GPE"
    elsewhere = {ent.text for ent in doc.ents if ent.label_ == "GPE" and (ent.end <= begin or ent.start >= stop)}
    for k in splits:
        if doc[begin:k].text in elsewhere:
            return k, "GPE"
    return None


@lru_cache(maxsize=1)
def _administrative_heads() -> frozenset[str]:
    return frozenset(load_rules("names")["administrative_heads"])


def _holder_name(doc: Doc, split: int, stop: int) -> bool:
    """Tokens ``split:stop`` are a person's name, maybe after an honorific ("Mr. Omar Sy")."""
    begin = split + _honorific_length(doc, split, stop)
    words = doc[begin:stop]
    if not 1 <= len(words) <= 4 or doc[split - 1].lower_ in ("of", "the", "and") or words[0].lower_ in NAME_PARTICLES:
        return False
    in_titles = title_tokens(doc)
    return all(t.lower_ in NAME_PARTICLES or _name_hyphen(doc, t.i) or (_NAME_TOKEN.match(t.text) and t.i not in in_titles
                                              and t.lower_ not in _organization_heads()  # "[African Union] Commission"
                                              and not gazetteer.lookup_country(t.text)) for t in words)


def _honorific_length(doc: Doc, start: int, end: int) -> int:
    size = title_at(doc, start, end)
    return size if size and is_honorific(doc, start, size) else 0


def is_honorific(doc: Doc, start: int, size: int) -> bool:
    """Tokens ``start:start + size`` are an honorific ("Hon.", "Tan Sri", "Dato' Seri"),
    however the tokens were spaced ("Dato", "'" with or without a space between)."""
    return "".join(t.text for t in doc[start:start + size]) in _honorifics()


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    return frozenset(h.replace(" ", "") for h in load_rules("titles")["honorifics"])


def formal_state(text: str) -> str | None:
    """The country a formal state name not in the gazetteer stands for: "Republic of
    Tarvania" -> "Tarvania", "the Federal Republic of Zenara" -> "Zenara"; one capitalised
    word after "of".

    Examples
    --------
    >>> formal_state("the Republic of Tarvania"), formal_state("Republic of Culture Ana")
    ('Tarvania', None)
    """
    match = _formal_state_pattern().match(text)
    return match.group(1) if match else None


@lru_cache(maxsize=1)
def _formal_state_pattern() -> re.Pattern:
    rules = load_rules("names")["formal_states"]
    heads = "|".join(re.escape(w) for w in sorted(rules["heads"], key=len, reverse=True))
    modifiers = "|".join(re.escape(w) for w in sorted(rules["modifiers"], key=len, reverse=True))
    return re.compile(rf"^(?:the\s+)?(?:(?:{modifiers})\s+)*(?:{heads})\s+of\s+([A-Z][\w'’-]+)$")


def _after_title(doc: Doc, start: int) -> bool:
    """True when a capitalised title ends right before token ``start``."""
    for size in range(1, 6):
        begin = start - size
        if begin >= 0 and title_at(doc, begin, start) == size and doc[begin].text[:1].isupper():
            return doc[start - 1].lower_ not in ("of", "to", "for")
    return False


def _before_apposed_title(doc: Doc, start: int, end: int) -> bool:
    """Tokens ``start:end`` are two to four name words, none a place or a body's head, with a
    comma and a capitalised title after them: a person in apposition ("Ana Vega, Minister
    Delegate for Trade,")."""
    after = end + 1
    if not (2 <= end - start <= 4 and after < len(doc) and doc[end].text == "," and doc[after].text[:1].isupper()):
        return False
    size = title_at(doc, after)
    if not size or _honorific_length(doc, after, after + size):
        return False
    return _name_words(doc, start, end) and not any(
        t.lower_ in _organization_heads() or gazetteer.lookup_country(t.text) or gazetteer.lookup_place(t.text)
        for t in doc[start:end])


def _known_name(text: str) -> bool:
    """A country, region, city or listed organisation: not a person's name."""
    return bool(_organization(text) or gazetteer.lookup_country(text) or gazetteer.lookup_place(text))


def _known_body(text: str) -> bool:
    """A country, region or listed organisation (towns aside: many share a surname)."""
    return bool(_organization(text) or gazetteer.lookup_country(text) or (
        (place := gazetteer.lookup_place(text)) is not None and place.type == "LOC"))


def _titled_name_inside(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """"National Security Council Indo-Pacific Coordinator Kurt Campbell" tagged ORG as a
    whole: the name after the title is a PERSON, a known organisation before it an ORG."""
    for i in range(start + 1, end - 1):
        size = title_at(doc, i, end)
        name = range(i + size, end)
        if not size or not doc[i].text[:1].isupper() or not 1 <= len(name) <= 4:
            continue
        if not all(_NAME_TOKEN.match(doc[j].text) and doc[j].pos_ == "PROPN" for j in name):
            continue
        if _organization(doc[start:end].text) or any(doc[j].lower_ in _organization_heads() for j in name):
            continue  # "the U.N. General Assembly": a title word inside a body's name
        found = [(i + size, end, "PERSON")]
        for j in range(i, start, -1):
            if _organization(doc[start:j].text):
                found.append((start, j, "ORG"))
                break
        return found
    return []


def title_tokens(doc: Doc) -> frozenset[int]:
    """Indices of tokens inside titles ("Secretary of State", "Minister of Defense",
    "Coordinator"), kept in ``doc.user_data``."""
    covered = doc.user_data.get("kg_title_tokens")
    if covered is None:
        found: set[int] = set()
        for i in sorted(_title_index(doc)):
            size = title_at(doc, i)
            if size > 1 or (size == 1 and doc[i].text[:1].isupper() and doc[i].lower_ not in _former_words()):
                found.update(range(i, i + size))
        covered = doc.user_data["kg_title_tokens"] = frozenset(found)
    return covered


def _relabel(text: str, label: str) -> str:
    """A trimmed span ("North Africa" from "North Africa Coordinator") may be a place."""
    place = gazetteer.lookup_place(text)
    return place.type if place else label


def _clean(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """Trim determiners, titles, honorifics and possessives; split hyphenated demonym pairs."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s", "'", "’")
                           or label == "PERSON" and doc[end - 1].lower_ in ("of", "and", "the", "for", "to")):
        end -= 1  # "[Crown Prince Khalid bin Faisal] of Saudi Arabia": NER took the "of"
    if start >= end:
        return []
    verb = next((t.i for t in doc[start:end] if t.text in _headline_verbs()), None)
    if label in ("PERSON", "ORG", "GPE") and verb is not None:
        # "[Ana Vega Meets Luis Ruiz]", "[Wang Yi Holds] Talks": a title-case headline's verb between names
        return [piece for a, b in ((start, verb), (verb + 1, end)) if a < b for piece in _clean(doc, a, b, label)]
    if label == "PERSON" and all(i in title_tokens(doc) for i in range(start, end)):
        return []  # "State [Councilor]" tagged PERSON: words of a title name no one
    if label in ("ORG", "NORP") and all(doc[i].tag_ in ("NNS", "NNPS") and doc[i].lower_.endswith("s")
                                        and (doc[i].lower_[:-1],) in _titles()[0] for i in range(start, end)):
        return []  # "The two [Ministers] confirmed": people holding a title, no body
    if label == "PERSON" and _heading(doc, start, end):
        return []  # "Opening Remarks" heading a transcript's section
    if label == "PERSON":
        start = _after_straddling_title(doc, start, end)  # "State [Councilor Li Meng]"
        start = _after_body_and_title(doc, start, end)  # "[Foreign Ministry Spokesperson Mao Ning]"
        if start >= end:
            return []  # "[Ministry Spokesperson]": a body and its title, no one named
        end = _surname_after_particles(doc, end)
        end = hyphenated_name_end(doc, end)
        # "Anthony Albanese MP": post-nominal letters are not part of the name
        while end - start > 1 and doc[end - 1].text.rstrip(".") in _postnominals():
            end -= 1
        # "Gloria Macapagal [Arroyo]" where NER stopped early: the parse joins the next name word
        while (end < len(doc) and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end
               and doc[end].pos_ == "PROPN" and _NAME_TOKEN.match(doc[end].text)
               and (not doc[end].ent_type_ or _stray_name_word(doc, end))
               and not title_at(doc, end, end + 1) and doc[end].text.rstrip(".") not in _postnominals()):
            end += 1
        # "Antony J. Blinken" where NER kept only "J. Blinken": given names before it
        while (start > 0 and doc[start - 1].pos_ == "PROPN" and _NAME_TOKEN.match(doc[start - 1].text)
               and not doc[start - 1].ent_type_ and start - 1 not in title_tokens(doc)
               and doc[start - 1].dep_ == "compound" and doc[start - 1].lower_ not in _organization_heads()):
            start -= 1
    if label == "PERSON" and end - start == 1 and start > 0 and _royal_name(doc, start - 1, start):
        start -= 1  # "Queen [Elizabeth]"
    if label in ("ORG", "GPE", "NORP", "LOC") and (_after_title(doc, start) or _before_apposed_title(doc, start, end)) \
            and not (_known_name(doc[start:end].text) if label in ("GPE", "LOC") else _known_body(doc[start:end].text)):
        # "National Security Advisor Hulata", "Ana Vega, Minister Delegate for Trade," tagged ORG;
        # "Secretary of [State Rubio]ORG": a town of that name does not make NER's body a place
        label = "PERSON"
    if label == "PERSON" or (label in ("ORG", "GPE", "NORP") and _title_prefix_length(doc, start, end)
                             and not _organization(doc[start:end].text)):  # "General Assembly": no General's name
        skip = _title_prefix_length(doc, start, end)
        if skip:
            if end - (start + skip) == 1 and _royal_name(doc, start, start + skip):
                return [(start, end, "PERSON")]  # "Queen Elizabeth", "Sheikh Hasina": the title is the name's
            # "Foreign Minister Sergei Lavrov" or "Secretary Blinken" (tagged ORG): a name after a title;
            # "General Motors" tagged ORG ends in a body's head noun: a company, no General's name
            if start + skip < end and _name_words(doc, start + skip, end) and not (
                    label != "PERSON" and end - start - skip == 1 and doc[end - 1].lower_ in _organization_heads()):
                return [(start + skip, end, "PERSON")]
            if label == "PERSON":
                return []
    text = doc[start:end].text
    if text.rstrip(".") in NAME_SUFFIXES:
        return []  # "Joseph R. Biden, Jr." : the suffix is no place
    if text.casefold() in _not_names() or (end - start == 1 and doc[start].is_sent_start
                                            and text.casefold() in _opening_verbs()):
        return []  # "Kia ora" is a greeting; "Decides" opening a resolution paragraph is a verb
    comma = next((t.i for t in doc[start:end] if t.text == ","), None)
    served = start - 1 - (start > 1 and doc[start - 1].lower_ == "the")  # "... of [the] Niger, Bakary Sangare"
    if (label in ("ORG", "GPE", "LOC", "FAC") and comma is not None and served >= 1 and doc[served].lower_ == "of"
            and title_tokens(doc) & {served - 1} and _known_name(doc[start:comma].text)
            and 1 <= end - comma - 1 <= 4 and _name_words(doc, comma + 1, end) and not _known_name(doc[comma + 1:end].text)
            and not any(t.text.isupper() for t in doc[comma + 1:end])):  # "Washington, DC": a state's abbreviation
        # "the Minister of Foreign Affairs of [Niger, Bakary Sangare]": a country, then its minister's name
        return [(start, comma, _relabel(doc[start:comma].text, label)), (comma + 1, end, "PERSON")]
    if any(t.text in ("-", "–", "—") and t.whitespace_ and doc[t.i - 1].whitespace_ for t in doc[start:end]):
        # "Ottawa, Ontario - Global Affairs Canada": a header line's parts, not one name
        parts, begin = [], start
        for t in doc[start:end]:
            if t.text in ("-", "–", "—") and t.whitespace_ and doc[t.i - 1].whitespace_:
                parts.append((begin, t.i))
                begin = t.i + 1
        parts.append((begin, end))
        return [piece for a, b in parts if a < b for piece in _clean(doc, a, b, _relabel(doc[a:b].text, label))]
    if label in ("GPE", "LOC") and end - start == 4 and doc[start + 1].lower_ == "and" and (
            doc[start].text in COMPASS_WORDS and gazetteer.lookup_country(f"{doc[start].text} {doc[end - 1].text}")
            and gazetteer.lookup_country(doc[start + 2:end].text)):
        return [(start, start + 1, "GPE"), (start + 2, end, "GPE")]  # "North and South Korea": two countries
    sides = _sides_of_named_meeting(doc, start, end) or _body_of_named_meeting(doc, start, end)
    if sides:
        return sides
    if "-" in text:
        # "Russian-Afghan relations", "Iraq-Kuwait talks": two countries named at once
        parts = [t for t in doc[start:end] if t.text != "-"]
        if len(parts) > 1 and all(gazetteer.lookup_country(t.text) for t in parts):
            return [(t.i, t.i + 1, "NORP" if gazetteer.is_demonym(t.text) else "GPE") for t in parts]
        if len(parts) == 1 and _country_pair(parts[0].text):
            return []  # "U.S.-Sudan" as one token: two countries kg cannot place apart
    return [(start, end, label)]


@lru_cache(maxsize=1)
def _headline_verbs() -> frozenset[str]:
    return frozenset(load_rules("names")["headline_verbs"])


def _stray_name_word(doc: Doc, i: int) -> bool:
    """Token ``i`` is a one-word place or body NER made of a name's last word ("Shri Anand
    [Kulkarni]GPE"): no place, country or listed body of that name."""
    return (doc[i].ent_type_ in ("GPE", "ORG", "NORP", "LOC") and doc[i].ent_iob_ == "B"
            and (i + 1 >= len(doc) or doc[i + 1].ent_iob_ != "I") and not _known_name(doc[i].text)
            and not gazetteer.is_demonym(doc[i].text))


def _heading(doc: Doc, start: int, end: int) -> bool:
    """Tokens ``start:end`` are a line of their own with a common word in it ("Opening
    Remarks", "Questions and Answers"): a section heading, not a byline's name."""
    alone = (start == 0 or "\n" in doc[start - 1].text_with_ws) and (
        end == len(doc) or "\n" in doc[end - 1].whitespace_ + doc[end].text)
    return alone and any(t.pos_ in ("VERB", "NOUN", "ADJ", "ADV") for t in doc[start:end])


def _after_straddling_title(doc: Doc, start: int, end: int) -> int:
    """Where a span starts once a capitalised title that began before it and runs into it is
    left out: NER's "[Councilor Li Meng]" after "State" is "Li Meng"."""
    for back in range(1, 4):
        begin = start - back
        if begin < 0:
            break
        size = title_at(doc, begin, end)
        if size > back and doc[begin].text[:1].isupper() and begin + size < end:
            return begin + size
    return start


def _after_body_and_title(doc: Doc, start: int, end: int) -> int:
    """Where the name starts in a PERSON span that opens with a body's name in the words of
    a ministry (portfolio words, a body's head noun, a demonym) and a capitalised title:
    "[Foreign Ministry Spokesperson Mao Ning]", "[Defence Department Spokesman Ali Demir]"."""
    for title in range(start + 1, min(end, start + 5)):
        size = title_at(doc, title, end)
        if not size or not doc[title].text[:1].isupper() or not _name_words(doc, title + size, end):
            continue
        words = doc[start:title]
        if any(t.lower_ in _organization_heads() for t in words) and all(
                t.lower_ in _organization_heads() or t.lower_ in _portfolio_words() or t.lower_ in _ministry_portfolios()
                or gazetteer.is_demonym(t.text) or gazetteer.lookup_country(t.text) for t in words):
            return title + size
        return start
    return start


@lru_cache(maxsize=1)
def _ministry_portfolios() -> frozenset[str]:
    return frozenset(load_rules("organizations")["ministries"]["portfolios"])


def _surname_after_particles(doc: Doc, end: int) -> int:
    """End of a name NER stopped inside its surname's particles: "[Ursula von] der Leyen",
    "[Ana] de la Cruz" (lower-case particles, then one capitalised word that names no country
    or listed body)."""
    i = end
    while i < len(doc) and doc[i].text in SURNAME_PARTICLES:
        i += 1
    if (i == end and not doc[end - 1].text in SURNAME_PARTICLES) or i >= len(doc) or doc[i - 1].whitespace_ == "":
        return end
    word = doc[i]
    if not _NAME_TOKEN.match(word.text) or gazetteer.lookup_country(word.text) or _organization(word.text):
        return end
    return i + 1


# particles that open a surname, written in lower case ("y" and "and"-like words aside)
SURNAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "del", "della", "di", "du", "dos", "das", "la",
                               "le", "bin", "binti", "ibn", "al", "el", "ben"})


def hyphenated_name_end(doc: Doc, end: int) -> int:
    """End of a name ending at ``end`` once the given name's second syllable NER cut at the
    hyphen is back: "Park Seong[-hoon]", "Lee Sang-[deok]"; "Kim-led" stays out (the syllable
    shape is data: names.json ``hyphenated_syllable``)."""
    if 0 < end < len(doc) and doc[end - 1].text == "-" and _given_syllable(doc, end - 1):
        return end + 1
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and _given_syllable(doc, end):
        return end + 2
    return end


def _given_syllable(doc: Doc, hyphen: int) -> bool:
    """The token after the hyphen at ``hyphen`` is glued to it and shaped like a romanised syllable."""
    after = hyphen + 1
    return (after < len(doc) and not doc[hyphen].whitespace_ and doc[after].is_alpha
            and bool(_syllable_pattern().match(doc[after].text)))


@lru_cache(maxsize=1)
def _syllable_pattern() -> re.Pattern:
    return re.compile(load_rules("names")["hyphenated_syllable"], re.IGNORECASE)


def _name_words(doc: Doc, start: int, end: int) -> bool:
    """Tokens ``start:end`` are the words of a name: capitalised, with the small words of
    names between them ("Khalid bin Faisal", "Ana de la Cruz") and tight hyphens ("Al-Jaber")."""
    return all(_NAME_TOKEN.match(t.text) or (start < t.i < end - 1 and (t.lower_ in NAME_PARTICLES or _name_hyphen(doc, t.i)))
               for t in doc[start:end])


def _royal_name(doc: Doc, start: int, end: int) -> bool:
    """A royal or honorific word right before a lone name is part of how the person is
    named ("Queen Elizabeth", "Sheikh Hasina", "Prince Harry"), not a post to strip."""
    return end - start == 1 and doc[start].text in _royal_titles()


@lru_cache(maxsize=1)
def _royal_titles() -> frozenset[str]:
    return frozenset(load_rules("titles")["royal"])


def _sides_of_named_meeting(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """"the 12th Japan-Mongolia Summit", "the India-EU Summit", "the Peru-Chile Foreign
    Ministers' Meeting": a meeting's name made of its two sides, each a country or a listed
    organisation, is no body of its own; the name stands for the two sides."""
    hyphens = [t.i for t in doc[start + 1:end - 1] if t.text in ("-", "\u2013") and not t.whitespace_
               and not doc[t.i - 1].whitespace_]
    if len(hyphens) != 1 or hyphens[0] + 2 >= end or doc[end - 1].lower_ not in _named_meeting_heads():
        return []
    left, right = doc[hyphens[0] - 1], doc[hyphens[0] + 1]
    if any(t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ != "ORDINAL" for t in doc[start:left.i]):
        return []  # "Asia-Pacific ...", "Shanghai Cooperation-..." : more of a name before the pair
    labels = [_side_label(t.text) for t in (left, right)]
    if None in labels:
        return []
    return [(left.i, left.i + 1, labels[0]), (right.i, right.i + 1, labels[1])]


def _body_of_named_meeting(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """"the AU Summit", "the 2025 NATO Summit", "the G20 Meeting": a listed organisation's
    gathering named by the body and the kind of meeting is the body (unlike "East Asia
    Summit", a body of its own)."""
    if end - start < 2 or doc[end - 1].lower_ not in _named_meeting_heads():
        return []
    begin = start
    while begin < end - 1 and (doc[begin].pos_ in ("DET", "NUM") or doc[begin].ent_type_ in ("DATE", "ORDINAL")
                               or doc[begin].like_num):
        begin += 1  # "the 38th AU Summit"
    if begin >= end - 1:
        return []
    organization = _organization(doc[begin:end - 1].text)
    return [(begin, end - 1, organization[1])] if organization else []


def _side_label(text: str) -> str | None:
    """GPE for a country, the listed type of a known organisation ("EU", "ASEAN"), else None."""
    if gazetteer.lookup_country(text):
        return "GPE"
    organization = _organization(text)
    return organization[1] if organization else None


@lru_cache(maxsize=1)
def _named_meeting_heads() -> frozenset[str]:
    """The last word of a meeting's name ("Summit", "Meeting", "Talks", "Dialogue")."""
    return frozenset(load_rules("meetings")["event_name_heads"]) | {"summit"}


def _country_pair(text: str) -> bool:
    halves = text.split("-")
    return len(halves) == 2 and all(gazetteer.lookup_country(h) for h in halves)


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_rules("names")["greetings"])


@lru_cache(maxsize=1)
def _opening_verbs() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_rules("names")["opening_verbs"])


@lru_cache(maxsize=1)
def _postnominals() -> frozenset[str]:
    return frozenset(load_rules("titles")["postnominals"])


@lru_cache(maxsize=1)
def _former_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_rules("titles")["former"])


@lru_cache(maxsize=1)
def _titles() -> tuple[frozenset[tuple[str, ...]], int]:
    rules = load_rules("titles")
    forms = {tuple(title.lower().split()) for scope in rules["titles"].values() for title in scope}
    forms |= {tuple(h.lower().split()) for h in rules["honorifics"]}
    forms |= {(word.lower(),) for word in rules["former"]}
    return frozenset(forms), max(len(f) for f in forms)


def title_at(doc: Doc, start: int, end: int | None = None) -> int:
    """Length in tokens of the longest title or honorific starting at token ``start``
    and ending by ``end``."""
    sizes = _title_index(doc).get(start)
    if sizes is None:  # most tokens: asked of every token by several rules
        return 0
    end = len(doc) if end is None else end
    for size in sizes:
        if start + size <= end:
            return size
    return 0


def next_title_start(doc: Doc, start: int) -> int:
    """The first token from ``start`` on where a title starts (``len(doc)`` when none does):
    rules that walk the Doc for titles skip the tokens :func:`title_at` says 0 of."""
    starts = doc.user_data.get("kg_title_starts")
    if starts is None:
        starts = doc.user_data["kg_title_starts"] = tuple(sorted(_title_index(doc)))
    at = bisect_left(starts, start)
    return starts[at] if at < len(starts) else len(doc)


def _title_index(doc: Doc) -> dict[int, tuple[int, ...]]:
    """Start token -> sizes of the titles starting there, longest first; one PhraseMatcher
    pass per document, kept in ``doc.user_data``."""
    index = doc.user_data.get("kg_titles")
    if index is None:
        found: dict[int, list[int]] = {}
        for _match_id, start, end in _title_matcher(doc.vocab)(doc):
            if doc[start].text[:1].isupper() and doc[start:end].text.lower() in _relational_titles():
                continue  # "Deputy" of "Deputy Assistant Administrator" is a rank; "his deputy" a relation
            complement = _portfolio_end(doc, end)
            ends = (end, complement) if complement > end else (end,)
            begin = _rank_start(doc, _portfolio_start(doc, start, end))
            for first in dict.fromkeys((start, begin)):
                found.setdefault(first, []).extend(last - first for last in ends)
        index = {start: tuple(sorted(set(sizes), reverse=True)) for start, sizes in found.items()}
        doc.user_data["kg_titles"] = index
    return index


def _portfolio_start(doc: Doc, start: int, end: int) -> int:
    """Where a portfolio before a title begins: "[External Affairs] Minister", "[Deputy
    Health] Minister", "[Homeland Security] Secretary". Portfolio words only (no place: "Asia
    Minister" is no portfolio kg reads), none inside a name that starts before them ("the
    Department of Trade Secretary")."""
    if doc[start:end].text.lower() not in _portfolio_titles():
        return start
    portfolio = _portfolio_words()
    i = start
    while i > 0 and (doc[i - 1].lower_ in portfolio or doc[i - 1].lower_ == "and" and i - 1 > 0 and i < start
                     and doc[i - 2].lower_ in portfolio) and doc[i - 1].ent_type_ not in ("GPE", "LOC", "NORP", "PERSON"):
        i -= 1
    while i < start and (doc[i].lower_ == "and" or doc[i].ent_iob_ == "I" or gazetteer.lookup_place(doc[i].text)):
        i += 1  # the run may not open inside another name, on "and" or on a place
    if i < start and i > 0 and doc[i - 1].lower_ in _ranks():
        i -= 1
    return i


def _rank_start(doc: Doc, start: int) -> int:
    """Where capitalised rank words before a title begin: "[First] Vice Foreign Minister",
    "[Deputy] Chairperson", "[Principal] Secretary" hold a post of their own rank."""
    ranks = _ranks()
    while start > 0 and doc[start - 1].lower_ in ranks and doc[start - 1].text[:1].isupper():
        start -= 1
    return start


@lru_cache(maxsize=1)
def _portfolio_titles() -> frozenset[str]:
    return frozenset(t.lower() for t in load_rules("titles")["portfolio_titles"])


@lru_cache(maxsize=1)
def _ranks() -> frozenset[str]:
    return frozenset(t.lower() for t in load_rules("titles")["ranks"])


def _portfolio_end(doc: Doc, end: int) -> int:
    """Where a portfolio after a title ends: "Minister [for Foreign Affairs]", "Secretary
    [for Relations with States]", "Minister [of Foreign Affairs and International
    Cooperation]". Capitalised words (and "and", "with", "the") up to the last portfolio
    word; a country or organisation after the portfolio ("of Japan") is not part of it."""
    if end >= len(doc) or doc[end].lower_ not in ("of", "for"):
        return end
    portfolio = _portfolio_words()
    last = end
    i = end + 1
    while i < len(doc) and i - end <= 8:
        token = doc[i]
        if token.lower_ in ("and", "with", "&") or (token.lower_ == "the" and i == end + 1):
            i += 1
            continue
        if token.text == "," and last == i:
            listed = _listed_portfolio_end(doc, i + 1)
            if listed is None:
                break
            last = i = listed  # "Commissioner for Political Affairs, Peace and Security"
            continue
        if not token.text[:1].isupper() or token.ent_type_ == "GPE" or (
                token.lower_ not in portfolio and gazetteer.lookup_country(token.text)):
            break
        if token.lower_ in portfolio:
            last = i + 1
        i += 1
    if last < len(doc) and doc[last].lower_ in _organization_heads():
        return end  # "director of the Central Intelligence Agency": a body's name, no portfolio
    if last - 2 > end and doc[last - 1].text in _administrative_heads() and doc[last - 2].lower_ not in portfolio:
        return end  # "Governor of [Tomsk Region]": a region's name, no portfolio ("for the Pacific Region" is one)
    return last


def _listed_portfolio_end(doc: Doc, begin: int) -> int | None:
    """End of the portfolio words after a comma in a title when they close its list with
    "and" ("[International Trade and Worship]", "[Peace and Security]"); None when the words
    after the comma are anything else ("Minister of Foreign Affairs, Ana Vega")."""
    portfolio = _portfolio_words()
    i, joined = begin, False
    while i < len(doc) and (doc[i].lower_ in portfolio and doc[i].text[:1].isupper() or doc[i].lower_ in ("and", "&")):
        joined = joined or doc[i].lower_ in ("and", "&")
        i += 1
    return i if joined and i > begin and doc[i - 1].lower_ in portfolio else None


@lru_cache(maxsize=1)
def _portfolio_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_rules("titles")["portfolios"])


@lru_cache(maxsize=1)
def _relational_titles() -> frozenset[str]:
    """Nouns naming a post by another person's ("her predecessor", "his deputy"): titles
    only in lower case."""
    titles = load_rules("titles")["titles"]
    return frozenset(t.lower() for kind in ("relational", "succession", "subordinate") for t in titles.get(kind, ()))


@lru_cache(maxsize=8)
def _title_matcher(vocab) -> PhraseMatcher:
    forms, _longest = _titles()
    patterns = set(forms)
    # spaCy splits inner hyphens ("President-elect" is "president", "-", "elect") and a
    # closing apostrophe ("Dato'" is "dato", "'")
    patterns |= {tuple(part for word in form for part in re.split(r"(?<=\w)(-)(?=\w)|(?<=\w)(['’])$", word) if part)
                 for form in forms}
    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("TITLE", [Doc(vocab, words=list(form)) for form in sorted(patterns)])
    return matcher


def _title_prefix_length(doc: Doc, start: int, end: int) -> int:
    """Tokens of titles, honorifics and "of/to X" title complements at the start of a span."""
    i = start
    while i < end:
        size = title_at(doc, i, end)
        if not size:
            break
        i += size
    return i - start


# "JULIE BISHOP: I have ...", "SECRETARY POMPEO: Thank you": a speaker label opening a paragraph
TURN_LABEL = re.compile(r"^[ \t]*([A-Z][A-Za-z.'’ ,()-]{1,80}?):[ \t]+(?=\S)", re.M)


def _turn_labels(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The name in a transcript's speaker label when NER missed it: the label's words after
    any title, a comma and an honorific ("Official Spokesperson, Shri Ana Vega:"), unless
    they are a generic speaker ("QUESTION", "MODERATOR") or a place; a questioner named in
    brackets after a generic label ("Question (Ana Vega, Daily News):")."""
    taken = {i for start, end, _ in spans for i in range(start, end)}
    generic = _generic_speakers()
    found = []
    for match in TURN_LABEL.finditer(text_of(doc)):
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if span is None:
            continue
        start, end = span.start, span.end
        opening = next((t.i for t in span if t.text == "("), None)
        if opening is not None:
            if doc[start:opening].text.casefold() not in generic:
                continue
            start = opening + 1
            end = next((t.i for t in doc[start:end] if t.text in (",", ")")), end)
        else:
            start += _title_prefix_length(doc, start, end)
            while start < end and (doc[start].text == "," or _honorific_length(doc, start, end)):
                start += _honorific_length(doc, start, end) or 1
        words = doc[start:end]
        if (not words or len(words) > 4 or words.text.casefold() in generic or _known_name(words.text)
                or not all(_NAME_TOKEN.match(t.text) for t in words) or any(i in taken for i in range(start, end))):
            continue
        found.append((start, end, "PERSON"))
    return found


@lru_cache(maxsize=1)
def _generic_speakers() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_rules("titles")["generic_speakers"])


def _listed_names(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Countries, regions and listed organisations NER missed ("USAID Acting Administrator",
    "INDOPACOM"), matched as written; never inside a span NER found."""
    taken = {i for start, end, _ in spans for i in range(start, end)}
    found = []
    for match_id, start, end in _listed_matcher(doc.vocab)(doc):
        if any(i in taken for i in range(start, end)) or any(doc[i].ent_type_ for i in range(start, end)):
            continue
        label = doc.vocab.strings[match_id]
        if end - start == 1 and ((doc[start].is_sent_start and not doc[start].is_upper and label != "NORP")
                                 or doc[start].pos_ not in ("PROPN", "NOUN", "ADJ" if label == "NORP" else "NOUN")):
            continue  # "Chad", "Jordan" opening a sentence may be a person's name; "USAID" may not
        if _in_longer_name(doc, start, end):
            continue  # "Coalition Against Daesh", "New South Wales": the tail of a name NER missed
        found.append((start, end, label))
        taken.update(range(start, end))
    return found


def _in_longer_name(doc: Doc, start: int, end: int) -> bool:
    """A capitalised word right before it (not a title, not opening the sentence): "New
    South Wales" is not Wales. One after it is a name the match modifies ("NATO Foreign
    Ministers' Meeting" still names NATO)."""
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ in ("and", "of") and start > 1:
        before = doc[start - 2]  # "Peace and Security Council" is not the Security Council
        if before.ent_type_ or gazetteer.lookup_country(before.text):
            return False  # "China and Security Council members": a list
    return (before is not None and before.text[:1].isupper() and before.is_alpha
            and before.i not in title_tokens(doc) and not before.is_sent_start)


@lru_cache(maxsize=8)
def _listed_matcher(vocab) -> PhraseMatcher:
    matcher = PhraseMatcher(vocab, attr="ORTH")
    forms: dict[str, set[str]] = {"ORG": set(), "GPE": set(), "LOC": set(), "NORP": set()}
    for name, record in load_rules("organizations")["organizations"].items():
        forms["ORG"].update(f for f in [name, *record["aliases"]] if not f.lower().startswith("the "))
    for record in gazetteer.load_countries().values():
        forms["GPE"].update([record.name, *record.aliases])
        forms["NORP"].update(record.demonyms)  # "the Qatari Emir": a demonym NER missed still names the country
    for record in gazetteer.load_regions().values():
        forms[record.type].update([record.name, *record.aliases])
    for label, names in forms.items():
        matcher.add(label, [tokenize(vocab, name) for name in sorted(names) if len(name) > 2 and name[:1].isupper()])
    return matcher


def _titled_names(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """PERSON spans NER missed: capitalised name tokens right after a capitalised role title."""
    covered = {i for start, end, label in spans if label == "PERSON" for i in range(start, end)}
    found = []
    i = 0
    while (i := next_title_start(doc, i)) < len(doc):
        size = title_at(doc, i)
        if not size or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i + size
        # "Ambassador to Russia Mohammad Latif Bahand": skip a "to/of X" complement
        if j + 1 < len(doc) and doc[j].lower_ in ("to", "of", "for") and not doc[j + 1].ent_type_ and gazetteer.lookup_place(doc[j + 1].text):
            j += 2  # "Administrator for Asia Craig Hart"
        elif j < len(doc) and doc[j].lower_ in ("to", "of", "for") and j + 1 < len(doc) and doc[j + 1].ent_type_ in ("GPE", "ORG", "LOC"):
            j += 1
            while j < len(doc) and doc[j].ent_iob_ == "I" or (j < len(doc) and doc[j].ent_iob_ == "B" and doc[j].ent_type_ in ("GPE", "ORG", "LOC") and doc[j - 1].lower_ in ("to", "of", "for")):
                j += 1
        j = after_parenthesised_portfolio(doc, j)  # "Secretary (East) Periasamy Kumaran"
        if j < len(doc) and title_at(doc, j):
            i = j  # "Mr. Secretary": a title after an honorific names no one
            continue
        k = j
        # "General Motors": a plural proper noun (NNPS) names a company, not a person
        words = 0
        while k < len(doc) and words < 4 and (
                doc[k].pos_ == "PROPN" and doc[k].tag_ != "NNPS" and _NAME_TOKEN.match(doc[k].text)
                and not gazetteer.lookup_country(doc[k].text)
                and not (k > j and doc[k].text.rstrip(".") in _postnominals())
                or k > j and doc[k].lower_ in NAME_PARTICLES and k + 1 < len(doc) and _NAME_TOKEN.match(doc[k + 1].text)):
            words += doc[k].lower_ not in NAME_PARTICLES  # "Crown Prince Khalid bin Faisal": a name's small words
            k += 1
        # "an Official Visit", "the Secretary Meeting": a title before an event's word names no one
        if k > j and not any(t in covered for t in range(j, k)) and not any(
                doc[t].lower_ in _organization_heads() or doc[t].lower_ in _event_words() for t in range(j, k)):
            begin = j - 1 if k - j == 1 and _royal_name(doc, j - 1, j) else j
            found.append((begin, k, "PERSON"))  # not "General [Assembly]", "Secretary [Council]"
        i = max(k, i + 1)
    return found


def after_parenthesised_portfolio(doc: Doc, j: int) -> int:
    """After a title's portfolio in parentheses ("Secretary (East)", "Joint Secretary (Gulf)"):
    one to three capitalised words between "(" and ")"; else ``j``."""
    if j >= len(doc) or doc[j].text != "(":
        return j
    close = next((k for k in range(j + 1, min(j + 5, len(doc))) if doc[k].text == ")"), None)
    if close is None or close == j + 1 or not all(doc[k].text[:1].isupper() for k in range(j + 1, close)):
        return j
    return close + 1


def _apposed_names(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """PERSON spans NER missed before a title in apposition: "Pablo Ruiz, Chief of Mission
    of the Red Cross, said", "Ana Vega, the Chilean envoy, met". Two to four name words that
    no other span holds, none a title, a place or a body's head word; the parse must make
    the title an apposition of the name (a sentence-opening "In Geneva, Secretary ..." is not)."""
    taken = {i for start, end, _ in spans for i in range(start, end)}
    in_titles = title_tokens(doc)
    found = []
    for comma in tokens_of(doc):
        if comma.text != "," or comma.i < 2 or comma.i + 1 >= len(doc):
            continue
        title = comma.i + 1
        while title < len(doc) and (doc[title].lower_ in ("the", "a", "an") or doc[title].lower_ in _former_words()
                                    or doc[title].ent_type_ in ("NORP", "GPE") and not title_at(doc, title)):
            title += 1  # "Ana Vega, the former Chilean envoy"
        size = title_at(doc, title) if title < len(doc) else 0
        if not size or is_honorific(doc, title, size):
            continue
        start = comma.i
        while (start > 0 and comma.i - start < 6 and start - 1 not in taken and start - 1 not in in_titles
               and not doc[start - 1].ent_type_ and (doc[start - 1].pos_ == "PROPN" and _NAME_TOKEN.match(doc[start - 1].text)
                                                   or doc[start - 1].lower_ in NAME_PARTICLES)):
            start -= 1
        while start < comma.i and doc[start].lower_ in NAME_PARTICLES:
            start += 1
        words = [t for t in doc[start:comma.i] if t.lower_ not in NAME_PARTICLES]
        if not 2 <= len(words) <= 4 or not _name_words(doc, start, comma.i):
            continue
        if start > 0 and not doc[start].is_sent_start and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha:
            continue  # the tail of a longer capitalised phrase
        if _known_name(doc[start:comma.i].text) or any(t.lower_ in _organization_heads() for t in words):
            continue
        if not any(t.dep_ == "appos" and start <= t.head.i < comma.i for t in doc[title:title + size]):
            continue
        found.append((start, comma.i, "PERSON"))
        taken.update(range(start, comma.i))
    return found


def _names_after_titles(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """PERSON spans NER missed after a definite title and a comma: "meet the Speaker of the
    Sejm, Ewa Nowicka, and ...", "his foreign minister, Efua Mensah". Two to four name words
    no other span holds, after an honorific maybe, that end at punctuation, "and" or a verb;
    the parse must hang the name from the title phrase (apposition or conjunct). Name words
    NER read as unknown bodies count ("the Minister of X, [Bendito]ORG dos [Santos Freitas]ORG,")."""
    misread = {i for start, end, label in spans if label != "PERSON" and not _known_name(doc[start:end].text)
               and not gazetteer.lookup_place(doc[start:end].text) for i in range(start, end)}
    taken = {i for start, end, _ in spans for i in range(start, end)} - misread
    in_titles = title_tokens(doc)
    found = []
    for comma in tokens_of(doc):
        if comma.text != "," or comma.i < 2:
            continue
        title = next((t.i for t in reversed(doc[max(comma.sent.start, comma.i - 12):comma.i])
                      if title_at(doc, t.i) and t.i > 0 and doc[t.i - 1].lower_ in _DEFINITE), None)
        if title is None or any(t.pos_ in ("VERB", "AUX") or t.is_punct and not _name_hyphen(doc, t.i)
                                for t in doc[title:comma.i]):
            continue
        start = comma.i + 1
        start += _honorific_length(doc, start, len(doc))
        end = start
        while end < len(doc) and end - start < 4 and end not in taken and end not in in_titles and (
                (doc[end].pos_ == "PROPN" or end in misread) and _NAME_TOKEN.match(doc[end].text)
                or doc[end].lower_ in NAME_PARTICLES):
            end += 1
        end = hyphenated_name_end(doc, end)
        after = doc[end] if end < len(doc) else None
        if end - start < 2 or (after is not None and not (after.is_punct or after.lower_ == "and" or after.pos_ in ("VERB", "AUX"))):
            continue
        if _known_name(doc[start:end].text) or any(t.lower_ in _organization_heads() or t.ent_type_ and t.i not in misread
                                                   for t in doc[start:end]):
            continue
        root = doc[start:end].root
        tagged = all(t.i in misread for t in doc[start:end] if t.lower_ not in NAME_PARTICLES)
        if (root.dep_ not in ("appos", "conj") or not title <= root.head.i < comma.i) and not (
                tagged and after is not None and after.text == ","):
            continue  # NER's own name words set off by commas need no parse to vouch for them
        found.append((start, end, "PERSON"))
        taken.update(range(start, end))
    return found


_DEFINITE = frozenset({"the", "his", "her", "its", "their", "our", "my", "'s", "’s"})


# -- clustering ---------------------------------------------------------------------------

def _cluster(doc: Doc, spans: list[tuple[int, int, str]], institutions: tuple[str, ...] = ()) -> dict[str, _Cluster]:
    clusters: dict[str, _Cluster] = {}
    persons: list[tuple[int, int, str]] = []
    others: list[tuple[int, int, str]] = []
    person_words = {doc[start].text for start, end, label in spans if label == "PERSON" and end - start == 1}
    # "Von der Leyen" opening a sentence, tagged ORG, after "Ursula von der Leyen"; the whole name too
    surnames = {tuple(t.lower_ for t in doc[k:end]) for start, end, label in spans if label == "PERSON"
                for k in range(start, end - 1)}  # from the first word: "Retno Marsudi said" tagged ORG after a titled one
    for start, end, label in spans:
        if label != "PERSON" and _person_named(doc, start, end, person_words):
            label = "PERSON"  # "Bernardo Arévalo de León" tagged ORG, "Arévalo" tagged PERSON
        elif label != "PERSON" and end - start > 1 and tuple(t.lower_ for t in doc[start:end]) in surnames:
            label = "PERSON"
        (persons if label == "PERSON" else others).append((start, end, label))
    person_names = _person_clusters(doc, persons, clusters)
    surnames = _surname_index(person_names)
    halves = [span for span in others if span[1] - span[0] == 1 and doc[span[0]].text in COMPASS_WORDS]
    # "the two Koreas" names both countries of a pair, which one mention cannot hold: left out
    others = [span for span in others if span not in halves and not _both_of_a_pair(doc[span[0]:span[1]].text)]
    for start, end, label in others:
        text = _surface(doc, start, end)
        key, cluster = _classify(text, label)
        if end - start == 1 and doc[start].text in surnames and label in ("GPE", "ORG", "NORP", "LOC"):
            key = surnames[doc[start].text]  # "Bahand" tagged GPE: a surname of a named person
            cluster = clusters[key]
        if cluster is None:
            continue
        existing = clusters.setdefault(key, cluster)
        existing.forms.add(text)
        existing.mentions.append((start, end, label))
    for start, end, label in others:
        country = _country_inside(doc, start, end) if label == "ORG" else None
        if country is not None:
            key, fresh = _classify(country, "GPE")
            if fresh is not None:
                cluster = clusters.setdefault(key, fresh)
                cluster.forms.add(country)
                cluster.named_inside = True
    _merge_bare_heads(clusters, institutions)
    _merge_bare_state_heads(clusters)
    _merge_abbreviated_bodies(clusters)
    for start, end, label in halves:
        country = _half_of_a_pair(doc[start].text, clusters)
        if country:
            key, fresh = _classify(country, "GPE")
            cluster = clusters.setdefault(key, fresh)
            cluster.forms.add(doc[start].text)
            cluster.mentions.append((start, end, "GPE"))
    return clusters


COMPASS_WORDS = frozenset({"North", "South", "East", "West"})


def _merge_bare_heads(clusters: dict[str, _Cluster], institutions: tuple[str, ...] = ()) -> None:
    """"the Council", "the Commission" tagged ORG alone: the one organisation of the
    document whose name ends in that word ("the Gulf Cooperation Council"); with none, the
    one institution of the publisher of that head ("Commission President X" from the EU);
    with several, it stays as it is."""
    for key, cluster in list(clusters.items()):
        if cluster.type != "ORG" or " " in cluster.name or cluster.name.lower() not in _organization_heads():
            continue
        # "the Council" of "the Gulf Cooperation Council"; "the Organization" of "the Organization
        # for Security and Co-operation in Europe" (the head first, before its "for" / "of")
        fuller = [other for other_key, other in clusters.items() if other_key != key and other.type == "ORG"
                  and len(words := other.name.split()) > 1
                  and (words[-1] == cluster.name or words[0] == cluster.name and words[1] in ("of", "for", "on"))]
        if len(fuller) == 1:
            fuller[0].forms.update(cluster.forms)
            fuller[0].mentions.extend(cluster.mentions)
            del clusters[key]
        elif not fuller:
            own = [name for name in institutions if name.split()[-1] == cluster.name]
            if len(own) == 1:
                cluster.forms.add(cluster.name)
                cluster.name, cluster.fixed_name = own[0], True


def _merge_bare_state_heads(clusters: dict[str, _Cluster]) -> None:
    """"the Kingdom" tagged alone (names.json formal_states heads): the one country of the
    document whose formal name has that head ("Kingdom of Saudi Arabia"); with none or
    several, it stays as it is."""
    heads = set(load_rules("names")["formal_states"]["heads"])
    for key, cluster in list(clusters.items()):
        if cluster.type not in ("GPE", "ORG", "LOC") or cluster.name not in heads:
            continue
        states = [other for other in clusters.values() if other is not cluster and other.type == "GPE"
                  and cluster.name in _formal_words(other.name)]
        if len(states) == 1:
            states[0].forms.update(cluster.forms)
            states[0].mentions.extend(cluster.mentions)
            del clusters[key]


def _merge_abbreviated_bodies(clusters: dict[str, _Cluster]) -> None:
    """"the AU Commission" beside "the African Union Commission": a body named with a listed
    organisation's short form ("AU") and the same words after it is the fuller one."""
    by_name = {cluster.name: cluster for cluster in clusters.values() if cluster.type == "ORG"}
    for key, cluster in list(clusters.items()):
        words = cluster.name.split()
        if cluster.type != "ORG" or len(words) < 2:
            continue
        listed = _organization(words[0])
        fuller = by_name.get(f"{listed[0]} {' '.join(words[1:])}") if listed else None
        if fuller is not None and fuller is not cluster:
            fuller.forms.update(cluster.forms)
            fuller.mentions.extend(cluster.mentions)
            del clusters[key]


def _formal_words(country: str) -> frozenset[str]:
    """The words of a country's names in countries.json ("Kingdom", "Saudi", "Arabia" for Saudi Arabia)."""
    place = gazetteer.lookup_country(country)
    record = _country_records().get(place.country_code) if place is not None and place.country_code else None
    return frozenset(w for form in ((record.name, *record.aliases) if record else ()) for w in form.split())


@lru_cache(maxsize=1)
def _country_records() -> dict:
    return gazetteer.load_countries()


def _country_inside(doc: Doc, start: int, end: int) -> str | None:
    """The demonym or country a ministry's name opens with ("[Indian] foreign ministry",
    "[Pakistan]'s foreign office", "the [Russian] Foreign Ministry"), which names that
    country too; not other bodies' ("the Palestinian Authority" is no country's)."""
    if doc[end - 1].lower_ not in load_rules("organizations")["ministries"]["heads"]:
        return None
    if start < end and doc[start].lower_ == "the":
        start += 1
    for size in (3, 2, 1):
        words = doc[start:start + size]
        if start + size < end and gazetteer.lookup_country(words.text) and words[-1].text[:1].isupper():
            return words.text
    return None


def _both_of_a_pair(text: str) -> bool:
    """"Koreas", "Sudans": the plural of what two countries' names share ("North Korea",
    "South Korea")."""
    rest = text[:-1] if text.endswith("s") and " " not in text else ""
    return bool(rest) and sum(bool(gazetteer.lookup_country(f"{word} {rest}")) for word in COMPASS_WORDS) >= 2


def _half_of_a_pair(word: str, clusters: dict[str, _Cluster]) -> str | None:
    """The country a lone "North" / "South" names: "WORD X" where the text names a country
    "OTHER X" of the same pair ("the North" beside South Korea or North Korea, "North and
    South Korea"), and only one pair fits; else nothing ("the South" beside South Africa)."""
    found = set()
    for cluster in clusters.values():
        first, _, rest = cluster.name.partition(" ")
        if cluster.type == "GPE" and first in COMPASS_WORDS and rest:
            country = gazetteer.lookup_country(f"{word} {rest}")
            if country and any(gazetteer.lookup_country(f"{other} {rest}") for other in COMPASS_WORDS - {word}):
                found.add(country.name)
    return found.pop() if len(found) == 1 else None


def _person_named(doc: Doc, start: int, end: int, person_words: set[str]) -> bool:
    """A multi-word ORG/GPE span that is a person's full name: it holds a word the document
    uses alone for a person, and nothing that names a body or a place ("Biden-Harris
    Administration" and "Harris County" stay what they are)."""
    if end - start < 2 or not any(doc[i].text in person_words for i in range(start, end)):
        return False
    words = [doc[i].text for i in range(start, end)]
    if any(w.lower() in _organization_heads() or not (w[:1].isupper() or w.lower() in NAME_PARTICLES) for w in words):
        return False
    return not _known_name(doc[start:end].text)


NAME_PARTICLES = frozenset({"de", "da", "del", "della", "di", "do", "dos", "du", "van", "von", "der", "bin", "binti",
                            "al", "el", "la", "le", "y", "ibn", "ben"})


@lru_cache(maxsize=1)
def _event_words() -> frozenset[str]:
    """Nouns that name an encounter ("Visit", "Meeting", "Summit"), never a person's name."""
    rules = load_rules("meetings")
    return frozenset(w.lower() for w in [*rules["anaphoric_nouns"], *rules["event_name_heads"]])


@lru_cache(maxsize=1)
def _organization_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in load_rules("organizations")["heads"])


def _person_clusters(doc: Doc, persons: list[tuple[int, int, str]], clusters: dict[str, _Cluster]) -> dict[str, list[str]]:
    """Cluster person mentions: shorter forms join the unique full name that contains them."""
    by_length = sorted(persons, key=lambda s: (-(s[1] - s[0]), s[0]))
    names: dict[str, list[str]] = {}  # cluster key -> tokens of its fullest name
    for start, end, label in by_length:
        text = _surface(doc, start, end)
        place = gazetteer.lookup_place(text) if len(text.split()) == 1 else None
        listed = _organization(text)
        if listed and text not in _surnames(persons, doc):
            # "Bloomberg:" asking at a briefing is the agency (a "Michael Bloomberg" keeps his name)
            _add_mention(clusters, text, start, end, listed[1])
            continue
        if gazetteer.lookup_country(text) or (place and place.type == "GPE" and text not in _surnames(persons, doc)
                                              and _used_as_place(doc, start, end)):
            _add_mention(clusters, text, start, end, "GPE")  # "Russia", or "visited Honiara" tagged PERSON
            continue
        if place and place.type == "LOC" and text not in _surnames(persons, doc):
            _add_mention(clusters, text, start, end, "LOC")  # "the [Sahel] ministerial": a region, no one's name
            continue
        tokens = text.split()
        # "POMPEO" in a transcript label is the "Pompeo" of "Michael R. Pompeo"
        folded = [t.casefold() for t in tokens]
        matches = [key for key, full in names.items() if _is_part_of(tokens, full)]
        if not matches and len(tokens) == 1:
            # "Abiy" for "Abiy Ahmed": some names are used by the first one, when only one person has it
            matches = [key for key, full in names.items() if len(full) > 1 and full[0].casefold() == folded[0]]
        if not matches and len(tokens) == 2 and tokens[0] in _royal_titles():
            # "Prince Faisal" for "Faisal bin Farhan Al Saud": a royal style and the given name of one person
            matches = [key for key, full in names.items() if len(full) > 2 and full[0].casefold() == folded[1]]
        if len(matches) == 1:
            key = matches[0]
        else:
            key = "PERSON:" + text.casefold()
            if key not in clusters:
                clusters[key] = _Cluster("PERSON", text)
                names[key] = tokens
        clusters[key].forms.add(text)
        clusters[key].mentions.append((start, end, "PERSON"))
    return names


PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "from", "into", "near", "outside", "across", "toward", "towards"})
PLACE_VERBS = frozenset({"visit", "arrive", "travel", "fly", "leave", "reach", "tour", "return"})


def _add_mention(clusters: dict[str, _Cluster], text: str, start: int, end: int, label: str) -> None:
    """A mention NER tagged PERSON, kept as the place or body ``label`` it is."""
    key, cluster = _classify(text, label)
    existing = clusters.setdefault(key, cluster)
    existing.forms.add(text)
    existing.mentions.append((start, end, label))


def _used_as_place(doc: Doc, start: int, end: int) -> bool:
    """A one-word name that is also a town ("Bush", "Santos", "Austin", "Kim") is a place
    only where the text uses it as one: after "in/to/from", as what is visited or reached,
    or with its country in apposition ("Honiara, Solomon Islands")."""
    token = doc[start:end].root
    if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPOSITIONS:
        return True
    if token.dep_ == "dobj" and token.head.lemma_.lower() in PLACE_VERBS:
        return True
    following = doc[end + 1] if end + 1 < len(doc) and doc[end].text == "," else None
    return following is not None and bool(gazetteer.lookup_country(following.text) or (
        following.ent_type_ == "GPE" and gazetteer.lookup_country(following.sent[following.i - following.sent.start:].text.split(",")[0])))


def _surnames(persons: list[tuple[int, int, str]], doc: Doc) -> set[str]:
    return {doc[end - 1].text for start, end, _ in persons if end - start > 1}


def _is_part_of(tokens: list[str], full: list[str]) -> bool:
    """"Lavrov" and "Latif Bahand" are parts of "Mohammad Latif Bahand"; "Sergei" alone is
    not. Case is ignored ("POMPEO" of a transcript label is "Pompeo").

    A single word may also be a later, capitalised part of a compound surname ("Arévalo" of
    "Bernardo Arévalo de León", "Lula" of "Luiz Inácio Lula da Silva"), never the given
    name and never a particle ("da").
    """
    if len(tokens) >= len(full):
        return False
    folded, whole = [t.casefold() for t in tokens], [t.casefold() for t in full]
    if folded == whole[-len(folded):]:
        return True
    if len(folded) == 1 and any(f == folded[0] and t[:1].isupper() for f, t in zip(whole[1:], full[1:])):
        return True
    # "Mullah Baradar": first and last of the full name
    return len(folded) >= 2 and folded[-1] == whole[-1] and all(t in whole for t in folded)


def _surname_index(names: dict[str, list[str]]) -> dict[str, str]:
    counts = Counter(full[-1] for full in names.values() if len(full) > 1)
    return {full[-1]: key for key, full in names.items() if len(full) > 1 and counts[full[-1]] == 1}


def _classify(text: str, label: str) -> tuple[str, _Cluster | None]:
    """Cluster key and a fresh cluster for a non-person mention (None: not an entity kg keeps)."""
    org = _organization(text)
    if org:
        name, org_type = org
        return f"{org_type}:{name.casefold()}", _Cluster(org_type, name, fixed_name=True)
    if label in ("GPE", "NORP", "LOC", "ORG", "FAC"):
        place = gazetteer.lookup_country(text)
        if place:
            return f"GPE:{place.name.casefold()}", _Cluster(
                "GPE", place.name, same_as=_same_as(place), fixed_name=True)
        country = formal_state(text)
        if country:  # "Republic of Tarvania" is the "Tarvania" of the rest of the text
            return f"GPE:{country.casefold()}", _Cluster("GPE", country, fixed_name=True)
    if label == "NORP":
        region = gazetteer.lookup_region(text)
        if region:
            return f"{region.type}:{region.name.casefold()}", _Cluster(
                region.type, region.name, same_as=_same_as(region), fixed_name=True)
        return "", None  # a group with no country or organisation behind it ("Pashtun")
    if label == "ORG":
        city = gazetteer.lookup_place(text)
        # "Lusaka" tagged ORG: a capital is a place (its government speaks as the country); a longer
        # name only when it is the city's own ("ABU DHABI, 2 May"), not an other-language one ("White House")
        if city and city.type == "GPE" and (len(text.split()) == 1 or city.name.casefold() == text.casefold()):
            label = "GPE"
    if label == "FAC" and len(text.split()) > 1:
        city = gazetteer.lookup_place(text)
        if city and city.type == "GPE":
            label = "GPE"  # "Port Moresby" tagged FAC: a city of that whole name (one word may be a building's)
    if label in ("GPE", "LOC", "FAC"):
        place = gazetteer.lookup_place(text) if label != "FAC" else None
        name = place.name if place else text
        return f"{label}:{name.casefold()}", _Cluster(label, name, same_as=_same_as(place) if place else ())
    return f"{label}:{text.casefold()}", _Cluster(label, text)


def _same_as(place: gazetteer.Place | None) -> tuple[str, ...]:
    if place is None or place.geonames_id is None:
        return ()
    return (gazetteer.geonames_iri(place.geonames_id),)


@lru_cache(maxsize=1)
def _organization_forms() -> dict[str, tuple[str, str]]:
    forms = {}
    for name, record in load_rules("organizations")["organizations"].items():
        for form in [name, *record["aliases"]]:
            forms[form.casefold()] = (name, record["type"])
    return forms


def tokenize(vocab, text: str) -> Doc:
    """``text`` split into spaCy's tokens, not parsed (a headline); the tokenizer is built
    once per vocabulary: building an English pipeline costs most of a second."""
    return _tokenizer(vocab)(text)


@lru_cache(maxsize=8)
def _tokenizer(vocab):
    return English(vocab=vocab).tokenizer


def organization_named(text: str) -> tuple[str, str] | None:
    """(canonical name, type) of a listed organisation: "NSC" -> ("National Security Council", "ORG")."""
    return _organization(text)


def _organization(text: str) -> tuple[str, str] | None:
    forms = _organization_forms()
    return forms.get(text.casefold()) or forms.get(re.sub(r"^the\s+", "", text, flags=re.I).casefold())


def _surface(doc: Doc, start: int, end: int) -> str:
    return _POSSESSIVE.sub("", doc[start:end].text) if end - start > 1 else doc[start:end].text.rstrip("'’")


# -- mentions NER missed ------------------------------------------------------------------

def _add_missed_mentions(doc: Doc, clusters: dict[str, _Cluster]) -> None:
    """Tag later occurrences of forms already resolved ("Lavrov said" after "Sergei Lavrov")."""
    taken = {i for c in clusters.values() for start, end, _ in c.mentions for i in range(start, end)}
    forms: dict[tuple[str, ...], str] = {}
    for key, cluster in clusters.items():
        for form in cluster.forms | {cluster.name}:
            words = tuple(form.split())
            if words and all(w[:1].isupper() for w in words):
                forms.setdefault(words, key)
        if cluster.type == "PERSON" and len(cluster.name.split()) > 1:
            forms.setdefault((cluster.name.split()[-1],), key)
    first_names = _unique_first_names(clusters)
    if not forms and not first_names:
        return
    sizes: dict[str, list[int]] = {}  # first word -> lengths of the forms it starts, longest first
    for words in forms:
        sizes.setdefault(words[0], []).append(len(words))
    for lengths in sizes.values():
        lengths.sort(reverse=True)
    texts = [t.text for t in tokens_of(doc)]
    i = 0
    while i < len(texts):
        for size in sizes.get(texts[i], ()):
            key = forms.get(tuple(texts[i:i + size]))
            if key and not any(j in taken for j in range(i, i + size)):
                clusters[key].mentions.append((i, i + size, clusters[key].type))
                taken.update(range(i, i + size))
                i += size - 1
                break
        else:
            key = first_names.get(texts[i])
            if key and i not in taken and _may_be_first_name(doc[i]):
                clusters[key].mentions.append((i, i + 1, "PERSON"))  # "Abiy flew ..." after "Abiy Ahmed"
                taken.add(i)
        i += 1


def _unique_first_names(clusters: dict[str, _Cluster]) -> dict[str, str]:
    """First names held by exactly one person of the document (titles aside)."""
    owners: dict[str, set[str]] = {}
    for key, cluster in clusters.items():
        words = cluster.name.split()
        if cluster.type == "PERSON" and len(words) > 1 and words[0][:1].isupper():
            owners.setdefault(words[0], set()).add(key)
    return {name: next(iter(keys)) for name, keys in owners.items() if len(keys) == 1}


def _may_be_first_name(token: Token) -> bool:
    """A name-like token NER left untagged as a person, mid-sentence and not a common word."""
    return (token.pos_ == "PROPN" and not token.is_sent_start and not token.is_stop
            and token.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP", "LOC", "FAC")
            and not title_at(token.doc, token.i, token.i + 1)
            and token.i not in title_tokens(token.doc))  # "Foreign" of "Foreign Minister": no first name


# -- records ------------------------------------------------------------------------------

def _finish(doc: Doc, clusters: dict[str, _Cluster]) -> DocumentEntities:
    entities: dict[str, Entity] = {}
    token_entity: dict[int, str] = {}
    spans: list[tuple[int, int, str]] = []
    for key in sorted(clusters):
        cluster = clusters[key]
        if not cluster.mentions and not cluster.named_inside:
            continue
        name = cluster.name
        if not cluster.fixed_name:
            name = max(cluster.forms, key=lambda f: (len(f.split()), len(f), f))
        identifier = entity_id(cluster.type, name)
        mentions = tuple(sorted(
            Mention(doc[s:e].text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), label)
            for s, e, label in cluster.mentions))
        aliases = {_POSSESSIVE.sub("", m.text) for m in mentions} | cluster.forms
        aliases.discard(name)
        previous = entities.get(identifier)
        if previous:  # two keys that resolve to one name ("UN" and "United Nations")
            aliases |= set(previous.aliases)
            mentions = tuple(sorted(set(previous.mentions) | set(mentions)))
        entities[identifier] = Entity(identifier, name, cluster.type, tuple(sorted(a for a in aliases if a)),
                                      cluster.same_as, mentions)
        for start, end, _ in cluster.mentions:
            spans.append((start, end, identifier))
            for i in range(start, end):
                token_entity[i] = identifier
    spans.sort()
    return DocumentEntities(entities, token_entity, spans)
