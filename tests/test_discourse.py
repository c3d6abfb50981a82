"""Who is who (kg.extraction.discourse and the affiliation fallbacks that consult it), on
sentences of kg's own parsed by hand."""
from __future__ import annotations

import pytest

from handbuilt import extract_rows, join, make_doc
from kg.extraction.affiliations import find_posts
from kg.extraction.discourse import resolve_discourse
from kg.extraction.entities import find_entities
from kg.model import Document

# "Secretary of State Anna Berg spoke with Chilean Foreign Minister Pablo Ruiz about Peru ."
SPOKE = [("Secretary", 4, "compound", "PROPN", "Secretary", "O"), ("of", 0, "prep", "ADP", "of", "O"),
         ("State", 1, "pobj", "PROPN", "State", "O"), ("Anna", 4, "compound", "PROPN", "Anna", "B-PERSON"),
         ("Berg", 5, "nsubj", "PROPN", "Berg", "I-PERSON"), ("spoke", 5, "ROOT", "VERB", "speak", "O"),
         ("with", 5, "prep", "ADP", "with", "O"), ("Chilean", 9, "amod", "ADJ", "chilean", "B-NORP"),
         ("Foreign", 9, "compound", "PROPN", "Foreign", "O"), ("Minister", 11, "compound", "PROPN", "Minister", "O"),
         ("Pablo", 11, "compound", "PROPN", "Pablo", "B-PERSON"), ("Ruiz", 6, "pobj", "PROPN", "Ruiz", "I-PERSON"),
         ("about", 5, "prep", "ADP", "about", "O"), ("Peru", 12, "pobj", "PROPN", "Peru", "B-GPE"),
         (".", 5, "punct", "PUNCT", ".", "O")]

# "President Ana Vega spoke with Prime Minister Omar Haddad ."
CALL = [("President", 2, "compound", "PROPN", "President", "O"), ("Ana", 2, "compound", "PROPN", "Ana", "B-PERSON"),
        ("Vega", 3, "nsubj", "PROPN", "Vega", "I-PERSON"), ("spoke", 3, "ROOT", "VERB", "speak", "O"),
        ("with", 3, "prep", "ADP", "with", "O"), ("Prime", 6, "compound", "PROPN", "Prime", "O"),
        ("Minister", 8, "compound", "PROPN", "Minister", "O"), ("Omar", 8, "compound", "PROPN", "Omar", "B-PERSON"),
        ("Haddad", 4, "pobj", "PROPN", "Haddad", "I-PERSON"), (".", 3, "punct", "PUNCT", ".", "O")]

# "The Prime Minister welcomed the plan ."
UNNAMED = [("The", 2, "det", "DET", "the", "O"), ("Prime", 2, "compound", "PROPN", "Prime", "O"),
           ("Minister", 3, "nsubj", "PROPN", "Minister", "O"), ("welcomed", 3, "ROOT", "VERB", "welcome", "O"),
           ("the", 5, "det", "DET", "the", "O"), ("plan", 3, "dobj", "NOUN", "plan", "O"),
           (".", 3, "punct", "PUNCT", ".", "O")]


def _affiliations(extraction, names):
    return {(names[a.person], names[a.organization]) for a in extraction.affiliations}


def _links(rows, **document):
    doc = make_doc(rows)
    ents = find_entities(doc)
    posts = find_posts(doc, ents)
    discourse = resolve_discourse(doc, Document("t", doc.text, **document), ents, posts)
    return {doc[link.start:link.end].text: ({ents.entities[a].name for a in link.actors}, link.via)
            for link in discourse.links.values()}, discourse


def test_discourse_bare_title_takes_no_country_from_the_sentence():
    # the overreach this stage replaced: Berg used to become Peru's (the topic's country)
    extraction, names = extract_rows(SPOKE)
    assert _affiliations(extraction, names) == {("Pablo Ruiz", "Chile")}


