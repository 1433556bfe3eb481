"""Content-checker fixtures: a fresh copy of the minimal valid content per test (``tests.support.content``)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.content import FIXTURE, ContentTree


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
