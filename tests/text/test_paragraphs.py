"""§ 7(1)-(3) written the way people write them is the paragraph, never a date."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.deadlines.dates import read_date
from bot.text.paragraphs import as_paragraphs, paragraphs, without_paragraphs


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("شو يعني ٧/٣", ["7.3"]),
        ("انا معي 7/3 شو الفرق مع 7/1؟", ["7.3", "7.1"]),
        ("i have § 7, stk. 2", ["7.2"]),
        ("7(3) og midlertidig beskyttelse", ["7.3"]),
        ("ana ma3i 7 stk 3", ["7.3"]),
        ("معي ٧.٣.", ["7.3"]),
        ("القرار بتاريخ 7/3/2026", []),
        ("وصلني 17/3", []),
        ("date 7.3.2026", []),
    ],
)
def test_the_protection_paragraph_in_every_spelling(text: str, found: list[str]) -> None:
    assert paragraphs(text) == found


def test_the_nlu_sees_the_spelling_of_its_examples() -> None:
    assert as_paragraphs("شو يعني ٧/٣ وشو ٧(١)") == "شو يعني 7.3 وشو 7.1"


def test_a_paragraph_is_not_read_as_7_march() -> None:
    today = dt.date(2026, 3, 20)
    assert read_date("شو يعني 7/3", today).kind != "ask_again"  # the date reader alone would take it
    assert read_date(without_paragraphs("شو يعني 7/3"), today).kind == "ask_again"