def test_discourse_bare_title_is_the_publishers_official():
    extraction, names = extract_rows(SPOKE, url="https://www.state.gov/readout/1")
    assert _affiliations(extraction, names) == {("Pablo Ruiz", "Chile"), ("Anna Berg", "United States")}


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.gov.pl/web/diplomacy/a", {("Ana Vega", "Poland")}),  # the counterpart is the other side
    (None, set()),  # no publisher, no convention: neither is placed
])
def test_discourse_counterpart_of_the_publishers_official_takes_nothing(url, expected):
    extraction, names = extract_rows(CALL, url=url)
    assert _affiliations(extraction, names) == expected


def test_discourse_unnamed_principal_is_the_publishers_country():
    links, _ = _links(UNNAMED, url="https://pm.example.gov.au/media")
    assert links == {"Prime Minister": ({"Australia"}, "publisher")}
    links, _ = _links(UNNAMED)
    assert links == {}


def test_discourse_unnamed_title_is_its_last_holder_before_the_publisher():
    links, _ = _links(join(CALL, UNNAMED), url="https://www.gov.pl/web/a")
    assert links == {"Prime Minister": ({"Omar Haddad"}, "title")}


# "He said the talks went well ." after CALL
HE = [("He", 1, "nsubj", "PRON", "he", "O"), ("said", 1, "ROOT", "VERB", "say", "O"),
      ("the", 3, "det", "DET", "the", "O"), ("talks", 4, "nsubj", "NOUN", "talk", "O"),
      ("went", 1, "ccomp", "VERB", "go", "O"), ("well", 4, "advmod", "ADV", "well", "O"),
      (".", 1, "punct", "PUNCT", ".", "O")]


def test_discourse_pronoun_is_the_previous_subject():
    links, _ = _links(join(CALL, HE))
    assert links["He"] == ({"Ana Vega"}, "pronoun")


def test_discourse_pronoun_agrees_in_gender():
    # "Ms. Vega spoke with ... Haddad . He said ...": not the woman named first
    rows = [("Ms.", 1, "compound", "PROPN", "Ms.", "O"), ("Vega", 2, "nsubj", "PROPN", "Vega", "B-PERSON"),
            ("spoke", 2, "ROOT", "VERB", "speak", "O"), ("with", 2, "prep", "ADP", "with", "O"),
            ("Omar", 5, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 3, "pobj", "PROPN", "Haddad", "I-PERSON"),
            (".", 2, "punct", "PUNCT", ".", "O")]
    links, _ = _links(join(rows, HE))
    assert links["He"] == ({"Omar Haddad"}, "pronoun")


def test_discourse_pronoun_after_two_subjects_is_left_unresolved():
    # "Vega and Haddad met . He said ...": either could be meant
    rows = [("Vega", 3, "nsubj", "PROPN", "Vega", "B-PERSON"), ("and", 0, "cc", "CCONJ", "and", "O"),
            ("Haddad", 0, "conj", "PROPN", "Haddad", "B-PERSON"), ("met", 3, "ROOT", "VERB", "meet", "O"),
            (".", 3, "punct", "PUNCT", ".", "O")]
    links, _ = _links(join(rows, HE))
    assert "He" not in links


def test_discourse_first_person_in_a_turn_is_its_speaker():
    # "Omar Haddad met Ana Vega .\n\nHADDAD : We agreed ."
    rows = [("Omar", 1, "compound", "PROPN", "Omar", "B-PERSON"), ("Haddad", 2, "nsubj", "PROPN", "Haddad", "I-PERSON"),
            ("met", 2, "ROOT", "VERB", "meet", "O"), ("Ana", 4, "compound", "PROPN", "Ana", "B-PERSON"),
            ("Vega", 2, "dobj", "PROPN", "Vega", "I-PERSON"), (".", 2, "punct", "PUNCT", ".", "O"),
            ("\n\n", 5, "dep", "SPACE", "\n\n", "O"),
            ("HADDAD", 9, "nsubj", "PROPN", "HADDAD", "B-PERSON"), (":", 7, "punct", "PUNCT", ":", "O"),
            ("We", 10, "nsubj", "PRON", "we", "O"), ("agreed", 10, "ROOT", "VERB", "agree", "O"),
            (".", 10, "punct", "PUNCT", ".", "O")]
    links, discourse = _links(rows)
    assert links["We"] == ({"Omar Haddad"}, "turn")
    assert [discourse.ents.entities[t.speaker].name for t in discourse.turns] == ["Omar Haddad"]
