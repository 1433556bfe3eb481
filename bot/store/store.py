"""The one door to Redis: every key is namespaced, every key expires, nothing is keyed by a raw Telegram id.

Keys about a person start with ``sanad:u:<hash>:`` where ``<hash>`` is a keyed hash (HMAC) of the person's
id, so ``forget`` can find and delete everything about them and no log or key name reveals who they are.
Keys are built by ``keys.KeyBuilder`` only. The small repositories next to this module (``sessions``,
``budget``, ``isolation``, ``cases``, ``requests``, ``unanswered``) are the only code that uses ``Store.redis``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from redis.asyncio import Redis

from bot.store.keys import KEYS, PREFIX, KeyBuilder

__all__ = ["PREFIX", "Store"]

# The shared secret outlives every key derived from it; it is refreshed whenever a process starts using it.
_HASH_KEY_TTL_S = 400 * 24 * 3600


class Store:
    def __init__(self, redis: Redis, hash_key: bytes | None = None, keys: KeyBuilder = KEYS) -> None:
        self.redis = redis  # for the repositories in ``bot.store`` only
        self.keys = keys
        self._hash_key = hash_key

    @classmethod
    def from_url(cls, url: str, hash_key: str | None = None) -> Store:
        return cls(Redis.from_url(url, decode_responses=True), hash_key.encode() if hash_key else None)

    async def _key(self) -> bytes:
        """The secret for hashing ids: configured, or created once and shared through Redis."""
        if self._hash_key is None:
            key = self.keys.hash_key()
            await self.redis.set(key, secrets.token_hex(32), nx=True, ex=_HASH_KEY_TTL_S)
            await self.redis.expire(key, _HASH_KEY_TTL_S)
            stored = await self.redis.get(key)
            self._hash_key = str(stored or "").encode()
        return self._hash_key

    async def person(self, transport_id: str) -> str:
        """The keyed hash that stands for a person everywhere in storage, logs and metrics."""
        return hmac.new(await self._key(), transport_id.encode(), hashlib.sha256).hexdigest()[:24]

    async def forget(self, person: str) -> int:
        """Delete every key about ``person``; returns how many were deleted."""
        deleted = 0
        async for key in self.redis.scan_iter(match=self.keys.person_pattern(person), count=200):
            deleted += int(await self.redis.delete(key))
        return deleted

    async def ping(self) -> bool:
        try:
            return bool(await self.redis.ping())
        except Exception:  # any failure means "not reachable"
            return False

    async def aclose(self) -> None:
        await self.redis.aclose()
