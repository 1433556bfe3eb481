"""Cases: requested -> waiting -> with an adviser -> closed.

A person has at most one open case. A case remembers how to reach the person (the transport address, needed to
relay the advisers' replies) and the adviser-group topic it lives in; it stores no message text. Every stored
key expires: an open case after ``open_ttl_s`` without activity, a closed case after the retention period.
Keys and Redis commands are in ``bot.store.cases.CaseRecords``; this module holds the lifecycle.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from bot.handoff.measures import CASES_CLOSED, CASES_OPENED, FIRST_REPLY_SECONDS
from bot.store.case_stats import CaseStats
from bot.store.cases import CaseRecords
from bot.store.store import Store


class CaseStatus(StrEnum):
    WAITING = "waiting"  # consent given, no adviser has replied yet
    WITH_ADVISER = "with_adviser"
    CLOSED = "closed"


@dataclass
class Case:
    number: int
    person: str  # keyed hash
    address: str  # how the transport reaches the person, e.g. "tg:12345"; deleted with the case
    language: str
    topics: list[str] = field(default_factory=list)
    status: CaseStatus = CaseStatus.WAITING
    opened_at: float = 0.0
    answered_at: float | None = None
    closed_at: float | None = None
    thread: int | None = None  # the forum topic in the adviser group
    reminded: bool = False
    alert: bool = False  # the person wrote something that may mean danger: first in the waiting order

    @property
    def open(self) -> bool:
        return self.status is not CaseStatus.CLOSED


class CaseStore:
    def __init__(self, store: Store, open_ttl_s: int, retention_s: int) -> None:
        self.store = store
        self.records = CaseRecords(store)
        self.stats = CaseStats(store)
        self.open_ttl_s = open_ttl_s
        self.retention_s = retention_s

    async def open_case(self, person: str, address: str, language: str, topics: list[str]) -> tuple[Case, bool]:
        """The person's open case, or a new one; the flag says whether it is new. Safe against races."""
        existing = await self.for_person(person)
        if existing is not None:
            return existing, False
        number = await self.records.next_number()
        if not await self.records.claim_open(person, number, self.open_ttl_s):  # another process opened one
            other = await self.for_person(person)
            if other is not None:
                return other, False
        case = Case(number, person, address, language, list(topics), opened_at=time.time())
        await self.save(case)
        # every case the person ever had, so that /delete also finds the closed ones
        await self.records.add_to_history(person, number, self.open_ttl_s + self.retention_s)
        await self.records.enqueue(number, case.opened_at, refresh=True)
        await self.records.add_open(number, case.opened_at)
        await self.stats.count("opened", case.opened_at)
        CASES_OPENED.inc()
        return case, True

    async def get(self, number: int) -> Case | None:
        data = await self.records.get(number)
        if not data:
            return None
        data["status"] = CaseStatus(data["status"])
        return Case(**data)

    async def for_person(self, person: str) -> Case | None:
        number = await self.records.open_number(person)
        case = await self.get(number) if number is not None else None
        return case if case is not None and case.open else None

    async def by_thread(self, thread: int) -> Case | None:
        number = await self.records.number_in_thread(thread)
        return await self.get(number) if number is not None else None

    async def save(self, case: Case) -> None:
        ttl = self.open_ttl_s if case.open else self.retention_s
        await self.records.put(case.number, asdict(case), ttl)
        if case.open:
            await self.records.keep_open(case.person, ttl)
        if case.thread is not None:
            await self.records.link_thread(case.thread, case.number, ttl)

    async def set_thread(self, case: Case, thread: int) -> None:
        if case.thread is not None and case.thread != thread:
            await self.records.unlink_thread(case.thread)
        case.thread = thread
        await self.save(case)

    async def claim_thread_creation(self, case: Case, lease_s: int = 30) -> bool:
        """True for exactly one caller while no topic exists: the topic is created once even when messages race."""
        return await self.records.claim_creation(case.number, lease_s)

    async def release_thread_creation(self, case: Case) -> None:
        await self.records.release_creation(case.number)

    async def mark_answered(self, case: Case) -> None:
        if case.status is CaseStatus.WAITING:
            case.status = CaseStatus.WITH_ADVISER
            case.answered_at = time.time()
            await self.records.dequeue(case.number)
            waited = max(0.0, case.answered_at - case.opened_at)
            await self.stats.first_reply(waited, case.answered_at)
            FIRST_REPLY_SECONDS.observe(waited)
        await self.save(case)

    async def raise_alert(self, case: Case) -> None:
        """Mark the case as urgent and move it to the top of the waiting order (score 0, before every case)."""
        case.alert = True
        if case.status is CaseStatus.WAITING:
            await self.records.enqueue(case.number, 0)
        await self.save(case)

    async def close(self, case: Case) -> None:
        now = time.time()
        case.status = CaseStatus.CLOSED
        case.closed_at = now
        await self.records.dequeue(case.number)
        await self.records.clear_open(case.person)
        await self.records.remove_open(case.number)
        await self.save(case)
        await self.stats.count("closed", now)
        CASES_CLOSED.inc()

    async def reopen(self, case: Case) -> bool:
        """Open a closed case again, unless the person has opened another one meanwhile."""
        if not await self.records.claim_open(case.person, case.number, self.open_ttl_s):
            return False
        case.status = CaseStatus.WITH_ADVISER if case.answered_at else CaseStatus.WAITING
        case.closed_at = None
        if case.status is CaseStatus.WAITING:
            await self.records.enqueue(case.number, 0 if case.alert else case.opened_at)
        await self.records.add_open(case.number, case.opened_at)
        await self.save(case)
        return True

    async def queue_position(self, case: Case) -> int | None:
        rank = await self.records.rank(case.number)
        return None if rank is None else rank + 1

    async def waiting_since(self, older_than: float) -> list[Case]:
        cases = [await self.get(n) for n in await self.records.waiting_until(older_than)]
        return [c for c in cases if c is not None and c.status is CaseStatus.WAITING]

    async def open_cases(self) -> list[Case]:
        """Every open case, oldest first (for the advisers' board)."""
        cases = [await self.get(n) for n in await self.records.open_numbers()]
        return [c for c in cases if c is not None and c.open]

    async def forget_person(self, person: str) -> None:
        """Erase every case of the person, open or closed (``/delete``): nothing stays, not even the address."""
        numbers = await self.records.history(person)
        cases = [await self.get(number) for number in numbers]
        threads = {case.thread for case in cases if case is not None and case.thread is not None}
        await self.records.erase(person, numbers, threads)
