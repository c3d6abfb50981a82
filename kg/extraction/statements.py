"""Statements: who said, demanded, rejected, welcomed or condemned what.

Speech-act triggers come from ``rules/statements.json``. The speaker is the trigger's
subject (borrowed from the governing clause for "..., while welcoming X"), the object of
"according to", the organisation behind "X's spokesman" when no name is given; a pronoun
is whom :mod:`kg.extraction.discourse` resolves it to. A direct quote is attributed in both orders ("...," X said /
X said: "...") and across sentence boundaries; reported speech keeps its clause as content.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.extraction.entities import DocumentEntities
from kg.extraction.matching import matches
from kg.extraction.meetings import is_courtesy_call
from kg.extraction.matching import rule as matching_rule
from kg.extraction.syntax import np_actors, status_of, subjects_of
from kg.extraction.tokens import text_of
from kg.ids import event_id
from kg.model import Document, Event, Evidence
from kg.rules import load_rules

__all__ = ["find_quotes", "find_statements"]

_QUOTE = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]", re.S)
SPEAKER_TYPES = ("PERSON", "ORG", "GPE")
CONTENT_DEPS = frozenset({"ccomp", "dobj", "xcomp", "prep", "oprd", "advcl"})


@dataclass(frozen=True)
class Quote:
    start: int  # character offsets of the quoted text, without the marks
    end: int
    text: str


def find_quotes(text: str) -> list[Quote]:
    """Quoted passages in a text, straight or curly quotes, possibly several sentences long.

    Examples
    --------
    >>> [q.text for q in find_quotes('"We agree," he said. He added: “Not now.”')]
    ['We agree,', 'Not now.']
    """
    return [Quote(m.start(1), m.end(1), m.group(1)) for m in _QUOTE.finditer(text)]


def find_statements(doc: Doc, document: Document, ents: DocumentEntities) -> list[Event]:
    """Statements in ``doc``, one per speech act, each with its evidence."""
    quotes = find_quotes(text_of(doc))
    events: list[Event] = []
    used_quotes: set[Quote] = set()
    seen: set[int] = set()
    for rule_id, start, _end in matches(doc, "statements"):
        trigger = doc[start]
        rule = matching_rule("statements", rule_id)
        if _inside(trigger.idx, quotes) or any(c.dep_ == "neg" for c in trigger.children):
            continue
        if trigger.i in seen:
            continue
        seen.add(trigger.i)
        if _purpose_of_another_act(trigger) or _topic(trigger):
            continue
        if rule["id"] == "call-for" and is_courtesy_call(trigger, ents):
            continue  # "A called on President B": a visit paid, read as a meeting
        if _agenda_ahead(trigger) or _under_discussion(trigger):
            continue
        speakers, joint = _speakers(trigger, rule, ents)
        if not speakers or _reported_within(trigger) and not any(ents.type_of(s) == "PERSON" for s in speakers):
            continue
        quote = _attributed_quote(trigger, quotes, used_quotes)
        kind = _kind(doc, trigger, rule, quote)
        if joint and rule["kind"] == "statement":
            # "the two ministers reaffirmed the importance of ...": a position both sides share
            # is an agreement; "the leaders noted ..." is no one's statement
            if trigger.lemma_.lower() not in _joint_verbs():
                continue
            kind = "agree"
        # "The Vice President and President Tinubu underscored ...": one statement each
        events.extend(_event(document, trigger, rule, speaker, kind, quote) for speaker in speakers)
    events.extend(_continued_quotes(doc, document, quotes, used_quotes, events))
    events.extend(_transcript_turns(doc, document, ents))
    events.extend(_headline_readout(doc, document, ents, events))
    return events


def _headline_readout(doc: Doc, document: Document, ents: DocumentEntities, events: list[Event]) -> list[Event]:
    """"Readout from NSC Spokesperson Ana Vega": the document is the spokesperson's
    statement (the body's if no name), read from its first sentence, when the body gives
    that speaker no statement of its own."""
    author = ents.discourse.author if ents.discourse is not None else None
    if author is None or any(e.speaker == author.speaker for e in events) or not len(doc):
        return []
    ents.discourse.ensure(author.speaker)
    first = next(iter(doc.sents))
    rule = {"id": "headline-readout", "kind": "statement"}
    return [_event(document, first[0], rule, author.speaker, "statement", None)]


def _continued_quotes(doc: Doc, document: Document, quotes: list[Quote], used: set[Quote],
                      events: list[Event]) -> list[Event]:
    """A quote with no attribution of its own that follows an attributed one continues it:
    '"We agree," Valdmaa said. "We call on all states to act."' is Valdmaa's too. One that
    comes just before a quote its speaker closes ('"We agree." "Now we act," Valdmaa said.',
    or a paragraph of quotes alone before such a one) is that speaker's. A quote in a paragraph
    where someone else is said to speak goes to neither, nor does one both rules give to
    two different speakers."""
    text = text_of(doc)
    speaker_of = {e.quote: e.speaker for e in events if e.quote}
    attributed = {quote: speaker_of.get(_clean_quote(quote.text)) for quote in quotes if quote in used}
    ahead = _attributed_ahead(quotes, attributed, text)
    found = []
    previous: tuple[Quote, str] | None = None
    for quote in quotes:
        if attributed.get(quote):
            previous = (quote, attributed[quote])
            continue
        if quote in used:
            previous = None
            continue
        behind = previous[1] if previous is not None and quote.start - previous[0].end <= 200 else None
        if behind is not None and _other_speaker_near(quote, behind, events, text):
            behind = None  # '"A historic day." Ruvuma later told reporters ...': not the one before
        speakers = {s for s in (behind, ahead.get(quote)) if s}
        if len(speakers) != 1:
            previous = None
            continue
        speaker = speakers.pop()
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            continue
        rule = {"id": "continued-quote", "kind": "statement"}
        kind = _kind(doc, span[0], rule, quote)
        found.append(_event(document, span[0], rule, speaker, kind, quote))
        used.add(quote)
        previous = (quote, speaker)
    return found


def _attributed_ahead(quotes: list[Quote], attributed: dict[Quote, str | None], text: str) -> dict[Quote, str]:
    """Quotes followed, with nothing but space between, by a quote whose attribution comes
    after it ('"...," the minister said'): that speaker's."""
    found: dict[Quote, str] = {}
    for quote in reversed(quotes):  # a run of quotes before the attributed one, each in turn
        after = next((q for q in quotes if q.start > quote.end), None)
        if after is None or text[quote.end:after.start].strip(' \t\n"“”'):
            continue
        opening = text.rfind("\n\n", 0, quote.start) + 1
        if "\n\n" in text[quote.end:after.start] and text[opening:quote.start].strip(' \t\n"“”'):
            continue  # '"A," X said. "B."' then a new paragraph: B continues X, not the next one
        speaker = attributed.get(after) or found.get(after)
        closes = after in found or after.text.rstrip().endswith(",")
        if speaker and closes and quote not in attributed:
            found[quote] = speaker
    return found


def _other_speaker_near(quote: Quote, speaker: str, events: list[Event], text: str) -> bool:
    """Whether the quote's paragraph reports someone other than ``speaker`` speaking."""
    start = text.rfind("\n\n", 0, quote.start) + 1
    end = text.find("\n\n", quote.end)
    end = len(text) if end < 0 else end
    return any(e.speaker != speaker and start <= e.evidence.start < end for e in events)


def _clean_quote(text: str) -> str:
    return text.strip().rstrip(",").strip()


_TURN = re.compile(r"^([^:\n]{2,60}):[ \t]*(.+)$", re.M)


def _transcript_turns(doc: Doc, document: Document, ents: DocumentEntities) -> list[Event]:
    """Transcript turns: "SECRETARY POMPEO: Thank you..." is a statement by that person."""
    people = {e.name.split()[-1].casefold(): e.id for e in ents.entities.values()
              if e.type == "PERSON" and e.name.split()}
    events = []
    text = text_of(doc)
    labels = [m for m in _TURN.finditer(text) if m.group(1).lstrip()[:1].isupper()]
    for match in labels:
        label_words = re.findall(r"[\w’'-]+", match.group(1))
        speaker = people.get(label_words[-1].casefold()) if label_words else None
        turn = ents.discourse.turn_at(match.start(2)) if speaker is None and ents.discourse is not None else None
        if turn is not None:  # "Minister:" in a government's transcript: the government
            speaker = turn.speaker
            ents.discourse.ensure(speaker)
        if speaker is None:
            continue
        # a turn runs over its paragraphs up to the next speaker's label
        end = next((m.start() for m in labels if m.start() > match.start()), len(text))
        end = match.start(2) + len(text[match.start(2):end].rstrip())
        said = text[match.start(2):end].strip().strip('"“”').strip()
        span = doc.char_span(match.start(2), end, alignment_mode="expand")
        if span is None or not said:
            continue
        trigger = span[0]
        rule = {"id": "transcript-turn", "kind": "statement"}
        quote = Quote(match.start(2), end, said)
        # the act is read in the turn's opening paragraph: a long answer touches many
        # matters, and a cue in a later aside is not what the turn does
        kind = _kind(doc, trigger, rule, Quote(match.start(2), match.end(2), match.group(2)))
        events.append(_event(document, trigger, rule, speaker, kind, quote))
    return events


def _speakers(trigger: Token, rule: dict, ents: DocumentEntities) -> tuple[list[str], bool]:
    """Who speaks, and whether they speak jointly ("the two sides", "X and Y")."""
    if rule["id"] in ("according-to", "attributable-to"):
        heads = [obj for prep in trigger.doc[trigger.i + 1:trigger.i + 2] for obj in prep.children if obj.dep_ == "pobj"]
    elif rule["id"] == "statement-by":
        # "the statements of support by the United States", "a message of condolences from X"
        heads = [obj for prep in trigger.children if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "from")
                 for obj in prep.children if obj.dep_ == "pobj"]
        heads += [obj for of in trigger.children if of.dep_ == "prep" and of.lower_ == "of"
                  for inner in of.children if inner.dep_ == "pobj"
                  for prep in inner.children if prep.dep_ == "prep" and prep.lower_ in ("by", "from")
                  for obj in prep.children if obj.dep_ == "pobj"]
    elif _passive(trigger):
        # "X was condemned by Y", "the ministers were briefed by Y": Y speaks; with no "by"
        # ("X was criticised for ...") the text names no speaker
        heads = [obj for agent in trigger.children if agent.dep_ == "agent"
                 for obj in agent.children if obj.dep_ == "pobj"]
    else:
        heads = subjects_of(trigger)
    speakers: list[str] = []
    joint = len(heads) > 1
    for head in heads:
        spoken = _speaker(head, ents)
        # "the two sides", and "the U.S. and Israeli delegations": several speak as one
        joint = joint or _joint_reference(head, ents) or len(spoken) > 1 and head.tag_ in ("NNS", "NNPS")
        for speaker in spoken:
            if speaker not in speakers:
                speakers.append(speaker)
    return speakers, joint and len(speakers) > 1


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _agenda_ahead(trigger: Token) -> bool:
    """"The Council is expected to discuss the situation", "the leaders will review ...": a
    discussion ahead is an agenda, not something said ("will reiterate that" still is)."""
    if trigger.lemma_.lower() not in load_rules("statements")["agenda_verbs"]:
        return False
    return status_of(trigger, trigger.sent) in ("planned", "uncertain")


