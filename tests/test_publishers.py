"""Who published a document: the record, the source address, a header line; else no one."""
from __future__ import annotations

import pytest

from kg.extraction.publishers import find_publisher
from kg.model import Document


@pytest.mark.parametrize(("document", "expected"), [
    (Document("d", "x", url="https://www.state.gov/briefings/a"), ("government", "United States", "domain")),
    (Document("d", "x", url="https://www2.pm.gov.au/media/a"), ("government", "Australia", "domain")),
    (Document("d", "x", url="https://www.gov.pl/web/diplomacy/a"), ("government", "Poland", "domain")),
    (Document("d", "x", url="https://learningenglish.voanews.com/a/1.html"), ("news", "United States", "domain")),
    (Document("d", "x", url="https://press.un.org/en/2030/a.doc.htm"), ("international", None, "domain")),
    (Document("d", "Office of the Spokesperson\n\nThe Secretary met ..."), ("government", "United States", "header")),
    (Document("d", "May 2, 2030 - Ottawa, Ontario - Global Affairs Canada\n\nThe Minister ..."),
     ("government", "Canada", "header")),
    # a State Department readout republished elsewhere still opens with its attribution line
    (Document("d", "Talks with Ana Vega\n\nThe following is attributable to Spokesperson Luis Ruiz:\n\nThe Secretary met ...",
              url="https://news.example.com/a"), ("government", "United States", "header")),
    (Document("d", "x", url="https://example.com/a", publisher_country="Chile"), ("government", "Chile", "record")),
    (Document("d", "x", publisher="Voice of America"), ("news", "United States", "record")),
])
def test_publishers_found(document, expected):
    publisher = find_publisher(document)
    assert (publisher.kind, publisher.country, publisher.via) == expected


@pytest.mark.parametrize("document", [
    Document("d", "x", url="https://example.com/world/a"),  # a site kg does not know
    Document("d", "x", url="https://www.gov.example/a"),  # "gov" not before a country code
    Document("d", "The White House said on Monday that the talks would go on."),  # a sentence, not a header
    # the formula in the middle of a line is someone quoting it, not the header
    Document("d", "Reporters asked why the following is attributable to Spokesperson Luis Ruiz."),
    Document("d", "x", publisher_country="Atlantis"),  # no such country
])
def test_publishers_none_when_unsure(document):
    assert find_publisher(document) is None


def test_publishers_international_body_is_its_own_actor():
    publisher = find_publisher(Document("d", "x", url="https://www.un.org/sg/en/a"))
    assert (publisher.organization, publisher.actor) == ("United Nations", "United Nations")


def test_publishers_an_international_body_lists_its_institutions():
    publisher = find_publisher(Document("d", "x", url="https://www.consilium.europa.eu/en/press/1"))
    assert "European Commission" in publisher.institutions
    assert find_publisher(Document("d", "x", url="https://www.mofa.go.jp/press/1")).institutions == ()
