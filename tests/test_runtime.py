"""``bot_runtime`` passes every setting through to the engine it builds."""

from __future__ import annotations

from pathlib import Path

from bot.runtime import bot_runtime
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