def _under_discussion(trigger: Token) -> bool:
    """"discussed ways in which Canada could support Ukraine", "explored how the two could
    back the plan": an act inside what a discussion was about is its topic, not said."""
    agenda = load_rules("statements")["agenda_verbs"]
    node = trigger
    while node.head is not node and node.dep_ in ("dobj", "ccomp", "xcomp", "prep", "pobj", "relcl", "acl", "pcomp"):
        if node.dep_ in ("dobj", "ccomp", "prep") and node.head.pos_ == "VERB" and node.head.lemma_.lower() in agenda:
            return True
        node = node.head
    return False


def _topic(trigger: Token) -> bool:
    """"discussed interests in combatting corruption, supporting security": a gerund in a
    noun's phrase names a topic, not an act of speech."""
    node = trigger
    while node.dep_ == "conj":
        node = node.head
    return trigger.lower_.endswith("ing") and node.dep_ in ("pcomp", "acl", "pobj") and node.head.pos_ in ("ADP", "NOUN")


def _reported_within(trigger: Token) -> bool:
    """True for a speech act inside what another speaker says: in "X said that Syria
    welcomes Z" or "X will reiterate that Canada condemns Z", the country speaks through X,
    whose statement it is part of."""
    node, crossed = trigger, False
    while node.head != node:
        if node.dep_ == "ccomp":
            crossed = True
        elif node.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children) and not crossed:
            return False  # "X welcomed Y and Z condemned W": Z speaks
        node = node.head
        if crossed and node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in _speech_lemmas():
            return True
    return False


