"""Normalise date expressions to ISO strings against the publication date.

The relative expressions ("this morning", "earlier this week", "last month") are data in
``rules/dates.json``; day-month forms ("May 27", "30-31 October", "April 17 to 19", "the
27th") are read here and take the year that puts them nearest the publication, on the
side of it the event's status allows. Anything else that names a day goes to dateparser.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache, wraps

from kg.rules import load_rules

__all__ = ["names_a_time", "normalise_date"]

MONTHS = ("january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec").split()
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# a reported day may run one day past the publication (another time zone); a planned one
# may have begun the day before
TOLERANCE = dt.timedelta(days=1)
_MONTH = r"(?P<month>" + "|".join(MONTHS) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_RANGE_END = r"(?:\s*(?:[-–—]|to|and|through|until)\s*(?:(?:" + "|".join(MONTHS) + r")\.?\s+)?\d{1,2}(?:st|nd|rd|th)?)?"
_YEAR = r"(?:,?\s*(?P<year>(?:1[89]|20)\d\d))?"
# "May 27", "May 27-28, 2019", "April 17 to 19"; "27 May", "30-31 October 2019"; "the 27th"
_MONTH_DAY = re.compile(rf"^{_MONTH}\s+{_DAY}{_RANGE_END}{_YEAR}$", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"^{_DAY}{_RANGE_END}\s+(?:of\s+)?{_MONTH}{_YEAR}$", re.IGNORECASE)
_ORDINAL_DAY = re.compile(r"^the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)$", re.IGNORECASE)
_HAS_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_MONTH_ONLY = re.compile(rf"^{_MONTH}{_YEAR}$", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"^(?:(?:early|mid|late|the end of|the beginning of)[\s-]+)?(1[89]|20)\d\d$|^(last|next|this) year$",
                        re.IGNORECASE)
_ANCHORED = re.compile(r"\b(" + "|".join(MONTHS + list(WEEKDAYS)) + r")\b|\b(1[89]|20)\d\d\b|\b(today|yesterday|"
                       r"tomorrow|tonight|week|month|morning|afternoon|evening|night)\b|^the \d{1,2}(st|nd|rd|th)$",
                       re.IGNORECASE)
_CALENDAR_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")  # years 0001 to 9999 (0000 is refused apart)
_VAGUE = re.compile(r"\b(next|last|this|coming|past|recent|early|earlier|later|late|mid|end|weeks?|months?|years?)\b",
                    re.IGNORECASE)


def _within_calendar(normalise: Callable[..., str | None]) -> Callable[..., str | None]:
    """A date kg reports lies in years 1 to 9999: "tomorrow" of 9999-12-31 or "last month" of
    0001-01-02 falls outside the calendar, and so does a day rule's arithmetic near its ends
    (OverflowError): such an expression is left undated, and its document goes through."""

    @wraps(normalise)
    def within(text: str, published: str | None, *, future: bool = False) -> str | None:
        try:
            value = normalise(text, published, future=future)
        except (OverflowError, ValueError):
            return None
        if value is None or not _CALENDAR_DATE.fullmatch(value) or value[:4] == "0000":
            return None
        return value

    return within


@_within_calendar
def normalise_date(text: str, published: str | None, *, future: bool = False) -> str | None:
    """ISO date (``YYYY-MM-DD`` or ``YYYY-MM``) for a date expression, or None.

    Relative days and weekdays resolve against ``published``: a weekday to the latest such
    day on or before it, or with ``future`` (planned events) the first on or after it. A
    day and month without a year take the year nearest the publication on the event's
    side of it; a week gives its month when it lies within one; a year alone gives None.

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
    >>> normalise_date("late Thursday", "2019-05-28")
    '2019-05-23'
    >>> normalise_date("earlier this week", "2018-04-27")
    '2018-04'
    >>> normalise_date("December 21-22", "2021-12-22")
    '2021-12-21'
    >>> normalise_date("on January 2", "2019-12-30", future=True)
    '2020-01-02'
    >>> normalise_date("last year", "2019-05-28") is None
    True
    """
    text = re.sub(r"^(on|in|at|since|by|from|during|until|of)\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
    text = re.sub(r"(’s|'s)$", "", text).strip(" .,")
    if not text or not _ANCHORED.search(text) or _YEAR_ONLY.match(text):
        return None
    base = _parse_iso(published)
    lowered = text.lower()
    try:
        relative = _relative(lowered, base, future) if base else None
    except (OverflowError, ValueError):
        return None  # "tomorrow" of 9999-12-31: outside the calendar
    if relative is not None or _is_relative(lowered):
        return relative
    day = _day_month(text, base, future)
    if day is not None:
        return day
    if _VAGUE.search(text) and not re.search(r"\d", text):
        return _month_only(_without_month_parts(lowered), base, future)
    month = _month_only(text, base, future)
    if month is not None:
        return month
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
    return bool(_ANCHORED.search(text)) and not re.fullmatch(r"\W*(\d+|a|one|two|three|several)\s+(weeks?|months?|days?)\W*",
                                                             text, re.IGNORECASE)


@lru_cache(maxsize=1)
def _rules() -> dict:
    return load_rules("dates")


def _is_relative(lowered: str) -> bool:
    rules = _rules()
    bare = _without_day_parts(lowered)
    return bare.rstrip(".") in WEEKDAYS or any(bare in rules[key] or lowered in rules[key]
                                               for key in ("days", "weeks", "months"))


def _without_day_parts(lowered: str) -> str:
    """"late thursday" -> "thursday", "yesterday afternoon" -> "yesterday" (not "this morning")."""
    if lowered in _rules()["days"]:
        return lowered
    words = [w for w in lowered.split() if w not in _rules()["day_parts"]]
    return " ".join(words) or lowered


def _without_month_parts(lowered: str) -> str:
    for part in sorted(_rules()["month_parts"], key=len, reverse=True):
        lowered = re.sub(rf"^{part}[\s-]+", "", lowered)
    return lowered


def _relative(lowered: str, base: dt.date, future: bool) -> str | None:
    rules = _rules()
    bare = _without_day_parts(lowered)
    if bare in rules["days"]:
        return (base + dt.timedelta(days=rules["days"][bare])).isoformat()
    if bare.rstrip(".") in WEEKDAYS:
        return _weekday(base, WEEKDAYS.index(bare.rstrip(".")), future)
    if lowered in rules["weeks"]:
        first, last = _week_span(base, rules["weeks"][lowered])
        return f"{first.year:04d}-{first.month:02d}" if first <= last and (first.year, first.month) == (
            last.year, last.month) else None
    if lowered in rules["months"]:
        index = base.year * 12 + base.month - 1 + rules["months"][lowered]
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return None


def _week_span(base: dt.date, which: int | str) -> tuple[dt.date, dt.date]:
    """First and last day of the week (or part of it) an expression names."""
    start_day = WEEKDAYS.index(_rules()["week_starts"])
    start = base - dt.timedelta(days=(base.weekday() - start_day) % 7)
    if which == "past":
        return base - dt.timedelta(days=7), base - dt.timedelta(days=1)
    if which == "before":
        return start, base - dt.timedelta(days=1)
    if which == "after":
        return base + dt.timedelta(days=1), start + dt.timedelta(days=6)
    offset = 0 if which == "whole" else int(which)
    first = start + dt.timedelta(days=7 * offset)
    return first, first + dt.timedelta(days=6)


def _day_month(text: str, base: dt.date | None, future: bool) -> str | None:
    """A day of a month, with or without its year; a range dates the event by its first day."""
    found = _MONTH_DAY.match(text) or _DAY_MONTH.match(text)
    ordinal = _ORDINAL_DAY.match(text)
    if found is None and ordinal is None:
        return None
    day = int((found or ordinal).group("day"))
    if found is not None:
        month = _month_number(found.group("month"))
        if found.group("year"):
            return _iso(int(found.group("year")), month, day)
        if base is None:
            return None
        candidates = [_date(base.year + shift, month, day) for shift in (-1, 0, 1)]
    else:  # "on the 27th": this month, the one before or the one after
        if base is None:
            return None
        candidates = [_date(*_add_months(base.year, base.month, shift), day) for shift in (-1, 0, 1)]
    chosen = _nearest([c for c in candidates if c is not None], base, future)
    return chosen.isoformat() if chosen else None


def _month_only(text: str, base: dt.date | None, future: bool) -> str | None:
    found = _MONTH_ONLY.match(text.strip())
    if found is None:
        return None
    month = _month_number(found.group("month"))
    if found.group("year"):
        return f"{int(found.group('year')):04d}-{month:02d}"
    if base is None:
        return None
    if future:
        year = base.year if month >= base.month else base.year + 1
    else:
        year = base.year if month <= base.month else base.year - 1
    return f"{year:04d}-{month:02d}"


def _nearest(candidates: list[dt.date], base: dt.date, future: bool) -> dt.date | None:
    """The candidate nearest ``base`` on the event's side of it: not after it (give or take
    a day) for a reported event, not before it for a planned one."""
    # differences, not sums: base + TOLERANCE overflows on 9999-12-31
    if future:
        allowed = [c for c in candidates if (c - base) >= -TOLERANCE]
    else:
        allowed = [c for c in candidates if (c - base) <= TOLERANCE]
    return min(allowed, key=lambda c: abs((c - base).days), default=None)


def _month_number(name: str) -> int:
    index = MONTHS.index(name.lower().rstrip("."))
    return index + 1 if index < 12 else {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                                         "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}[MONTHS[index]]


def _add_months(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + shift
    return index // 12, index % 12 + 1


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None  # "February 30", or a year outside the calendar


def _iso(year: int, month: int, day: int) -> str | None:
    value = _date(year, month, day)
    return value.isoformat() if value else None


def _parse(text: str, published: str | None, future: bool) -> str | None:
    from dateparser.date import DateDataParser

    base = _parse_iso(published)
    if base is None and not _HAS_YEAR.search(text):
        return None  # dateparser would take the year from the clock: no date beats a guess
    settings = {"PREFER_DATES_FROM": "future" if future else "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first"}
    if base:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except (OverflowError, ValueError):
        return None  # a date outside the calendar
    if data is None or data.date_obj is None:
        return None
    value, period = data.date_obj.date(), data.period
    if period == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if period in ("week", "year"):
        return None
    return value.isoformat()


def _weekday(base: dt.date, weekday: int, future: bool) -> str | None:
    offset = (weekday - base.weekday()) % 7 if future else -((base.weekday() - weekday) % 7)
    try:
        return (base + dt.timedelta(days=offset)).isoformat()
    except OverflowError:
        return None  # a weekday before year 1 or after 9999


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
