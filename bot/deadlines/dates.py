"""Reading the date a person gives, the way they write it, without ever guessing.

``read_date(text, today)`` understands Arabic script, Arabizi, English and some Danish, with
Arabic-Indic or Latin digits, surrounded by other words. It answers with a ``DateReading``:

- "date": exactly one date, understood for sure;
- "ask_which": a few candidates for the person to choose from (buttons), when the text fits more
  than one date, or fits one date only in an order people here rarely write (confirm it);
- "ask_again": nothing usable, with a ``reason`` the bot can turn into a helpful question.

Rules for numeric dates (in Denmark and in Syria the day comes first; the reply names the date it
understood, so a person can correct it):
- with a year: the day-first reading is taken when it is a usable date (past, at most ``OLDEST_DAYS``
  old); when it is a usable date's opposite (in the future, too old) the person is asked again. Only
  when no such day exists (``10/25/2026``) is the month-first reading taken instead;
- without a year (the year is then a guess too): each reading is the most recent past occurrence,
  and "plausible" means within the last ``RECENT_DAYS`` days. The day-first reading is taken when it
  is plausible; the month-first one when no day-first day exists (``10/25``). A day-first day that
  exists but is not plausible, while the month-first one is, is offered to be confirmed; nothing
  plausible -> ask again ("unclear").
- year first (2026-11-03) is always year-month-day.

A named month is not ambiguous: without a year it is the most recent past occurrence (always within
a year). "تشرين" or "كانون" alone could be either of two months: both are offered.

Every date must be in the past (today included) and at most ``OLDEST_DAYS`` days old. When the text
holds several date expressions, a weekday name picks the dates that fall on it ("الثلاثاء ١٠/١١",
"Thursday last week"); dates that still disagree are offered together; when one expression is
unusable (impossible, future, too old), the person is asked again.

All word tables are written in the form ``bot.text.arabic.normalise`` produces (no hamza on alef,
ه for ة, ي for ى, lower-case Latin, æ/ø/å spelled ae/oe/aa).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from bot.text.arabic import normalise

ReadingKind = Literal["date", "ask_which", "ask_again"]
AskAgainReason = Literal["not_understood", "impossible", "future", "too_old", "unclear"]

# A numeric date without a year is trusted only this close to today (longest deadline: 8 weeks,
# plus the days a paper letter takes).
RECENT_DAYS = 90
# Older letters are out of every deadline's reach; the person is asked again.
OLDEST_DAYS = 365
# How far back to look for the last 29 February.
_YEARS_BACK_FOR_29_FEBRUARY = 8


@dataclass(frozen=True)
class DateReading:
    """What ``read_date`` understood: one date, candidates to choose from, or ask again (and why)."""

    kind: ReadingKind
    date: dt.date | None = None
    candidates: tuple[dt.date, ...] = ()
    reason: AskAgainReason | None = None

    def __post_init__(self) -> None:
        if (self.date is not None) != (self.kind == "date"):
            raise ValueError("a date is given exactly when the kind is 'date'")
        if bool(self.candidates) != (self.kind == "ask_which"):
            raise ValueError("candidates are given exactly when the kind is 'ask_which'")
        if (self.reason is not None) != (self.kind == "ask_again"):
            raise ValueError("a reason is given exactly when the kind is 'ask_again'")

    @classmethod
    def sure(cls, day: dt.date) -> DateReading:
        return cls("date", date=day)

    @classmethod
    def which(cls, days: Iterable[dt.date]) -> DateReading:
        return cls("ask_which", candidates=tuple(dict.fromkeys(days)))

    @classmethod
    def again(cls, reason: AskAgainReason) -> DateReading:
        return cls("ask_again", reason=reason)


def read_date(text: str, today: dt.date) -> DateReading:
    """Understand the date in ``text``, relative to ``today``; never guess."""
    return combine(_find_all(normalise(text), today))


def date_mentions(text: str, today: dt.date) -> list[DateMention]:
    """Each date expression in ``text`` with its offsets in ``normalise(text)``, in reading order (for telling
    the date printed on a letter from the day it came, by the words around each)."""
    return _find_all(normalise(text), today)


def combine(findings: list[DateMention]) -> DateReading:
    """What several date expressions of one message say together (``read_date`` of the whole message)."""
    if not findings:
        return DateReading.again("not_understood")
    unusable = next((f.reading for f in findings if f.reading.kind == "ask_again"), None)
    if unusable is not None:
        return unusable
    if len(findings) == 1:
        return findings[0].reading
    # A weekday next to a date ("الاثنين ١٢/١٠", "Thursday last week") names the day of that date.
    named_weekdays = {f.weekday for f in findings if f.weekday is not None}
    dated = {day for f in findings if f.weekday is None for day in _dates_in(f.reading)}
    on_named_weekday = sorted(day for day in dated if day.weekday() in named_weekdays)
    if on_named_weekday:
        return _one_or_which(on_named_weekday)
    offered = sorted({day for f in findings for day in _dates_in(f.reading)})
    if all(f.reading.kind == "date" for f in findings):
        return _one_or_which(offered)
    return DateReading.which(offered)


def _one_or_which(days: list[dt.date]) -> DateReading:
    return DateReading.sure(days[0]) if len(days) == 1 else DateReading.which(days)


def _dates_in(reading: DateReading) -> tuple[dt.date, ...]:
    return reading.candidates if reading.date is None else (reading.date,)


# --- calendar helpers ---


def _calendar_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _latest_occurrence(month: int, day: int, today: dt.date) -> dt.date | None:
    """The most recent ``day``/``month`` on or before ``today``; None if no such day exists."""
    for year in range(today.year, today.year - _YEARS_BACK_FOR_29_FEBRUARY - 1, -1):
        found = _calendar_date(year, month, day)
        if found is not None and found <= today:
            return found
    return None


def _is_recent(day: dt.date, today: dt.date) -> bool:
    return 0 <= (today - day).days <= RECENT_DAYS


def _checked(day: dt.date | None, today: dt.date) -> DateReading:
    """One exact date: sure if it is in the usable range, otherwise ask again and say why."""
    if day is None:
        return DateReading.again("impossible")
    if day > today:
        return DateReading.again("future")
    if (today - day).days > OLDEST_DAYS:
        return DateReading.again("too_old")
    return DateReading.sure(day)


def _full_year(digits: str) -> int:
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


# --- numeric dates ---


def _numeric_reading(first: int, second: int, year: int | None, today: dt.date) -> DateReading:
    """``first``/``second`` as written: day-first is the usual order, month-first the other one."""
    if year is None:
        return _numeric_without_year(first, second, today)
    return _numeric_with_year(first, second, year, today)


def _numeric_without_year(first: int, second: int, today: dt.date) -> DateReading:
    day_first = _latest_occurrence(second, first, today)
    month_first = _latest_occurrence(first, second, today) if first != second else None
    if day_first is not None and _is_recent(day_first, today):
        return DateReading.sure(day_first)
    if month_first is not None and _is_recent(month_first, today):
        # 10/25: no 10th of a 25th month, so the month comes first; 11/3 on 22 November: the 11th of March
        # exists but is long past, so the recent 3 November is offered to be confirmed.
        return DateReading.sure(month_first) if day_first is None else DateReading.which([month_first])
    return DateReading.again("unclear" if day_first or month_first else "impossible")


def _numeric_with_year(first: int, second: int, year: int, today: dt.date) -> DateReading:
    day_first = _calendar_date(year, second, first)
    if day_first is not None:
        return _checked(day_first, today)
    month_first = _calendar_date(year, first, second)
    return _checked(month_first, today) if month_first is not None else DateReading.again("impossible")


_NUMBER_START = r"(?<![0-9a-z./\-])"  # an Arabic letter may stick to the number (ب٣/١١)
_ISO_DATE = re.compile(_NUMBER_START + r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)")
_DAY_MONTH_NUMBERS = re.compile(
    _NUMBER_START + r"(?P<first>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<second>\d{1,2})"
    r"(?:\s*(?P=sep)\s*(?P<year>\d{4}|\d{2})|\s+(?P<spaced_year>\d{4}))?(?!\d)(?![/.\-]\d)"
)


def _iso_dates(text: str, today: dt.date) -> Iterator[DateMention]:
    for match in _ISO_DATE.finditer(text):
        day = _calendar_date(int(match["year"]), int(match["month"]), int(match["day"]))
        yield DateMention(match.start(), match.end(), _checked(day, today))


def _numeric_dates(text: str, today: dt.date) -> Iterator[DateMention]:
    for match in _DAY_MONTH_NUMBERS.finditer(text):
        year_digits = match["year"] or match["spaced_year"]
        year = _full_year(year_digits) if year_digits else None
        reading = _numeric_reading(int(match["first"]), int(match["second"]), year, today)
        yield DateMention(match.start(), match.end(), reading)


# --- named months ---

# The Arabizi article: el, al, il, l (el-, elyom).
_ARTICLE = r"(?:(?:el|al|il|l)[\s-]?)"
_SECOND = r"(?:ال)?(?:ثاني|تاني|2)"
_FIRST = r"(?:ال)?(?:اول|1)"
_SECOND_LATIN = _ARTICLE + r"?(?:tani|thani|tane|tany|thany|2)"
_FIRST_LATIN = _ARTICLE + r"?(?:awal|awwal|awel|2awal|aual|1)"
_KANOUN = r"k[ae]?n[ou]{1,2}n"
_TISHRIN = r"t[ie]?[sc]hr[ie]{1,2}ne?"
# (pattern, the month or months it can mean). More specific patterns come first.
_MONTH_NAMES: tuple[tuple[str, tuple[int, ...]], ...] = (
    # Levantine (Syrian) names
    (rf"كانون\s*{_SECOND}", (1,)),
    (rf"كانون\s*{_FIRST}", (12,)),
    (rf"تشرين\s*{_SECOND}", (11,)),
    (rf"تشرين\s*{_FIRST}", (10,)),
    (r"كانون", (12, 1)),
    (r"تشرين", (10, 11)),
    (r"شباط", (2,)),
    (r"اذار", (3,)),
    (r"نيسان", (4,)),
    (r"ايار", (5,)),
    (r"حزيران", (6,)),
    (r"تموز", (7,)),
    (r"اب", (8,)),
    (r"ايلول", (9,)),
    # Modern Standard / Egyptian names
    (r"يناير", (1,)),
    (r"فبراير", (2,)),
    (r"مارس", (3,)),
    (r"ابريل", (4,)),
    (r"مايو", (5,)),
    (r"يوني[وه]", (6,)),
    (r"يولي[وه]", (7,)),
    (r"اغسطس", (8,)),
    (r"سبتمبر", (9,)),
    (r"اكتوبر", (10,)),
    (r"نوفمبر", (11,)),
    (r"ديسمبر", (12,)),
    # Levantine names in Arabizi
    (rf"{_KANOUN}[\s-]*{_SECOND_LATIN}", (1,)),
    (rf"{_KANOUN}[\s-]*{_FIRST_LATIN}", (12,)),
    (rf"{_TISHRIN}[\s-]*{_SECOND_LATIN}", (11,)),
    (rf"{_TISHRIN}[\s-]*{_FIRST_LATIN}", (10,)),
    (_KANOUN, (12, 1)),
    (_TISHRIN, (10, 11)),
    (r"sh?[ou]?bb?a{1,2}t", (2,)),
    (r"2?a[dzt]h?a{1,2}r", (3,)),
    (r"n[ie]{1,2}ss?a{1,2}n", (4,)),
    (r"a[yi]{1,2}a{1,2}r", (5,)),
    (r"(?:7|h)a?z[ie]{1,2}ra{1,2}n", (6,)),
    (r"ta?mm?[ou]{1,2}z", (7,)),
    (r"2?aa?b", (8,)),
    (r"[ae][iy]l[ou]{1,2}l", (9,)),
)
# English and Danish names, full and short, and the French ones that Syrians schooled in Lebanon write in Arabizi
# ("el maktoub tarikho 20 octobre").
_LATIN_MONTH_NAMES: tuple[tuple[str, tuple[int, ...]], ...] = (
    (r"january|januar|janvier|jan", (1,)),
    (r"february|februar|fevrier|février|feb", (2,)),
    (r"march|marts|mars|mar", (3,)),
    (r"april|avril|apr", (4,)),
    (r"may|maj|mai", (5,)),
    (r"june|juni|juin|jun", (6,)),
    (r"july|juli|juillet|jul", (7,)),
    (r"august|aout|août|aug", (8,)),
    (r"september|septembre|sept|sep", (9,)),
    (r"october|oktober|octobre|oct|okt", (10,)),
    (r"november|novembre|nov", (11,)),
    (r"december|decembre|décembre|dec", (12,)),
)


def _month_alternation(names: tuple[tuple[str, tuple[int, ...]], ...]) -> str:
    groups = "|".join(f"(?P<month{index}>{pattern})" for index, (pattern, _) in enumerate(names))
    return rf"(?:{groups})(?!\w)\.?"


def _months_in(match: re.Match[str], names: tuple[tuple[str, tuple[int, ...]], ...]) -> tuple[int, ...]:
    for index, (_, months) in enumerate(names):
        if match[f"month{index}"] is not None:
            return months
    raise AssertionError("a month group always matches")


_ALL_MONTH_NAMES = _MONTH_NAMES + _LATIN_MONTH_NAMES
# A Latin month name needs a space after the number ("15 oct"), so that Arabizi words starting with
# a digit ("2adar", "2abl") are not read as a day; an Arabic one may stick to it ("١٥تشرين").
_DAY_NUMBER = r"(?P<day>\d{1,2})(?:(?:st|nd|rd|th)?\.?\s+|\.?(?=[^\Wa-z0-9_]))"
_BETWEEN_DAY_AND_MONTH = r"(?:(?:من|في|of|men|min|mn)\s+)?(?:(?:ال)?شهر\s+)?"
_YEAR_AFTER = r"(?:\s*,?\s*(?:(?:سنه|عام|sana|year)\s*)?(?P<year>\d{4})(?!\d))?"
_DAY_THEN_MONTH = re.compile(
    _NUMBER_START + _DAY_NUMBER + _BETWEEN_DAY_AND_MONTH + _month_alternation(_ALL_MONTH_NAMES) + _YEAR_AFTER
)
_MONTH_THEN_DAY = re.compile(
    r"(?<!\w)" + _month_alternation(_LATIN_MONTH_NAMES) + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\w)(?![./\-]\d)"
    r"(?:\s*,?\s*(?P<year>\d{4})(?!\d))?"
)
# "٣ شهر ١١", "3 الشهر 11": the month as a number after the word for month.
_DAY_THEN_MONTH_NUMBER = re.compile(
    _NUMBER_START + r"(?P<day>\d{1,2})\s*(?:من\s+)?(?:ال)?شهر\s*(?P<month>\d{1,2})(?!\d)" + _YEAR_AFTER
)


def _named_month_reading(day: int, months: tuple[int, ...], year: int | None, today: dt.date) -> DateReading:
    if year is None:
        readings = [_checked(_latest_occurrence(month, day, today), today) for month in months]
    else:
        readings = [_checked(_calendar_date(year, month, day), today) for month in months]
    if len(readings) == 1:
        return readings[0]
    usable = [r.date for r in readings if r.date is not None]
    if usable:
        return DateReading.which(sorted(usable))
    return next((r for r in readings if r.reason != "impossible"), readings[0])


def _day_and_month_names(text: str, today: dt.date) -> Iterator[DateMention]:
    for pattern, names in ((_DAY_THEN_MONTH, _ALL_MONTH_NAMES), (_MONTH_THEN_DAY, _LATIN_MONTH_NAMES)):
        for match in pattern.finditer(text):
            year = int(match["year"]) if match["year"] else None
            reading = _named_month_reading(int(match["day"]), _months_in(match, names), year, today)
            yield DateMention(match.start(), match.end(), reading)
    for match in _DAY_THEN_MONTH_NUMBER.finditer(text):
        year = int(match["year"]) if match["year"] else None
        reading = _named_month_reading(int(match["day"]), (int(match["month"]),), year, today)
        yield DateMention(match.start(), match.end(), reading)


# --- ordinal day words: "الخامس عشر من اكتوبر" ---

_ORDINAL_UNITS: dict[int, tuple[str, ...]] = {
    1: ("الحادي", "الواحد"),
    2: ("الثاني", "التاني"),
    3: ("الثالث", "التالت"),
    4: ("الرابع",),
    5: ("الخامس",),
    6: ("السادس",),
    7: ("السابع",),
    8: ("الثامن", "التامن"),
    9: ("التاسع",),
}
_ORDINAL_TENS: dict[int, tuple[str, ...]] = {20: ("العشرين", "العشرون"), 30: ("الثلاثين", "الثلاثون", "التلاتين")}


def _ordinal_day_words() -> dict[str, int]:
    """Every spelling of the ordinals 1-31 (masculine, as after يوم), mapped to its number."""
    words = {"الاول": 1, "اول": 1, "العاشر": 10}
    for tens, tens_forms in _ORDINAL_TENS.items():
        words.update(dict.fromkeys(tens_forms, tens))
    for unit, unit_forms in _ORDINAL_UNITS.items():
        for form in unit_forms:
            if unit > 1:
                words[form] = unit
            words[f"{form} عشر"] = 10 + unit
            for tens, tens_forms in _ORDINAL_TENS.items():
                if tens + unit <= 31:
                    for spelling in tens_forms:
                        words[f"{form} و{spelling}"] = words[f"{form} و {spelling}"] = tens + unit
    return words


# Days said as cardinals before a month ("عشرين تشرين التاني", "خمسة اذار"), in Syrian speech and in MSA.
_CARDINAL_UNITS: dict[int, tuple[str, ...]] = {
    1: ("واحد",),
    2: ("اتنين", "اثنين", "تنين"),
    3: ("تلاته", "ثلاثه", "تلات", "ثلاث"),
    4: ("اربعه", "اربع"),
    5: ("خمسه", "خمس"),
    6: ("سته", "ست"),
    7: ("سبعه", "سبع"),
    8: ("تمانيه", "ثمانيه", "تمان", "ثمان"),
    9: ("تسعه", "تسع"),
}
_CARDINAL_TEENS: dict[int, tuple[str, ...]] = {
    10: ("عشره", "عشر"),
    11: ("احدعش", "حداعش", "احدعشر", "احد عشر"),
    12: ("اتنعش", "اطنعش", "اتناعش", "اثنا عشر", "اثني عشر"),
    13: ("تلتعش", "تلطعش", "تلتطعش", "ثلاثه عشر", "ثلاث عشر"),
    14: ("اربعتعش", "اربعطعش", "اربعه عشر", "اربع عشر"),
    15: ("خمستعش", "خمسطعش", "خمسه عشر", "خمس عشر"),
    16: ("ستعش", "سطعش", "ستطعش", "سته عشر", "ست عشر"),
    17: ("سبعتعش", "سبعطعش", "سبعه عشر", "سبع عشر"),
    18: ("تمنتعش", "تمنطعش", "ثمانيه عشر", "ثماني عشر"),
    19: ("تسعتعش", "تسعطعش", "تسعه عشر", "تسع عشر"),
}
_CARDINAL_TENS: dict[int, tuple[str, ...]] = {20: ("عشرين", "عشرون"), 30: ("تلاتين", "ثلاثين", "ثلاثون")}


def _cardinal_day_words() -> dict[str, int]:
    """Every spelling of the cardinals 1-31 that may stand for a day before a month's name, mapped to its number."""
    words = {form: day for day, forms in (_CARDINAL_UNITS | _CARDINAL_TEENS).items() for form in forms}
    for tens, tens_forms in _CARDINAL_TENS.items():
        words.update(dict.fromkeys(tens_forms, tens))
        for unit, unit_forms in _CARDINAL_UNITS.items():
            if tens + unit <= 31:
                for form in unit_forms:
                    for spelling in tens_forms:
                        words[f"{form} و{spelling}"] = words[f"{form} و {spelling}"] = tens + unit
    return words


