"""Helpers for tests that talk to the engine turn by turn: a scripted NLU, a person (``Chat``) and the fixed
day and decision thresholds the scenarios are written for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.core.turn import Reply, Turn, TurnKind
from bot.engine.engine import Engine
from bot.nlu.client import NluUnavailable, Parse
from bot.settings import Settings
from bot.text.bidi import strip_isolates

TODAY = dt.date(2026, 11, 22)
THRESHOLDS = Settings(_env_file=None).thresholds()  # type: ignore[call-arg]  # the bot's own decision policy


class ScriptedNlu:
    """A stand-in for Rasa in unit tests of the engine: rankings chosen by a phrase in the message."""

    def __init__(self, script: dict[str, list[tuple[str, float]]]) -> None:
        self.script = script
        self.down = False

    async def parse(self, text: str) -> Parse:
        if self.down:
            raise NluUnavailable("scripted outage")
        for phrase, ranking in self.script.items():
            if phrase in text:
                return Parse(tuple(ranking))
        return Parse((("out_of_scope", 0.9),))

    async def aclose(self) -> None:
        return None


SCRIPT = {
    "7.3": [("protection_status", 0.93), ("permit_duration_extension", 0.03)],
    "احسبلي": [("deadline_calculator", 0.9)],
    "مرحبا": [("greet", 0.95)],
    "انتحر": [("emergency", 0.97)],
    "ضايع": [("appeal_deadlines", 0.35), ("deadline_calculator", 0.3), ("appeal_refugee_board", 0.2)],
    "بدي انسان": [("human_handoff", 0.9)],
    "امسح": [("delete_my_data", 0.9)],
    "رخصة": [("out_of_scope", 0.95)],
}


@dataclass
class Chat:
    """One person talking to the engine; remembers the last buttons so a test can press them by label."""

    engine: Engine
    user: str
    language_hint: str | None = "ar"
    last: list[Reply] = field(default_factory=list)

    async def say(self, text: str) -> list[Reply]:
        self.last = await self.engine.handle(Turn(self.user, TurnKind.TEXT, text, self.language_hint))
        return self.last

    async def press(self, data: str) -> list[Reply]:
        self.last = await self.engine.handle(Turn(self.user, TurnKind.BUTTON, data, self.language_hint))
        return self.last

    def buttons(self) -> list[str]:
        return [b.data for r in self.last for row in r.buttons for b in row]

    def labels(self) -> list[str]:
        return [b.label for r in self.last for row in r.buttons for b in row]


def text_of(replies: list[Reply]) -> str:
    """The replies' text as a person reads it (without the invisible bidi isolates)."""
    return strip_isolates("\n".join(r.text for r in replies))


def kinds(replies: list[Reply]) -> list[str]:
    return [r.kind for r in replies]
