"""The optional log of questions the bot could not answer, for volunteers to write new content.

Off unless ``UNANSWERED_LOG=true``. Only a scrubbed copy of the question is kept (``bot.text.scrub``), with its
language and day, in one Redis list that expires; nothing links it to a person. ``sanad content unanswered``
exports it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from bot.store.store import PREFIX, Store
from bot.text.scrub import scrub

KEY = f"{PREFIX}:unanswered"
MAX_ENTRIES = 2000
MAX_CHARS = 500


async def record(store: Store, text: str, language: str, ttl_s: int, today: dt.date) -> None:
    entry = {"question": scrub(text)[:MAX_CHARS], "language": language, "day": today.isoformat()}
    pipe = store.redis.pipeline()
    pipe.lpush(KEY, json.dumps(entry, ensure_ascii=False))
    pipe.ltrim(KEY, 0, MAX_ENTRIES - 1)
    pipe.expire(KEY, ttl_s)
    await pipe.execute()


async def export(store: Store) -> list[dict[str, Any]]:
    return [json.loads(raw) for raw in await store.redis.lrange(KEY, 0, -1)]


async def export_command(settings: Any) -> int:
    """Print the log as JSON lines (newest first)."""
    from bot.store.server import redis_url

    url, embedded = redis_url(settings.redis_url, settings.state_dir)
    store = Store.from_url(url)
    try:
        for entry in await export(store):
            print(json.dumps(entry, ensure_ascii=False))
    finally:
        await store.aclose()
        if embedded:
            embedded.close()
    return 0
