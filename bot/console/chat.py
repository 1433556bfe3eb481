"""``sanad chat``: talk to the bot in a terminal. Buttons appear as numbered choices; type the number.

With standard input not a terminal it reads one message per line (a number presses a button of the last
replies) and prints each turn as the line read (after "› "), the replies, and a separator line, so it can be
scripted: ``printf '/start\\n1\\n' | sanad chat``.
"""

from __future__ import annotations

import asyncio
import os
import sys
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
        loop = asyncio.get_running_loop()
        while True:
            if self.interactive:
                self.out.write("› ")
                self.out.flush()
            line = await loop.run_in_executor(None, lines.readline)
            if not line:
                break
            await self.say(line.rstrip("\n"))


async def chat(settings: Settings, visual: bool = False) -> int:
    async with bot_runtime(settings) as runtime:
        console = ConsoleChat(runtime.engine, sys.stdout, sys.stdin.isatty(), visual)
        await console.run(sys.stdin)
    return 0
