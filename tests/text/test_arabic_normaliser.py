"""The one Arabic normaliser, used by the Rasa pipeline and by the bot."""

from __future__ import annotations

import pytest

from bot.text.arabic import normalise


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        # hamza and alef forms
        ("أنا", "انا"),
        ("إقامة", "اقامه"),
        ("آخر", "اخر"),
        ("ٱلله", "الله"),
        ("مسؤول", "مسوول"),
        ("لاجئ", "لاجي"),
        # ta marbuta and alef maqsura
        ("حماية مؤقتة", "حمايه موقته"),
        ("على", "علي"),
        ("مستشفى", "مستشفي"),
        # tatweel and diacritics
        ("بــــدي", "بدي"),
        ("مُحَامٍ", "محام"),
        ("إِقَامَةٌ", "اقامه"),
        ("شدّة", "شده"),
        # Arabic-Indic and Persian digits, Arabic punctuation
        ("٣/١١/٢٠٢٦", "3/11/2026"),
        ("۷.۳", "7.3"),
        ("شو يعني ٧.٣؟", "شو يعني 7.3?"),
        ("اه، طيب", "اه, طيب"),
        # keyboard look-alikes
        ("کیف", "كيف"),
        ("ڤيزا", "فيزا"),
        ("زاروكێن من", "زاروكين من"),  # a Kurdish keyboard: ێ ە ھ ۆ
        ("ھاد", "هاد"),
        ("کۆمونە", "كومونه"),
        # invisible characters and spaces
        ("مرحبا\u200f \u200eكيفك", "مرحبا كيفك"),
        ("\u2067٣\u2069", "3"),
        ("  شو   بدي  \n", "شو بدي"),
        # stretched letters, but not digits
        ("شووووو", "شو"),
        ("pleeeease", "please"),
        ("2000 kr", "2000 kr"),
        # Latin: case and Danish letters
        ("Kærshovedgård", "kaershovedgaard"),
        ("Ellebæk", "ellebaek"),
        ("Shu YA3NI 7.3", "shu ya3ni 7.3"),
        ("Flygtningenævnet", "flygtningenaevnet"),
        ("Hjemrejsestyrelsen", "hjemrejsestyrelsen"),
        # presentation forms
        ("ﻻ", "لا"),
    ],
)
def test_normalise(written: str, normalised: str) -> None:
    assert normalise(written) == normalised


def test_spelling_variants_meet() -> None:
    assert normalise("إقامة مؤقتة") == normalise("اقامه موقته") == normalise("اِقامةٌ مؤقّتة")


def test_idempotent_on_mixed_text() -> None:
    text = "شو يعني ٧.٣ يا Kærshovedgård؟ بــدي أعرف!!"
    assert normalise(normalise(text)) == normalise(text)


def test_empty_and_whitespace() -> None:
    assert normalise("") == ""
    assert normalise("\u200b\u200c \t") == ""
