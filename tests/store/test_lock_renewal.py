"""A turn that ends while its person lock is being renewed waits for that renewal instead of cancelling the Redis
command halfway (unit test of ``bot.store.isolation.PersonLocks`` with a stand-in lock whose renewal is held open
until the test lets it finish)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from bot.store.isolation import PersonLocks


class HeldRenewalLock:
    """A lock whose renewal starts, then waits for ``finish`` to be set; records a cancellation."""

    def __init__(self) -> None:
        self.renewing = asyncio.Event()
        self.finish = asyncio.Event()
        self.cancelled = False
        self.renewed = 0
        self.released = False

    async def acquire(self) -> bool:
        return True

    async def reacquire(self) -> None:
        self.renewing.set()
        try:
            await self.finish.wait()
        except asyncio.CancelledError:
            self.cancelled = True
            raise
        self.renewed += 1

    async def release(self) -> None:
        self.released = True


async def test_a_turn_ending_during_a_renewal_lets_the_renewal_finish() -> None:
    lock = HeldRenewalLock()
    store = SimpleNamespace(redis=SimpleNamespace(lock=lambda *a, **k: lock), keys=SimpleNamespace(lock=lambda p: p))
    locks = PersonLocks(store, lease_s=0.03)  # type: ignore[arg-type]

    async def turn() -> None:
        async with locks.hold("person"):
            await lock.renewing.wait()  # the turn ends just as a renewal is under way

    ending = asyncio.create_task(turn())
    await lock.renewing.wait()
    await asyncio.sleep(0.05)
    assert not ending.done()  # the end of the turn waits for the renewal ...
    lock.finish.set()
    await asyncio.wait_for(ending, 5)
    assert not lock.cancelled and lock.renewed == 1  # ... which was never cut halfway
    assert lock.released
