"""What the engine needs from the place where advisers work (a Telegram forum group, or nothing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from bot.core.turn import Turn
from bot.handoff.cases import Case, CaseStore


class DeskUnavailable(Exception):
    """The advisers cannot be reached at all (the group is gone, the bot lacks rights, the service keeps failing)."""


class AdviserDesk(Protocol):
    async def open_case(self, case: Case, card: str) -> None:
        """Give the case its own topic (created once) and post the card that introduces it."""

    async def forward(self, case: Case, turn: Turn) -> None:
        """Copy the person's message (text, photo, document...) into the case's topic. Never drops it:
        it retries, recreates a deleted topic, and raises ``DeskUnavailable`` only when the advisers cannot be
        reached at all."""

    async def note(self, case: Case, text: str) -> None:
        """A message from the bot to the advisers in the case's topic (the person closed the case, ...)."""

    async def alert(self, case: Case, text: str) -> None:
        """A clearly marked alert to the advisers in the case's topic: the person may be in danger or in
        distress. Raises when the advisers cannot be reached."""


CardFor = Callable[[Case], str]  # the card (HTML) that opens a case's topic for the advisers
DeskFactory = Callable[[CaseStore, CardFor], AdviserDesk]
"""How the runtime gets the transport's desk: called once with the ``CaseStore`` and the card writer, before the
engine is built (``bot.runtime.build_engine``), so that nothing is wired after construction."""