_ORDINAL_DAYS = _ordinal_day_words() | _cardinal_day_words()
_ORDINAL_ALTERNATION = "|".join(re.escape(word) for word in sorted(_ORDINAL_DAYS, key=len, reverse=True))
_ORDINAL_THEN_MONTH = re.compile(
    r"(?<!\w)(?:[وبف]?(?:ال)?يوم\s+)?(?P<ordinal>" + _ORDINAL_ALTERNATION + r")(?!\w)"
    r"\s+(?:(?:من|في)\s+)?(?:(?:ال)?شهر\s+)?" + _month_alternation(_MONTH_NAMES) + _YEAR_AFTER
)


def _ordinal_day_and_month(text: str, today: dt.date) -> Iterator[DateMention]:
    for match in _ORDINAL_THEN_MONTH.finditer(text):
        day = _ORDINAL_DAYS[match["ordinal"]]  # normalised text has single spaces
        year = int(match["year"]) if match["year"] else None
        reading = _named_month_reading(day, _months_in(match, _MONTH_NAMES), year, today)
        yield DateMention(match.start(), match.end(), reading)


# --- "3 days ago", "قبل ٣ ايام", "من جمعة" ---

_COUNT_WORDS: dict[str, int] = {
    "واحد": 1,
    "اثنين": 2,
    "اتنين": 2,
    "تنين": 2,
    "ثلاث": 3,
    "ثلاثه": 3,
    "تلات": 3,
    "تلاته": 3,
    "تلت": 3,
    "اربع": 4,
    "اربعه": 4,
    "خمس": 5,
    "خمسه": 5,
    "ست": 6,
    "سته": 6,
    "سبع": 7,
    "سبعه": 7,
    "ثمان": 8,
    "ثماني": 8,
    "ثمانيه": 8,
    "تمان": 8,
    "تمانيه": 8,
    "تمن": 8,
    "تسع": 9,
    "تسعه": 9,
    "عشر": 10,
    "عشره": 10,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# word -> (days in one unit, the count the word itself says, or None when a number must be written)
_UNIT_WORDS: dict[str, tuple[int, int | None]] = {
    "يوم": (1, 1),
    "يومين": (1, 2),
    "ايام": (1, None),
    "تيام": (1, None),
    "اسبوع": (7, 1),
    "اسبوعين": (7, 2),
    "اسابيع": (7, None),
    "جمعه": (7, 1),
    "جمعتين": (7, 2),
    "جمع": (7, None),
    "yom": (1, 1),
    "youm": (1, 1),
    "yawm": (1, 1),
    "yomen": (1, 2),
    "yomein": (1, 2),
    "yomain": (1, 2),
    "youmen": (1, 2),
    "ayam": (1, None),
    "ayyam": (1, None),
    "iyam": (1, None),
    "tiyam": (1, None),
    "osbo3": (7, 1),
    "osbou3": (7, 1),
    "usbu3": (7, 1),
    "esbo3": (7, 1),
    "jom3a": (7, 1),
    "jum3a": (7, 1),
    "osbo3en": (7, 2),
    "osbo3ein": (7, 2),
    "jom3ten": (7, 2),
    "asabee3": (7, None),
    "asabi3": (7, None),
    "day": (1, None),
    "days": (1, None),
    "week": (7, None),
    "weeks": (7, None),
    "dag": (1, None),
    "dage": (1, None),
    "uge": (7, None),
    "uger": (7, None),
}
# Words for "ago" that come before the amount. "من" (since) with a bare "يوم" is left out: "من يوم
# ما وصلت" means "since the day it came", not "a day ago".
_AGO_BEFORE = (
    r"قبل|من|صرلي|صارلي|صرلو|صارلو|صرلها|صارلها|صرلنا|صارلنا|2abl|2bl|abl|qabl|kabl|2abel|abel|2abil|qabel|kabel|men|mn|min"
    r"|sarli|sarlo|before"
)
_SINCE_WORDS = frozenset({"من", "men", "mn", "min"})


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_COUNT = rf"(?:(?P<count>\d{{1,3}}|{_alternation(_COUNT_WORDS)})\s*)?"
_UNIT = rf"(?P<unit>{_alternation(_UNIT_WORDS)})(?!\w)"
_AGO_PATTERNS = (
    re.compile(rf"(?<!\w)(?P<before>{_AGO_BEFORE})\s+{_COUNT}{_UNIT}"),
    re.compile(rf"(?<!\w)(?:for\s+)?{_COUNT}{_UNIT}\s+(?:ago|siden)(?!\w)"),
)


def _days_ago(text: str, today: dt.date) -> Iterator[DateMention]:
    for pattern in _AGO_PATTERNS:
        for match in pattern.finditer(text):
            unit_days, implied_count = _UNIT_WORDS[match["unit"]]
            written = match["count"]
            if written is not None:
                count = int(written) if written.isdigit() else _COUNT_WORDS[written]
            elif implied_count is None:
                continue  # "قبل ايام": some days, but how many is not said
            elif implied_count == 1 and unit_days == 1 and match.groupdict().get("before") in _SINCE_WORDS:
                continue
            else:
                count = implied_count
            reading = _checked(today - dt.timedelta(days=count * unit_days), today)
            yield DateMention(match.start(), match.end(), reading)


# --- "last week", and "الجمعة الماضية" (last week, or last Friday) ---

_LAST_WEEK = re.compile(
    r"(?<!\w)(?:"
    r"[وبف]?(?:ال)?اسبوع\s+(?:الماضي|الفايت|الفات|السابق|(?:اللي|الي|يلي|لي)\s+(?:فات|مضي))"
    r"|(?:last|previous)\s+week"
    rf"|{_ARTICLE}?(?:osbo3|osbou3|usbu3|esbo3|isbu3)\s+{_ARTICLE}?(?:madi|made|madee|maade|fat|fayet|sabe2)"
    r"|(?:i\s+)?(?:sidste|forrige)\s+uge"
    r")(?!\w)"
)
# In Levantine Arabic "الجمعة" is both Friday and "the week".
_LAST_WEEK_OR_FRIDAY = re.compile(
    r"(?<!\w)(?:"
    r"[وبف]?الجمعه\s+(?:الماضيه|الفايته|السابقه|(?:اللي|الي|يلي|لي)\s+(?:فاتت|مضت))"
    rf"|{_ARTICLE}?(?:jom3a|jum3a|jem3a|jm3a)\s+{_ARTICLE}?(?:madye|madyeh|madiya|madya|madie|fatet|fetet|fayte)"
    r")(?!\w)"
)
_FRIDAY = 4


def _previous_week(today: dt.date) -> list[dt.date]:
    monday = today - dt.timedelta(days=today.weekday() + 7)
    return [monday + dt.timedelta(days=offset) for offset in range(7)]


def _last_weekday(weekday: int, today: dt.date) -> dt.date:
    """The most recent ``weekday`` (0 = Monday) before today; a week ago when today is that day."""
    return today - dt.timedelta(days=(today.weekday() - weekday) % 7 or 7)


def _last_week(text: str, today: dt.date) -> Iterator[DateMention]:
    for match in _LAST_WEEK.finditer(text):
        yield DateMention(match.start(), match.end(), DateReading.which(_previous_week(today)))
    for match in _LAST_WEEK_OR_FRIDAY.finditer(text):
        days = sorted({*_previous_week(today), _last_weekday(_FRIDAY, today)})
        yield DateMention(match.start(), match.end(), DateReading.which(days))


# --- weekday names: "يوم التلاتا", "الخميس الماضي", "last thursday", "el 5amis" ---

_ARABIZI_DAY_PREFIX = rf"(?:{_ARTICLE}|(?:yom|youm|yawm)\s+{_ARTICLE}?)"
# weekday (0 = Monday) -> (Arabic, Arabizi, English, Danish)
_WEEKDAY_NAMES: dict[int, tuple[str, str, str, str]] = {
    # "التنين" is also "the two" ("ولادي التنين"): Monday only after "يوم" or "ب" ("يوم التنين", "بالتنين")
    0: (
        "الاثنين|الاتنين|الاثنان|(?<=يوم )التنين|(?<=ب)التنين",
        "etnen|etneen|itnein|ithnain|ithnein|tanen|tnen",
        "monday",
        "mandag",
    ),
    1: ("الثلاثاء|الثلاثا|التلاتا|التلات", "talata|tlata|thalatha|tleta|tlete|talat", "tuesday", "tirsdag"),
    2: ("الاربعاء|الاربعا", "arba3a|arbe3a|arb3a|arba3|arbaa|arbi3a", "wednesday", "onsdag"),
    3: ("الخميس", "5amis|5ames|5amees|khamis|khamees|khames", "thursday", "torsdag"),
    4: ("الجمعه", "jom3a|jum3a|jem3a|jm3a|jumaa|jomaa|jumua", "friday", "fredag"),
    5: ("السبت", "sabt|sabet|sebt", "saturday", "loerdag"),
    6: ("الاحد", "a7ad|ahad|2a7ad|7ad", "sunday", "soendag"),
}


def _weekday_pattern(arabic: str, arabizi: str, english: str, danish: str) -> str:
    return (
        rf"[وبف]?(?:{arabic})"
        rf"|{_ARABIZI_DAY_PREFIX}(?:{arabizi})"
        rf"|(?:(?:last|on)\s+)?{english}"
        rf"|(?:i\s+)?(?:sidste\s+)?{danish}s?"
    )


_WEEKDAY = re.compile(
    r"(?<!\w)(?:"
    + "|".join(f"(?P<weekday{day}>{_weekday_pattern(*names)})" for day, names in _WEEKDAY_NAMES.items())
    + r")(?!\w)"
)


def _weekdays(text: str, today: dt.date) -> Iterator[DateMention]:
    for match in _WEEKDAY.finditer(text):
        weekday = next(day for day in _WEEKDAY_NAMES if match[f"weekday{day}"] is not None)
        yield DateMention(match.start(), match.end(), DateReading.sure(_last_weekday(weekday, today)), weekday)


# --- today, yesterday, the day before yesterday ---

_YESTERDAY_ARABIC = r"(?:[وبف]?(?:ال)?امس|[وبف]?ا?مبارح|[وبف]?البارحه)"
_YESTERDAY_ARABIZI = r"[aei]?mbar[aei]?(?:7|h)a?"
# "the day" followed by which day ("اليوم الاخير", "el yom elli wasalet"), or "the same day", is not today
_WHICH_DAY_ARABIC = r"\s+(?:ال)?(?:اخير|اخر|اول|تاني|ثاني|تالت|ثالث|تالي|جاي|اللي|الي|يلي)(?!\w)"
_WHICH_DAY_ARABIZI = (
    r"\s+(?:(?:el|il|al)[ -]?)?(?:akhir|a5ir|akher|a5er|awal|awwal|tani|tene|tany|elli|illi|yalli|li)\b"
)
# (days before today, pattern); the longer expressions come first.
_RELATIVE_DAYS: tuple[tuple[int, str], ...] = (
    (2, rf"(?:اولت|اول|قبل)\s*{_YESTERDAY_ARABIC}"),
    (2, rf"(?:2?awwal|2?awal|2?awel|oul|2ol|2abl|abl)\s+{_YESTERDAY_ARABIZI}"),
    (2, r"(?:the\s+)?day\s+before\s+yesterday|i\s?forgaars"),
    (1, _YESTERDAY_ARABIC),
    (1, rf"{_YESTERDAY_ARABIZI}|yesterday|i\s?gaar"),
    (0, rf"(?<!نفس )(?<!ذات )[وبف]?اليوم(?!{_WHICH_DAY_ARABIC})|هلق|هلاق|النهارده"),
    (0, rf"(?<!nafs )(?<!nefs ){_ARTICLE}(?:yom|youm|yawm|yoom)(?!{_WHICH_DAY_ARABIZI})|hall?a(?:2|q)|today|i\s?dag"),
)
_RELATIVE_DAY = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<relative{i}>{p})" for i, (_, p) in enumerate(_RELATIVE_DAYS)) + r")(?!\w)"
)


