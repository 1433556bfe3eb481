"""The sub-commands that start the whole bot or measure it: ``chat`` (this terminal), ``bench`` (speed and
memory) and ``run`` (Telegram when ``TELEGRAM_BOT_TOKEN`` is set, else this terminal).

Each imports its work when it runs: the Telegram frameworks and the engine are loaded only by the commands that
use them, and the other parts' commands never load them.
"""

from __future__ import annotations

import argparse
import asyncio

from bot.output import emit
from bot.settings import Settings


def register(parts: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chat = parts.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument(
        "--visual", action="store_true", help="shape and reorder Arabic for terminals without right-to-left support"
    )
    chat.set_defaults(handler=_chat)
    bench = parts.add_parser("bench", help="measure speed and memory against the real Rasa server and Redis")
    bench.add_argument("--json", action="store_true")
    bench.add_argument("--requests", type=int, default=200, help="requests per level (x4 above concurrency 1)")
    bench.set_defaults(handler=_bench)
    run = parts.add_parser("run", help="run the bot: Telegram when TELEGRAM_BOT_TOKEN is set, else the terminal chat")
    run.set_defaults(handler=_run)


def _chat(settings: Settings, args: argparse.Namespace) -> int:
    from bot.console.chat import chat

    return asyncio.run(chat(settings, visual=args.visual))


def _bench(settings: Settings, args: argparse.Namespace) -> int:
    from bot import bench

    results = bench.run(settings, args.requests)
    if args.json:  # the targets belong to the report; the ratios come last
        results = {k: v for k, v in results.items() if k not in ("ratios", "targets")} | {"ratios": results["ratios"]}
    emit(results, args.json, bench.format_report)
    return 0


def _run(settings: Settings, args: argparse.Namespace) -> int:
    if settings.telegram_bot_token:
        from bot.telegram.run import run_telegram

        return asyncio.run(run_telegram(settings))
    from bot.console.chat import chat

    return asyncio.run(chat(settings))
