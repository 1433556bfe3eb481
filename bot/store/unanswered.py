"""The optional log of questions the bot could not answer, for volunteers to write new content.

Off unless ``UNANSWERED_LOG=true``. Only a scrubbed copy of the question is kept (``bot.text.scrub``), with its
language and day, in one Redis list that expires; nothing links it to a person. ``sanad content unanswered``
exports it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from bot.store.store import Store
from bot.text.scrub import scrub

MAX_ENTRIES = 2000
MAX_CHARS = 500


class UnansweredLog:
    def __init__(self, store: Store, ttl_s: int) -> None:
        self.store = store
        self.ttl_s = ttl_s

    async def record(self, text: str, language: str, today: dt.date) -> None:
        entry = {"question": scrub(text)[:MAX_CHARS], "language": language, "day": today.isoformat()}
        key = self.store.keys.unanswered()
        pipe = self.store.redis.pipeline()
        pipe.lpush(key, json.dumps(entry, ensure_ascii=False))
        pipe.ltrim(key, 0, MAX_ENTRIES - 1)
        pipe.expire(key, self.ttl_s)
        await pipe.execute()

    async def export(self) -> list[dict[str, Any]]:
        """Every entry, newest first."""
        return [json.loads(raw) for raw in await self.store.redis.lrange(self.store.keys.unanswered(), 0, -1)]


async def export_command(settings: Any) -> int:
    """``sanad content unanswered``: print the log as JSON lines (newest first)."""
    from bot.store.server import redis_url

    url, embedded = redis_url(settings.redis_url, settings.state_dir)
    store = Store.from_url(url)
    try:
        for entry in await UnansweredLog(store, settings.unanswered_ttl_s).export():
            print(json.dumps(entry, ensure_ascii=False))
    finally:
        await store.aclose()
        if embedded:
            embedded.close()
    return 0
