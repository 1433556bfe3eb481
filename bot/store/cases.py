"""Adviser cases in Redis: the records and their indexes, without the case lifecycle (``bot.handoff.cases``).

- ``sanad:case:<n>``: the case record (JSON), with a short ``:creating`` lease while its forum topic is made.
- ``sanad:case-thread:<t>``: the case that lives in forum topic ``t``.
- ``sanad:case-seq``: the last case number; ``sanad:cases:waiting``: the waiting order (number -> score);
  ``sanad:cases:open``: every open case (number -> opened at), for the advisers' board.
- ``sanad:u:<person>:case``: the person's open case; ``sanad:u:<person>:cases``: every case they ever had, so that
  ``/delete`` finds the closed ones too.

Every key expires: the caller gives the expiry of records and pointers; the sequence and the waiting order are
refreshed to a long expiry whenever they are written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from bot.store.store import Store

LONG_TTL_S = 400 * 24 * 3600  # the case sequence and the waiting order


class CaseRecords:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.keys = store.keys
        self.redis = store.redis

    # ---- numbers and the person's pointers

    async def next_number(self) -> int:
        number = int(await self.redis.incr(self.keys.case_sequence()))
        await self.redis.expire(self.keys.case_sequence(), LONG_TTL_S)
        return number

    async def claim_open(self, person: str, number: int, ttl_s: int) -> bool:
        """Make ``number`` the person's open case, unless they have one already (``SET NX``)."""
        return bool(await self.redis.set(self.keys.person_case(person), number, nx=True, ex=ttl_s))

    async def open_number(self, person: str) -> int | None:
        number = await self.redis.get(self.keys.person_case(person))
        return int(number) if number else None

    async def keep_open(self, person: str, ttl_s: int) -> None:
        await self.redis.expire(self.keys.person_case(person), ttl_s)

    async def clear_open(self, person: str) -> None:
        await self.redis.delete(self.keys.person_case(person))

    async def add_to_history(self, person: str, number: int, ttl_s: int) -> None:
        history = self.keys.person_cases(person)
        await self.redis.sadd(history, number)
        await self.redis.expire(history, ttl_s)

    async def history(self, person: str) -> set[int]:
        numbers: Any = await self.redis.smembers(self.keys.person_cases(person))
        return {int(n) for n in numbers}

    # ---- records and topics

    async def get(self, number: int) -> dict[str, Any] | None:
        raw = await self.redis.get(self.keys.case(number))
        return json.loads(raw) if raw else None

    async def put(self, number: int, record: dict[str, Any], ttl_s: int) -> None:
        await self.redis.set(self.keys.case(number), json.dumps(record), ex=ttl_s)

    async def link_thread(self, thread: int, number: int, ttl_s: int) -> None:
        await self.redis.set(self.keys.thread(thread), number, ex=ttl_s)

    async def unlink_thread(self, thread: int) -> None:
        await self.redis.delete(self.keys.thread(thread))

    async def number_in_thread(self, thread: int) -> int | None:
        number = await self.redis.get(self.keys.thread(thread))
        return int(number) if number else None

    async def claim_creation(self, number: int, lease_s: int) -> bool:
        return bool(await self.redis.set(self.keys.case_creating(number), 1, nx=True, ex=lease_s))

    async def release_creation(self, number: int) -> None:
        await self.redis.delete(self.keys.case_creating(number))

    # ---- the waiting order

    async def enqueue(self, number: int, score: float, refresh: bool = False) -> None:
        """Put ``number`` in the waiting order at ``score`` (lower waits less); ``refresh``: renew its expiry."""
        await self.redis.zadd(self.keys.waiting(), {str(number): score})
        if refresh:
            await self.redis.expire(self.keys.waiting(), LONG_TTL_S)

    async def dequeue(self, number: int) -> None:
        await self.redis.zrem(self.keys.waiting(), str(number))

    async def rank(self, number: int) -> int | None:
        """0 for the first in the waiting order; None when not waiting."""
        rank: Any = await self.redis.zrank(self.keys.waiting(), str(number))
        return None if rank is None else int(rank)

    async def waiting_until(self, score: float) -> list[int]:
        numbers: Any = await self.redis.zrangebyscore(self.keys.waiting(), 0, score)
        return [int(n) for n in numbers]

    # ---- the open cases (for the advisers' board)

    async def add_open(self, number: int, opened_at: float) -> None:
        await self.redis.zadd(self.keys.open_cases(), {str(number): opened_at})
        await self.redis.expire(self.keys.open_cases(), LONG_TTL_S)

    async def remove_open(self, number: int) -> None:
        await self.redis.zrem(self.keys.open_cases(), str(number))

    async def open_numbers(self) -> list[int]:
        """The open cases, oldest first."""
        numbers: Any = await self.redis.zrange(self.keys.open_cases(), 0, -1)
        return [int(n) for n in numbers]

    # ---- /delete

    async def erase(self, person: str, numbers: Iterable[int], threads: Iterable[int]) -> None:
        """Delete the cases ``numbers`` with their leases and the desk's keys about them (claim, card, reminder),
        the topics ``threads`` and the person's pointers."""
        for number in numbers:
            await self.redis.zrem(self.keys.waiting(), str(number))
            await self.redis.zrem(self.keys.open_cases(), str(number))
            await self.redis.delete(
                self.keys.case(number),
                self.keys.case_creating(number),
                self.keys.case_claim(number),
                self.keys.case_card(number),
                self.keys.case_reminded(number),
            )
        for thread in threads:
            await self.redis.delete(self.keys.thread(thread))
        await self.redis.delete(self.keys.person_case(person), self.keys.person_cases(person))
