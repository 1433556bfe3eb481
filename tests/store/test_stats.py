"""The topic counters: per topic and ISO week, counts only, every key expiring within a year, no person in any."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.store.stats import STATS_TTL_DAYS, TopicStats, iso_week
from bot.store.store import Store
from tests.support.redis_keys import assert_every_key_expires, ttls

MONDAY = dt.date(2026, 11, 23)


async def test_counts_per_topic_and_week(store: Store) -> None:
    stats = TopicStats(store)
    for _ in range(3):
        await stats.count("appeal_deadlines", "answered", MONDAY)
    await stats.count("appeal_deadlines", "helpful", MONDAY + dt.timedelta(days=6))
    await stats.count("free_lawyer", "menu", MONDAY + dt.timedelta(days=7))
    weeks = await stats.weeks()
    assert list(weeks) == ["2026-W48", "2026-W49"]
    assert weeks["2026-W48"]["appeal_deadlines"].counts == {
        "answered": 3,
        "clarified": 0,
        "menu": 0,
        "helpful": 1,
        "not_helpful": 0,
    }
    assert weeks["2026-W49"]["free_lawyer"].counts["menu"] == 1


async def test_every_counter_expires_within_a_year_and_names_no_one(store: Store) -> None:
    stats = TopicStats(store)
    await stats.count("free_lawyer", "answered", MONDAY)
    await stats.count("free_lawyer", "not_helpful", MONDAY + dt.timedelta(days=5))
    await assert_every_key_expires(store)
    found = await ttls(store)
    assert set(found) == {"sanad:stats:2026-W48:answered", "sanad:stats:2026-W48:not_helpful"}
    assert all(ttl <= STATS_TTL_DAYS * 24 * 3600 for ttl in found.values())
    assert found["sanad:stats:2026-W48:not_helpful"] <= (STATS_TTL_DAYS - 5) * 24 * 3600  # a year from Monday
    for key in found:
        assert await store.redis.hgetall(key) in ({"free_lawyer": "1"},)  # the topic id and a count, nothing else


async def test_an_unknown_event_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown event"):
        await TopicStats(store).count("free_lawyer", "opened", MONDAY)


def test_iso_weeks_across_the_new_year() -> None:
    assert iso_week(dt.date(2026, 12, 31)) == "2026-W53"
    assert iso_week(dt.date(2027, 1, 4)) == "2027-W01"