def _purpose_of_another_act(trigger: Token) -> bool:
    """A "to"-infinitive saying what another act was for: "will travel to Sudan to reaffirm
    support" and "met Y to discuss trade" say nothing yet; "spoke with Y to underscore
    support" says what the call said (a position, not an agenda)."""
    if trigger.dep_ == "conj" and trigger.head.dep_ in ("advcl", "xcomp", "acl", "relcl"):
        trigger = trigger.head  # "to reaffirm support and (to) discuss ..."
    if trigger.dep_ not in ("advcl", "xcomp", "acl", "relcl") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return False
    rules = load_rules("statements")
    head = trigger.head.lemma_.lower()
    if head in rules["communication_verbs"] or trigger.head.lower_ in rules["communication_verbs"]:
        return trigger.lemma_.lower() in rules["agenda_verbs"]
    return trigger.head.pos_ in ("VERB", "AUX", "NOUN") and head not in _speech_lemmas() | set(rules["intention_verbs"])


@lru_cache(maxsize=1)
def _speech_lemmas() -> frozenset[str]:
    lemmas: set[str] = set()
    for trigger in load_rules("statements")["triggers"]:
        first = trigger["pattern"][0].get("LEMMA")
        if isinstance(first, dict):
            lemmas.update(first.get("IN", []))
        elif isinstance(first, str):
            lemmas.add(first)
    return frozenset(lemmas)


