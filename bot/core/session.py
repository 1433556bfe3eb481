"""What the bot remembers about a conversation, in Redis, for a limited time."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Flow(StrEnum):
    """The multi-step conversations a session can be in (``bot/engine/flows/``, one diagram each)."""

    DEADLINE = "deadline"  # the deadline calculator: flows/deadline.mmd
    DELETE = "delete"  # waiting for "yes, delete everything": flows/privacy.py
    HANDOFF = "handoff"  # waiting for consent to open an adviser case: bot/handoff/handoff.mmd


@dataclass
class Session:
    language: str | None = None  # chosen by the person (kept longer, under its own key)
    written: str | None = None  # the language the person writes in (``bot.text.written``), until they choose one
    misses: int = 0  # free-text messages in a row the bot could not answer
    flow: str | None = None  # a ``Flow`` in progress (stored as its string value)
    flow_data: dict[str, Any] = field(default_factory=dict)
    topics_asked: list[str] = field(default_factory=list)  # topic ids only, never the text
    # the deadline calculator's last result (rule id, delivery, ISO date, whose date): kept for one turn only, so
    # that a date or a delivery sent right after it corrects it (``bot.engine.flows.deadline.correct``)
    last_deadline: dict[str, Any] = field(default_factory=dict)
    # the topics of the last "did you mean" (ids only), kept for one turn: a message typed instead of a tap is read
    # among them (``bot.nlu.understanding.among_offered``)
    offered: list[str] = field(default_factory=list)
    # the calculator's id of the last decision the person named in a message ("they refused my family
    # reunification"), never the text: a later question about its deadline need not name it again
    decision_named: str | None = None

    def start_flow(self, name: Flow, **data: Any) -> None:
        self.flow, self.flow_data = name, dict(data)

    def end_flow(self) -> None:
        self.flow, self.flow_data = None, {}

    @property
    def last_topic(self) -> str | None:
        """The topic id answered last (the subject a follow-up leans on), or ``None`` before any answer."""
        return self.topics_asked[-1] if self.topics_asked else None

    def remember_topic(self, topic: str, keep: int = 10) -> None:
        if topic in self.topics_asked:
            self.topics_asked.remove(topic)
        self.topics_asked = [*self.topics_asked, topic][-keep:]