def _relative_days(text: str, today: dt.date) -> Iterator[DateMention]:
    for match in _RELATIVE_DAY.finditer(text):
        index = next(i for i in range(len(_RELATIVE_DAYS)) if match[f"relative{i}"] is not None)
        day = today - dt.timedelta(days=_RELATIVE_DAYS[index][0])
        yield DateMention(match.start(), match.end(), DateReading.sure(day))


# --- putting the finders together ---


@dataclass(frozen=True)
class DateMention:
    """One date expression in a message: where it is (offsets in ``normalise(text)``) and what it says."""

    start: int
    end: int
    reading: DateReading
    weekday: int | None = None  # set when the text named a weekday (0 = Monday)


# Most specific first: a later finder's match that overlaps an earlier one's is ignored.
_FINDERS: tuple[Callable[[str, dt.date], Iterator[DateMention]], ...] = (
    _iso_dates,
    _numeric_dates,
    _day_and_month_names,
    _ordinal_day_and_month,
    _days_ago,
    _last_week,
    _weekdays,
    _relative_days,
)


def _find_all(text: str, today: dt.date) -> list[DateMention]:
    kept: list[DateMention] = []
    for finder in _FINDERS:
        for finding in finder(text, today):
            if all(finding.end <= other.start or finding.start >= other.end for other in kept):
                kept.append(finding)
    return sorted(kept, key=lambda finding: finding.start)


