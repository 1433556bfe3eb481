"""``sanad content review-pack OUT_DIR`` and ``sanad content stats``, added to ``sanad content`` by ``bot/cli.py``."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
from pathlib import Path

from bot.settings import Settings


def register(content: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pack = content.add_parser("review-pack", help="write the lawyers' review pack (a static site) to OUT_DIR")
    pack.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    pack.add_argument("--dir", type=Path, help="content folder (default: CONTENT_DIR)")
    pack.add_argument("--today", type=dt.date.fromisoformat, help="date for review expiry (YYYY-MM-DD)")
    pack.add_argument("--no-stats", action="store_true", help="leave out what people asked (no Redis needed)")
    pack.set_defaults(handler=_review_pack)
    stats = content.add_parser("stats", help="what people ask, per topic and week (counts only)")
    stats.set_defaults(handler=_stats)


def _review_pack(settings: Settings, args: argparse.Namespace) -> int:
    from bot.workbench.pack import command

    return command(settings, args.dir or settings.content_dir, args.out_dir, args.today, not args.no_stats)


def _stats(settings: Settings, args: argparse.Namespace) -> int:
    from bot.content.loader import load_content
    from bot.workbench.stats import opened_store, print_report, read_asked

    async def run() -> int:
        async with opened_store(settings) as store:
            asked = await read_asked(store, settings.unanswered_ttl_s)
        content = load_content(settings.content_dir).content
        topics = content.topics if content else {}
        source = content.languages.source_language if content else ""
        print_report(asked, lambda tid: topics[tid].pages[source].short_title if tid in topics else tid)
        return 0

    return asyncio.run(run())
