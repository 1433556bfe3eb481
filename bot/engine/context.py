"""What a flow gets for one turn: who is writing, their session, how to speak to them, and the engine's services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.session import Session
from bot.core.turn import Turn
from bot.engine.replies import View

if TYPE_CHECKING:
    from bot.engine.engine import Engine


@dataclass
class Context:
    """One turn being handled. ``person`` is the keyed hash of the transport's id (never the id itself);
    ``session`` is saved after the turn unless the person deleted their data."""

    turn: Turn
    person: str
    session: Session
    view: View
    engine: Engine

    def in_language(self, language: str) -> View:
        """The view in another language (a crisis written in Arabic is answered in Arabic)."""
        return self.engine.view(language)
