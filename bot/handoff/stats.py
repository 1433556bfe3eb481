"""The team's weekly measures (``sanad cases stats``): cases opened and closed, and the time to the first adviser
reply (median and 90th percentile), per ISO week. Counts and durations only: no case number, no id, no text."""

from __future__ import annotations

import math
import statistics
import time
from typing import Any

from bot.store.case_stats import CaseStats, week_at
from bot.store.store import Store

WEEK_S = 7 * 24 * 3600


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (``share`` 0.9 for the 90th) of ``values``; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


async def weekly(store: Store, weeks: int, now: float | None = None) -> list[dict[str, Any]]:
    """The last ``weeks`` ISO weeks, oldest first: ``{"week", "opened", "closed", "answered",
    "first_reply_median_s", "first_reply_p90_s"}`` (seconds, None without any reply that week)."""
    now = time.time() if now is None else now
    stats = CaseStats(store)
    rows = []
    for back in range(weeks - 1, -1, -1):
        week = await stats.week(week_at(now - back * WEEK_S))
        replies = week.first_replies_s
        rows.append(
            {
                "week": week.week,
                "opened": week.opened,
                "closed": week.closed,
                "answered": len(replies),
                "first_reply_median_s": statistics.median(replies) if replies else None,
                "first_reply_p90_s": percentile(replies, 0.9),
            }
        )
    return rows


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes = int(seconds // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def format_report(rows: list[dict[str, Any]]) -> str:
    """A table for people: one line per week."""
    lines = [f"{'week':<9} {'opened':>6} {'closed':>6} {'answered':>8}  {'first reply: median':>20}  {'90th %':>12}"]
    for row in rows:
        lines.append(
            f"{row['week']:<9} {row['opened']:>6} {row['closed']:>6} {row['answered']:>8}  "
            f"{_duration(row['first_reply_median_s']):>20}  {_duration(row['first_reply_p90_s']):>12}"
        )
    return "\n".join(lines)
