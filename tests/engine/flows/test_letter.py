"""The letter reader's journey in the engine (``bot/engine/flows/letter.py``), with the download standing in for
Telegram's ``getFile``: what each letter, and each file the reader cannot use, gets as an answer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.core.turn import Turn, TurnKind
from bot.engine import callbacks as cb
from tests.support.engine import Chat, ScriptedNlu, kinds, text_of
from tests.support.letters import by_name, letter_pdf

pytestmark = [pytest.mark.redis]


def letter_turn(size: int | None = 1000, mime: str = "application/pdf") -> Turn:
    return Turn(
        "test:1", TurnKind.UNSUPPORTED, "", "en", media="document", file_id="file-1", file_size=size, file_mime=mime
    )


async def english(chat: Chat) -> None:
    await chat.press(cb.make(cb.LANGUAGE, "en"))


def serving(chat: Chat, data: bytes) -> list[str]:
    """Let the engine download ``data`` for any file id; returns the ids asked for."""
    asked: list[str] = []

    async def download(file_id: str) -> bytes:
        asked.append(file_id)
        return data

    chat.engine.download = download
    return asked


async def test_a_decision_counted_from_its_date_gets_its_last_day_at_once(
    make_chat: Callable[..., Chat], scripted_nlu: ScriptedNlu
) -> None:
    chat = make_chat(scripted_nlu, hint="en")
    await english(chat)
    asked = serving(chat, letter_pdf(by_name("dublin_germany")))
    replies = await chat.engine.handle(letter_turn())
    assert asked == ["file-1"]
    assert kinds(replies) == ["letter_summary", "deadline_result"]
    text = text_of(replies)
    assert "This seems to be: Dublin decision" in text and "«Afgørelse efter Dublinforordningen»" in text
    assert "Your last safe day: Tuesday 17 November 2026" in text
    assert "The letter's own text counts" in text


async def test_a_revocation_gets_what_is_known_and_no_date(
    make_chat: Callable[..., Chat], scripted_nlu: ScriptedNlu
) -> None:
    chat = make_chat(scripted_nlu, hint="en")
    await english(chat)
    serving(chat, letter_pdf(by_name("revocation_travel")))
    replies = await chat.engine.handle(letter_turn())
    assert kinds(replies) == ["letter_summary", "deadline_no_date"]
    assert "Your last safe day" not in text_of(replies)


async def test_the_delivery_buttons_carry_the_rule_and_the_date(
    make_chat: Callable[..., Chat], scripted_nlu: ScriptedNlu
) -> None:
    chat = make_chat(scripted_nlu, hint="en")
    await english(chat)
    serving(chat, letter_pdf(by_name("family_spouse")))
    chat.last = await chat.engine.handle(letter_turn())
    assert kinds(chat.last) == ["letter_summary", "letter_delivery"]
    assert cb.make(cb.LETTER_DELIVERY, "paper-iab_appeal-20261014") in chat.buttons()
    paper = await chat.press(cb.make(cb.LETTER_DELIVERY, "paper-iab_appeal-20261014"))
    assert kinds(paper) == ["deadline_result"]  # received 6 working days after 14 October (the 22nd), then 8 weeks
    assert "Your last safe day: Thursday 17 December 2026" in text_of(paper)
    forged = await chat.press(cb.make(cb.LETTER_DELIVERY, "paper-no_such_rule-20261014"))
    assert kinds(forged) == ["stale"]


async def test_files_the_reader_cannot_use(make_chat: Callable[..., Chat], scripted_nlu: ScriptedNlu) -> None:
    chat = make_chat(scripted_nlu, hint="en")
    await english(chat)
    asked = serving(chat, b"%PDF-1.4 broken")
    too_large = await chat.engine.handle(letter_turn(size=25 * 1024 * 1024))
    assert kinds(too_large) == ["letter_unreadable"] and asked == []  # not even downloaded
    broken = await chat.engine.handle(letter_turn())
    assert kinds(broken) == ["letter_unreadable"] and "damaged" in text_of(broken)
    chat.engine.download = None  # the terminal chat: no way to download a file
    assert kinds(await chat.engine.handle(letter_turn())) == ["unsupported"]
