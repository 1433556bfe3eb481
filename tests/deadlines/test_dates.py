"""Reading the date a person gives: Arabic, Arabizi, English, Danish; never a guessed date."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.deadlines import dates
from bot.deadlines.dates import OLDEST_DAYS, RECENT_DAYS, DateReading, read_date
from bot.text.arabic import normalise

TODAY = dt.date(2026, 11, 22)  # a Sunday
D = dt.date
LAST_WEEK = tuple(D(2026, 11, day) for day in range(9, 16))  # Monday 9 to Sunday 15 November


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numeric, day first, Arabic-Indic / Persian / Latin digits, with and without a year
        ("٣/١١", D(2026, 11, 3)),
        ("۳/۱۱", D(2026, 11, 3)),
        ("3/11", D(2026, 11, 3)),
        ("5/11", D(2026, 11, 5)),
        ("22/11", TODAY),
        ("20/9", D(2026, 9, 20)),
        ("3/11/2026", D(2026, 11, 3)),
        ("٣/١١/٢٠٢٦", D(2026, 11, 3)),
        ("3-11-2026", D(2026, 11, 3)),
        ("3.11.2026", D(2026, 11, 3)),
        ("03/11/26", D(2026, 11, 3)),
        ("3/11 2026", D(2026, 11, 3)),
        ("3 / 11", D(2026, 11, 3)),
        ("2026-11-03", D(2026, 11, 3)),
        ("٢٠٢٦/١١/٠٣", D(2026, 11, 3)),
        ("15/1/2026", D(2026, 1, 15)),  # no other order exists
        ("12/1/2026", D(2026, 1, 12)),  # 1 December 2026 is in the future: not a rival
        # day first whenever that day exists and is recent (Denmark and Syria write the day first); the reply
        # names the date it understood, so a person who meant the other order can correct it
        ("10/11", D(2026, 11, 10)),
        ("١١/١٠", D(2026, 10, 11)),
        ("10/11/2026", D(2026, 11, 10)),
        ("10/9/2026", D(2026, 9, 10)),
        ("7/5/2026", D(2026, 5, 7)),
        ("11/3/2026", D(2026, 3, 11)),
        # month first only when no day-first day exists
        ("1/15/2026", D(2026, 1, 15)),
        ("10/25", D(2026, 10, 25)),
        ("10/25/2026", D(2026, 10, 25)),
        # Levantine month names
        ("٣ تشرين التاني", D(2026, 11, 3)),
        ("3 تشرين الثاني", D(2026, 11, 3)),
        ("3 تشرين ثاني", D(2026, 11, 3)),
        ("٣ تشرين 2", D(2026, 11, 3)),
        ("15 تشرين الأول", D(2026, 10, 15)),
        ("15 كانون الثاني", D(2026, 1, 15)),
        ("15 كانون الأول", D(2025, 12, 15)),
        ("15 شباط", D(2026, 2, 15)),
        ("15 آذار", D(2026, 3, 15)),
        ("15 اذار", D(2026, 3, 15)),
        ("15 نيسان", D(2026, 4, 15)),
        ("15 أيار", D(2026, 5, 15)),
        ("15 حزيران", D(2026, 6, 15)),
        ("15 تموز", D(2026, 7, 15)),
        ("15 آب", D(2026, 8, 15)),
        ("15 أيلول", D(2026, 9, 15)),
        ("١٥ أيلول ٢٠٢٦", D(2026, 9, 15)),
        # Modern Standard / Egyptian month names
        ("3 نوفمبر", D(2026, 11, 3)),
        ("15 يناير", D(2026, 1, 15)),
        ("15 فبراير", D(2026, 2, 15)),
        ("15 مارس", D(2026, 3, 15)),
        ("15 أبريل", D(2026, 4, 15)),
        ("15 ابريل", D(2026, 4, 15)),
        ("15 مايو", D(2026, 5, 15)),
        ("15 يونيو", D(2026, 6, 15)),
        ("15 يونيه", D(2026, 6, 15)),
        ("15 يوليو", D(2026, 7, 15)),
        ("15 يوليه", D(2026, 7, 15)),
        ("15 أغسطس", D(2026, 8, 15)),
        ("15 سبتمبر", D(2026, 9, 15)),
        ("15 أكتوبر 2026", D(2026, 10, 15)),
        ("15 ديسمبر", D(2025, 12, 15)),
        ("3 من شهر نوفمبر", D(2026, 11, 3)),
        ("٣ شهر ١١", D(2026, 11, 3)),
        ("3 الشهر 11", D(2026, 11, 3)),
        # ordinal words
        ("الخامس عشر من اكتوبر", D(2026, 10, 15)),
        ("اليوم الخامس عشر من أكتوبر", D(2026, 10, 15)),
        ("الأول من تشرين الثاني", D(2026, 11, 1)),
        ("الثاني من تشرين التاني", D(2026, 11, 2)),
        ("العاشر من أيلول", D(2026, 9, 10)),
        ("الحادي والعشرين من تشرين الأول", D(2026, 10, 21)),
        ("الحادي و العشرين من تشرين الأول", D(2026, 10, 21)),
        ("الثلاثين من أيلول", D(2026, 9, 30)),
        ("الحادي والثلاثين من آب", D(2026, 8, 31)),
        # cardinal words, as people say a day
        ("يوم عشرين تشرين التاني", D(2026, 11, 20)),
        ("خمسة اذار", D(2026, 3, 5)),
        ("واحد وعشرين تشرين الأول", D(2026, 10, 21)),
        ("خمسطعش ايلول", D(2026, 9, 15)),
        # English and Danish
        ("yom 15 october", D(2026, 10, 15)),
        ("15 oct 2026", D(2026, 10, 15)),
        ("15 Oct. 2026", D(2026, 10, 15)),
        ("the 15th of October", D(2026, 10, 15)),
        ("October 15, 2026", D(2026, 10, 15)),
        ("may 15", D(2026, 5, 15)),
        ("15. oktober", D(2026, 10, 15)),
        ("den 3. november 2026", D(2026, 11, 3)),
        ("3 okt", D(2026, 10, 3)),
        ("3 maj", D(2026, 5, 3)),
        # Arabizi month names
        ("3 teshreen el tani", D(2026, 11, 3)),
        ("3 tishrin 2", D(2026, 11, 3)),
        ("3 tishreen tani", D(2026, 11, 3)),
        ("15 teshreen el awal", D(2026, 10, 15)),
        ("15 kanoon el tani", D(2026, 1, 15)),
        ("15 shbat", D(2026, 2, 15)),
        ("15 adar", D(2026, 3, 15)),
        ("15 nisan", D(2026, 4, 15)),
        ("15 ayar", D(2026, 5, 15)),
        ("15 7zeran", D(2026, 6, 15)),
        ("15 tamouz", D(2026, 7, 15)),
        ("15 ab", D(2026, 8, 15)),
        ("15 aylool", D(2026, 9, 15)),
        # today, yesterday, the day before
        ("اليوم", TODAY),
        ("هلق", TODAY),
        ("today", TODAY),
        ("Today", TODAY),
        ("el yom", TODAY),
        ("امبارح", D(2026, 11, 21)),
        ("مبارح", D(2026, 11, 21)),
        ("البارحة", D(2026, 11, 21)),
        ("أمس", D(2026, 11, 21)),
        ("بالأمس", D(2026, 11, 21)),
        ("yesterday", D(2026, 11, 21)),
        ("embare7", D(2026, 11, 21)),
        ("mbare7", D(2026, 11, 21)),
        ("i går", D(2026, 11, 21)),
        ("اول مبارح", D(2026, 11, 20)),
        ("أول امبارح", D(2026, 11, 20)),
        ("قبل امس", D(2026, 11, 20)),
        ("the day before yesterday", D(2026, 11, 20)),
        ("awal mbare7", D(2026, 11, 20)),
        # some days ago
        ("قبل 3 ايام", D(2026, 11, 19)),
        ("قبل ٣ أيام", D(2026, 11, 19)),
        ("3 days ago", D(2026, 11, 19)),
        ("before 3 days", D(2026, 11, 19)),
        ("من ٣ ايام", D(2026, 11, 19)),
        ("قبل تلت تيام", D(2026, 11, 19)),
        ("abl 3 ayam", D(2026, 11, 19)),
        ("قبل يومين", D(2026, 11, 20)),
        ("2abl yomen", D(2026, 11, 20)),
        ("قبل أسبوع", D(2026, 11, 15)),
        ("من جمعة", D(2026, 11, 15)),
        ("a week ago", D(2026, 11, 15)),
        ("قبل اسبوعين", D(2026, 11, 8)),
        ("2 weeks ago", D(2026, 11, 8)),
        # weekdays: the most recent one before today
        ("يوم التلاتا", D(2026, 11, 17)),
        ("الثلاثاء", D(2026, 11, 17)),
        ("الخميس الماضي", D(2026, 11, 19)),
        ("last thursday", D(2026, 11, 19)),
        ("el 5amis", D(2026, 11, 19)),
        ("yom el 5amis", D(2026, 11, 19)),
        ("يوم الجمعة", D(2026, 11, 20)),
        ("السبت", D(2026, 11, 21)),
        ("on Monday", D(2026, 11, 16)),
        ("i mandags", D(2026, 11, 16)),
        ("يوم الأحد", D(2026, 11, 15)),  # today is Sunday: "Sunday" is a week ago
        ("الخميس الاسبوع الماضي", D(2026, 11, 12)),  # Thursday of last week
        # surrounding words
        ("وصلتني الرسالة يوم ٣/١١ بالبريد", D(2026, 11, 3)),
        ("jatni el qarar embare7", D(2026, 11, 21)),
        ("وصلني القرار من ٣ ايام عالايميل", D(2026, 11, 19)),
        ("I got the letter on 3 November", D(2026, 11, 3)),
        # French month names, as Syrians schooled in Lebanon write them in Arabizi, and "2abel" (ago) spelled out
        ("el maktoub tarikho 20 octobre", D(2026, 10, 20)),
        ("le 5 novembre", D(2026, 11, 5)),
        ("ija 3 août", D(2026, 8, 3)),
        ("ejani 2abel osbo3en", D(2026, 11, 8)),
        ("abel 3 iyam", D(2026, 11, 19)),
        ("الرسالة مؤرخة بـ١٥ تشرين الأول", D(2026, 10, 15)),
        # a weekday that agrees with the date, or settles its order
        ("الاثنين، ١٢ تشرين الأول ٢٠٢٦", D(2026, 10, 12)),
        ("Monday 12 October 2026", D(2026, 10, 12)),
        ("يوم الثلاثاء 10/11", D(2026, 11, 10)),
        ("امبارح السبت", D(2026, 11, 21)),
        ("يوم التنين", D(2026, 11, 16)),  # Monday
        ("بالتنين", D(2026, 11, 16)),
    ],
)
def test_one_date_understood_for_sure(text: str, expected: dt.date) -> None:
    assert read_date(text, TODAY) == DateReading.sure(expected)


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        # without a year, the day-first day exists but long ago, the month-first one is recent: offered alone, to
        # be confirmed
        ("11/3", (D(2026, 11, 3),)),
        # a month name that could be either of two months
        ("3 تشرين", (D(2026, 10, 3), D(2026, 11, 3))),
        ("15 kanoon", (D(2025, 12, 15), D(2026, 1, 15))),
        ("31 تشرين", (D(2026, 10, 31),)),  # only October has a 31st: still confirm
        ("اول تشرين", (D(2026, 10, 1), D(2026, 11, 1))),
        # last week: its seven days
        ("الاسبوع الماضي", LAST_WEEK),
        ("بالأسبوع اللي فات", LAST_WEEK),
        ("last week", LAST_WEEK),
        ("el osbo3 el madi", LAST_WEEK),
        ("sidste uge", LAST_WEEK),
        # "الجمعة الماضية" is last week, or last Friday
        ("الجمعة الماضية", (*LAST_WEEK, D(2026, 11, 20))),
        ("el jom3a el madye", (*LAST_WEEK, D(2026, 11, 20))),
        # two expressions that disagree
        ("وصلتني اليوم رسالة مؤرخة ٣/١١", (D(2026, 11, 3), TODAY)),
        ("الخميس ٣/١١", (D(2026, 11, 3), D(2026, 11, 19))),
        ("الأحد، ١٢ تشرين الأول ٢٠٢٦", (D(2026, 10, 12), D(2026, 11, 15))),
    ],
)
def test_candidates_to_choose_from(text: str, candidates: tuple[dt.date, ...]) -> None:
    assert read_date(text, TODAY) == DateReading.which(candidates)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not_understood"),
        ("   ", "not_understood"),
        ("مرحبا", "not_understood"),
        ("شو لازم اعمل؟", "not_understood"),
        ("وازا فاتني اليوم الاخير شو بيصير", "not_understood"),  # "the last day", not today
        ("w iza fatni el yom el akhir?", "not_understood"),
        ("اليوم اللي وصلتني فيه الرسالة", "not_understood"),  # "the day it came": which day is not said
        ("بيقرروا بنفس اليوم؟", "not_understood"),  # "on the same day"
        ("asdfgh", "not_understood"),
        ("3", "not_understood"),
        ("2026", "not_understood"),
        ("تشرين 2026", "not_understood"),
        ("قبل ايام", "not_understood"),  # some days: how many is not said
        ("من يوم ما وصلت", "not_understood"),  # "since the day it came"
        ("ولادي التنين", "not_understood"),  # "my two children", not Monday
        ("رقم القضية 12/345", "not_understood"),
        ("صرلي خمس سنين هون وعندي تلات ولاد", "not_understood"),  # counts, not a day before a month
        # impossible dates
        ("31/2", "impossible"),
        ("٣١/٢", "impossible"),
        ("31/4/2026", "impossible"),
        ("13/13", "impossible"),
        ("0/5", "impossible"),
        ("2026-02-30", "impossible"),
        ("31 شباط", "impossible"),
        ("32 october", "impossible"),
        ("3 شهر 13", "impossible"),
        # in the future
        ("3/12/2026", "future"),
        ("11/12/2026", "future"),
        ("2026-11-23", "future"),
        ("15 october 2027", "future"),
        ("1 كانون الثاني 2027", "future"),
        # more than a year ago
        ("15 oct 2025", "too_old"),
        ("3/11/2025", "too_old"),
        ("2025-11-01", "too_old"),
        ("قبل 400 يوم", "too_old"),
        ("29 feb", "too_old"),  # the last 29 February was in 2024
        # numeric without a year, neither reading within the last 90 days: never guessed
        ("7/5", "unclear"),
        ("15/6", "unclear"),
        ("23/11", "unclear"),  # 23 November 2025 is the latest past one; 2026's is tomorrow
        ("29/2", "unclear"),
        ("12/30", "unclear"),  # only month-first exists, and 30 December is not recent
        # one expression is unusable: ask again rather than pick the other
        ("امبارح 31/2", "impossible"),
    ],
)
def test_nothing_usable_asks_again(text: str, reason: str) -> None:
    assert read_date(text, TODAY) == DateReading.again(reason)  # type: ignore[arg-type]


def _readings(first: int, second: int, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The most recent past day-first and month-first readings of first/second."""

    def latest(month: int, day: int) -> dt.date | None:
        for year in range(today.year, today.year - 9, -1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                continue
            if candidate <= today:
                return candidate
        return None

    return latest(second, first), latest(first, second) if first != second else None


@pytest.mark.parametrize("today", [TODAY, D(2027, 1, 10), D(2026, 3, 1), D(2028, 2, 29)])
def test_a_numeric_date_without_a_year_is_day_first_unless_that_day_does_not_exist(today: dt.date) -> None:
    for first in range(1, 32):
        for second in range(1, 32):
            day_first, month_first = _readings(first, second, today)
            reading = read_date(f"{first}/{second}", today)

            def recent(day: dt.date | None) -> bool:
                return day is not None and (today - day).days <= RECENT_DAYS

            if recent(day_first):
                assert reading == DateReading.sure(day_first)  # type: ignore[arg-type]
            elif day_first is None and recent(month_first):
                assert reading == DateReading.sure(month_first)  # type: ignore[arg-type]
            elif recent(month_first):  # the day-first day exists but is not recent: confirm the other one
                assert reading == DateReading.which([month_first])  # type: ignore[list-item]
            else:
                assert reading.kind == "ask_again"


@pytest.mark.parametrize("today", [TODAY, D(2027, 1, 10)])
def test_a_numeric_date_with_a_year_is_day_first_unless_that_day_does_not_exist(today: dt.date) -> None:
    year = today.year
    for first in range(1, 32):
        for second in range(1, 32):
            reading = read_date(f"{first}/{second}/{year}", today)
            try:
                meant = dt.date(year, second, first)
            except ValueError:
                try:
                    meant = dt.date(year, first, second)
                except ValueError:
                    assert reading == DateReading.again("impossible")
                    continue
            if meant > today:
                assert reading == DateReading.again("future")
            elif (today - meant).days > OLDEST_DAYS:
                assert reading == DateReading.again("too_old")
            else:
                assert reading == DateReading.sure(meant)


@pytest.mark.parametrize(
    "text",
    ["3/11", "10/11", "last week", "الجمعة الماضية", "3 تشرين", "امبارح", "قبل 3 ايام", "الخميس", "15 ديسمبر"],
)
@pytest.mark.parametrize("today", [TODAY, D(2027, 1, 2), D(2026, 1, 1)])
def test_every_date_offered_is_past_and_within_a_year(text: str, today: dt.date) -> None:
    reading = read_date(text, today)
    offered = (reading.date,) if reading.date else reading.candidates
    for day in offered:
        assert today - dt.timedelta(days=OLDEST_DAYS) <= day <= today


def test_last_week_across_the_year_boundary() -> None:
    saturday = D(2027, 1, 2)
    expected = tuple(D(2026, 12, day) for day in range(21, 28))
    assert read_date("الاسبوع الماضي", saturday) == DateReading.which(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20 كانون الأول", D(2026, 12, 20)),  # a named month in January: last December
        ("20/12", D(2026, 12, 20)),
        ("قبل 15 يوم", D(2026, 12, 26)),
    ],
)
def test_no_year_in_january_reaches_back_into_december(text: str, expected: dt.date) -> None:
    assert read_date(text, D(2027, 1, 10)) == DateReading.sure(expected)


