"""Cases in Redis: requested -> waiting -> with an adviser -> closed.

A person has at most one open case (``sanad:u:<person>:case``). A case remembers how to reach the person (the
transport address, needed to relay the advisers' replies) and the adviser-group topic it lives in; it stores no
message text. Every key expires: an open case after ``open_ttl_s`` without activity, a closed case after the
retention period.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from redis.asyncio import Redis

from bot.store.store import PREFIX, Store

_SEQUENCE = f"{PREFIX}:case-seq"
_WAITING = f"{PREFIX}:cases:waiting"
_LONG_TTL_S = 400 * 24 * 3600


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


def _case_key(number: int) -> str:
    return f"{PREFIX}:case:{number}"


def _thread_key(thread: int) -> str:
    return f"{PREFIX}:case-thread:{thread}"


class CaseStore:
    def __init__(self, store: Store, open_ttl_s: int, retention_s: int) -> None:
        self.store = store
        self.redis: Redis = store.redis
        self.open_ttl_s = open_ttl_s
        self.retention_s = retention_s

    async def open_case(self, person: str, address: str, language: str, topics: list[str]) -> tuple[Case, bool]:
        """The person's open case, or a new one; the flag says whether it is new. Safe against races."""
        existing = await self.for_person(person)
        if existing is not None:
            return existing, False
        number = int(await self.redis.incr(_SEQUENCE))
        await self.redis.expire(_SEQUENCE, _LONG_TTL_S)
        claimed = await self.redis.set(Store.person_key(person, "case"), number, nx=True, ex=self.open_ttl_s)
        if not claimed:  # another process opened one a moment ago
            other = await self.for_person(person)
            if other is not None:
                return other, False
        case = Case(number, person, address, language, list(topics), opened_at=time.time())
        await self.save(case)
        # every case the person ever had, so that /delete also finds the closed ones
        history = Store.person_key(person, "cases")
        await self.redis.sadd(history, number)
        await self.redis.expire(history, self.open_ttl_s + self.retention_s)
        await self.redis.zadd(_WAITING, {str(number): case.opened_at})
        await self.redis.expire(_WAITING, _LONG_TTL_S)
        return case, True

    async def get(self, number: int) -> Case | None:
        raw = await self.redis.get(_case_key(number))
        if not raw:
            return None
        data = json.loads(raw)
        data["status"] = CaseStatus(data["status"])
        return Case(**data)

    async def for_person(self, person: str) -> Case | None:
        number = await self.redis.get(Store.person_key(person, "case"))
        case = await self.get(int(number)) if number else None
        return case if case is not None and case.open else None

    async def by_thread(self, thread: int) -> Case | None:
        number = await self.redis.get(_thread_key(thread))
        return await self.get(int(number)) if number else None

    async def save(self, case: Case) -> None:
        ttl = self.open_ttl_s if case.open else self.retention_s
        data = asdict(case)
        await self.redis.set(_case_key(case.number), json.dumps(data), ex=ttl)
        if case.open:
            await self.redis.expire(Store.person_key(case.person, "case"), ttl)
        if case.thread is not None:
            await self.redis.set(_thread_key(case.thread), case.number, ex=ttl)

    async def set_thread(self, case: Case, thread: int) -> None:
        if case.thread is not None and case.thread != thread:
            await self.redis.delete(_thread_key(case.thread))
        case.thread = thread
        await self.save(case)

    async def claim_thread_creation(self, case: Case, lease_s: int = 30) -> bool:
        """True for exactly one caller while no topic exists: the topic is created once even when messages race."""
        return bool(await self.redis.set(f"{_case_key(case.number)}:creating", 1, nx=True, ex=lease_s))

    async def release_thread_creation(self, case: Case) -> None:
        await self.redis.delete(f"{_case_key(case.number)}:creating")

    async def mark_answered(self, case: Case) -> None:
        if case.status is CaseStatus.WAITING:
            case.status = CaseStatus.WITH_ADVISER
            case.answered_at = time.time()
            await self.redis.zrem(_WAITING, str(case.number))
        await self.save(case)

    async def raise_alert(self, case: Case) -> None:
        """Mark the case as urgent and move it to the top of the waiting order (score 0, before every case)."""
        case.alert = True
        if case.status is CaseStatus.WAITING:
            await self.redis.zadd(_WAITING, {str(case.number): 0})
        await self.save(case)

    async def close(self, case: Case) -> None:
        case.status = CaseStatus.CLOSED
        case.closed_at = time.time()
        await self.redis.zrem(_WAITING, str(case.number))
        await self.redis.delete(Store.person_key(case.person, "case"))
        await self.save(case)

    async def reopen(self, case: Case) -> bool:
        """Open a closed case again, unless the person has opened another one meanwhile."""
        if not await self.redis.set(Store.person_key(case.person, "case"), case.number, nx=True, ex=self.open_ttl_s):
            return False
        case.status = CaseStatus.WITH_ADVISER if case.answered_at else CaseStatus.WAITING
        case.closed_at = None
        if case.status is CaseStatus.WAITING:
            await self.redis.zadd(_WAITING, {str(case.number): 0 if case.alert else case.opened_at})
        await self.save(case)
        return True

    async def queue_position(self, case: Case) -> int | None:
        rank: Any = await self.redis.zrank(_WAITING, str(case.number))
        return None if rank is None else int(rank) + 1

    async def waiting_since(self, older_than: float) -> list[Case]:
        numbers: Any = await self.redis.zrangebyscore(_WAITING, 0, older_than)
        cases = [await self.get(int(n)) for n in numbers]
        return [c for c in cases if c is not None and c.status is CaseStatus.WAITING]

    async def forget_person(self, person: str) -> None:
        """Erase every case of the person, open or closed (``/delete``): nothing stays, not even the address."""
        numbers: Any = await self.redis.smembers(Store.person_key(person, "cases"))
        for number in {int(n) for n in numbers}:
            case = await self.get(number)
            await self.redis.zrem(_WAITING, str(number))
            await self.redis.delete(_case_key(number), f"{_case_key(number)}:creating")
            if case is not None and case.thread is not None:
                await self.redis.delete(_thread_key(case.thread))
        await self.redis.delete(Store.person_key(person, "case"), Store.person_key(person, "cases"))
