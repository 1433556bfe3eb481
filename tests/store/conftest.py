"""The repositories of ``bot.store`` against a real Redis server, one empty database per test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.store.store import Store

HASH_KEY = "store-test-key"


@pytest.fixture
async def store(redis_url: str) -> AsyncIterator[Store]:
    store = Store.from_url(redis_url, HASH_KEY)
    await store.redis.flushdb()
    yield store
    await store.aclose()
