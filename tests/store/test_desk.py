"""The advisers' desk in Redis (``DeskRecords``): claims are atomic across bot processes, the reminder is claimed
once, advisers appear only hashed, every key expires and ``/delete`` leaves none of a person's case behind."""

from __future__ import annotations

import asyncio

from bot.handoff.cases import CaseStore
from bot.store.desk import Claim, DeskRecords
from bot.store.store import Store
from tests.support.redis_keys import assert_every_key_expires, ttls

MONA = Claim("hash-of-mona", "Mona")
SAMI = Claim("hash-of-sami", "Sami")


async def test_take_swaps_and_reports_who_had_it(store: Store) -> None:
    desk = DeskRecords(store)
    assert await desk.take(1, MONA, ttl_s=600) is None
    assert await desk.take(1, SAMI, ttl_s=600) == MONA
    assert await desk.claim(1) == SAMI
    assert await desk.release(1) == SAMI
    assert await desk.release(1) is None and await desk.claim(1) is None


async def test_racing_takes_from_two_processes_hand_the_case_on_one_at_a_time(store: Store, redis_url: str) -> None:
    """Each ``/take`` learns who had the case just before it: every claim is handed on exactly once, as it would
    not be if two processes read, then wrote."""
    other = Store.from_url(redis_url, "store-test-key")  # a second bot process: its own connection
    try:
        first, second = DeskRecords(store), DeskRecords(other)
        advisers = [Claim(f"hash-{n}", f"Adviser{n}") for n in range(12)]
        previous = await asyncio.gather(
            *(desk.take(7, claim, ttl_s=600) for desk, claim in zip([first, second] * 6, advisers, strict=True))
        )
        final = await first.claim(7)
        assert previous.count(None) == 1
        assert sorted([p.name for p in previous if p is not None] + [final.name]) == sorted(a.name for a in advisers)  # type: ignore[union-attr]
        reminders = await asyncio.gather(*(desk.claim_reminder(7, ttl_s=600) for desk in (first, second) * 4))
        assert sum(reminders) == 1  # one reminder, whichever process is first
    finally:
        await other.aclose()


async def test_advisers_are_stored_hashed_and_every_key_expires(store: Store) -> None:
    desk = DeskRecords(store)
    adviser = await desk.adviser_id("tg:4242")
    await desk.remember_adviser("Mona_Adviser", Claim(adviser, "Mona"))
    assert await desk.adviser_by_username("mona_adviser") == Claim(adviser, "Mona")
    await desk.trust_member(adviser, 300)
    await desk.take(3, Claim(adviser, "Mona"), ttl_s=600)
    await desk.set_card(3, 99, ttl_s=600)
    await desk.set_board(55, "digest")
    keys = " ".join(await ttls(store))
    assert "4242" not in keys and "mona_adviser" not in keys.lower()
    await desk.distrust_member(adviser)
    assert not await desk.is_member(adviser)
    await assert_every_key_expires(store)


async def test_delete_erases_the_desk_keys_of_the_persons_cases(store: Store) -> None:
    cases = CaseStore(store, open_ttl_s=3600, retention_s=600)
    desk = DeskRecords(store)
    case, _ = await cases.open_case("p1", "tg:1", "ar", [])
    await desk.take(case.number, MONA, ttl_s=600)
    await desk.set_card(case.number, 12, ttl_s=600)
    await desk.claim_reminder(case.number, ttl_s=600)
    assert [c.number for c in await cases.open_cases()] == [case.number]
    await cases.forget_person("p1")
    left = [key for key in await ttls(store) if key.startswith(f"sanad:case:{case.number}")]
    assert left == [] and await cases.open_cases() == []
