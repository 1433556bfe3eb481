"""Weekly counts for the advisers' team, in Redis: cases opened and closed, and the seconds each case waited
for its first adviser reply. No case number, no id, no text: one hash and one list per ISO week, kept for
``STATS_TTL_S``. Read by ``sanad cases stats``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.store.stats import iso_week
from bot.store.store import Store

STATS_TTL_S = 400 * 24 * 3600  # a year of weeks, for comparing the same season


def week_at(at: float) -> str:
    """``2026-W48``: the ISO week of a Unix time (UTC), as ``bot.store.stats.iso_week`` names weeks."""
    return iso_week(dt.datetime.fromtimestamp(at, dt.UTC).date())


@dataclass(frozen=True)
class Week:
    week: str
    opened: int
    closed: int
    first_replies_s: list[float]


class CaseStats:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.keys = store.keys
        self.redis = store.redis

    async def count(self, what: str, at: float) -> None:
        """``what``: "opened" or "closed", in the week of ``at``."""
        key = self.keys.case_stats(week_at(at))
        await self.redis.hincrby(key, what, 1)
        await self.redis.expire(key, STATS_TTL_S)

    async def first_reply(self, seconds: float, at: float) -> None:
        """A case got its first adviser reply ``seconds`` after it opened, at ``at``."""
        key = self.keys.first_replies(week_at(at))
        await self.redis.rpush(key, round(seconds, 1))
        await self.redis.expire(key, STATS_TTL_S)

    async def week(self, week: str) -> Week:
        counts: Any = await self.redis.hgetall(self.keys.case_stats(week))
        replies: Any = await self.redis.lrange(self.keys.first_replies(week), 0, -1)
        return Week(week, int(counts.get("opened", 0)), int(counts.get("closed", 0)), [float(s) for s in replies])
