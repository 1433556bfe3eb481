"""Helpers for the end-to-end Telegram tests (``tests/telegram/``): the running bot a test talks to, the types of
the ``start_bot`` and ``make_engine`` fixtures, and small steps every test takes (press a button, count
deliveries)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from redis.asyncio import Redis

from bot.core.turn import Reply, Turn
from bot.engine.engine import Engine
from bot.settings import Settings
from bot.store.keys import KEYS
from bot.telegram.api import Transport
from bot.text.bidi import strip_isolates
from tests.support.handoff import WORKING_HOURS
from tests.support.telegram_emulator import BotMessage, CallbackPress, GroupChat, ScriptedUser, TelegramEmulator


class RunningBot:
    """The bot a test started with ``start_bot``: its settings, the emulator and the test's Redis database."""

    def __init__(self, settings: Settings, emu: TelegramEmulator, redis: Redis) -> None:
        self.settings = settings
        self.emu = emu
        self.redis = redis
        self.stop = asyncio.Event()
        self.task: asyncio.Task[int] | None = None

    @property
    def web_root(self) -> str:
        return f"http://127.0.0.1:{self.settings.telegram_listen_port}"

    async def person_keys(self) -> list[str]:
        return [key async for key in self.redis.scan_iter(match=KEYS.people_pattern())]


Start = Callable[..., AbstractAsyncContextManager[RunningBot]]  # the ``start_bot`` fixture
EngineFor = Callable[[Settings, Transport], Engine]  # builds the real engine around the bot's own transport
MakeEngine = Callable[[dt.datetime], EngineFor]  # the ``make_engine`` fixture: a fixed clock -> a recipe


class FailsOnce:
    """Stands in for the engine: the first turn raises an error nobody expected, whose message quotes what the
    person wrote (as careless code might); later turns answer "ok"."""

    def __init__(self) -> None:
        self.calls = 0

    async def handle(self, turn: Turn) -> list[Reply]:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError(f"could not answer {turn.text!r}")
        return [Reply("ok")]


def callback_data(message: Any) -> list[str]:
    return [data for row in message.buttons for _, data in row]


async def press(user: ScriptedUser, data: str) -> CallbackPress:
    """Press a button by its callback data and check that the press was answered (the spinner stops)."""
    pressed = user.press(data)
    assert isinstance(pressed, CallbackPress), f"{data} is not an inline button"
    await pressed.wait_answered(timeout=10)
    return pressed


async def delivered(emu: TelegramEmulator, update_id: int | None, times: int) -> None:
    """Wait until getUpdates has handed the bot this update ``times`` times."""
    await emu.state.notifier.wait_for(lambda: True if deliveries(emu, update_id) >= times else None, 10)


def deliveries(emu: TelegramEmulator, update_id: int | None) -> int:
    """How many times getUpdates handed the bot this update."""
    return sum(
        1
        for call in emu.calls_to("getUpdates")
        for update in (call.result or [])
        if isinstance(update, dict) and update.get("update_id") == update_id
    )


def shown(message: BotMessage) -> str:
    """A message's text (or a file's caption) as the person reads it, without the invisible bidi isolates."""
    return strip_isolates(message.text if message.text is not None else message.caption or "")


async def one(user: ScriptedUser, timeout: float = 20) -> BotMessage:
    """The next message the bot sends to ``user`` (exactly one)."""
    [message] = await user.wait_for_messages(1, timeout=timeout)
    return message


# ---- adviser cases (``test_handoff.py`` and the tests that need an open case)


async def consent(alice: ScriptedUser, emu: TelegramEmulator) -> list[BotMessage]:
    """/adviser, then "Yes, connect me": the replies after consent."""
    alice.send_text("/adviser")
    [offer] = await alice.wait_for_messages(1, timeout=15)
    assert {"x:handoff", "x:cancel"} <= set(callback_data(offer))
    await press(alice, "x:handoff")
    return await alice.wait_for_messages(1, timeout=15)


async def case_topic(emu: TelegramEmulator, forum: GroupChat, since: int = 0) -> int:
    """The forum topic the bot creates for a case (waits for its createForumTopic)."""
    call = await emu.wait_for_call("createForumTopic", timeout=15, since=since)
    assert call.result is not None
    return int(call.result["message_thread_id"])


async def open_case(person: ScriptedUser, emu: TelegramEmulator, forum: GroupChat) -> int:
    """The person asks for an adviser and consents (``consent``); returns the case's forum topic id (the
    ``message_thread_id`` of the first createForumTopic after this call) once the case card is in it.

    The card is read: the next ``forum.wait_for_messages(topic=thread)`` returns what comes after it
    (``forum.inbox(thread)[0]`` is the card). Works for a second or third case too."""
    since = len(emu.calls)
    await consent(person, emu)
    thread = await case_topic(emu, forum, since=since)
    await forum.wait_for_messages(1, topic=thread, timeout=15)  # the card
    return thread


async def relay_to_advisers(person: ScriptedUser, forum: GroupChat, thread: int, text: str) -> BotMessage:
    """The person writes ``text`` in an open case; returns the next bot message in the case's topic (the copy the
    advisers see), waiting up to 15 s."""
    person.send_text(text)
    [copy] = await forum.wait_for_messages(1, topic=thread, timeout=15)
    return copy


async def relay_to_person(
    adviser: ScriptedUser, forum: GroupChat, thread: int, person: ScriptedUser, text: str, **send: Any
) -> BotMessage:
    """The adviser writes ``text`` in the case's topic (``send``: more ``send_text`` arguments, such as
    ``entities``); returns the next message the bot sends the person (exactly one), waiting up to 15 s."""
    adviser.send_text(text, chat=forum, topic=thread, **send)
    [reply] = await person.wait_for_messages(1, timeout=15)
    return reply


def start_case(start_bot: Start, make_engine: MakeEngine, framework: str, forum: GroupChat, **overrides: Any) -> Any:
    """``start_bot`` with the real engine on a fixed clock (``now``, by default in working hours) and the advisers'
    group."""
    now = overrides.pop("now", WORKING_HOURS)
    return start_bot(framework, engine=make_engine(now), adviser_chat_id=forum.id, **overrides)
