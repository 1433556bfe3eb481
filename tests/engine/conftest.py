"""Engine fixtures: the repository's content, a real Redis server, and either a scripted or the real NLU."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable

import pytest

from bot.content.provider import ContentProvider
from bot.engine.engine import Engine
from bot.nlu.client import NluClient
from bot.settings import REPO_ROOT
from bot.store.store import Store
from tests.support.engine import SCRIPT, THRESHOLDS, TODAY, Chat, ScriptedNlu


@pytest.fixture(scope="session")
def content() -> ContentProvider:
    """The repository's content, loaded once: the engine only reads it (a test that edits content loads its own)."""
    return ContentProvider(REPO_ROOT / "content", today=lambda: TODAY)


@pytest.fixture
async def store(redis_url: str) -> AsyncIterator[Store]:
    store = Store.from_url(redis_url)  # the hash secret is created in Redis, as in production
    await store.redis.flushdb()
    yield store
    await store.aclose()


@pytest.fixture
def scripted_nlu() -> ScriptedNlu:
    return ScriptedNlu(SCRIPT)


@pytest.fixture
def make_chat(content: ContentProvider, store: Store) -> Callable[..., Chat]:
    def make(nlu: object, user: str = "test:1", today: dt.date = TODAY, hint: str | None = "ar") -> Chat:
        engine = Engine(content, nlu, store, THRESHOLDS, today=lambda: today)  # type: ignore[arg-type]
        return Chat(engine, user, hint)

    return make


@pytest.fixture
async def rasa_nlu(rasa_url: str) -> AsyncIterator[NluClient]:
    client = NluClient(rasa_url, timeout_s=10)
    yield client
    await client.aclose()
