from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.content.loader import LoadResult, load_content

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
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


@pytest.fixture
def tree(tmp_path: Path) -> ContentTree:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    return ContentTree(root)


@pytest.fixture
def line_of() -> Callable[[ContentTree, str, str], int]:
    def find(tree: ContentTree, name: str, needle: str) -> int:
        for number, line in enumerate((tree.root / name).read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {name}")

    return find
