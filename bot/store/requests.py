"""A person's request for a human adviser, recorded when no advisers' group is configured (``/adviser``)."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence

from bot.store.store import Store


class AdviserRequests:
    def __init__(self, store: Store, ttl_s: int) -> None:
        self.store = store
        self.ttl_s = ttl_s

    async def record(self, person: str, language: str, topics: Sequence[str], at: float | None = None) -> None:
        """The language, the topic ids asked about and when; never any text the person wrote."""
        value = {"language": language, "topics": list(topics), "at": int(time.time() if at is None else at)}
        await self.store.redis.set(
            self.store.keys.adviser_request(person), json.dumps(value, ensure_ascii=False), ex=self.ttl_s
        )