@lru_cache(maxsize=1)
def _joint_verbs() -> frozenset[str]:
    return frozenset(load_rules("statements")["joint_verbs"])


def _joint_reference(head: Token, ents: DocumentEntities) -> bool:
    link = ents.discourse.refers(head) if ents.discourse is not None else None
    return link is not None and link.via == "encounter"


def _speaker(head: Token, ents: DocumentEntities) -> list[str]:
    if head.pos_ == "PRON":
        # "he said", "I welcome" in a turn: who the document's who-is-who says it is
        resolved = ents.discourse.actors(head) if ents.discourse is not None else []
        return [a for a in resolved if ents.type_of(a) in SPEAKER_TYPES]
    actors = [a for a in np_actors(head, ents, delegations=False) if ents.type_of(a) in SPEAKER_TYPES]
    if actors:
        return actors
    if head.lemma_.lower() in _speaker_nouns():
        if any(c.dep_ in ("det", "amod") and c.lower_ in _partial_quantifiers() for c in head.children):
            return []  # "some U.S. officials have said": a part, not the country
        # "the president's office said": the office speaks for the person holding the title
        for owner in (c for c in head.children if c.dep_ == "poss"):
            owners = [a for a in np_actors(owner, ents, delegations=False) if ents.type_of(a) in SPEAKER_TYPES]
            if owners:
                return owners[:1]
        # "the Russian Foreign Ministry said", "the Taliban's spokesman said": the body behind
        # it; "the U.S. and Israeli delegations agreed": each body behind them
        bodies = [a for a in np_actors(head, ents) if ents.type_of(a) in SPEAKER_TYPES]
        if head.tag_ not in ("NNS", "NNPS"):
            return bodies[:1]
        for modifier in head.lefts:  # np_actors reads one modifier: here its conjuncts speak too
            for part in modifier.conjuncts:
                body = ents.at(part)
                if body and ents.type_of(body) in SPEAKER_TYPES and body not in bodies:
                    bodies.append(body)
        return bodies
    return []


@lru_cache(maxsize=1)
def _speaker_nouns() -> frozenset[str]:
    return frozenset(load_rules("statements")["speaker_nouns"])


@lru_cache(maxsize=1)
def _partial_quantifiers() -> frozenset[str]:
    return frozenset(load_rules("statements")["partial_quantifiers"])


def _inside(offset: int, quotes: list[Quote]) -> bool:
    return any(q.start <= offset < q.end for q in quotes)


