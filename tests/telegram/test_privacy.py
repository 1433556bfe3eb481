"""What is left about a person, after a full conversation and a handoff: in the logs, nothing (no Telegram id,
no text); in Redis, no message text ever, the person's id only inside a case that needs it (with an expiry),
and after /delete nothing at all."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from redis.asyncio import Redis

from bot.settings import Settings
from tests.support.telegram import MakeEngine, Start, open_case, press, relay_to_advisers, relay_to_person, start_case
from tests.support.telegram_emulator import GroupChat, ScriptedUser, TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]

QUESTION = "شو يعني اقامة 7.3؟ أنا ساكن بشارع النور رقم 12"
TO_ADVISER = "ابني سامي عنده مقابلة يوم الخميس"
FROM_ADVISER = "خلي سامي يجيب كل أوراق المدرسة"


async def redis_dump(redis: Redis) -> dict[str, tuple[str, int]]:
    """Every key with its value as text and its time to live."""
    dump = {}
    async for key in redis.scan_iter(match="*"):
        kind = await redis.type(key)
        value: Any
        if kind == "string":
            value = await redis.get(key)
        elif kind == "set":
            value = await redis.smembers(key)
        elif kind == "zset":
            value = await redis.zrange(key, 0, -1)
        elif kind == "list":
            value = await redis.lrange(key, 0, -1)
        elif kind == "hash":
            value = await redis.hgetall(key)
        else:
            value = ""
        ttl = await redis.ttl(key)
        if ttl != -2:  # -2: gone meanwhile (a lock released)
            dump[key] = (f"{key} {value}", ttl)
    return dump


async def test_nothing_personal_remains(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    redis: Redis,
    settings: Settings,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)  # the production default
    alice, mona, forum = people
    framework = "aiogram"
    secrets = [QUESTION, TO_ADVISER, FROM_ADVISER, "سامي", "شارع النور"]
    ids = [str(alice.id), str(mona.id), "alice_refugee", "mona_adviser", "Privatename"]
    async with start_case(start_bot, make_engine, framework, forum):
        alice.send_text("/start")
        await alice.wait_for_messages(1, timeout=15)
        alice.send_text(QUESTION)
        await alice.wait_for_messages(1, timeout=15)
        thread = await open_case(alice, emu, forum)
        await relay_to_advisers(alice, forum, thread, TO_ADVISER)
        await relay_to_person(mona, forum, thread, alice, FROM_ADVISER)
        mona.send_text("/close", chat=forum, topic=thread)
        await alice.wait_for_messages(1, timeout=15)

        # During the retention period: no text anywhere; the person's id only where a case needs it, expiring.
        for text, ttl in (await redis_dump(redis)).values():
            assert not [s for s in secrets if s in text], text[:200]
            assert ttl > 0, text[:200]
            if str(alice.id) in text:
                assert text.startswith("sanad:case:") and ttl <= settings.case_retention_s, text[:200]
            assert str(mona.id) not in text and "mona_adviser" not in text

        alice.send_text("/delete")
        await alice.wait_for_messages(1, timeout=15)
        await press(alice, "x:delete")
        await alice.wait_for_messages(1, timeout=15)

        after = await redis_dump(redis)
        for text, _ttl in after.values():
            assert not [s for s in secrets + ids if s in text], text[:200]
        person_keys = [key for key in after if key.startswith("sanad:u:") or key.startswith("sanad:case:")]
        assert person_keys == [], person_keys

    logs = caplog.text
    assert logs, "the bot logged something"
    for leak in secrets + ids + [emu.token]:
        assert leak not in logs, f"{leak!r} appears in the logs"
