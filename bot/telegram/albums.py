"""CaseAlbums in a case relayed as one, both ways: a person's album reaches the case's topic as one album, an
adviser's album in the topic reaches the person as one (what is sent: ``album_relay``).

Telegram delivers the items of an album as separate updates, so each item is held in Redis
(``bot.store.held_albums``) and the album is relayed:

- by a timer of the process that held an item, once no item of the album has come for ``QUIET_S`` (at once with
  ten items, Telegram's most);
- before the next message of the same side reaches the other (the person's next message, an adviser's next
  message or command), so that the order stays as it was sent. Notes of the bot for the advisers do not wait:
  a caption read for danger is noted at once, and the album it came with is not cut in two;
- by the sweep of any bot process, when it is overdue by ``GRACE_S``: the process that held it died (SIGKILL, a
  crash, a power cut) before relaying it. The sweep runs as the bot starts and every ``SWEEP_EVERY_S``.

Relaying takes the person's lock, as a turn does, and a lease in Redis, so an album is relayed once. A process
killed in the moment between Telegram accepting the album and the record of it may have the next process send it
again: at least once, never lost. At shutdown the bot waits for its timers (``drain``), so a clean stop relays all
it held. An album that cannot be relayed (the advisers' group unreachable) is tried again every ``RETRY_S`` while
it is kept (``HELD_TTL_S``).

Logs name cases by number, never a person, an id or a caption.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from redis.exceptions import RedisError

from bot.handoff.cases import Case, CaseStore
from bot.store.held_albums import MAX_ITEMS, QUIET_S, AlbumRef, HeldAlbums, HeldItem
from bot.store.isolation import PersonLocks

log = logging.getLogger(__name__)

TO_ADVISERS = "to_advisers"  # the person's album, into the case's topic
TO_PERSON = "to_person"  # an adviser's album, to the person
GRACE_S = 2.0
SWEEP_EVERY_S = 2.0
RETRY_S = 30.0
DRAIN_S = 10.0

Sender = Callable[[Case, list[HeldItem]], Awaitable[None]]


class CaseAlbums:
    """Held albums and who relays them: ``senders`` maps a direction to what sends an album that way."""

    def __init__(self, cases: CaseStore, quiet_s: float = QUIET_S) -> None:
        self.cases = cases
        self.held = HeldAlbums(cases.store, quiet_s)
        self.locks = PersonLocks(cases.store)
        self.senders: dict[str, Sender] = {}
        self._timers: dict[AlbumRef, asyncio.Task[None]] = {}

    async def hold(self, case: Case, direction: str, group: str, item: HeldItem) -> None:
        """Hold ``item`` of the album ``group`` until the album is relayed. The caller holds the person's lock.
        Raises ``RedisError`` (then the caller relays the item by itself)."""
        album = AlbumRef(case.number, direction, group)
        if await self.held.hold(case.person, album, item) >= MAX_ITEMS:
            await self._relay(album, case)
            return
        timer = self._timers.get(album)
        if timer is None or timer.done():
            timer = asyncio.create_task(self._when_quiet(album))
            self._timers[album] = timer
            timer.add_done_callback(lambda done: self._forget_timer(album, done))

    def _forget_timer(self, album: AlbumRef, timer: asyncio.Task[None]) -> None:
        if self._timers.get(album) is timer:
            del self._timers[album]

    async def relay_held(self, case: Case, direction: str) -> None:
        """Relay now what is held in ``case`` going ``direction``, so that what comes next arrives after it. The
        caller holds the person's lock. Never raises for Redis."""
        try:
            for album in await self.held.of_case(case.number, direction):
                await self._relay(album, case)
        except RedisError as exc:
            log.warning("case %s: held albums could not be read (%s)", case.number, type(exc).__name__)

    async def sweep(self) -> int:
        """Relay every album overdue by ``GRACE_S`` (its holder stopped); how many were found."""
        overdue = await self.held.due(time.time() - GRACE_S)
        for album in overdue:
            await self._relay_when_due(album)
        return len(overdue)

    async def sweep_until(self, stop: asyncio.Event) -> None:
        """``sweep`` now and every ``SWEEP_EVERY_S`` until ``stop`` is set."""
        while not stop.is_set():
            try:
                if await self.sweep():
                    log.info("Relayed albums that were overdue")
            except Exception as exc:
                log.warning("The sweep of held albums failed (%s); trying again", type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), SWEEP_EVERY_S)

    async def drain(self, timeout_s: float = DRAIN_S) -> None:
        """Wait for this process's timers (at shutdown); those still waiting after ``timeout_s`` are cancelled and
        their albums left to the sweep of the next process."""
        timers = [timer for timer in self._timers.values() if not timer.done()]
        if not timers:
            return
        _, pending = await asyncio.wait(timers, timeout=timeout_s)
        for timer in pending:
            timer.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    # ---- relaying

    async def _when_quiet(self, album: AlbumRef) -> None:
        try:
            while (due := await self.held.due_at(album)) is not None:
                if due > time.time():
                    await asyncio.sleep(due - time.time())
                elif await self._relay_when_due(album):
                    return
        except Exception as exc:
            log.warning(
                "case %s: a held album's timer failed (%s); the sweep relays it", album.case, type(exc).__name__
            )

    async def _relay_when_due(self, album: AlbumRef) -> bool:
        """Under the person's lock, relay the album if it is still due; False when an item came meanwhile."""
        case = await self.cases.get(album.case)
        if case is None:  # the person deleted their data: nothing is relayed
            await self.held.done(None, album)
            return True
        async with self.locks.hold(case.person):
            due = await self.held.due_at(album)
            if due is not None and due > time.time():
                return False
            if due is not None:
                await self._relay(album, case)
        return True

    async def _relay(self, album: AlbumRef, case: Case) -> None:
        """Send the album its direction's way, once (a lease); kept and tried again later when that fails."""
        sender = self.senders.get(album.direction)
        if sender is None or not await self.held.claim(case.person, album):
            return
        items = await self.held.items(case.person, album)
        if items:
            try:
                await sender(case, items)
            except Exception as exc:
                log.warning(
                    "case %s: an album of %d could not be relayed (%s); trying again in %.0f s",
                    case.number,
                    len(items),
                    type(exc).__name__,
                    RETRY_S,
                )
                await self.held.later(case.person, album, RETRY_S)
                return
        await self.held.done(case.person, album)
