"""The message budget: a count per person and minute, shared by every process, expiring."""

from __future__ import annotations

import asyncio

from bot.store.budget import MessageBudget
from bot.store.store import Store
from tests.support.redis_keys import assert_every_key_expires, ttls


async def test_each_message_of_a_minute_is_counted_once(store: Store) -> None:
    now = [60 * 29_000_000 + 5.0]
    budget = MessageBudget(store, per_minute=3, clock=lambda: now[0])
    assert [await budget.spend("p1") for _ in range(4)] == [1, 2, 3, 4]
    assert await budget.spend("p2") == 1, "each person has their own budget"
    assert budget.per_minute == 3
    now[0] += 60
    assert await budget.spend("p1") == 1, "a new minute, a new count"


async def test_concurrent_messages_are_all_counted(store: Store) -> None:
    budget = MessageBudget(store, per_minute=20, clock=lambda: 60.0 * 29_000_000)
    counts = await asyncio.gather(*(budget.spend("p1") for _ in range(25)))
    assert sorted(counts) == list(range(1, 26))


async def test_the_counts_expire_and_are_the_persons(store: Store) -> None:
    budget = MessageBudget(store, per_minute=20, clock=lambda: 60.0 * 29_000_000)
    await budget.spend("p1")
    assert list(await ttls(store)) == ["sanad:u:p1:budget:29000000"]
    assert 0 < (await ttls(store))["sanad:u:p1:budget:29000000"] <= 120
    await assert_every_key_expires(store)
    assert await store.forget("p1") == 1
