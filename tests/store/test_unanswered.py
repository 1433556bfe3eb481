"""The unanswered-questions log: scrubbed, short, bounded, expiring, linked to no one; and its export."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.settings import Settings
from bot.store.store import Store
from bot.store.unanswered import MAX_CHARS, MAX_ENTRIES, UnansweredLog, export_command
from tests.support.redis_keys import assert_every_key_expires, ttls

DAY = dt.date(2026, 11, 30)


async def test_questions_are_kept_scrubbed_newest_first(store: Store) -> None:
    log = UnansweredLog(store, ttl_s=600)
    await log.record("كيف بجدد رخصة السواقة؟ رقمي 22 33 44 55", "ar", DAY)
    await log.record("How do I renew my driving licence? mail me at someone@example.org", "en", DAY)
    first, second = await log.export()
    assert first["language"] == "en" and "someone@example.org" not in first["question"]
    assert second == {"question": second["question"], "language": "ar", "day": "2026-11-30"}
    assert "22 33 44 55" not in second["question"] and "رخصة" in second["question"]


async def test_the_log_is_bounded_expires_and_names_no_person(store: Store) -> None:
    log = UnansweredLog(store, ttl_s=600)
    await log.record("x" * (MAX_CHARS + 100), "en", DAY)
    assert len((await log.export())[0]["question"]) == MAX_CHARS
    pipe = store.redis.pipeline()
    for _ in range(MAX_ENTRIES):
        pipe.lpush("sanad:unanswered", json.dumps({"question": "q", "language": "en", "day": "2026-11-30"}))
    await pipe.execute()
    await log.record("one more", "en", DAY)
    assert len(await log.export()) == MAX_ENTRIES
    assert list(await ttls(store)) == ["sanad:unanswered"]
    await assert_every_key_expires(store)


async def test_sanad_content_unanswered_prints_json_lines(
    store: Store, settings: Settings, redis_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    await UnansweredLog(store, ttl_s=600).record("سؤال بلا جواب", "ar", DAY)
    assert await export_command(settings.model_copy(update={"redis_url": redis_url})) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line) for line in lines] == [
        {"question": "سؤال بلا جواب", "language": "ar", "day": "2026-11-30"}
    ]
