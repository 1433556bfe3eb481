"""What a test of the store looks at in Redis: every key and its time to live."""

from __future__ import annotations

from bot.store.store import Store


async def ttls(store: Store) -> dict[str, int]:
    """Every key in the database with its TTL in seconds (-1: never expires)."""
    return {key: int(await store.redis.ttl(key)) async for key in store.redis.scan_iter(match="*")}


async def assert_every_key_expires(store: Store) -> None:
    never = [key for key, ttl in (await ttls(store)).items() if ttl < 0]
    assert not never, f"keys without an expiry: {never}"
