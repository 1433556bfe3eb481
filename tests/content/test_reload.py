"""A changed content file is picked up by a running bot; a broken edit is refused."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import shutil
from pathlib import Path

import pytest

from bot.content.provider import ContentProvider, ContentUnavailable
from bot.settings import REPO_ROOT


async def wait_for(condition, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.1)
    return False


async def test_edit_is_picked_up_and_a_broken_edit_refused(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", root)
    provider = ContentProvider(root, today=lambda: dt.date(2026, 11, 22))
    stop = asyncio.Event()
    watcher = asyncio.create_task(provider.watch(stop, debounce_ms=100))
    await asyncio.sleep(0.5)
    page = root / "topics" / "en" / "free_lawyer.md"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original.replace("title: ", "title: Updated ", 1), encoding="utf-8")
        assert await wait_for(lambda: provider.current.page("free_lawyer", "en").title.startswith("Updated"))

        caplog.set_level(logging.ERROR)
        page.write_text(
            original.replace("related:", "relatd:", 1).replace("title: ", "title: Broken ", 1), encoding="utf-8"
        )
        assert await wait_for(lambda: provider.last_error is not None)
        assert provider.current.page("free_lawyer", "en").title.startswith("Updated")
        assert "content/topics/en/free_lawyer.md" in caplog.text
    finally:
        stop.set()
        watcher.cancel()


def test_the_bot_does_not_start_on_broken_content(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", root)
    (root / "menu.yaml").write_text("menu: [", encoding="utf-8")
    with pytest.raises(ContentUnavailable):
        ContentProvider(root)


def test_repository_content_passes_the_check() -> None:
    from bot.content.loader import load_content

    result = load_content(REPO_ROOT / "content")
    assert result.ok, "\n".join(p.format() for p in result.problems.errors)
