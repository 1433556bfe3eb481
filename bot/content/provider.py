"""The content in service, reloaded when files change. A broken edit is refused: the last good content stays
in service and the problems are logged (file and line, never anything a person wrote)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from bot.content.loader import load_content
from bot.content.model import Content

log = logging.getLogger(__name__)


class ContentUnavailable(RuntimeError):
    pass


class ContentProvider:
    def __init__(self, root: Path, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.root = root
        self._today = today
        self._content: Content | None = None
        self.last_error: str | None = None
        self.reload()
        if self._content is None:
            raise ContentUnavailable(f"The content in {root} has errors; run `sanad content check`.")

    @property
    def current(self) -> Content:
        assert self._content is not None
        return self._content

    def reload(self) -> bool:
        """Load the files again; returns True when new content went into service."""
        result = load_content(self.root, self._today())
        if result.content is None:
            self.last_error = f"{len(result.problems.errors)} error(s)"
            for problem in result.problems.errors[:20]:
                log.error("Content edit refused: %s:%s %s", problem.path, problem.line, problem.message)
            log.error("Keeping the last good content until `sanad content check` passes.")
            return False
        self.last_error = None
        changed = self._content is None or result.content.fingerprint != self._content.fingerprint
        self._content = result.content
        if changed:
            log.info("Content loaded: %d topics", len(result.content.topics))
        return changed

    async def watch(self, stop: asyncio.Event, debounce_ms: int = 500) -> None:
        """Reload whenever a file under the content folder changes, until ``stop`` is set."""
        from watchfiles import awatch

        async for _changes in awatch(self.root, stop_event=stop, debounce=debounce_ms, recursive=True):
            self.reload()
