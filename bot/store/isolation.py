"""Event isolation in Redis, as aiogram keeps ``RedisEventIsolation`` beside ``RedisStorage``.

- ``Dedupe``: an update id is claimed (``SET NX``) before it is handled, so that a second delivery of the same
  update (a webhook retry, a restart before getUpdates confirmed it, another bot process) is skipped. The claim
  becomes "done" for 24 hours, the longest Telegram keeps an update; a claim whose process died mid-way expires
  after five minutes so that a later retry is handled.
- ``PersonLocks``: one turn at a time per person across bot processes; the lock is renewed while held and lives
  under the person's keys (``sanad:u:<person>:lock``), so ``/delete`` leaves nothing behind.

Both degrade rather than stop when Redis is away: an answer twice, or without the lock, is better than none.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from redis.exceptions import RedisError

from bot.store.store import Store

log = logging.getLogger(__name__)

DEDUPE_TTL_S = 24 * 3600  # Telegram keeps an undelivered update for at most 24 hours
CLAIM_TTL_S = 300  # an update being handled; freed after this if its process died
LOCK_LEASE_S = 30.0  # the per-person lock; renewed every third of it while held
LOCK_WAIT_S = 60.0  # after this, a turn goes ahead without the lock rather than never


class Dedupe:
    """Update ids seen, in Redis, per bot: update ids are numbered per bot, so another bot (a new token) sharing
    this Redis must not find its ids already taken. The keys name no person and expire."""

    def __init__(self, store: Store, bot_id: str) -> None:
        self.store = store
        self.bot_id = bot_id

    def key(self, update_id: int) -> str:
        return self.store.keys.update(self.bot_id, update_id)

    async def claim(self, update_id: int) -> bool:
        """True for the first delivery of ``update_id``; False for every later one. Without Redis, True: an
        answer twice is better than none (the engine answers from content while Redis is away)."""
        try:
            return bool(await self.store.redis.set(self.key(update_id), "working", nx=True, ex=CLAIM_TTL_S))
        except RedisError as exc:
            log.warning("Redis unavailable (%s): an update is handled without the repeat check", type(exc).__name__)
            return True

    async def finish(self, update_id: int) -> None:
        with contextlib.suppress(RedisError):
            await self.store.redis.set(self.key(update_id), "done", ex=DEDUPE_TTL_S)

    async def release(self, update_id: int) -> None:
        with contextlib.suppress(RedisError):
            await self.store.redis.delete(self.key(update_id))


class PersonLocks:
    """One turn at a time per person, across bot processes."""

    def __init__(self, store: Store, lease_s: float = LOCK_LEASE_S, wait_s: float = LOCK_WAIT_S) -> None:
        self.store = store
        self.lease_s = lease_s
        self.wait_s = wait_s

    @contextlib.asynccontextmanager
    async def hold(self, person: str) -> AsyncIterator[None]:
        """Hold the person's lock while the block runs. ``/delete`` inside the block deletes the lock with the
        person's other keys; releasing it then is a quiet no-op."""
        lock = self.store.redis.lock(
            self.store.keys.lock(person),
            timeout=self.lease_s,
            sleep=0.05,
            blocking_timeout=self.wait_s,
            thread_local=False,
        )
        try:
            acquired = await lock.acquire()
        except RedisError as exc:
            log.warning("Redis unavailable (%s): a turn goes ahead without the person lock", type(exc).__name__)
            acquired = False
        else:
            if not acquired:
                log.warning("person=%s: lock not free after %.0f s; going ahead without it", person[:8], self.wait_s)
        renewal = asyncio.create_task(self._renew(lock)) if acquired else None
        try:
            yield
        finally:
            if renewal is not None:
                renewal.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await renewal
                with contextlib.suppress(RedisError):  # LockError included: it expired, or Redis went away
                    await lock.release()

    async def _renew(self, lock: Any) -> None:
        while True:
            await asyncio.sleep(self.lease_s / 3)
            try:
                await lock.reacquire()
            except RedisError:
                log.warning("A person lock could not be renewed")
                return
