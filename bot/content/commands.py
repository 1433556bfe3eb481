"""The ``sanad content`` sub-commands: ``check`` (for volunteers) and ``unanswered`` (the export)."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
from pathlib import Path

from bot.settings import Settings


def register(parts: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    content = parts.add_parser("content", help="volunteer content").add_subparsers(dest="command", required=True)
    check = content.add_parser("check", help="check every content file")
    check.add_argument("--dir", type=Path, help="content folder (default: CONTENT_DIR)")
    check.add_argument("--today", type=dt.date.fromisoformat, help="date for review expiry (YYYY-MM-DD)")
    check.set_defaults(handler=_check)
    unanswered = content.add_parser("unanswered", help="export the scrubbed unanswered questions (JSON lines)")
    unanswered.set_defaults(handler=_unanswered)


# Each command imports its work when it runs: ``sanad content check`` does not load the Redis client.


def _check(settings: Settings, args: argparse.Namespace) -> int:
    from bot.content.report import check

    return check(args.dir or settings.content_dir, args.today)


def _unanswered(settings: Settings, args: argparse.Namespace) -> int:
    from bot.store.unanswered import export_command

    return asyncio.run(export_command(settings))
