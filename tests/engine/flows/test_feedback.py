"""The 👍 / 👎 under an answer and the topic counters, with a scripted NLU and a real Redis server: counts per
topic only, a forged button is a stale button, and a lost count never costs a person the answer."""

from __future__ import annotations

from collections.abc import Callable

from bot.store.keys import KEYS
from bot.store.stats import iso_week
from bot.store.store import Store
from tests.support.engine import TODAY, Chat, ScriptedNlu, kinds, text_of

WEEK = iso_week(TODAY)


async def counters(store: Store) -> dict[str, dict[str, str]]:
    return {
        str(key).rsplit(":", 1)[-1]: await store.redis.hgetall(key)
        async for key in store.redis.scan_iter(match=KEYS.topic_stats_pattern())
    }


async def test_answers_clarifications_buttons_and_votes_are_counted_per_topic(
    make_chat: Callable[..., Chat], scripted_nlu: ScriptedNlu, store: Store
) -> None:
    chat = make_chat(scripted_nlu)
    await chat.say("ضايع بالمواعيد")  # did you mean: three topics offered
    await chat.press("t:appeal_deadlines")
    await chat.press("f:appeal_deadlines-n")
    assert "a:adviser" in chat.buttons()  # after 👎: an adviser is offered
    await chat.say("شو يعني 7.3")
    assert {"f:protection_status-y", "f:protection_status-n"} <= set(chat.buttons())
    assert "👍 مفيدة" in chat.labels() and "👎 غير مفيدة" in chat.labels()
    assert kinds(await chat.press("f:protection_status-y")) == ["feedback"]
    assert text_of(chat.last).startswith("شكرًا لك")
    assert await counters(store) == {
        "answered": {"protection_status": "1"},
        "helpful": {"protection_status": "1"},
        "clarified": {"appeal_deadlines": "1", "deadline_calculator": "1", "appeal_refugee_board": "1"},
        "menu": {"appeal_deadlines": "1"},
        "not_helpful": {"appeal_deadlines": "1"},
    }
    keys = [key async for key in store.redis.scan_iter(match=KEYS.topic_stats_pattern())]
    assert all(str(key).startswith(f"sanad:stats:{WEEK}:") for key in keys)


async def test_delete_leaves_the_counters_which_name_no_one(
    make_chat: Callable[..., Chat], scripted_nlu: ScriptedNlu, store: Store
) -> None:
    chat = make_chat(scripted_nlu)
    await chat.say("شو يعني 7.3")
    person = await store.person(chat.user)
    before = await counters(store)
    await store.forget(person)
    assert await counters(store) == before == {"answered": {"protection_status": "1"}}
    for key in [key async for key in store.redis.scan_iter(match="sanad:stats:*")]:
        assert person not in str(key) and person not in str(await store.redis.hgetall(key))


async def test_a_forged_vote_is_a_stale_button(
    make_chat: Callable[..., Chat], scripted_nlu: ScriptedNlu, store: Store
) -> None:
    chat = make_chat(scripted_nlu)
    for forged in ("f:no_such_topic-y", "f:protection_status-maybe", "f:protection_status"):
        assert kinds(await chat.press(forged)) == ["stale"]
    assert await counters(store) == {}