@pytest.mark.parametrize(
    "arguments",
    [
        {"kind": "date"},
        {"kind": "date", "date": TODAY, "reason": "future"},
        {"kind": "ask_which"},
        {"kind": "ask_which", "candidates": (TODAY,), "date": TODAY},
        {"kind": "ask_again"},
        {"kind": "ask_again", "reason": "future", "candidates": (TODAY,)},
    ],
)
def test_a_reading_holds_only_what_its_kind_says(arguments: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        DateReading(**arguments)  # type: ignore[arg-type]


_ARABIC_LETTERS = re.compile(r"[\u0621-\u064a\u0660-\u0669\u0671-\u06d3]+")


def test_keyword_tables_are_in_normalised_form() -> None:
    """Words written with أ, ة or ى in a pattern would never match the normalised text."""
    patterns = [value.pattern for value in vars(dates).values() if isinstance(value, re.Pattern)]
    assert patterns
    words = [word for pattern in patterns for word in _ARABIC_LETTERS.findall(pattern)]
    assert "تشرين" in words
    assert [word for word in words if normalise(word) != word] == []


# --- dates printed in a Danish letter ---


def test_printed_dates_in_danish_formats() -> None:
    from bot.deadlines.dates import printed_dates

    text = (
        "Brevdato: 3. november 2026. Sendt 03-11-2026, kopi 3.11.2026, arkiv 2026-11-03; mødet tirsdag den "
        "20. okt. 2026. Rejste fra den 20. juni (intet år) og 31.02.2026 findes ikke."
    )
    found = [(text[d.start : d.end], d.date) for d in printed_dates(text)]
    assert found == [
        ("3. november 2026", dt.date(2026, 11, 3)),
        ("03-11-2026", dt.date(2026, 11, 3)),
        ("3.11.2026", dt.date(2026, 11, 3)),
        ("2026-11-03", dt.date(2026, 11, 3)),
        ("20. okt. 2026", dt.date(2026, 10, 20)),
    ]
