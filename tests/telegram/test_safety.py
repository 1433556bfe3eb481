"""Safety on Telegram, over both transports, against the Bot API emulator with the real engine, Rasa and Redis:
a person in crisis gets the emergency message after a burst of messages, while the calculator waits for a date,
and inside an open adviser case, where the advisers also get a marked alert."""

from __future__ import annotations

import pytest

from tests.support.telegram import (
    MakeEngine,
    Start,
    callback_data,
    one,
    open_case,
    press,
    shown,
    start_case,
)
from tests.support.telegram_emulator import BotMessage, GroupChat, ScriptedUser, TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]

EMERGENCY_TITLE = "هل أنت في خطر"  # the Arabic emergency page's title (content/emergency/ar.md)
EMERGENCY_TITLE_EN = "Are you in danger?"  # the English one, for a crisis written in English


async def test_a_burst_ending_in_a_crisis_gets_the_emergency_message(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        for n in range(27):
            alice.send_text(f"الو {n}")
        for message in ("bfaker ente7er", "I want to die", "my husband is hitting me right now"):
            alice.send_text(message)
        replies = await _all_until_quiet(alice)
    crisis = [m for m in replies if EMERGENCY_TITLE in shown(m) or EMERGENCY_TITLE_EN in shown(m)]
    assert len(crisis) == 3, [shown(m)[:40] for m in replies]
    assert EMERGENCY_TITLE in shown(crisis[0])  # Arabizi: in Arabic, as the phone says
    assert all(EMERGENCY_TITLE_EN in shown(m) for m in crisis[1:])  # written in English: answered in English
    assert replies[-3:] == crisis, "each crisis message is answered, in order, after the budget ran out"
    assert all(callback_data(m)[0] == "a:adviser" for m in crisis)


async def test_a_crisis_while_the_calculator_waits_for_a_date(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_text("/menu")
        await one(alice)
        for step in ("m:appeals", "a:deadline_calculator", "d:iab_appeal"):
            await press(alice, step)
            asked = await one(alice)
        assert "تاريخ" in shown(asked)  # the calculator now waits for the letter's date
        alice.send_text("بدي موت")
        reply = await one(alice)
    assert EMERGENCY_TITLE in shown(reply)


async def test_a_crisis_inside_an_open_case_alerts_the_advisers(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, _mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        alice.send_text("ما عاد فيني، رح اقتل حالي الليلة")
        reply = await one(alice)
        copy, alert = await forum.wait_for_messages(2, topic=thread, timeout=20)
        await emu.wait_for_call("editForumTopic", timeout=15)
    assert "112" in shown(reply)
    assert shown(copy).startswith("ما عاد فيني"), "the message itself still reaches the advisers"
    assert "🚨" in shown(alert) and "URGENT" in shown(alert)
    assert forum.topic(thread).name.startswith("🚨"), "the case stands out in the advisers' topic list"


async def _all_until_quiet(user: ScriptedUser) -> list[BotMessage]:
    """Every message the bot sends to ``user`` until it has been quiet for a few seconds."""
    received: list[BotMessage] = []
    while True:
        try:
            received += await user.wait_for_messages(1, timeout=8)
        except AssertionError:
            return received
