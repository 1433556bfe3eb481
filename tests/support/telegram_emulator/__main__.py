"""Run the emulator standalone: ``python -m tests.support.telegram_emulator --port 8081``.

Prints one JSON line {"api_root": ..., "token": ..., "control": ...} once it listens, then serves
until SIGINT / SIGTERM. Drive it through the control API (``/_emulator/...``, see control.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys

from .emulator import TelegramEmulator


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.support.telegram_emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8081, help="port (0 = any free port; default 8081)")
    parser.add_argument("--token", default=None, help="bot token to accept (default: a generated one)")
    parser.add_argument("--bot-username", default="emulated_test_bot")
    parser.add_argument("--bot-name", default="Test Bot")
    parser.add_argument("--users", type=int, default=0, help="create this many private users at start")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    emu = TelegramEmulator(
        args.host, args.port, token=args.token, bot_username=args.bot_username, bot_first_name=args.bot_name
    )
    await emu.start()
    users = [emu.create_user(f"User {n + 1}").to_api() for n in range(args.users)]
    print(
        json.dumps(
            {"api_root": emu.api_root, "token": emu.token, "control": f"{emu.api_root}/_emulator", "users": users}
        ),
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await emu.stop()


def main(argv: list[str] | None = None) -> int:
    try:
        asyncio.run(serve(parse_args(argv)))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
