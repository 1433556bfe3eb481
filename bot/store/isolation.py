"""Event isolation in Redis, as aiogram keeps ``RedisEventIsolation`` beside ``RedisStorage``.

- ``Dedupe``: an update id is claimed before it is handled, so that a second delivery of the same update (a
  webhook retry, a restart before getUpdates confirmed it, another bot process) is not answered again. The claim
  is a short lease (``CLAIM_LEASE_S``) renewed while the update is handled, and becomes "done" for 24 hours, the
  longest Telegram keeps an update. A claim whose process died (killed between fetching and answering) is free
  again within seconds; a second delivery that meets a live claim waits until it is either done (then it is a
  duplicate) or free (then it is handled here): an update is neither lost nor answered twice.
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
CLAIM_LEASE_S = 10.0  # an update being handled; renewed every third of it, free this long after its process died
CLAIM_WAIT_S = 120.0  # how long a second delivery waits for a live claim held by another process
CLAIM_POLL_S = 0.25
DONE = "done"
LOCK_LEASE_S = 10.0  # the per-person lock; renewed every third of it while held, free this long after a crash
LOCK_WAIT_S = 60.0  # after this, a turn goes ahead without the lock rather than never


class Claim:
    """This process's claim on one update: renewed in the background until ``finish`` (handled: "done" for
    ``DEDUPE_TTL_S``) or ``release`` (failed: free for the next delivery). ``lock`` is None without Redis."""

    def __init__(self, dedupe: Dedupe, key: str, lock: Any | None) -> None:
        self._dedupe = dedupe
        self._key = key
        self._lock = lock
        self._finished = False
        self._stop = asyncio.Event()
        self._renewal = (
            asyncio.create_task(_renew_until(self._lock, self._stop, dedupe.lease_s, "An update's claim"))
            if lock is not None
            else None
        )

    async def _stop_renewing(self) -> None:
        if self._renewal is not None:
            self._stop.set()
            await self._renewal  # a renewal under way finishes first (see ``_renew_until``)
            self._renewal = None

    async def finish(self) -> None:
        """The update was handled: later deliveries are duplicates. Once only; later calls do nothing."""
        if self._finished:
            return
        self._finished = True
        await self._stop_renewing()
        if self._lock is not None:
            with contextlib.suppress(RedisError):
                await self._dedupe.store.redis.set(self._key, DONE, ex=DEDUPE_TTL_S)

    async def release(self) -> None:
        """The update failed: the next delivery (or another process) handles it. After ``finish``: nothing."""
        await self._stop_renewing()
        if self._lock is not None and not self._finished:
            with contextlib.suppress(RedisError):  # LockError included: the lease was lost meanwhile
                await self._lock.release()


class Dedupe:
    """Update ids seen, in Redis, per bot: update ids are numbered per bot, so another bot (a new token) sharing
    this Redis must not find its ids already taken. The keys name no person and expire."""

    def __init__(self, store: Store, bot_id: str, lease_s: float = CLAIM_LEASE_S, wait_s: float = CLAIM_WAIT_S) -> None:
        self.store = store
        self.bot_id = bot_id
        self.lease_s = lease_s
        self.wait_s = wait_s

    def key(self, update_id: int) -> str:
        return self.store.keys.update(self.bot_id, update_id)

    async def claim(self, update_id: int) -> Claim | None:
        """This process's claim on ``update_id``, or None when the update was handled already (a duplicate).

        A live claim of another process is waited for (polling every ``CLAIM_POLL_S``) until it is done (None)
        or free (claimed here), at most ``wait_s``; after that the update counts as handled by the other process.
        Without Redis, a claim that checks nothing: an answer twice is better than none (the engine answers from
        content while Redis is away)."""
        key = self.key(update_id)
        deadline = asyncio.get_running_loop().time() + self.wait_s
        waited = False
        while True:
            lock = self.store.redis.lock(key, timeout=self.lease_s, blocking=False, thread_local=False)
            try:
                if await lock.acquire():
                    if waited:
                        log.info("An update whose claim had lapsed (its process stopped) is handled here")
                    return Claim(self, key, lock)
                if await self.store.redis.get(key) == DONE:
                    return None
            except RedisError as exc:
                log.warning("Redis unavailable (%s): an update is handled without the repeat check", type(exc).__name__)
                return Claim(self, key, None)
            if asyncio.get_running_loop().time() > deadline:
                log.warning("An update stayed claimed by another process for %.0f s; left to it", self.wait_s)
                return None
            waited = True
            await asyncio.sleep(CLAIM_POLL_S)


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
        stop = asyncio.Event()
        renewal = asyncio.create_task(_renew_until(lock, stop, self.lease_s, "A person lock")) if acquired else None
        try:
            yield
        finally:
            if renewal is not None:
                stop.set()
                await renewal  # a renewal under way finishes first (see ``_renew_until``)
                with contextlib.suppress(RedisError):  # LockError included: it expired, or Redis went away
                    await lock.release()


async def _renew_until(lock: Any, stop: asyncio.Event, lease_s: float, what: str) -> None:
    """Renew ``lock`` every third of ``lease_s`` seconds until ``stop`` is set. Stopping waits for a renewal under
    way instead of cancelling it: a Redis command cancelled halfway can leave the connection pool waiting, and a
    turn that had run then never sent its replies (seen when a turn ended just as a renewal began)."""
    while True:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), lease_s / 3)
        if stop.is_set():
            return
        try:
            await lock.reacquire()
        except RedisError:  # LockError included: the lease was lost
            log.warning("%s could not be renewed", what)
            return
