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
    ("last week", "2019-05-28", False, "2019-05"),          # 19-25 May: within one month
    ("last week", "2019-06-04", False, None),               # 26 May - 1 June: two months
    ("earlier this week", "2018-04-27", False, "2018-04"),
    ("this week", "2021-06-27", False, None),               # a Sunday: the week ahead spans June and July
    ("next week", "2019-05-28", True, "2019-06"),
    ("earlier this month", "2023-05-18", False, "2023-05"),
    ("late Thursday", "2019-05-28", False, "2019-05-23"),
    ("Thursday night", "2019-05-28", False, "2019-05-23"),
    ("this afternoon", "2019-05-28", False, "2019-05-28"),
    ("yesterday morning", "2019-05-28", False, "2019-05-27"),
    ("the 27th", "2019-05-28", False, "2019-05-27"),
    ("the 30th", "2019-05-28", False, "2019-04-30"),        # reported: not after the publication
    ("the 30th", "2019-05-28", True, "2019-05-30"),
    ("30-31 October", "2019-10-29", True, "2019-10-30"),
    ("April 17 to 19", "2024-04-15", True, "2024-04-17"),
    ("February 19", "2023-02-18", False, "2023-02-19"),     # a day ahead: another time zone
    ("February 25", "2023-02-18", False, "2022-02-25"),
    ("January 2", "2019-12-30", True, "2020-01-02"),
    ("mid-July", "2023-05-18", True, "2023-07"),
    ("last year", "2019-05-28", False, None),               # a year alone is no date
    ("2019", "2023-05-30", False, None),
    ("February 30", "2023-02-18", False, None),
    ("tomorrow", "9999-12-31", False, None),
    ("Friday", "0001-01-01", False, None),
    ("two days", "2019-05-28", False, None),
    ("earlier this year", "2019-05-28", False, None),
    ("Tuesday", None, False, None),
])
def test_dates_normalise(text, published, future, expected):
    assert normalise_date(text, published, future=future) == expected
