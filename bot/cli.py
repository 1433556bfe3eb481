"""The ``sanad`` command. Each sub-command lives in the module of the part it belongs to."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from pathlib import Path

from bot.settings import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sanad", description="Legal-information bot for Syrian refugees in Denmark")
    parts = parser.add_subparsers(dest="part", required=True)

    content = parts.add_parser("content", help="volunteer content").add_subparsers(dest="command", required=True)
    check = content.add_parser("check", help="check every content file")
    check.add_argument("--dir", type=Path, help="content folder (default: CONTENT_DIR)")
    check.add_argument("--today", type=dt.date.fromisoformat, help="date for review expiry (YYYY-MM-DD)")

    content.add_parser("unanswered", help="export the scrubbed unanswered questions (JSON lines)")

    nlu = parts.add_parser("nlu", help="the Rasa NLU").add_subparsers(dest="command", required=True)
    train = nlu.add_parser("train", help="train the model if the data or config changed")
    train.add_argument("--force", action="store_true", help="train even if nothing changed")
    train.add_argument("--swap", action="store_true", help="then load it into the server at NLU_URL")
    serve = nlu.add_parser("serve", help="run Rasa's HTTP API, retraining and swapping when the data changes")
    serve.add_argument("--port", type=int, help="port (default: NLU_PORT)")
    serve.add_argument("--watch-every", type=float, default=5.0, help="seconds between checks for changes")
    evaluate = nlu.add_parser("evaluate", help="measure NLU and decisions on a labelled test file")
    evaluate.add_argument("file", type=Path)
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.add_argument("--sweep", action="store_true", help="choose thresholds on this (tuning) file")
    safety = nlu.add_parser("safety", help="the safety net (phrases, NLU, policy) on a labelled crisis file")
    safety.add_argument("file", type=Path, nargs="?", default=Path("nlu/tests/crisis.yml"))
    safety.add_argument("--json", action="store_true", help="print one JSON object")
    safety.add_argument("--phrases-only", action="store_true", help="without the NLU: the safety phrases alone")
    bench = nlu.add_parser("benchmark", help="the pipeline on the ArBanking77 benchmark")
    bench.add_argument("--arbanking77", type=Path, required=True, metavar="DIR")
    bench.add_argument("--config", type=Path, help="pipeline config (default: nlu/config.yml)")
    bench.add_argument("--json", action="store_true")
    chat = parts.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument(
        "--visual", action="store_true", help="shape and reorder Arabic for terminals without right-to-left support"
    )
    bench = parts.add_parser("bench", help="measure speed and memory against the real Rasa server and Redis")
    bench.add_argument("--json", action="store_true")
    bench.add_argument("--requests", type=int, default=200, help="requests per level (x4 above concurrency 1)")
    parts.add_parser("run", help="run the bot: Telegram when TELEGRAM_BOT_TOKEN is set, else the terminal chat")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # HTTP clients log every request URL at INFO: noise, and with Telegram the URL holds the token.
    for noisy in ("httpx", "httpcore", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if args.part == "content" and args.command == "unanswered":
        import asyncio

        from bot.content.unanswered import export_command

        return asyncio.run(export_command(settings))
    if args.part == "content":
        from bot.content.report import check as check_content

        return check_content(args.dir or settings.content_dir, args.today)
    if args.part == "nlu":
        from bot.nlu import commands

        handler = {
            "train": commands.train,
            "serve": commands.serve,
            "evaluate": commands.evaluate,
            "safety": commands.safety,
            "benchmark": commands.benchmark,
        }[args.command]
        return handler(settings, args)
    if args.part == "bench":
        from bot import bench as benchmark

        results = benchmark.run(settings, args.requests)
        if args.json:
            print_json(
                {k: v for k, v in results.items() if k not in ("ratios", "targets")} | {"ratios": results["ratios"]}
            )
        else:
            print(benchmark.format_report(results))
        return 0
    if args.part in ("chat", "run"):
        import asyncio

        from bot.console.chat import chat

        if args.part == "run" and settings.telegram_bot_token:
            from bot.telegram.run import run_telegram

            return asyncio.run(run_telegram(settings))
        return asyncio.run(chat(settings, visual=getattr(args, "visual", False)))
    return 2


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    sys.exit(main())
