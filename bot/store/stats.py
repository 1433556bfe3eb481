"""What people ask, counted without anyone in it: per topic and ISO week, how often a topic was answered (a typed
question), offered under "did you mean" (clarified), opened from a button (menu), and found helpful or not
(the 👍 / 👎 buttons under an answer).

One Redis hash per week and event (``sanad:stats:<week>:<event>``, topic id -> count). No person's hash, id or text
is stored, so ``/delete`` has nothing to remove here. Each hash expires a year after the Monday of its week.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from bot.store.store import Store

EVENTS = ("answered", "clarified", "menu", "helpful", "not_helpful")
STATS_TTL_DAYS = 365  # a counter is forgotten a year after the start of the week it counts


def iso_week(day: dt.date) -> str:
    """``2026-W48``: the ISO year and week of ``day``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class TopicCounts:
    """One topic's counts in one week, by event (see ``EVENTS``)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EVENTS, 0))


class TopicStats:
    """The counters' repository. ``count`` raises ``redis.RedisError`` when Redis is away; the engine, not this
    class, decides that a lost count never costs a person an answer."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def count(self, topic_id: str, event: str, today: dt.date) -> None:
        """Add one to ``event`` (one of ``EVENTS``) for ``topic_id`` in the week of ``today``."""
        if event not in EVENTS:
            raise ValueError(f"unknown event {event!r}")
        key = self.store.keys.topic_stats(iso_week(today), event)
        pipe = self.store.redis.pipeline(transaction=False)
        pipe.hincrby(key, topic_id, 1)
        # A year counted from the Monday of the week: the last write of the week sets the latest expiry.
        pipe.expire(key, (STATS_TTL_DAYS - today.weekday()) * 24 * 3600)
        await pipe.execute()

    async def weeks(self) -> dict[str, dict[str, TopicCounts]]:
        """Every counted week (oldest first) -> topic id -> its counts."""
        found: dict[str, dict[str, TopicCounts]] = defaultdict(dict)
        async for key in self.store.redis.scan_iter(match=self.store.keys.topic_stats_pattern(), count=500):
            week, event = str(key).rsplit(":", 2)[-2:]
            if event not in EVENTS:
                continue
            for topic_id, value in (await self.store.redis.hgetall(key)).items():
                found[week].setdefault(str(topic_id), TopicCounts()).counts[event] = int(value)
        return {week: found[week] for week in sorted(found)}