# --- dates printed in a Danish letter: "3. november 2026", "03-11-2026", "3.11.2026", "2026-11-03" ---


@dataclass(frozen=True)
class PrintedDate:
    """A full date (with its year) printed in a letter; ``start``/``end`` are offsets in the text searched."""

    start: int
    end: int
    date: dt.date


# Danish letters write the day first; OCR may put a space after the dots ("3. 11. 2026") or read "3-" for "3.".
_PRINTED_NUMERIC = re.compile(
    r"(?<![\d.])(?P<day>\d{1,2})\s?(?P<sep>[.\-/])\s?(?P<month>\d{1,2})\s?(?P=sep)\s?(?P<year>(?:19|20)\d{2})(?!\d)"
)
_PRINTED_NAMED = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\s?[.\-]?\s+"
    + _month_alternation(_LATIN_MONTH_NAMES)
    + r"\s*(?P<year>(?:19|20)\d{2})(?!\d)"
)


def printed_dates(text: str) -> list[PrintedDate]:
    """Every full date in ``text`` (a letter's text, any case), in reading order; impossible dates are left out.

    Unlike ``read_date`` nothing is relative to today: a letter names past and future days alike. Dates
    without a year ("den 20. juni") are not returned: their year would be a guess.
    """
    lowered = text.lower()
    found: list[PrintedDate] = []
    for match in _ISO_DATE.finditer(lowered):
        day = _calendar_date(int(match["year"]), int(match["month"]), int(match["day"]))
        if day is not None:
            found.append(PrintedDate(match.start(), match.end(), day))
    for match in _PRINTED_NUMERIC.finditer(lowered):
        day = _calendar_date(int(match["year"]), int(match["month"]), int(match["day"]))
        if day is not None:
            found.append(PrintedDate(match.start(), match.end(), day))
    for match in _PRINTED_NAMED.finditer(lowered):
        months = _months_in(match, _LATIN_MONTH_NAMES)
        day = _calendar_date(int(match["year"]), months[0], int(match["day"]))
        if day is not None:
            found.append(PrintedDate(match.start(), match.end(), day))
    kept: list[PrintedDate] = []
    for item in sorted(found, key=lambda f: (f.start, -f.end)):
        if all(item.end <= other.start or item.start >= other.end for other in kept):
            kept.append(item)
    return kept
