"""Helpers for tests of adviser cases: the clock inside and outside the advisers' working hours, and a desk that
records what the engine sends to the advisers."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field

from bot.core.turn import Turn
from bot.handoff.cases import Case
from bot.handoff.desk import DeskUnavailable

WORKING_HOURS = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)  # Tuesday 13:00 in Copenhagen
NIGHT = dt.datetime(2026, 11, 27, 22, 0, tzinfo=dt.UTC)  # Friday 23:00


@dataclass
class RecordingDesk:
    """A stand-in for the advisers' group in unit tests of the engine."""

    opened: list[tuple[int, str]] = field(default_factory=list)
    forwarded: list[tuple[int, Turn]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    alerts: list[tuple[int, str]] = field(default_factory=list)
    fail: bool = False
    hang: asyncio.Event | None = None  # set: every call waits until the event is set (a group that hangs)

    async def open_case(self, case: Case, card: str) -> None:
        if self.fail:
            raise DeskUnavailable("group unreachable")
        self.opened.append((case.number, card))

    async def forward(self, case: Case, turn: Turn) -> None:
        if self.hang is not None:
            await self.hang.wait()
        if self.fail:
            raise DeskUnavailable("group unreachable")
        self.forwarded.append((case.number, turn))

    async def note(self, case: Case, text: str) -> None:
        self.notes.append((case.number, text))

    async def alert(self, case: Case, text: str) -> None:
        self.alerts.append((case.number, text))
