"""The bot on Telegram, end to end: ``run_telegram`` (as ``sanad run`` starts it) against the Bot API emulator,
with the real engine, the real Rasa server and a real Redis server. Each test gets a new emulator, an empty
Redis database and its own bot; ``framework`` runs a test once per transport."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
import pytest_asyncio
from pydantic import SecretStr
from redis.asyncio import Redis

from bot.content.provider import ContentProvider
from bot.engine.engine import Engine
from bot.nlu.client import NluClient
from bot.nlu.model import free_port
from bot.runtime import build_engine
from bot.settings import Settings
from bot.store.store import Store
from bot.telegram.adviser_desk import telegram_desk
from bot.telegram.api import Transport
from bot.telegram.run import TelegramBot, build_transport, run_telegram
from tests.support.telegram import EngineFor, MakeEngine, RunningBot, Start
from tests.support.telegram_emulator import GroupChat, ScriptedUser, TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis]

FRAMEWORKS = ["aiogram", "ptb"]


@pytest.fixture(params=FRAMEWORKS)
def framework(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest_asyncio.fixture
async def emu() -> AsyncIterator[TelegramEmulator]:
    async with TelegramEmulator() as emulator:
        yield emulator
        emulator.assert_no_internal_errors()


@pytest_asyncio.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url, decode_responses=True)
    await client.flushdb()
    yield client
    await client.aclose()


@pytest.fixture
def start_bot(emu: TelegramEmulator, redis: Redis, settings: Settings, redis_url: str, rasa_url: str) -> Start:
    """``async with start_bot(framework, webhook=False) as bot:`` the bot runs, started as ``sanad run`` does;
    leaving the block stops it as SIGTERM does and checks that it stopped cleanly."""

    @asynccontextmanager
    async def start(
        framework: str, *, webhook: bool = False, engine: Any = None, **overrides: Any
    ) -> AsyncIterator[RunningBot]:
        port = free_port()
        values: dict[str, Any] = {
            "telegram_bot_token": SecretStr(emu.token),
            "telegram_api_url": emu.api_root,
            "telegram_framework": framework,
            "telegram_listen_port": port,
            "redis_url": redis_url,
            "nlu_url": rasa_url,
            "nlu_timeout_s": 10.0,
            "hash_key": SecretStr("telegram-test-key"),
        }
        if webhook:
            values["telegram_webhook_url"] = f"http://127.0.0.1:{port}/telegram/webhook"
            values["telegram_webhook_secret"] = SecretStr("test-secret_123")
        values.update(overrides)
        bot = RunningBot(settings.model_copy(update=values), emu, redis)
        since = len(emu.calls)
        serving = run_telegram(bot.settings, stop=bot.stop) if engine is None else _serve(bot, engine)
        bot.task = asyncio.create_task(serving)
        ready = emu.wait_for_call("setWebhook" if webhook else "getUpdates", finished=webhook, since=since)
        waiting = asyncio.ensure_future(ready)
        done, _ = await asyncio.wait({waiting, bot.task}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
        if bot.task in done or not done:
            waiting.cancel()
            bot.stop.set()
            raise AssertionError(f"the bot did not start: {await bot.task}")
        try:
            yield bot
        finally:
            bot.stop.set()
            code = await asyncio.wait_for(bot.task, timeout=30)
            assert code == 0, f"the bot stopped with {code}"

    return start


async def _serve(bot: RunningBot, engine: Any) -> int:
    """The bot with a given engine: the real one on a fixed clock (an ``EngineFor`` recipe from ``make_engine``,
    built around the bot's own transport as ``sanad run`` builds it) or a stand-in for tests of the transport."""
    settings = bot.settings
    assert settings.redis_url is not None and settings.hash_key is not None
    store = Store.from_url(settings.redis_url, settings.hash_key.get_secret_value())
    transport = build_transport(settings)
    if callable(engine):
        engine = engine(settings, transport)
    try:
        return await TelegramBot(settings, engine, store, transport).serve(bot.stop)
    finally:
        await store.aclose()


@pytest_asyncio.fixture
async def make_engine(settings: Settings, redis_url: str, rasa_url: str) -> AsyncIterator[MakeEngine]:
    """The real engine, with cases and a fixed clock (the Telegram bot gives it its desk)."""
    opened: list[tuple[Store, NluClient]] = []

    def make(now: dt.datetime) -> EngineFor:
        def build(bot_settings: Settings, transport: Transport) -> Engine:
            store = Store.from_url(redis_url, "telegram-test-key")
            nlu = NluClient(rasa_url, timeout_s=10)
            opened.append((store, nlu))
            chat_id = bot_settings.adviser_chat_id
            desk_for = telegram_desk(transport, chat_id) if chat_id is not None else None
            content = ContentProvider(bot_settings.content_dir)
            return build_engine(bot_settings, content, nlu, store, desk_for, now=lambda: now, spool=None)

        return build

    yield make
    for store, nlu in opened:
        await nlu.aclose()
        await store.aclose()


@pytest.fixture
def people(emu: TelegramEmulator) -> tuple[ScriptedUser, ScriptedUser, GroupChat]:
    """Alice (the person), Mona (an adviser: a member of the advisers' forum group) and the group."""
    alice = emu.create_user("Alice", username="alice_refugee", language_code="ar")
    mona = emu.create_user("Mona", last_name="Privatename", username="mona_adviser", language_code="en")
    forum = emu.create_forum("Sanad advisers", members=[mona])
    return alice, mona, forum
