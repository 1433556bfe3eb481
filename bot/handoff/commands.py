"""``sanad cases``: measures of the advisers' work (``stats``), read from Redis. Imports its work when it runs."""

from __future__ import annotations

import argparse
import asyncio

from bot.output import emit
from bot.settings import Settings


def register(parts: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cases = parts.add_parser("cases", help="adviser cases").add_subparsers(dest="command", required=True)
    stats = cases.add_parser(
        "stats", help="cases opened, closed and the time to the first adviser reply, per week (no ids, no text)"
    )
    stats.add_argument("--weeks", type=int, default=8, help="how many weeks back (default 8)")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(handler=_stats)


def _stats(settings: Settings, args: argparse.Namespace) -> int:
    from bot.handoff.stats import format_report

    rows = asyncio.run(_weekly(settings, max(1, args.weeks)))
    emit(rows, args.json, format_report)
    return 0


async def _weekly(settings: Settings, weeks: int) -> list[dict[str, object]]:
    from bot.handoff.stats import weekly
    from bot.store.server import redis_url
    from bot.store.store import Store

    url, embedded = redis_url(settings.redis_url, settings.state_dir)
    store = Store.from_url(url)
    try:
        return await weekly(store, weeks)
    finally:
        await store.aclose()
        if embedded:
            embedded.close()
