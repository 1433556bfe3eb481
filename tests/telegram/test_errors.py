"""The last-resort path, both transports, polling: an unexpected error while handling an update is logged
without what the person wrote or who they are, the person is told their message is kept, and the update is
handled again (webhook mode: ``test_webhook.py``)."""

from __future__ import annotations

import logging

import pytest

from tests.support.telegram import FailsOnce, Start, deliveries
from tests.support.telegram_emulator import TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis]

KEPT_AR = "عذرًا، حدثت مشكلة عندنا. رسالتك محفوظة وسأجيب عليها بعد قليل، فلا داعي لإرسالها مرة أخرى."
KEPT_EN = "Sorry, something went wrong on our side. Your message is kept, and I will answer it shortly."


async def test_an_unexpected_error_is_apologised_for_and_the_update_handled_again(
    start_bot: Start, emu: TelegramEmulator, framework: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    alice = emu.create_user("Alice", language_code="ar")
    engine = FailsOnce()
    async with start_bot(framework, engine=engine):
        sent = alice.send_text("اسمي علياء ورقمي 12345678")
        kept, answer = await alice.wait_for_messages(2, timeout=15)
        await alice.expect_no_messages(0.5)
    assert (kept.text or "").startswith(KEPT_AR) and KEPT_EN in (kept.text or "")
    assert answer.text == "ok", "the same update, handled again: this time the engine answers"
    assert engine.calls == 2
    # tried again by the bot, in its place: the update stays unconfirmed meanwhile (getUpdates may return it again)
    # but is handed to the engine only by the retry
    assert deliveries(emu, sent.update_id) >= 1
    failures = [r.getMessage() for r in caplog.records if r.name == "bot.telegram.processor" and r.levelname == "ERROR"]
    assert len(failures) == 1 and "kind=text" in failures[0] and "RuntimeError" in failures[0]
    assert "علياء" not in caplog.text and "12345678" not in caplog.text, "nothing the person wrote in the logs"
    assert str(alice.id) not in caplog.text, "no Telegram id in the logs"
