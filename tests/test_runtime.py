"""``bot_runtime`` passes every setting through to the engine it builds, and says at start what an operator
should fix (issue 14, item 8): without ``HASH_KEY``, a bot on a Redis that several processes can share warns that
ids would hash differently once the key kept in Redis expires."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.runtime import bot_runtime, startup_warnings
from bot.settings import Settings


async def test_settings_reach_the_engine(redis_url: str, rasa_url: str, tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,
        redis_url=redis_url,
        nlu_url=rasa_url,
        state_dir=tmp_path,  # type: ignore[call-arg]
        unanswered_log=True,
        unanswered_ttl_s=1234,
        messages_per_minute=7,
        adviser_chat_id=-100123,
    )
    async with bot_runtime(settings) as runtime:
        engine = runtime.engine
        assert engine.unanswered is not None and engine.unanswered.ttl_s == 1234
        assert engine.budget.per_minute == 7
        assert engine.spool is not None and engine.spool.path == tmp_path / "spool.jsonl"
        assert engine.cases is not None and engine.cases.retention_s == settings.case_retention_s
        assert engine.thresholds.answer == settings.answer_threshold

    async with bot_runtime(settings.model_copy(update={"unanswered_log": False, "adviser_chat_id": None})) as runtime:
        assert runtime.engine.unanswered is None and runtime.engine.cases is None


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
