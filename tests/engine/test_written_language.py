"""A person who has not chosen a language is answered in the language they write (Arabic or English), and stays
in it through short answers that say nothing of a language; a chosen language always wins."""

from __future__ import annotations

from collections.abc import Callable

from tests.support.engine import Chat, ScriptedNlu, text_of

EN = "Not yet checked by a lawyer"  # the review notice opening every answer
AR = "لم يراجعها محامٍ بعد"


async def test_an_english_writer_is_answered_in_english_until_they_write_arabic(
    make_chat: Callable[..., Chat], scripted_nlu: ScriptedNlu
) -> None:
    chat = make_chat(scripted_nlu)  # the phone says Arabic
    english = text_of(await chat.say("What does 7.3 mean for me and my family?"))
    assert EN in english and AR not in english
    short = text_of(await chat.say("7.3"))  # a short message keeps the language the person writes
    assert EN in short and AR not in short
    arabic = text_of(await chat.say("شو يعني 7.3؟"))
    assert AR in arabic and EN not in arabic


async def test_a_chosen_language_wins_over_the_written_one(
    make_chat: Callable[..., Chat], scripted_nlu: ScriptedNlu
) -> None:
    chat = make_chat(scripted_nlu)
    await chat.press("l:ar")
    assert AR in text_of(await chat.say("What does 7.3 mean for me and my family?"))
