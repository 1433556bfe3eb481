"""The board of open cases, one message pinned in the advisers' group's General topic and kept up to date.

The text comes from ``bot.handoff.board.board_text`` (nothing personal). It is edited, never sent again: its
message id and the digest of what it shows are in Redis (``DeskRecords.board``), so every bot process edits the
same message, and only when the text changed. The first board (or a new one, after an adviser deleted it) is
posted and pinned by one process at a time (a short lease). The board is redrawn when something happened
(``poke``: a case opened, claimed, released, closed...) and every ``every_s`` for the waiting times.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections.abc import Callable
from functools import partial

from bot.content.model import Content
from bot.handoff.board import board_text
from bot.handoff.cases import CaseStore
from bot.store.desk import DeskRecords
from bot.telegram import metrics
from bot.telegram.api import Rejected, TelegramFailure, Transport, retrying

log = logging.getLogger(__name__)

REFRESH_S = 30.0


class Board:
    def __init__(
        self,
        transport: Transport,
        cases: CaseStore,
        records: DeskRecords,
        chat_id: int,
        content: Callable[[], Content],
        reminder_s: int,
    ) -> None:
        self.transport = transport
        self.cases = cases
        self.records = records
        self.chat_id = chat_id
        self.content = content
        self.reminder_s = reminder_s
        self._poked = asyncio.Event()

    def poke(self) -> None:
        """Something changed: redraw the board soon (``keep_until``)."""
        self._poked.set()

    async def text(self) -> str:
        """The board as it should read now (HTML)."""
        cases = await self.cases.open_cases()
        holders = {}
        for case in cases:
            claim = await self.records.claim(case.number)
            if claim is not None:
                holders[case.number] = claim.name
        return board_text(cases, holders, self.content(), time.time(), self.reminder_s)

    async def refresh(self) -> None:
        """Edit the pinned board if its text changed; post and pin it when there is none. Failures are logged:
        the board is a convenience, never a reason to fail an adviser's command."""
        try:
            await self._refresh()
        except TelegramFailure as exc:
            metrics.FAILURES.labels("adviserBoard", exc.reason).inc()
            log.warning("The advisers' board could not be updated: %s", exc.reason)

    async def _refresh(self) -> None:
        text = await self.text()
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        message, shown = await self.records.board()
        if message is not None and digest == shown:
            return
        if message is not None:
            try:
                await retrying(partial(self.transport.edit_message, self.chat_id, message, text, ()), "editMessageText")
            except Rejected as exc:
                if not exc.not_modified:
                    log.info("The board message is gone (%s); posting a new one", exc.reason)
                    await self.records.forget_board()
                    message = None
            if message is not None:
                await self.records.set_board(message, digest)
                return
        await self._post(text, digest)

    async def _post(self, text: str, digest: str) -> None:
        if not await self.records.claim_board_creation():
            return  # another process is posting it
        try:
            if (await self.records.board())[0] is not None:
                return
            send = partial(self.transport.send_message, self.chat_id, text, (), html=True)
            message = await retrying(send, "sendMessage")
            await self.records.set_board(message, digest)
            try:
                await retrying(partial(self.transport.pin_message, self.chat_id, message), "pinChatMessage")
            except TelegramFailure as exc:  # the bot lacks the right to pin: the board still works
                metrics.FAILURES.labels("pinChatMessage", exc.reason).inc()
                log.warning("The board could not be pinned (%s): give the bot the right to pin", exc.reason)
        finally:
            await self.records.release_board_creation()

    async def keep_until(self, stop: asyncio.Event, every_s: float = REFRESH_S) -> None:
        """Redraw when poked, and every ``every_s`` (waiting times), until ``stop`` is set."""
        while not stop.is_set():
            self._poked.clear()
            try:
                await self.refresh()
            except Exception:
                log.exception("The advisers' board failed; trying again")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_first(stop, self._poked), every_s)


async def _first(*events: asyncio.Event) -> None:
    """Until one of ``events`` is set."""
    waits = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()
