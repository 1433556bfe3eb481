"""The language a message is written in (``bot.text.written``): Arabic script, English, or neither."""

from __future__ import annotations

import pytest

from bot.text.written import written_in


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I have 7(3) status since 2024, when can I bring my wife from Lebanon?", "en"),
        ("and for my wife?", "en"),
        ("شو يعني 7.3؟", "ar"),
        ("Min sag er hos Flygtningenævnet nu. قضيتي بمجلس اللاجئين", "ar"),  # any Arabic script: Arabic
        ("ana 3andi e2ame 7/3 w sa7bi 3ando 7/1, lesh huwe a7san menni?", None),  # Arabizi: not English
        ("Hej. Jeg har fået afslag på familiesammenføring til min kone", None),  # Danish
        ("yesterday", None),  # one word says too little
        ("3/11/2026", None),
    ],
)
def test_the_language_a_message_is_written_in(text: str, language: str | None) -> None:
    assert written_in(text) == language
