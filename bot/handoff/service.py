"""One home for an adviser case's life: consent given -> waiting -> with an adviser -> closed (-> reopened),
plus relaying, notes, alerts and erasure. Drawn in ``handoff.mmd``.

The engine (the person's side) and the Telegram adviser room (the advisers' side) both act on cases only through
this service; it is the only owner of ``CaseStore`` writes besides the desk's own topic bookkeeping. Wording for the
person stays in the engine; the advisers' card and notes are in English, the content's source language.
"""

from __future__ import annotations

import logging

from bot.core.turn import Turn
from bot.handoff.cases import Case, CaseStore
from bot.handoff.desk import AdviserDesk, CardFor, DeskUnavailable

log = logging.getLogger(__name__)

ALERTS = {  # for the advisers, in the content's source language, like the case card
    "danger": "URGENT: this person's last message may mean they are in danger. They were sent the emergency "
    "numbers (112, Livslinien). Please reply now.",
    "possible": "Please read the person's last message carefully: it may hint at danger. They were sent the "
    "emergency numbers as a precaution.",
    "distress": "The person sounds very distressed (no clear danger). They were sent a short check-in with support "
    "numbers. Please reply soon.",
}


class Handoff:
    """Cases over ``CaseStore`` and an ``AdviserDesk``. ``card_for`` writes the card that opens a case's topic."""

    def __init__(self, cases: CaseStore, desk: AdviserDesk, card_for: CardFor) -> None:
        self.cases = cases
        self.desk = desk
        self.card_for = card_for

    async def case_for(self, person: str) -> Case | None:
        """The person's open case, or None."""
        return await self.cases.for_person(person)

    async def open(self, person: str, address: str, language: str, topics: list[str]) -> tuple[Case, int | None]:
        """Open (or find) the person's case and its topic; the case and its place in the waiting order.
        Raises ``DeskUnavailable`` when the advisers cannot be reached; the case is then closed again."""
        case, _new = await self.cases.open_case(person, address, language, topics)
        try:
            await self.desk.open_case(case, self.card_for(case))
        except DeskUnavailable:
            log.warning("The adviser group could not be reached; case %s not opened", case.number)
            await self.cases.close(case)
            raise
        return case, await self.cases.queue_position(case)

    async def position(self, case: Case) -> int | None:
        return await self.cases.queue_position(case)

    async def relay(self, case: Case, turn: Turn) -> None:
        """The person's message into the case's topic. Raises ``DeskUnavailable``."""
        await self.desk.forward(case, turn)

    async def note(self, case: Case, text: str) -> None:
        """A note for the advisers; a failure is logged, never raised (the person's action already happened)."""
        try:
            await self.desk.note(case, text)
        except DeskUnavailable:
            log.warning("Could not post a note to case %s", case.number)

    async def alert(self, case: Case, turn: Turn, level: str) -> None:
        """The person's message, then for ``level`` "danger" a marked alert with the case first in the waiting
        order, for "possible" or "distress" a note (``ALERTS``). Never raises."""
        try:
            await self.desk.forward(case, turn)
            if level == "danger":
                await self.cases.raise_alert(case)
                await self.desk.alert(case, ALERTS[level])
            else:
                await self.desk.note(case, ALERTS[level])
        except DeskUnavailable:
            log.warning("The alert for case %s could not reach the advisers", case.number)

    async def close_by_person(self, case: Case) -> None:
        await self.cases.close(case)
        await self.note(case, "The person ended the conversation. The case is closed.")

    async def close_by_adviser(self, case: Case) -> None:
        await self.cases.close(case)

    async def reopen(self, case: Case) -> bool:
        """False when the person opened another case meanwhile."""
        return await self.cases.reopen(case)

    async def answered(self, case: Case) -> None:
        """An adviser replied: the case leaves the waiting order."""
        await self.cases.mark_answered(case)

    async def forget(self, person: str) -> None:
        """``/delete``: the advisers are told to stop, then every case of the person is erased."""
        case = await self.cases.for_person(person)
        if case is not None:
            await self.note(case, "The person deleted their data. The case is closed; do not reply.")
        await self.cases.forget_person(person)
