"""Date normalisation against the publication date."""
from __future__ import annotations

import pytest

from kg.extraction.dates import normalise_date
from kg.extraction.places import dateline_date


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
    ("May 3", None, True, None),                            # no publication date: no year from the clock
    ("3 May 2031", None, False, "2031-05-03"),
    ("March 2031", None, False, "2031-03"),
])
def test_dates_normalise(text, published, future, expected):
    assert normalise_date(text, published, future=future) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("SUVA, 4 March 2031 - The Prime Minister met the President of Palau.", "2031-03-04"),
    ("Oslo, June 9, 2031: Kari Lund met Omar Haddad.", "2031-06-09"),
    ("SUVA, 4 March - The Prime Minister met the President of Palau.", None),   # no year
    ("SUVA - The Prime Minister met the President of Palau.", None),
    ("Kari Lund, 9 June 2031: a profile of the envoy.", None),                  # a person, not a place
    ("The envoy arrived on 9 June 2031 - a day late.", None),
])
def test_dates_dateline_date(text, expected):
    assert dateline_date(text) == expected


@pytest.mark.slow
def test_dates_undated_file_takes_its_datelines_date(tmp_path):
    from kg.run import extract

    path = tmp_path / "visit.txt"
    path.write_text("Envoy To Visit Oslo\n\nSUVA, 4 March 2031 - Fijian Foreign Minister Sefo Rabuka will "
                    "meet Norwegian Foreign Minister Kari Lund in Oslo on March 9.\n", encoding="utf-8")
    [record] = extract([path], on_error=None)
    assert record.document.published == "2031-03-04"
    [meeting] = [event for event in record.events if event.type == "meeting"]
    assert meeting.date == "2031-03-09"
