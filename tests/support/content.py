"""Helpers for tests of the content checker: a copy of the minimal valid content that a test may break."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.content.loader import LoadResult, load_content

FIXTURE = Path(__file__).resolve().parents[1] / "content" / "fixtures" / "minimal"
TODAY = dt.date(2026, 11, 22)


class ContentTree:
    """A copy of the minimal valid content that a test may break."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def replace(self, name: str, old: str, new: str) -> None:
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        (self.root / name).write_text(text, encoding="utf-8")

    def load(self, today: dt.date = TODAY) -> LoadResult:
        return load_content(self.root, today)
