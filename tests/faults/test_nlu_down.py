"""Rasa slow, stopped and restarted: the menu keeps working, every NLU call has a timeout, and the bot recovers
without a restart."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientSession, web

from bot.content.provider import ContentProvider
from bot.engine.engine import Engine
from bot.nlu.client import NluClient
from bot.nlu.model import ensure_model, free_port
from bot.nlu.rasa_process import RasaServer
from bot.settings import REPO_ROOT, Settings
from bot.store.store import Store
from tests.support.engine import THRESHOLDS, Chat, kinds
from tests.support.loopback import loopback_server

pytestmark = [pytest.mark.rasa, pytest.mark.redis]
TODAY = dt.date(2026, 11, 22)
QUESTION = "شو يعني عندي اقامة 7.3 ؟"


class SlowProxy:
    """A loopback HTTP proxy in front of the real Rasa server that can hold each request back."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.delay_s = 0.0

    async def handle(self, request: web.Request) -> web.Response:
        await asyncio.sleep(self.delay_s)
        async with (
            ClientSession() as session,
            session.request(
                request.method,
                self.upstream + request.path,
                data=await request.read(),
                headers={"Content-Type": "application/json"},
            ) as upstream,
        ):
            return web.Response(body=await upstream.read(), status=upstream.status, content_type="application/json")


@pytest.fixture
async def store(redis_url: str) -> AsyncIterator[Store]:
    store = Store.from_url(redis_url)
    yield store
    await store.aclose()


def chat_for(nlu: NluClient, store: Store, user: str) -> Chat:
    content = ContentProvider(REPO_ROOT / "content", today=lambda: TODAY)
    return Chat(Engine(content, nlu, store, THRESHOLDS, today=lambda: TODAY), user, "ar")


async def test_slow_rasa_times_out_to_the_menu_and_recovers(rasa_url: str, store: Store) -> None:
    proxy = SlowProxy(rasa_url)
    async with loopback_server(proxy.handle) as port:
        nlu = NluClient(f"http://127.0.0.1:{port}", timeout_s=1.0)
        chat = chat_for(nlu, store, "tg:slow")
        assert kinds(await chat.say(QUESTION)) == ["answer"]
        proxy.delay_s = 3.0
        started = asyncio.get_running_loop().time()
        replies = await chat.say(QUESTION)
        assert kinds(replies) == ["nlu_down"] and "m:residency" in chat.buttons()
        assert asyncio.get_running_loop().time() - started < 2.5  # the timeout, not the delay
        assert kinds(await chat.press("t:protection_status")) == ["answer"]  # the menu works meanwhile
        proxy.delay_s = 0.0
        assert kinds(await chat.say(QUESTION)) == ["answer"]
        await nlu.aclose()


async def test_rasa_stopped_and_restarted_without_restarting_the_bot(store: Store) -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    model, _ = ensure_model(settings)
    server = RasaServer(settings.nlu_dir, model, free_port()).start(settings.nlu_start_timeout_s)
    nlu = NluClient(server.url, timeout_s=2.0)
    chat = chat_for(nlu, store, "tg:restart")
    try:
        assert kinds(await chat.say(QUESTION)) == ["answer"]
        server.stop()
        assert kinds(await chat.say(QUESTION)) == ["nlu_down"]
        assert kinds(await chat.say("/menu")) == ["menu"]
        assert kinds(await chat.say("بدي انتحر")) == ["emergency"]  # the keyword net still works
        await asyncio.to_thread(server.start, settings.nlu_start_timeout_s)
        assert kinds(await chat.say(QUESTION)) == ["answer"]
    finally:
        await nlu.aclose()
        server.stop()