def _attributed_quote(trigger: Token, quotes: list[Quote], used: set[Quote]) -> Quote | None:
    """The quote a speech verb introduces or closes: in its sentence, or ending just before it."""
    sentence = trigger.sent
    text = text_of(trigger.doc)
    best = None
    for quote in quotes:
        if quote in used:
            continue
        ends_here = sentence.start_char <= quote.end <= sentence.end_char and quote.end <= trigger.idx
        between = text[trigger.idx + len(trigger.text):quote.start]
        # 'X said: "..."' or 'X said, "..."': the quote opens in the same sentence
        starts_after = (trigger.idx < quote.start < sentence.end_char and len(between) < 60
                        and not any(mark in between for mark in (".", "?", "!")))
        if ends_here and trigger.idx - quote.end < 80:
            best = quote
        elif starts_after and best is None:
            best = quote
            break
    if best is not None:
        used.add(best)
    return best


def _kind(doc: Doc, trigger: Token, rule: dict, quote: Quote | None) -> str:
    """The strongest act among the trigger's own kind and cues in what was said."""
    precedence = load_rules("statements")["precedence"]
    kinds = [rule["kind"]]
    if rule["kind"] == "statement":
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand") if quote is not None else None
        spans = [span] if span is not None else []
        if rule["id"] == "statement-by" and span is None:  # "statements of support": the noun's phrase
            tokens = list(trigger.subtree)
            spans.append(doc[tokens[0].i:tokens[-1].i + 1])
        # reported speech: what the verb governs ("stressed the need for ...", "said that ...")
        for child in trigger.children:
            if child.dep_ in ("ccomp", "dobj", "xcomp", "prep", "advcl") and span is None:
                tokens = list(child.subtree)
                spans.append(doc[tokens[0].i:tokens[-1].i + 1])
        found = [(start, end, matching_rule("cues", cue)["kind"]) for cue, start, end in matches(doc, "cues")]
        for part in spans:
            kinds.extend(kind for start, end, kind in found if part.start <= start and end <= part.end)
    return min(kinds, key=precedence.index)


def _statement_id(document: Document, trigger: Token, speaker: str) -> str:
    return event_id("statement", document.id, trigger.idx, speaker)


def _reported_content(trigger: Token, rule: dict) -> str | None:
    """What was said in reported speech.

    After the verb: "urged Kazakhstan to speed up work" -> "Kazakhstan to speed up work".
    Before it, when the attribution closes the sentence: "The two will meet again in May, a
    spokesman said." or "X happened, according to a statement" -> "The two will meet again
    in May".
    """
    doc, sentence = trigger.doc, trigger.sent
    if rule["id"] not in ("according-to", "attributable-to"):
        # "briefed the Council on the talks", "told reporters that ...": not whom it was said to
        addressee = trigger.lemma_.lower() in load_rules("statements")["addressee_verbs"]
        said = [c for c in trigger.children if c.i > trigger.i and c.dep_ in CONTENT_DEPS]
        if addressee:  # the phrase the addressee's parse holds stays: "briefed X [on the talks]"
            said = [p for c in said for p in ([c] if c.dep_ != "dobj" else
                                               [g for g in c.children if g.dep_ == "prep" and g.i > c.i])]
        if not said and _passive(trigger):  # "the decision was welcomed by X": the decision
            said = [c for c in trigger.children if c.dep_ == "nsubjpass"]
        parts = [t for c in said for t in c.subtree]
        if parts:
            return doc[min(t.i for t in parts):max(t.i for t in parts) + 1].text
        subjects = [t for s in subjects_of(trigger) for t in s.subtree]
        end = min((t.i for t in subjects), default=trigger.i)
    else:
        end = trigger.i
    before = doc[sentence.start:end].text.strip().rstrip(",;:—–- ").strip()
    return before if len(before.split()) >= 3 else None


def _event(document: Document, trigger: Token, rule: dict, speaker: str, kind: str, quote: Quote | None) -> Event:
    sentence = trigger.sent
    kinds = load_rules("statements")["kinds"]
    content = None
    if quote is None:
        # what was said: everything the verb governs after it ("urged Kazakhstan to speed up ...")
        content = _reported_content(trigger, rule)
    evidence = Evidence(document.id, sentence.start_char, sentence.end_char, sentence.text,
                        rule=f"statements:{rule['id']}")
    return Event(
        id=_statement_id(document, trigger, speaker), type="statement", subtype=kind, evidence=evidence,
        speaker=speaker, quote=_clean_quote(quote.text) if quote else None, content=content,
        trigger=trigger.text, cameo=kinds[kind]["cameo"], plover=kinds[kind]["plover"],
        confidence=0.8 if quote else 0.65,
    )
