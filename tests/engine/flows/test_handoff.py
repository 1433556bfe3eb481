"""The engine's side of a handoff: consent, one case, silence while an adviser has the chat, closing, deleting."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.content.provider import ContentProvider
from bot.core.turn import Turn, TurnKind
from bot.engine.engine import Engine
from bot.handoff.cases import CaseStore
from bot.store.store import Store
from tests.support.engine import SCRIPT, THRESHOLDS, TODAY, Chat, ScriptedNlu, kinds, text_of
from tests.support.handoff import NIGHT, WORKING_HOURS, RecordingDesk

pytestmark = pytest.mark.redis


@pytest.fixture
def desk() -> RecordingDesk:
    return RecordingDesk()


@pytest.fixture
def handoff_chat(content: ContentProvider, store: Store, desk: RecordingDesk):  # type: ignore[no-untyped-def]
    def make(now: dt.datetime = WORKING_HOURS) -> Chat:
        cases = CaseStore(store, open_ttl_s=3600, retention_s=600)
        engine = Engine(
            content,
            ScriptedNlu(SCRIPT),
            store,
            THRESHOLDS,
            today=lambda: TODAY,
            cases=cases,
            desk=desk,
            now=lambda: now,
        )
        return Chat(engine, "tg:4242", "ar")

    return make


async def test_consent_lists_what_the_adviser_will_see(handoff_chat, desk: RecordingDesk) -> None:
    chat = handoff_chat()
    await chat.press("t:free_lawyer")
    replies = await chat.say("/adviser")
    assert kinds(replies) == ["handoff_consent"]
    assert "محامٍ مجاني" in text_of(replies) or "free_lawyer" not in text_of(replies)
    assert chat.buttons() == ["x:handoff", "x:cancel"]
    assert desk.opened == []


async def test_cancel_sends_nothing(handoff_chat, desk: RecordingDesk) -> None:
    chat = handoff_chat()
    await chat.say("بدي انسان")
    replies = await chat.press("x:cancel")
    assert kinds(replies) == ["handoff_cancelled"]
    assert desk.opened == [] and desk.forwarded == []
    assert kinds(await chat.say("شو يعني 7.3")) == ["answer"]


async def test_a_full_case_from_the_persons_side(handoff_chat, desk: RecordingDesk) -> None:
    chat = handoff_chat()
    await chat.press("t:appeal_deadlines")
    await chat.say("/adviser")
    replies = await chat.press("x:handoff")
    assert kinds(replies) == ["handoff_opened"]
    number, card = desk.opened[0]
    assert f"Case {number}" in card and "Language: العربية" in card
    assert "Appeal" in card  # the subjects asked, in the source language
    assert "tg:4242" not in card

    # while the case is open the bot stays silent and relays, media included
    assert await chat.say("وصلتني رسالة رفض، شو بعمل؟") == []
    photo = Turn("tg:4242", TurnKind.UNSUPPORTED, "", "ar", media="photo", ref="4242:17")
    assert await chat.engine.handle(photo) == []
    assert [t.media or t.text for _, t in desk.forwarded] == ["وصلتني رسالة رفض، شو بعمل؟", "photo"]
    assert desk.forwarded[1][1].ref == "4242:17"

    # the person ends it; the bot answers again
    replies = await chat.press("x:endcase")
    assert kinds(replies) == ["handoff_closed"]
    assert desk.notes and "ended" in desk.notes[-1][1]
    assert kinds(await chat.say("شو يعني 7.3")) == ["answer"]


async def test_adviser_reply_close_and_reopen(handoff_chat, desk: RecordingDesk) -> None:
    chat = handoff_chat()
    await chat.say("/adviser")
    await chat.press("x:handoff")
    case = await chat.engine.cases.for_person(await chat.engine.store.person("tg:4242"))  # type: ignore[union-attr]
    assert case is not None
    message = await chat.engine.adviser_message(case, "مرحبا، أنا هنا")
    assert text_of(message).startswith("<b>المستشار:</b> مرحبا")
    closed = await chat.engine.adviser_closed(case)
    assert kinds(closed) == ["handoff_closed"]
    assert kinds(await chat.say("شو يعني 7.3")) == ["answer"]
    reopened = await chat.engine.adviser_reopened(case)
    assert kinds(reopened) == ["handoff_reopened"]
    assert await chat.say("شكرا") == []


async def test_out_of_hours_says_when_and_gives_emergency_contacts(handoff_chat) -> None:
    chat = handoff_chat(now=NIGHT)
    await chat.say("/adviser")
    replies = await chat.press("x:handoff")
    assert kinds(replies) == ["handoff_opened", "emergency"]
    assert "٣٠ تشرين الثاني" in text_of(replies)  # Monday 30 November
    assert "112" in text_of(replies)


async def test_unreachable_advisers_are_reported_not_hidden(handoff_chat, desk: RecordingDesk) -> None:
    desk.fail = True
    chat = handoff_chat()
    await chat.say("/adviser")
    replies = await chat.press("x:handoff")
    assert kinds(replies) == ["contacts"]
    assert await chat.engine.cases.for_person(await chat.engine.store.person("tg:4242")) is None  # type: ignore[union-attr]


async def test_delete_during_a_case_erases_it(handoff_chat, desk: RecordingDesk) -> None:
    chat = handoff_chat()
    await chat.say("/adviser")
    await chat.press("x:handoff")
    assert kinds(await chat.say("/delete")) == ["confirm_delete"]
    await chat.press("x:delete")
    redis = chat.engine.store.redis
    leftovers = [k async for k in redis.scan_iter(match="sanad:*") if k not in ("sanad:hash-key", "sanad:case-seq")]
    # what may stay: the waiting order, and the week's count of cases opened (a number: nobody in it)
    assert all("waiting" in k or k.startswith("sanad:stats:") for k in leftovers), leftovers
    counts = [await redis.hgetall(k) for k in leftovers if k.startswith("sanad:stats:")]
    assert counts == [{"opened": "1"}], counts
    assert any("deleted" in note for _, note in desk.notes)
