"""The ``sanad`` command, assembled from the parts: each registers its own sub-commands with a handler
``(settings, args) -> exit code``, and imports its work only when a command runs. JSON and reports are printed
by ``bot.output``. No part imports this module."""

from __future__ import annotations

import argparse
import logging
import sys

from bot.console import commands as console
from bot.content import commands as content
from bot.handoff import commands as cases
from bot.letters import commands as letter
from bot.nlu import commands as nlu
from bot.processes import Stopped, exit_on_signals
from bot.settings import Settings
from bot.workbench import commands as workbench

PARTS = (content, nlu, cases, letter, console)  # in the order ``sanad --help`` lists them


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sanad", description="Legal-information bot for Syrian refugees in Denmark")
    parts = parser.add_subparsers(dest="part", required=True)
    for part in PARTS:
        added = part.register(parts)
        if part is content:  # the workbench's commands (review pack, stats) sit beside the volunteers' others
            workbench.register(added)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    exit_on_signals()  # SIGTERM ends a command as Ctrl-C does: the servers it started (Rasa, Redis) stop with it
    settings = Settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # HTTP clients log every request URL at INFO: noise, and with Telegram the URL holds the token.
    for noisy in ("httpx", "httpcore", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        code: int = args.handler(settings, args)
    except (Stopped, KeyboardInterrupt):  # asked to stop (SIGTERM, SIGHUP, Ctrl-C): what it started is stopped by now
        logging.getLogger("bot").info("Stopped")
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
