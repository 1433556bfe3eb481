"""Update dedupe and per-person locks: exactly once, one turn at a time, and going on without Redis."""

from __future__ import annotations

import asyncio

from bot.nlu.model import free_port
from bot.store.isolation import CLAIM_LEASE_S, DEDUPE_TTL_S, Dedupe, PersonLocks
from bot.store.store import Store
from tests.support.redis_keys import assert_every_key_expires, ttls


async def test_an_update_is_claimed_once_per_bot(store: Store) -> None:
    dedupe = Dedupe(store, "123", lease_s=5.0, wait_s=0.5)
    claims = await asyncio.gather(*(dedupe.claim(9) for _ in range(5)))
    assert [claim is not None for claim in claims] == [True, False, False, False, False]
    other = await Dedupe(store, "456").claim(9)
    assert other is not None, "another bot numbers its updates itself"
    assert 0 < (await ttls(store))["sanad:tg:123:update:9"] <= CLAIM_LEASE_S
    for claim in [*claims, other]:
        if claim is not None:
            await claim.finish()


async def test_a_finished_update_stays_claimed_for_a_day_a_released_one_is_free(store: Store) -> None:
    dedupe = Dedupe(store, "123")
    first = await dedupe.claim(1)
    assert first is not None
    await first.finish()
    assert CLAIM_LEASE_S < (await ttls(store))["sanad:tg:123:update:1"] <= DEDUPE_TTL_S
    assert await dedupe.claim(1) is None
    second = await dedupe.claim(2)
    assert second is not None
    await second.release()  # handling failed: Telegram's next delivery is handled
    again = await dedupe.claim(2)
    assert again is not None
    await again.finish()
    await assert_every_key_expires(store)


async def test_a_claim_is_renewed_while_its_update_is_handled(store: Store) -> None:
    dedupe = Dedupe(store, "123", lease_s=0.6, wait_s=0.3)
    claim = await dedupe.claim(3)
    assert claim is not None
    await asyncio.sleep(1.5)  # more than two leases: renewed meanwhile
    assert await dedupe.claim(3) is None, "still held by the process handling it"
    await claim.finish()


async def test_the_claim_of_a_dead_process_lapses_and_the_update_is_handled_once(store: Store) -> None:
    dead = Dedupe(store, "123", lease_s=1.0)
    abandoned = await dead.claim(4)
    assert abandoned is not None
    await abandoned._stop_renewing()  # its process was killed: nobody renews or finishes the claim
    waiting = Dedupe(store, "123", lease_s=1.0, wait_s=10.0)
    taken = await waiting.claim(4)  # waits until the lease lapses, then handles it here
    assert taken is not None
    assert await Dedupe(store, "123", wait_s=0.3).claim(4) is None
    await taken.finish()
    assert await Dedupe(store, "123", wait_s=10.0).claim(4) is None, "done: a duplicate from now on"


async def test_a_delivery_waiting_for_a_live_claim_is_a_duplicate_once_it_is_done(store: Store) -> None:
    dedupe = Dedupe(store, "123", lease_s=5.0, wait_s=10.0)
    working = await dedupe.claim(5)
    assert working is not None
    second = asyncio.create_task(dedupe.claim(5))
    await asyncio.sleep(0.5)
    assert not second.done(), "waits while the first process handles it"
    await working.finish()
    assert await second is None


async def test_one_turn_at_a_time_per_person(store: Store) -> None:
    locks = PersonLocks(store, lease_s=5.0, wait_s=5.0)
    order: list[str] = []

    async def turn(name: str, person: str) -> None:
        async with locks.hold(person):
            order.append(f"{name} in")
            await asyncio.sleep(0.2)
            order.append(f"{name} out")

    await asyncio.gather(turn("a", "p1"), turn("b", "p1"))
    assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
    order.clear()
    await asyncio.gather(turn("a", "p1"), turn("c", "p2"))
    assert sorted(order[:2]) == ["a in", "c in"], "different people do not wait for each other"


async def test_the_lock_is_the_persons_and_expires(store: Store) -> None:
    locks = PersonLocks(store, lease_s=5.0)
    async with locks.hold("p1"):
        assert 0 < (await ttls(store))["sanad:u:p1:lock"] <= 5
        await assert_every_key_expires(store)
    assert await ttls(store) == {}, "released"


async def test_delete_during_a_turn_removes_the_lock_and_the_turn_ends_quietly(store: Store) -> None:
    locks = PersonLocks(store, lease_s=0.3)
    async with locks.hold("p1"):
        assert await store.forget("p1") == 1  # /delete, inside the person's own turn
        await asyncio.sleep(0.25)  # a renewal finds the lock gone
    assert await ttls(store) == {}
    async with locks.hold("p1"):  # the next turn takes the lock at once
        assert "sanad:u:p1:lock" in await ttls(store)


async def test_a_busy_lock_is_given_up_after_the_wait(store: Store) -> None:
    holder, waiter = PersonLocks(store, lease_s=5.0), PersonLocks(store, lease_s=5.0, wait_s=0.2)
    async with holder.hold("p1"):
        async with waiter.hold("p1"):  # goes ahead without it rather than never
            pass
        assert "sanad:u:p1:lock" in await ttls(store), "the holder's lock is untouched"


async def test_without_redis_updates_are_handled_and_turns_go_ahead() -> None:
    away = Store.from_url(f"redis://127.0.0.1:{free_port()}/0", "key")  # nothing listens there
    try:
        claim = await Dedupe(away, "123").claim(1)
        assert claim is not None
        await claim.finish()
        await claim.release()
        async with PersonLocks(away).hold("p1"):
            pass
    finally:
        await away.aclose()
