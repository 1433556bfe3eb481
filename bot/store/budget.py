"""A per-person budget of messages a minute, counted in Redis so that every bot process shares it.

One counter per person and minute (``sanad:u:<person>:budget:<minute>``), expiring two minutes later.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.store.store import Store

BUDGET_TTL_S = 120  # the minute counted, and the next one


class MessageBudget:
    def __init__(self, store: Store, per_minute: int, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.per_minute = per_minute
        self.clock = clock

    async def spend(self, person: str) -> int:
        """Count one message of ``person``; returns the count of this minute, this message included."""
        key = self.store.keys.budget(person, int(self.clock() // 60))
        pipe = self.store.redis.pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, BUDGET_TTL_S)
        return int((await pipe.execute())[0])
