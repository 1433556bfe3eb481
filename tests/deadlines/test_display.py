"""Dates shown with Babel: Levantine month names and Arabic-Indic digits for ar_SY."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.deadlines.dates import DateReading, read_date
from bot.deadlines.display import format_day

D = dt.date
LANGUAGES_YAML = Path(__file__).resolve().parents[2] / "content" / "languages.yaml"


@pytest.mark.parametrize(
    ("day", "locale", "shown"),
    [
        (D(2026, 10, 12), "ar_SY", "الاثنين، ١٢ تشرين الأول ٢٠٢٦"),
        (D(2026, 10, 14), "ar_SY", "الأربعاء، ١٤ تشرين الأول ٢٠٢٦"),
        (D(2026, 10, 14), "en_GB", "Wednesday 14 October 2026"),
        (D(2027, 1, 4), "ar_SY", "الاثنين، ٤ كانون الثاني ٢٠٢٧"),
        (D(2027, 1, 4), "en_GB", "Monday 4 January 2027"),
        (D(2026, 12, 28), "ar_SY", "الاثنين، ٢٨ كانون الأول ٢٠٢٦"),
    ],
)
def test_format_day(day: dt.date, locale: str, shown: str) -> None:
    assert format_day(day, locale) == shown


@pytest.mark.parametrize(
    ("month", "name"),
    list(
        enumerate(
            [
                "كانون الثاني",
                "شباط",
                "آذار",
                "نيسان",
                "أيار",
                "حزيران",
                "تموز",
                "آب",
                "أيلول",
                "تشرين الأول",
                "تشرين الثاني",
                "كانون الأول",
            ],
            start=1,
        )
    ),
)
def test_ar_sy_uses_levantine_month_names(month: int, name: str) -> None:
    assert f"١ {name} ٢٠٢٦" in format_day(D(2026, month, 1), "ar_SY")


def test_ar_sy_has_no_latin_digits_or_direction_marks() -> None:
    shown = format_day(D(2026, 11, 30), "ar_SY")
    assert not any(character.isascii() and character.isdigit() for character in shown)
    assert "\u200f" not in shown and "\u200e" not in shown


def test_every_content_locale_formats() -> None:
    languages = yaml.safe_load(LANGUAGES_YAML.read_text(encoding="utf-8"))["languages"]
    for info in languages.values():
        assert "2026" in format_day(D(2026, 11, 30), info["locale"]).translate(
            str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
        )


@pytest.mark.parametrize("locale", ["ar_SY", "en_GB"])
def test_a_shown_date_reads_back_as_the_same_date(locale: str) -> None:
    today = D(2026, 11, 22)
    for offset in range(0, 365, 7):
        day = today - dt.timedelta(days=offset)
        assert read_date(format_day(day, locale), today) == DateReading.sure(day)
