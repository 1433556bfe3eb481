"""Direction marks never inside a token, end to end (issue 14, item 3): in an Arabic chat the bot's own texts and
the advisers' replies keep ``/commands``, web and e-mail addresses whole, so that Telegram still recognises them
(a command, a link, an address a person taps). Both transports, the real engine, Rasa and Redis."""

from __future__ import annotations

import pytest

from tests.support.telegram import Start, one
from tests.support.telegram_emulator import BotMessage, TelegramEmulator
from tests.support.telegram_emulator.formatting import utf16_slice

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]


def recognised(message: BotMessage, kind: str) -> list[str]:
    """The pieces of ``message`` Telegram recognised as ``kind`` (bot_command, url, email...)."""
    text = message.text if message.text is not None else message.caption or ""
    return [utf16_slice(text, e["offset"], e["length"]) for e in message.entities if e["type"] == kind]


async def test_arabic_privacy_text_shows_delete_as_a_command(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_text("/start")
        welcome = await one(alice)
    assert "يحذف" in (welcome.text or "")
    assert "/delete" in recognised(welcome, "bot_command")
