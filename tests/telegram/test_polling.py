"""The poller on its own (``bot.telegram.polling``), with a stand-in for ``getUpdates`` and for the processor:
an update is confirmed (the offset moves past it) only once it is handled, an update fetched again while it is
handled is handed over once, and what a stop cut short is left unconfirmed for the next process. The whole bot
killed between fetching and answering is in ``test_restart.py``."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.telegram.polling import Poller


@dataclass(frozen=True)
class FakeUpdate:
    update_id: int


class Telegram:
    """Keeps updates until an offset confirms them, as ``getUpdates`` does; records each offset asked with."""

    def __init__(self, *ids: int) -> None:
        self.queue = [FakeUpdate(i) for i in ids]
        self.offsets: list[int | None] = []

    async def get_updates(self, offset: int | None, timeout_s: int, allowed_updates: Sequence[str]) -> list[Any]:
        self.offsets.append(offset)
        if offset is not None:
            self.queue = [u for u in self.queue if u.update_id >= offset]
        if not self.queue:
            await asyncio.sleep(min(timeout_s, 0.05))
        return list(self.queue)


class Processor:
    """Handles each update when the test releases it."""

    def __init__(self) -> None:
        self.handed: list[int] = []
        self.release: dict[int, asyncio.Event] = {}

    async def handle_polled(self, update: Any) -> bool:
        self.handed.append(update.update_id)
        event = self.release.setdefault(update.update_id, asyncio.Event())
        await event.wait()
        return True


async def _until(check: Any, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not check():
            await asyncio.sleep(0.01)


async def test_an_update_is_confirmed_only_once_handled_and_handed_over_once() -> None:
    telegram, processor = Telegram(1, 2), Processor()
    poller = Poller(telegram, processor, ("message",), timeout_s=1)
    stop = asyncio.Event()
    running = asyncio.create_task(poller.run(stop))
    await _until(lambda: processor.handed == [1, 2])
    processor.release.setdefault(2, asyncio.Event()).set()  # the newer one first
    await _until(lambda: len(telegram.offsets) >= 4)
    assert poller.offset == 1 and [u.update_id for u in telegram.queue] == [1, 2], "1 is still being handled"
    processor.release.setdefault(1, asyncio.Event()).set()
    await _until(lambda: 3 in telegram.offsets)
    assert telegram.queue == [] and processor.handed == [1, 2], "fetched again while handled, handed over once"
    stop.set()
    await running


async def test_what_a_stop_cut_short_stays_unconfirmed() -> None:
    telegram, processor = Telegram(5), Processor()
    poller = Poller(telegram, processor, ("message",), timeout_s=1)
    stop = asyncio.Event()
    running = asyncio.create_task(poller.run(stop))
    await _until(lambda: processor.handed == [5])
    stop.set()
    await running
    for task in list(poller._in_flight.values()):  # as the processor's drain cancels what did not finish
        task.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await poller.confirm()
    assert telegram.offsets[-1] == 5 and [u.update_id for u in telegram.queue] == [5]
