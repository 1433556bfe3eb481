"""The case lifecycle, in a real Redis server (what it leaves in storage: ``tests/store/test_cases.py``)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.handoff.cases import CaseStatus, CaseStore
from bot.store.store import Store

pytestmark = pytest.mark.redis


@pytest.fixture
async def cases(redis_url: str) -> AsyncIterator[CaseStore]:
    store = Store.from_url(redis_url)
    await store.redis.flushdb()
    yield CaseStore(store, open_ttl_s=3600, retention_s=600)
    await store.aclose()


async def test_racing_requests_open_one_case(cases: CaseStore) -> None:
    results = await asyncio.gather(*(cases.open_case("p1", "tg:1", "ar", ["free_lawyer"]) for _ in range(8)))
    assert len({case.number for case, _ in results}) == 1
    assert sum(new for _, new in results) == 1


async def test_queue_positions_and_answering(cases: CaseStore) -> None:
    first, _ = await cases.open_case("p1", "tg:1", "ar", [])
    second, _ = await cases.open_case("p2", "tg:2", "en", [])
    assert await cases.queue_position(first) == 1 and await cases.queue_position(second) == 2
    await cases.mark_answered(first)
    assert (await cases.get(first.number)).status is CaseStatus.WITH_ADVISER  # type: ignore[union-attr]
    assert await cases.queue_position(second) == 1


async def test_close_reopen_and_thread_lookup(cases: CaseStore) -> None:
    case, _ = await cases.open_case("p1", "tg:1", "ar", [])
    await cases.set_thread(case, 77)
    assert (await cases.by_thread(77)).number == case.number  # type: ignore[union-attr]
    await cases.close(case)
    assert await cases.for_person("p1") is None
    assert 0 < await cases.store.redis.ttl(f"sanad:case:{case.number}") <= 600  # kept for the retention period only
    assert await cases.reopen(case)
    assert (await cases.for_person("p1")).number == case.number  # type: ignore[union-attr]


async def test_thread_created_once(cases: CaseStore) -> None:
    case, _ = await cases.open_case("p1", "tg:1", "ar", [])
    claims = await asyncio.gather(*(cases.claim_thread_creation(case) for _ in range(5)))
    assert claims.count(True) == 1
