"""The record of a request for an adviser when there is no advisers' group."""

from __future__ import annotations

import json

from bot.store.requests import AdviserRequests
from bot.store.store import Store
from tests.support.redis_keys import ttls


async def test_a_request_names_language_topics_and_time_only_and_expires(store: Store) -> None:
    await AdviserRequests(store, ttl_s=600).record("p1", "ar", ["family", "residency"], at=1_790_000_000.7)
    raw = await store.redis.get("sanad:u:p1:adviser_request")
    assert json.loads(raw or "") == {"language": "ar", "topics": ["family", "residency"], "at": 1_790_000_000}
    assert 0 < (await ttls(store))["sanad:u:p1:adviser_request"] <= 600
    assert await store.forget("p1") == 1
