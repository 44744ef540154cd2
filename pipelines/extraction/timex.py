"""Time expressions -> a calendar date and its precision, resolved against the publication date.

`normalise_time` tries an ordered table of patterns (`RULES`, first match wins) on the
lower-cased expression. Absolute dates ("December 2, 2024", "2 Dec 2024", "2024-12-02",
"December 2024", "2011") resolve without a publication date; relative ones ("Monday",
"yesterday", "last week", "in January") need `published_at` and stay null without it:
a date is never invented.

A value is (date, precision): precision 'day' is that day, 'week' the Monday of the ISO
week, 'month' the first of the month, 'year' January 1. Resolution conventions:
- a bare or "on"/"this" weekday is the most recent such day on or before publication
  ("Monday" in a Monday article is that day); "last Monday" is strictly before, "next
  Monday" strictly after;
- "overnight" is the night that ends on the publication day, so it takes the publication
  date (wire reports of "overnight" events are about the small hours of that day);
  "last night" takes the day before;
- "the weekend" is the most recent Saturday on or before publication, at week precision;
- a month without a year ("in January") is the most recent such month not after the
  publication month; a day without a year ("June 8") is the occurrence nearest to
  publication (previous, same or next year);
- numeric dates "12/02/2024" are read month first (dateutil's default);
- vague expressions ("recently", "in recent weeks", "the 1990s") give (None, None).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta
from text_to_num import text2num

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Single words the event extractor treats as time expressions although NER does not tag them.
TIME_WORDS = frozenset({"overnight", "yesterday", "today", "tonight", "tomorrow"})

_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?:\.|\b)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!s|\d)"
_FULL_MONTH = r"(?P<month>" + "|".join(m for m in MONTHS if m != "may") + r"|(?<=in |of |ce )may)"


@dataclass(frozen=True)
class TimeValue:
    date: date | None
    precision: str | None  # 'day', 'week', 'month', 'year'


NULL = TimeValue(None, None)


def _week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_of(day: date) -> date:
    return day.replace(day=1)


def _absolute_day(m: re.Match, pub: date | None) -> TimeValue:
    try:
        return TimeValue(date_parser.parse(m.group(0), fuzzy=True).date(), "day")
    except (ValueError, OverflowError):
        return NULL


def _month_year(m: re.Match, pub: date | None) -> TimeValue:
    return TimeValue(date(int(m["year"]), _month_number(m["mon"]), 1), "month")


def _year(m: re.Match, pub: date | None) -> TimeValue:
    return TimeValue(date(int(m["year"]), 1, 1), "year")


def _month_number(name: str) -> int:
    return next(i for i, full in enumerate(MONTHS, 1) if full.startswith(name[:3]))


def _month_day(m: re.Match, pub: date) -> TimeValue:
    month, day = _month_number(m["mon"]), int(m["day"])
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return TimeValue(min(candidates, key=lambda d: abs(d - pub)), "day") if candidates else NULL


def _bare_month(m: re.Match, pub: date) -> TimeValue:
    month = _month_number(m["month"])
    year = pub.year if month <= pub.month else pub.year - 1
    return TimeValue(date(year, month, 1), "month")


def _weekday(m: re.Match, pub: date) -> TimeValue:
    back = (pub.weekday() - WEEKDAYS.index(m["wd"])) % 7
    if m["rel"] == "next":
        return TimeValue(pub + timedelta(days=(7 - back) or 7), "day")
    if m["rel"] in ("last", "past") and back == 0:
        back = 7
    return TimeValue(pub - timedelta(days=back), "day")


def _weekend(m: re.Match, pub: date) -> TimeValue:
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
    shift = {"last": -1, "past": -1, "next": 1}.get(m["rel"], 0)
    if shift == 1:
        saturday += timedelta(days=7)
    elif shift == -1 and pub.weekday() >= 5:
        saturday -= timedelta(days=7)
    return TimeValue(_week_of(saturday), "week")


def _ago(m: re.Match, pub: date) -> TimeValue:
    count = m["n"]
    try:
        n = 1 if count in ("a", "an", "one") else int(count) if count.isdigit() else text2num(count, "en")
    except ValueError:
        return NULL
    return _shift(pub, m["unit"], -n)


def _relative_unit(m: re.Match, pub: date) -> TimeValue:
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m["rel"], 0)
    return _shift(pub, m["unit"], offset)


def _shift(pub: date, unit: str, n: int) -> TimeValue:
    if unit == "day":
        return TimeValue(pub + timedelta(days=n), "day")
    if unit == "week":
        return TimeValue(_week_of(pub) + timedelta(weeks=n), "week")
    if unit == "month":
        return TimeValue(_month_of(pub) + relativedelta(months=n), "month")
    return TimeValue(date(pub.year + n, 1, 1), "year")


def _days(n: int) -> Callable[[re.Match, date], TimeValue]:
    return lambda m, pub: TimeValue(pub + timedelta(days=n), "day")


# (pattern, resolver, needs publication date). Ordered: the first pattern that matches decides.
RULES: list[tuple[re.Pattern, Callable, bool]] = [
    (re.compile(r"\b\d{4}-\d\d-\d\d\b"), _absolute_day, False),
    (re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}"), _absolute_day, False),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}"), _absolute_day, False),
    (re.compile(r"\b\d\d?/\d\d?/(?:19|20)\d\d\b"), _absolute_day, False),
    (re.compile(rf"\b{_MON},?\s+{_YEAR}"), _month_year, False),
    (re.compile(rf"\b{_MON}\s+{_DAY}\b"), _month_day, True),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}"), _month_day, True),
    (re.compile(rf"\b{_YEAR}"), _year, False),
    (re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|overnight)\b"), _days(0), True),
    (re.compile(r"\b(?:yesterday|last night)\b"), _days(-1), True),
    (re.compile(r"\btomorrow\b"), _days(1), True),
    (re.compile(r"\b(?P<n>\d+|a|an|[a-z]+) (?P<unit>day|week|month|year)s? ago\b"), _ago, True),
    (re.compile(r"\b(?:(?P<rel>last|past|next|this) |the )weekend\b"), _weekend, True),
    (re.compile(r"\b(?P<rel>last|past|previous|next|coming|this) (?P<unit>week|month|year)\b"), _relative_unit, True),
    (re.compile(rf"\b(?:(?P<rel>last|past|next|this) )?(?P<wd>{'|'.join(WEEKDAYS)})\b"), _weekday, True),
    (re.compile(rf"\b{_FULL_MONTH}\b"), _bare_month, True),
]


def normalise_time(expression: str, published_at: datetime | None) -> TimeValue:
    """The date and precision an expression denotes, or (None, None) when it is vague or relative without a
    publication date."""
    text = " ".join(expression.lower().split())
    pub = published_at.date() if isinstance(published_at, datetime) else published_at
    for pattern, resolve, needs_pub in RULES:
        match = pattern.search(text)
        if match:
            return resolve(match, pub) if pub is not None or not needs_pub else NULL
    return NULL
