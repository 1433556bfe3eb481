"""What a person sees, turn by turn: each scenario runs with a scripted NLU and with the real Rasa server,
both on a real Redis server."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.store.store import PREFIX
from tests.support.engine import Chat, kinds, text_of

PROTECTION = "شو يعني عندي اقامة 7.3 ؟"
DEADLINE = "احسبلي آخر يوم للطعن، وصلني القرار ٣/١١"
EMERGENCY = "بدي انتحر ما عاد فيني اتحمل"
OFF_TOPIC = "كيف بجدد رخصة السواقة تبعي؟"
HUMAN = "بدي انسان حقيقي احكي معو مش بوت"
FORGET = "امسح كل معلوماتي من عندك"


@pytest.fixture(params=["scripted", "rasa"])
def chat(request: pytest.FixtureRequest, make_chat, scripted_nlu) -> Chat:
    nlu = scripted_nlu if request.param == "scripted" else request.getfixturevalue("rasa_nlu")
    return make_chat(nlu)


async def test_start_explains_the_bot_and_offers_languages(chat: Chat) -> None:
    replies = await chat.say("/start")
    assert kinds(replies) == ["welcome"]
    text = text_of(replies)
    assert "Sanad" in text or "سند" in text
    assert "l:ar" in chat.buttons() and "l:en" in chat.buttons()
    assert "m:residency" in chat.buttons()


async def test_menu_navigation_to_an_answer(chat: Chat) -> None:
    await chat.say("/menu")
    assert "m:appeals" in chat.buttons()
    await chat.press("m:appeals")
    assert "t:free_lawyer" in chat.buttons() and "a:deadline_calculator" in chat.buttons()
    replies = await chat.press("t:free_lawyer")
    assert kinds(replies) == ["answer"] and replies[0].topic == "free_lawyer"
    text = text_of(replies)
    assert "محام" in text  # the Arabic page
    assert "2026" in text or "٢٠٢٦" in text  # last checked date
    assert replies[0].text.rsplit("\n", 1)[-1].startswith('📄 المصدر: <a href="https://')  # its main source, last
    assert any(b.startswith("t:") for b in chat.buttons()), "related topics are offered"
    assert "a:adviser" in chat.buttons()


async def test_arabic_question_answered_from_content(chat: Chat) -> None:
    replies = await chat.say(PROTECTION)
    assert kinds(replies) == ["answer"]
    assert replies[0].topic == "protection_status"
    assert "7" in text_of(replies)


async def test_emergency_comes_first(chat: Chat) -> None:
    replies = await chat.say(EMERGENCY)
    assert kinds(replies) == ["emergency"]
    text = text_of(replies)
    assert "112" in text
    assert chat.buttons()[0] == "a:adviser"


async def test_out_of_scope_then_adviser_first_after_a_second_miss(chat: Chat) -> None:
    first = await chat.say(OFF_TOPIC)
    assert kinds(first) == ["fallback"]
    assert "a:adviser" in chat.buttons() and "m:residency" in chat.buttons()
    assert chat.buttons()[0] != "a:adviser"
    await chat.say(OFF_TOPIC)
    assert chat.buttons()[0] == "a:adviser"


async def test_deadline_calculator_keeps_the_date_and_counts(chat: Chat) -> None:
    replies = await chat.say(DEADLINE)
    assert kinds(replies) == ["deadline_rule"]
    assert chat.buttons()[0] == "d:own_permit_ended" and "d:iab_appeal" in chat.buttons()
    await chat.press("d:iab_appeal")
    assert chat.buttons() == ["dv:digital", "dv:paper", "dv:in_person"]
    replies = await chat.press("dv:digital")
    assert kinds(replies) == ["deadline_result"]
    text = text_of(replies)
    # 3 November 2026 + 8 weeks = Tuesday 29 December 2026, a working day
    assert "آخر يوم آمن لديك" in text and ("29" in text or "٢٩" in text)
    assert '📄 المصدر: <a href="https://udln.dk/' in replies[0].text  # the rule's source, in one line


async def test_deadline_seven_days_count_from_the_decision(chat: Chat) -> None:
    await chat.say(DEADLINE)
    replies = await chat.press("d:iab_stay_7_days")  # no delivery question: it cannot change the day
    # "وصلني القرار ٣/١١" is the day it came; the 7 days count from the date printed on the decision (fact sheet
    # 3.2.4), which can be earlier: that date is asked, with a button for the same day
    assert kinds(replies) == ["deadline_printed_date"] and chat.buttons() == ["dd:2026-11-03"]
    replies = await chat.press("dd:2026-11-03")
    assert kinds(replies) == ["deadline_result"]
    # a 7-day decision dated 3 November 2026 gives Tuesday 10 November 2026, whatever the delivery
    assert "١٠ تشرين الثاني ٢٠٢٦" in text_of(replies)


async def test_deadline_own_refugee_permit_gets_no_date(chat: Chat) -> None:
    await chat.say(DEADLINE)
    replies = await chat.press("d:own_permit_ended")
    assert kinds(replies) == ["deadline_no_date"]
    text = text_of(replies)
    assert "آخر يوم" not in text and "33 73 50 00" in text and "منظمة DRC" in text


async def test_human_handoff_is_recorded_and_free_help_shown(chat: Chat) -> None:
    replies = await chat.say(HUMAN)
    assert kinds(replies) == ["contacts"]
    assert "33 73 50 00" in text_of(replies)
    keys = [k async for k in chat.engine.store.redis.scan_iter(match=f"{PREFIX}:u:*:adviser_request")]
    assert len(keys) == 1


async def test_delete_my_data_after_confirmation(chat: Chat) -> None:
    await chat.say("/start")
    await chat.press("l:en")
    replies = await chat.say(FORGET)
    assert kinds(replies) == ["confirm_delete"]
    redis = chat.engine.store.redis
    assert [k async for k in redis.scan_iter(match=f"{PREFIX}:u:*")]
    await chat.press("x:delete")
    assert [k async for k in redis.scan_iter(match=f"{PREFIX}:u:*")] == []


async def test_language_switch(chat: Chat) -> None:
    await chat.say("/language")
    replies = await chat.press("l:en")
    assert kinds(replies) == ["language_set", "menu"]
    assert "English" in replies[0].text
    replies = await chat.press("t:free_lawyer")
    assert "lawyer" in text_of(replies).lower()
    assert "Last checked" in text_of(replies)
    assert "📄 Source: <a href=" in text_of(replies)


async def test_every_key_expires(chat: Chat) -> None:
    for step in ("/start", PROTECTION, HUMAN, DEADLINE):
        await chat.say(step)
    redis = chat.engine.store.redis
    keys = [k async for k in redis.scan_iter(match="*")]
    assert keys
    for key in keys:
        assert await redis.ttl(key) > 0, key


async def test_no_raw_user_id_in_storage(chat: Chat) -> None:
    chat.user = "tg:987654321"
    await chat.say(PROTECTION)
    redis = chat.engine.store.redis
    async for key in redis.scan_iter(match="*"):
        assert "987654321" not in key
        value = await redis.get(key) if await redis.type(key) == "string" else ""
        assert "987654321" not in (value or "")
        assert PROTECTION not in (value or "")


async def test_dates_and_numbers_are_isolated_in_arabic(chat: Chat) -> None:
    replies = await chat.say(HUMAN)
    assert "\u206633 73 50 00\u2069" in replies[0].text or "\u2066+45 33 73 50 00\u2069" in replies[0].text


async def test_overdue_review_is_announced(make_chat, scripted_nlu) -> None:
    chat = make_chat(scripted_nlu, today=dt.date(2028, 1, 1))
    await chat.press("l:en")
    replies = await chat.press("t:free_lawyer")
    assert "overdue" in text_of(replies)


async def test_arabic_is_the_default_even_with_an_english_phone(make_chat, scripted_nlu) -> None:
    replies = await make_chat(scripted_nlu, hint="en").say("/start")
    assert "سند" in text_of(replies)
