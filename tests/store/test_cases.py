"""Cases in Redis: the records and indexes (``CaseRecords``) and what the case lifecycle leaves in storage."""

from __future__ import annotations

import asyncio

from bot.handoff.cases import CaseStore
from bot.store.cases import LONG_TTL_S, CaseRecords
from bot.store.store import Store
from tests.support.redis_keys import assert_every_key_expires, ttls


async def test_numbers_are_unique_and_the_sequence_expires(store: Store) -> None:
    records = CaseRecords(store)
    numbers = await asyncio.gather(*(records.next_number() for _ in range(10)))
    assert sorted(numbers) == list(range(1, 11))
    assert 0 < (await ttls(store))["sanad:case-seq"] <= LONG_TTL_S


async def test_a_person_has_one_open_case(store: Store) -> None:
    records = CaseRecords(store)
    assert await records.claim_open("p1", 1, ttl_s=600)
    assert not await records.claim_open("p1", 2, ttl_s=600)
    assert await records.open_number("p1") == 1 and await records.open_number("p2") is None
    await records.clear_open("p1")
    assert await records.open_number("p1") is None


async def test_the_waiting_order(store: Store) -> None:
    records = CaseRecords(store)
    await records.enqueue(1, 100.0, refresh=True)
    await records.enqueue(2, 50.0)
    await records.enqueue(3, 0)  # an alert goes first
    assert [await records.rank(n) for n in (3, 2, 1)] == [0, 1, 2]
    assert await records.waiting_until(60.0) == [3, 2]
    await records.dequeue(3)
    assert await records.rank(3) is None
    await assert_every_key_expires(store)


async def test_records_topics_and_leases(store: Store) -> None:
    records = CaseRecords(store)
    await records.put(1, {"number": 1, "address": "tg:1"}, ttl_s=600)
    await records.link_thread(77, 1, ttl_s=600)
    assert await records.get(1) == {"number": 1, "address": "tg:1"} and await records.get(2) is None
    assert await records.number_in_thread(77) == 1 and await records.number_in_thread(78) is None
    assert await records.claim_creation(1, lease_s=30) and not await records.claim_creation(1, lease_s=30)
    await records.release_creation(1)
    assert await records.claim_creation(1, lease_s=30)
    await records.unlink_thread(77)
    assert await records.number_in_thread(77) is None
    await assert_every_key_expires(store)


async def test_every_case_key_expires(store: Store) -> None:
    cases = CaseStore(store, open_ttl_s=3600, retention_s=600)
    case, _ = await cases.open_case("p1", "tg:1", "ar", [])
    await cases.set_thread(case, 9)
    await cases.claim_thread_creation(case)
    await cases.raise_alert(case)
    other, _ = await cases.open_case("p2", "tg:2", "en", [])
    await cases.close(other)
    await assert_every_key_expires(store)


async def test_forget_leaves_nothing(store: Store) -> None:
    cases = CaseStore(store, open_ttl_s=3600, retention_s=600)
    old, _ = await cases.open_case("p1", "tg:1", "ar", ["x"])
    await cases.set_thread(old, 4)
    await cases.close(old)  # a closed case is kept for the retention period...
    case, _ = await cases.open_case("p1", "tg:1", "ar", ["x"])
    await cases.set_thread(case, 5)
    await cases.claim_thread_creation(case)
    await cases.forget_person("p1")  # ...but /delete removes it with the open one
    keys = list(await ttls(store))
    assert not [k for k in keys if "case:" in k or ":u:" in k or "case-thread" in k], keys
    values = [await store.redis.get(k) for k in keys if await store.redis.type(k) == "string"]
    assert not [v for v in values if v and "tg:1" in v]
    assert await store.redis.zcard("sanad:cases:waiting") == 0
