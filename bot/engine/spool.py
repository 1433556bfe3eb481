"""Messages received while Redis was down, kept until it is back.

Without Redis the bot cannot tell whether a person has an open case with an adviser, so it answers from content
and also keeps each message here (memory and an owner-only file in the state folder, so a restart loses
nothing). When Redis returns, ``Engine.replay_spool`` delivers the messages of people who had an open case to
the advisers and deletes the rest. The file exists only while something is waiting.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from bot.core.turn import Turn, TurnKind


class Spool:
    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, turn: Turn) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(turn), ensure_ascii=False) + "\n")

    def __len__(self) -> int:
        if not self.path.exists():
            return 0
        with self.path.open(encoding="utf-8") as handle:
            return sum(1 for _ in handle)

    def take(self) -> list[Turn]:
        """Everything waiting, oldest first; the file is removed."""
        if not self.path.exists():
            return []
        turns = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            data = json.loads(line)
            data["kind"] = TurnKind(data["kind"])
            turns.append(Turn(**data))
        self.path.unlink()
        return turns
