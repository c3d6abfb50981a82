"""Normalise date expressions to ISO strings against the publication date."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

__all__ = ["names_a_time", "normalise_date"]

MONTHS = ("january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec").split()
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
# expressions that name no day or month of their own ("last week", "two days", "recent
# months", "earlier this year") give no date rather than a guess
_ANCHORED = re.compile(r"\b(" + "|".join(MONTHS + list(WEEKDAYS) + list(RELATIVE_DAYS)) + r")\b|\b(1[89]|20)\d\d\b",
                       re.IGNORECASE)
_VAGUE = re.compile(r"\b(next|last|this|coming|past|recent|early|earlier|later|late|mid|end|weeks?|months?)\b",
                    re.IGNORECASE)


def normalise_date(text: str, published: str | None, *, future: bool = False) -> str | None:
    """ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) for a date expression, or None.

    Weekdays and "today" resolve against ``published``: to the latest such day on or
    before it, or with ``future`` (planned events) the first on or after it. A month with
    no day gives ``YYYY-MM``.

    Examples
    --------
    >>> normalise_date("on Tuesday", "2019-05-28")
    '2019-05-28'
    >>> normalise_date("May 27", "2019-05-28")
    '2019-05-27'
    >>> normalise_date("in November", "2019-05-28")
    '2018-11'
    >>> normalise_date("in November", "2019-05-28", future=True)
    '2019-11'
    >>> normalise_date("last week", "2019-05-28") is None
    True
    >>> normalise_date("December 21-22", "2021-12-22")
    '2021-12-21'
    """
    text = re.sub(r"^(on|in|at|since|by|from|during)\s+", "", text.strip(), flags=re.IGNORECASE)
    if not text or not _ANCHORED.search(text):
        return None
    base = _parse_iso(published)
    lowered = text.lower()
    if lowered in RELATIVE_DAYS:
        return (base + dt.timedelta(days=RELATIVE_DAYS[lowered])).isoformat() if base else None
    weekday = lowered.rstrip(".")
    if weekday in WEEKDAYS:
        return _weekday(base, WEEKDAYS.index(weekday), future) if base else None
    if _VAGUE.search(text) and not re.search(r"\d", text):
        return None
    # a range ("December 21-22", "21-22 December") dates the event by its first day
    text = re.sub(r"\b(\d{1,2})\s*[-–]\s*\d{1,2}\b", r"\1", text)
    value = _parse(text, published, future)
    if value and base and abs(int(value[:4]) - base.year) > 30:
        return None  # a misread year ("1922" from a day range) is no date
    return value


@lru_cache(maxsize=4096)
def names_a_time(text: str) -> bool:
    """True for expressions that place an event in time ("in November and February"),
    not for durations ("two days") or vague spans ("recent months").

    Examples
    --------
    >>> names_a_time("in November and February"), names_a_time("two days")
    (True, False)
    """
    return bool(_ANCHORED.search(text))


def _parse(text: str, published: str | None, future: bool) -> str | None:
    from dateparser.date import DateDataParser

    base = _parse_iso(published)
    settings = {"PREFER_DATES_FROM": "future" if future else "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first"}
    if base:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    value, period = data.date_obj.date(), data.period
    if period == "year":
        return f"{value.year:04d}"
    if period == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if period == "week":
        return None
    return value.isoformat()


def _weekday(base: dt.date, weekday: int, future: bool) -> str:
    offset = (weekday - base.weekday()) % 7 if future else -((base.weekday() - weekday) % 7)
    return (base + dt.timedelta(days=offset)).isoformat()


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
