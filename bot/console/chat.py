"""``sanad chat``: talk to the bot in a terminal. Buttons appear as numbered choices; type the number.

With standard input not a terminal it reads one message per line (a number presses a button of the last
replies) and prints each turn as the line read (after "› "), the replies, and a separator line, so it can be
scripted: ``printf '/start\\n1\\n' | sanad chat``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
from collections.abc import AsyncIterator
from typing import TextIO

from bot.console.render import format_reply
from bot.core.turn import Turn, TurnKind
from bot.engine.engine import Engine
from bot.runtime import bot_runtime
from bot.settings import Settings

USER = "console:local"
SEPARATOR = "─" * 40


def _language_hint() -> str | None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return value.split("_")[0].split(".")[0]
    return None


class ConsoleChat:
    def __init__(self, engine: Engine, out: TextIO, interactive: bool, visual: bool) -> None:
        self.engine = engine
        self.out = out
        self.interactive = interactive
        self.visual = visual
        self.payloads: list[str] = []
        self.hint = _language_hint()

    def turn_for(self, line: str) -> Turn:
        choice = line.strip()
        if choice.isdigit() and 1 <= int(choice) <= len(self.payloads):
            return Turn(USER, TurnKind.BUTTON, self.payloads[int(choice) - 1], self.hint)
        return Turn(USER, TurnKind.TEXT, line, self.hint)

    async def say(self, line: str) -> None:
        replies = await self.engine.handle(self.turn_for(line))
        if not self.interactive:
            self.out.write(f"› {line}\n")
        self.payloads = []
        for reply in replies:
            text, payloads = format_reply(reply, len(self.payloads) + 1, ansi=self.interactive, visual=self.visual)
            self.payloads += payloads
            self.out.write(text + "\n")
        self.out.write(SEPARATOR + "\n")
        self.out.flush()

    async def run(self, lines: TextIO) -> None:
        """Interactive: greet, then prompt. Through a pipe: answer each line, nothing more."""
        if self.interactive:
            self.out.write("Sanad — type your question, a number to press a button, or Ctrl-D to leave.\n")
            await self.say("/start")
        reader = _read_lines(lines)
        while True:
            if self.interactive:
                self.out.write("› ")
                self.out.flush()
            line = await anext(reader, "")
            if not line:
                break
            await self.say(line.rstrip("\n"))


async def _read_lines(lines: TextIO) -> AsyncIterator[str]:
    """The lines of ``lines``, read by a daemon thread: a stop (SIGTERM, Ctrl-C) never waits for the next line,
    as a blocked read in the event loop's executor would make it do."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str] = asyncio.Queue()

    def read() -> None:
        while True:
            line = lines.readline()  # "" at the end
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(queue.put_nowait, line)
            if not line:
                return

    threading.Thread(target=read, name="sanad-stdin", daemon=True).start()
    while line := await queue.get():
        yield line


async def chat(settings: Settings, visual: bool = False) -> int:
    async with bot_runtime(settings) as runtime:
        console = ConsoleChat(runtime.engine, sys.stdout, sys.stdin.isatty(), visual)
        await console.run(sys.stdin)
    return 0
