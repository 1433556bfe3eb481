"""Getting replies to the person whatever Telegram answers: 429 waited out, 5xx retried, refused markup sent
again as plain text, long answers split; the command menu in Arabic and English. Both transports."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar

import pytest

from bot.core.turn import Button, Reply, Turn
from bot.nlu.model import free_port
from bot.telegram import delivery
from bot.telegram.render import MAX_MESSAGE
from tests.support.telegram import Start
from tests.support.telegram_emulator import TelegramEmulator, utf16_len

pytestmark = [pytest.mark.telegram, pytest.mark.redis]

CAPABILITIES_AR = "اكتب سؤالك بكلماتك"


class LongAnswers:
    """Stands in for the engine: every turn gets one reply longer than a Telegram message (real topic pages are
    kept under the limit by the content checker), with bold text across a paragraph break."""

    paragraphs: ClassVar[list[str]] = [
        f"<b>فقرة {n}</b>\n" + ("نص طويل عن الإقامة 7.3 " * 60).strip() for n in range(6)
    ]

    async def handle(self, turn: Turn) -> list[Reply]:
        text = "\n\n".join(self.paragraphs[:3]) + "\n\n<i>" + "\n\n".join(self.paragraphs[3:]) + "</i>"
        return [Reply(text, ((Button("القائمة", "m:main"),),), kind="answer")]


class SlowThinker:
    """Stands in for the engine: takes a while, as the NLU may under load."""

    async def handle(self, turn: Turn) -> list[Reply]:
        await asyncio.sleep(0.7)
        return [Reply("done")]


async def test_429_is_waited_out(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        emu.fail_next("sendMessage", error_code=429, retry_after=1)
        alice.send_text("/help")
        [reply] = await alice.wait_for_messages(timeout=15)
    assert (reply.text or "").startswith(CAPABILITIES_AR)
    first, second = emu.calls_to("sendMessage")
    assert first.status == 429 and second.ok
    assert second.started_at - (first.finished_at or 0) >= 1.0


async def test_server_errors_are_retried_not_dropped(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        emu.fail_next("sendMessage", error_code=500)
        emu.fail_next("sendMessage", error_code=502, raw_body="<html><body>502 Bad Gateway</body></html>")
        alice.send_text("/help")
        [reply] = await alice.wait_for_messages(timeout=15)
        await alice.expect_no_messages(0.5)
    assert (reply.text or "").startswith(CAPABILITIES_AR)
    assert [c.status for c in emu.calls_to("sendMessage")] == [500, 502, 200]


async def test_refused_markup_is_sent_again_as_plain_text(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        emu.fail_next(
            "sendMessage",
            error_code=400,
            description='Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0',
        )
        alice.send_text("/start")
        [reply] = await alice.wait_for_messages(timeout=15)
    refused, plain = emu.calls_to("sendMessage")
    assert refused.status == 400 and refused.params["parse_mode"] == "HTML"
    assert plain.ok and "parse_mode" not in plain.params
    assert "<b>" not in (reply.text or "") and "سند" in (reply.text or "")
    assert "l:en" in [data for row in reply.buttons for _, data in row], "the buttons are kept"


async def test_long_answers_are_split_on_paragraphs(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework, engine=LongAnswers()):
        alice.send_text("شو يعني 7.3")
        messages = await alice.wait_for_messages(3, timeout=15)
        await alice.expect_no_messages(0.5)
    assert all(utf16_len(m.text or "") <= MAX_MESSAGE for m in messages)
    assert [bool(m.buttons) for m in messages] == [False, False, True]
    assert all((m.text or "").startswith("فقرة") for m in messages), "each message starts with a paragraph"
    assert {"type": "bold", "offset": 0, "length": 6} in messages[1].entities
    italic = [e for e in messages[2].entities if e["type"] == "italic"]
    assert italic and italic[0]["offset"] == 0, "the italic part opened in an earlier message goes on"


async def test_typing_is_kept_up_while_the_bot_thinks(
    start_bot: Start, emu: TelegramEmulator, framework: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "TYPING_EVERY_S", 0.2)
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework, engine=SlowThinker()):
        alice.send_text("شو يعني 7.3")
        await alice.wait_for_messages(timeout=15)
    assert len(emu.chat_actions) >= 3 and {a.action for a in emu.chat_actions} == {"typing"}


async def test_answers_go_on_while_redis_is_away(
    start_bot: Start, emu: TelegramEmulator, framework: str, tmp_path: Path
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    nowhere = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    async with start_bot(framework, redis_url=nowhere, state_dir=tmp_path):
        alice.send_text("/menu")
        alice.send_text("شو يعني عندي اقامة 7.3 ؟")
        menu, answer = await alice.wait_for_messages(2, timeout=30)
    assert "m:residency" in [data for row in menu.buttons for _, data in row]
    assert "7.3" in (answer.text or "")


async def test_command_menu_in_arabic_and_english(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    arabic, english, danish = (emu.create_user(n, language_code=c) for n, c in [("A", "ar"), ("E", "en"), ("D", "da")])
    family = emu.create_group("Family", members=[arabic])
    async with start_bot(framework):
        pass
    commands = ["start", "menu", "language", "adviser", "delete", "help"]
    assert [c["command"] for c in arabic.visible_commands()] == commands
    assert arabic.visible_commands()[0]["description"] == "البداية: من أنا وماذا أحفظ عنك"
    assert english.visible_commands()[4] == {"command": "delete", "description": "Delete everything I store about you"}
    assert danish.visible_commands() == arabic.visible_commands(), "everyone else gets the default, Arabic"
    assert arabic.visible_commands(chat=family) == [], "only private chats have the menu"
    scopes = {str(c.params.get("scope")) for c in emu.calls_to("setMyCommands")}
    assert all("all_private_chats" in scope for scope in scopes)
