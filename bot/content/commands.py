"""The ``sanad content`` sub-commands: ``check`` and ``sign-off`` (for volunteers) and ``unanswered`` (the export).
``bot/cli.py`` adds the workbench's commands (``review-pack``, ``stats``) to the sub-parsers ``register`` returns."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
from pathlib import Path

from bot.settings import Settings


def register(
    parts: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    content = parts.add_parser("content", help="volunteer content").add_subparsers(dest="command", required=True)
    check = content.add_parser("check", help="check every content file")
    check.add_argument("--dir", type=Path, help="content folder (default: CONTENT_DIR)")
    check.add_argument("--today", type=dt.date.fromisoformat, help="date for review expiry (YYYY-MM-DD)")
    check.set_defaults(handler=_check)
    unanswered = content.add_parser("unanswered", help="export the scrubbed unanswered questions (JSON lines)")
    unanswered.set_defaults(handler=_unanswered)
    sign = content.add_parser("sign-off", help="record a lawyer's review of a topic in its front matter")
    sign.add_argument("topic", help="the topic id, e.g. protection_status")
    sign.add_argument("--reviewer", default="", help='who reviewed it: "Name, role"')
    sign.add_argument("--language", default="both", help="ar, en or both (default: both)")
    sign.add_argument("--accept-open-marks", metavar="REASON", help="sign although [!review] marks remain, and why")
    sign.add_argument("--dir", type=Path, help="content folder (default: CONTENT_DIR)")
    sign.add_argument("--today", type=dt.date.fromisoformat, help="the date of the review (YYYY-MM-DD)")
    sign.set_defaults(handler=_sign_off)
    return content


# Each command imports its work when it runs: ``sanad content check`` does not load the Redis client.


def _check(settings: Settings, args: argparse.Namespace) -> int:
    from bot.content.report import check

    return check(args.dir or settings.content_dir, args.today)


def _unanswered(settings: Settings, args: argparse.Namespace) -> int:
    from bot.store.unanswered import export_command

    return asyncio.run(export_command(settings))


def _sign_off(settings: Settings, args: argparse.Namespace) -> int:
    from bot.content.signoff import command

    return command(
        args.dir or settings.content_dir, args.topic, args.reviewer, args.language, args.accept_open_marks, args.today
    )
