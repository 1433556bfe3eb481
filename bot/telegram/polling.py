"""Long polling that loses no update: an update is confirmed to Telegram only once it has been handled.

``getUpdates`` confirms every update whose id is below the ``offset`` it is called with, and Telegram then forgets
them. The frameworks' own pollers confirm an update as soon as it is fetched, so a process killed between
fetching an update and answering it loses it. ``Poller`` instead calls ``getUpdates`` with the id of the oldest
update still being handled (or the next id when none is): a killed process's updates are still unconfirmed, and
the next process fetches them again at its first call. That they are answered exactly once is the update claims'
work (``bot.store.isolation.Dedupe``): a killed process's claim lapses within seconds, and an update that was
handled is a duplicate.

Updates fetched again while they are still being handled (Telegram returns every unconfirmed update) are not
handed over twice. While some are in flight, ``getUpdates`` would return at once (there are unconfirmed updates),
so the poller asks when one of them finishes or after ``BUSY_POLL_S``, whichever comes first: a new message
waits at most that long while others are being answered.

Telegram's refusals: a 429 is waited out; a network or server error is retried with growing pauses; a 409 (another
process polls with the same token, or a webhook is set) and other refusals are logged and retried after a pause.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from functools import partial
from typing import Any, Protocol

from bot.telegram import metrics
from bot.telegram.api import Rejected, RetryLater, TelegramFailure, Transient

log = logging.getLogger(__name__)

POLL_TIMEOUT_S = 30  # Telegram holds a getUpdates call this long when there is nothing new
BUSY_POLL_S = 0.5  # with updates in flight: ask again after this at the latest
PAUSES_S = (1.0, 2.0, 5.0, 10.0, 30.0)  # after failures in a row
REFUSED_PAUSE_S = 5.0  # after a 409 or another refusal


class Fetcher(Protocol):
    async def get_updates(self, offset: int | None, timeout_s: int, allowed_updates: Sequence[str]) -> list[Any]:
        """``getUpdates``: the framework's ``Update`` objects (each with ``update_id``)."""


class Handler(Protocol):
    async def handle_polled(self, update: Any) -> bool:
        """Hand one update over and wait until it is handled (True) or given up (False)."""


class Poller:
    """``getUpdates`` in a loop, confirming each update only once ``handler`` is done with it."""

    def __init__(
        self,
        fetcher: Fetcher,
        handler: Handler,
        allowed_updates: Sequence[str],
        timeout_s: int = POLL_TIMEOUT_S,
    ) -> None:
        self.fetcher = fetcher
        self.handler = handler
        self.allowed_updates = tuple(allowed_updates)
        self.timeout_s = timeout_s
        self._in_flight: dict[int, asyncio.Task[bool]] = {}
        self._unfinished: set[int] = set()  # not handled when the bot stopped: left for the next process
        self._handled: set[int] = set()  # handled, not yet confirmed (an older update is still in flight)
        self._stopped = False
        self._next = 0  # one above the highest update id fetched so far (0: none yet)

    @property
    def offset(self) -> int | None:
        """What the next ``getUpdates`` confirms up to: the oldest update in flight, else the next new one."""
        if self._in_flight or self._unfinished:
            return min([*self._in_flight, *self._unfinished])
        return self._next or None

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until ``stop`` is set. Updates in flight then go on (the processor's ``drain`` finishes them);
        ``confirm`` afterwards tells Telegram which were handled."""
        failures = 0
        while not stop.is_set():
            busy = bool(self._in_flight)
            if busy:  # getUpdates would return at once with the updates in flight: first let one finish
                await self._until_one_finishes(stop)
                busy = bool(self._in_flight)
            try:
                updates = await self._until_stop(
                    self.fetcher.get_updates(self.offset, 0 if busy else self.timeout_s, self.allowed_updates), stop
                )
            except RetryLater as exc:
                await self._pause(stop, exc.seconds)
                continue
            except Transient as exc:
                pause = PAUSES_S[min(failures, len(PAUSES_S) - 1)]
                failures += 1
                log.warning("getUpdates failed (%s); trying again in %.0f s", exc.description, pause)
                await self._pause(stop, pause)
                continue
            except Rejected as exc:
                metrics.FAILURES.labels("getUpdates", exc.reason).inc()
                log.error("Telegram refused getUpdates (%s); trying again in %.0f s", exc.description, REFUSED_PAUSE_S)
                await self._pause(stop, REFUSED_PAUSE_S)
                continue
            if updates is None:  # stopping
                break
            failures = 0
            self._take(updates)
        self._stopped = True

    def _take(self, updates: list[Any]) -> None:
        """Start handling the updates not already in flight."""
        for update in updates:
            update_id = int(update.update_id)
            if update_id in self._in_flight or update_id in self._handled:
                continue  # fetched again because it is not confirmed yet
            self._next = max(self._next, update_id + 1)
            task = asyncio.create_task(self.handler.handle_polled(update))
            self._in_flight[update_id] = task
            task.add_done_callback(partial(self._done, update_id))

    def _done(self, update_id: int, task: asyncio.Task[bool]) -> None:
        self._in_flight.pop(update_id, None)
        handled = not task.cancelled() and task.exception() is None and task.result()
        if self._stopped and not handled:  # cut short by the stop: the next process handles it
            self._unfinished.add(update_id)
        else:
            self._handled.add(update_id)
        offset = self.offset or 0
        self._handled = {done for done in self._handled if done >= offset}  # the rest is confirmed next call

    async def _until_one_finishes(self, stop: asyncio.Event) -> None:
        waiting = {*self._in_flight.values()}
        stopping = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait({*waiting, stopping}, timeout=BUSY_POLL_S, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()

    async def confirm(self) -> None:
        """After the processor drained: confirm to Telegram what was handled (best effort). What was not is
        fetched again by the next process."""
        offset = self.offset
        if offset is None:
            return
        with contextlib.suppress(TelegramFailure, TimeoutError):
            await asyncio.wait_for(self.fetcher.get_updates(offset, 0, self.allowed_updates), 5)

    @staticmethod
    async def _until_stop(call: Any, stop: asyncio.Event) -> list[Any] | None:
        """``call``'s result, or None (``call`` cancelled) once ``stop`` is set."""
        fetch = asyncio.ensure_future(call)
        stopping = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
        if fetch.done():
            return list(fetch.result())
        fetch.cancel()
        with contextlib.suppress(asyncio.CancelledError, TelegramFailure):
            await fetch
        return None

    @staticmethod
    async def _pause(stop: asyncio.Event, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), seconds)
