"""What ``sanad run`` says at start (issue 14, item 8): without ``HASH_KEY``, a bot on a Redis that several
processes can share warns that ids would hash differently once the key kept in Redis expires."""

from __future__ import annotations

import logging

import pytest
from pydantic import SecretStr

from bot.runtime import bot_runtime, startup_warnings
from bot.settings import Settings

pytestmark = [pytest.mark.redis, pytest.mark.rasa]


async def test_shared_redis_without_hash_key_is_warned_about_at_start(
    settings: Settings, redis_url: str, rasa_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    shared = settings.model_copy(update={"redis_url": redis_url, "nlu_url": rasa_url, "hash_key": None})
    with caplog.at_level(logging.WARNING, logger="bot.runtime"):
        async with bot_runtime(shared):
            pass
    assert any("HASH_KEY is not set" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)


@pytest.mark.parametrize(
    ("redis", "key"), [(None, None), ("redis://redis:6379/0", SecretStr("k"))], ids=["embedded", "key-set"]
)
def test_no_warning_with_the_embedded_redis_or_a_hash_key(settings: Settings, redis: str | None, key: object) -> None:
    assert startup_warnings(settings.model_copy(update={"redis_url": redis, "hash_key": key})) == []
