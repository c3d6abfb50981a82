"""Date normalisation against the publication date."""
from __future__ import annotations

import pytest

from kg.extraction.dates import normalise_date


@pytest.mark.parametrize(("text", "published", "future", "expected"), [
    ("on Tuesday", "2019-05-28", False, "2019-05-28"),   # published on a Tuesday: that day
    ("Monday", "2019-05-28", False, "2019-05-27"),
    ("Monday", "2019-05-28", True, "2019-06-03"),
    ("today", "2023-07-27", False, "2023-07-27"),
    ("yesterday", "2023-07-27", False, "2023-07-26"),
    ("May 28", "2019-05-28", False, "2019-05-28"),
    ("March 3, 2023", "2019-05-28", False, "2023-03-03"),
    ("in November", "2019-05-28", False, "2018-11"),
    ("in June", "2031-03-07", True, "2031-06"),
    ("last week", "2019-05-28", False, None),
    ("two days", "2019-05-28", False, None),
    ("earlier this year", "2019-05-28", False, None),
    ("Tuesday", None, False, None),
])
def test_dates_normalise(text, published, future, expected):
    assert normalise_date(text, published, future=future) == expected
