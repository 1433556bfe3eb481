"""Personal data is removed before a question is kept for volunteers."""

from __future__ import annotations

import pytest

from bot.text.scrub import scrub


@pytest.mark.parametrize(
    ("question", "gone"),
    [
        ("رقمي +45 22 33 44 55 اتصلوا فيني", "22 33 44 55"),
        ("my number is 0045 22334455", "22334455"),
        ("رقمي ٢٢ ٣٣ ٤٤ ٥٥", "22 33 44 55"),
        ("email me at ahmad.k+test@gmail.com please", "ahmad.k+test@gmail.com"),
        ("CPR 120385-1234 what do I do", "120385-1234"),
        ("cpr ١٢٠٣٨٥١٢٣٤", "1203851234"),
        ("my sag nr. 2024/12345-7 was refused", "2024/12345"),
        ("j.nr. 19-7788 about revocation", "19-7788"),
        ("رقم الملف 556677 شو صار فيه", "556677"),
        ("case ref: ab12345", "ab12345"),
    ],
)
def test_personal_data_is_removed(question: str, gone: str) -> None:
    assert gone not in scrub(question)
    assert "[" in scrub(question)


def test_ordinary_numbers_stay() -> None:
    assert scrub("شو يعني 7.3 وقديش مدة 8 اسابيع من 3/11/2026") == "شو يعني 7.3 وقديش مدة 8 اسابيع من 3/11/2026"
