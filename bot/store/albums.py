"""Albums answered once: Telegram delivers an album (several photos or files sent together, one
``media_group_id``) as one message per item, and the person should get one reply, not one per item.

One key per person and album (``sanad:u:<person>:album:<group>``), kept ``ALBUM_TTL_S``: the items of an album
arrive within a second or two of each other.
"""

from __future__ import annotations

from bot.store.store import Store

ALBUM_TTL_S = 120
CAPTIONED = "captioned"


class Albums:
    def __init__(self, store: Store, ttl_s: int = ALBUM_TTL_S) -> None:
        self.store = store
        self.ttl_s = ttl_s

    async def answer(self, person: str, group: str, captioned: bool) -> bool:
        """Whether this item of the album ``group`` gets a reply: the first item does, and an item with a caption
        (the person's question) does unless an item with a caption was answered already. Raises ``RedisError``."""
        key = self.store.keys.album(person, group)
        if captioned:
            previous = await self.store.redis.set(key, CAPTIONED, ex=self.ttl_s, get=True)
            return previous != CAPTIONED
        return bool(await self.store.redis.set(key, "first", nx=True, ex=self.ttl_s))
