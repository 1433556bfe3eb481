"""The team's measures: cases opened and closed and the time to the first adviser reply, per week in Redis
(``sanad cases stats``) and in Prometheus (``/metrics``); counts and durations only, never an id or a text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from unittest import mock

import pytest
from prometheus_client import generate_latest

from bot.handoff.cases import CaseStore
from bot.handoff.stats import percentile, weekly
from bot.store.case_stats import week_at
from bot.store.store import Store
from bot.telegram.metrics import REGISTRY
from tests.support.redis_keys import assert_every_key_expires

pytestmark = pytest.mark.redis


@pytest.fixture
async def cases(redis_url: str) -> AsyncIterator[CaseStore]:
    store = Store.from_url(redis_url, "stats-test-key")
    await store.redis.flushdb()
    yield CaseStore(store, open_ttl_s=3600, retention_s=600)
    await store.aclose()


def sample(name: str) -> float:
    for line in generate_latest(REGISTRY).decode().splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} is not served")


async def test_a_week_of_cases(cases: CaseStore, redis_url: str) -> None:
    opened_before = sample("sanad_cases_opened_total")
    replies_before = sample("sanad_case_first_reply_seconds_count")
    started = time.time() - 2 * 24 * 3600  # this week or the last: ``sanad cases stats --weeks 2`` shows it
    with mock.patch("time.time", return_value=started):
        opened = [(await cases.open_case(f"p{n}", f"tg:{n}", "ar", []))[0] for n in range(4)]
    for minutes, case in zip((2, 10, 30), opened, strict=False):
        with mock.patch("time.time", return_value=started + minutes * 60):
            await cases.mark_answered(case)
            await cases.mark_answered(case)  # a second reply is not a first reply
    with mock.patch("time.time", return_value=started + 3600):
        await cases.close(opened[0])
    [row] = await weekly(cases.store, 1, now=started)
    assert row == {
        "week": week_at(started),
        "opened": 4,
        "closed": 1,
        "answered": 3,
        "first_reply_median_s": 600.0,
        "first_reply_p90_s": 1800.0,
    }
    assert sample("sanad_cases_opened_total") == opened_before + 4
    assert sample("sanad_case_first_reply_seconds_count") == replies_before + 3
    await assert_every_key_expires(cases.store)

    env = dict(os.environ, REDIS_URL=redis_url, LOG_LEVEL="WARNING")
    out = subprocess.run(
        [sys.executable, "-m", "bot", "cases", "stats", "--weeks", "2", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(out.stdout)
    assert {"week": week_at(started), "opened": 4, "closed": 1, "answered": 3}.items() <= next(
        r for r in rows if r["week"] == week_at(started)
    ).items()
    assert "tg:" not in out.stdout and "p1" not in out.stdout


def test_percentiles() -> None:
    assert percentile([], 0.9) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([float(n) for n in range(1, 11)], 0.9) == 9.0
