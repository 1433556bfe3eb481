"""Dates as the person reads them: weekday, day, month name and year, in their locale.

Babel gives the words; it always writes Latin digits, even for locales whose usual digits are
Arabic-Indic. ar_SY is such a locale (its default numbering system in CLDR is "arab"), so for those
locales the digits are swapped afterwards: ``format_day(date(2026, 10, 14), "ar_SY")`` is
"الأربعاء، ١٤ تشرين الأول ٢٠٢٦" and for en_GB it is "Wednesday 14 October 2026".
"""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date

# Weekday, day, month name, year. CLDR's own "full" pattern puts a comma after the weekday in
# en_GB; Arabic keeps its own comma (،) there, as CLDR's ar_SY "full" pattern does.
_PATTERN_BY_LANGUAGE = {"ar": "EEEE، d MMMM y", "en": "EEEE d MMMM y"}
_ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def localise_digits(text: str, locale: str) -> str:
    """Latin digits in ``text`` written with the locale's usual digits (Arabic-Indic for ar_SY)."""
    if Locale.parse(locale).default_numbering_system == "arab":
        return text.translate(_ARABIC_INDIC_DIGITS)
    return text


def format_day(day: dt.date, locale: str) -> str:
    """``day`` written out for ``locale`` (a Babel/CLDR locale such as "ar_SY" or "en_GB")."""
    parsed = Locale.parse(locale)
    pattern = _PATTERN_BY_LANGUAGE.get(parsed.language, "full")
    return localise_digits(format_date(day, pattern, locale=parsed), locale)
