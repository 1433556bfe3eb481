"""Handing a chat to human advisers on Telegram (issue 5), over both transports, against the Bot API emulator with
the real engine, Rasa and Redis: consent, one forum topic per case in the advisers' group, messages and documents
both ways under a neutral name, /close, /reopen, /note, members only, failures reported, the reminder.

Most tests give the engine a fixed clock inside the advisers' working hours (``start_case``), so that what the
person sees does not depend on when the tests run; the first one runs the bot exactly as ``sanad run`` does."""

from __future__ import annotations

import asyncio
import json
import re
import time

import pytest

from bot.core.turn import Turn, TurnKind
from bot.engine.engine import Engine
from bot.settings import Settings
from bot.telegram.api import Transport
from tests.support.handoff import NIGHT, WORKING_HOURS
from tests.support.telegram import (
    MakeEngine,
    RunningBot,
    Start,
    callback_data,
    case_topic,
    consent,
    open_case,
    press,
    relay_to_advisers,
    relay_to_person,
    shown,
    start_case,
)
from tests.support.telegram_emulator import GroupChat, ScriptedUser, TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]

LABEL_AR = "المستشار"
PDF = b"%PDF-1.4\n% a decision letter\n%%EOF\n"


def assert_adviser_hidden(emu: TelegramEmulator, person: ScriptedUser, adviser: ScriptedUser) -> None:
    """Nothing the bot sent towards the person names the adviser; nothing was forwarded (a forward names its
    sender); nothing in the person's chat carries a forward origin."""
    assert not emu.calls_to("forwardMessage")
    towards = [c for c in emu.calls if str(c.params.get("chat_id")) == str(person.id)]
    assert towards
    names = [adviser.first_name, "Privatename", adviser.username or "", "@"]
    for call in towards:
        sent = json.dumps(call.params, ensure_ascii=False)
        for name in names:
            assert name not in sent, f"{call.method} shows {name!r}"
        assert not re.search(rf"\b{adviser.id}\b", sent), f"{call.method} shows the adviser's id"
    assert all("forward_origin" not in m.raw for m in person.inbox)


async def test_consent_then_cancel_and_connect(
    start_bot: Start, emu: TelegramEmulator, framework: str, people: tuple[ScriptedUser, ScriptedUser, GroupChat]
) -> None:
    """Started as ``sanad run`` starts it (runtime wiring, real clock)."""
    alice, _mona, forum = people
    async with start_bot(framework, adviser_chat_id=forum.id):
        alice.send_text("/adviser")
        [offer] = await alice.wait_for_messages(1, timeout=15)
        assert "سيرى المستشار:" in shown(offer)  # what the adviser will see, before anything is sent
        await press(alice, "x:cancel")
        [cancelled] = await alice.wait_for_messages(1, timeout=15)
        assert not emu.calls_to("createForumTopic")
        assert "x:handoff" not in callback_data(cancelled)
        thread = await open_case(alice, emu, forum)
        card = forum.inbox(thread)[0]
    assert forum.topic(thread).name == "Case 1 · العربية"
    assert "Case 1" in shown(card) and "Consent: given" in shown(card) and "Alice" not in shown(card)


async def test_full_case_text_and_documents_both_ways(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        [opened] = await consent(alice, emu)
        assert "رقم ملفك هو ١" in shown(opened)  # the case number the advisers see as "Case 1"
        thread = await case_topic(emu, forum)
        await forum.wait_for_messages(1, topic=thread, timeout=15)  # the card

        alice.send_text("وصلني قرار سحب الإقامة، شو لازم أعمل؟")
        alice.send_document(PDF, "decision.pdf", caption="القرار")
        emu.fail_next("copyMessage", error_code=429, retry_after=1)  # rate-limited once: retried, not lost
        text_copy, document_copy = await forum.wait_for_messages(2, topic=thread, timeout=15)
        assert shown(text_copy).startswith("وصلني قرار")
        assert document_copy.document is not None and document_copy.document["file_name"] == "decision.pdf"
        assert "forward_origin" not in document_copy.raw and "Alice" not in json.dumps(document_copy.raw)
        await alice.expect_no_messages(0.3)  # the bot does not answer by itself while the case is open

        reply = await relay_to_person(mona, forum, thread, alice, "مرحبا، ارسلي لي الصفحة الثانية <b>لو سمحت</b>")
        assert shown(reply).startswith(f"{LABEL_AR}:") and "<b>لو سمحت</b>" in shown(reply)
        mona.send_document(b"form", "form.pdf", caption="املئي هذا", chat=forum, topic=thread)
        [document] = await alice.wait_for_messages(1, timeout=15)
        assert document.document is not None and document.document["file_name"] == "form.pdf"
        assert shown(document) == f"{LABEL_AR}: املئي هذا"
        mona.send_text("/note she may need an interpreter", chat=forum, topic=thread)
        last = await relay_to_person(mona, forum, thread, alice, "آخر سؤال")
        assert "آخر سؤال" in shown(last)  # the note before it was not relayed
    assert_adviser_hidden(emu, alice, mona)


async def test_racing_first_messages_create_one_topic(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    """A case without a topic yet and two of the person's messages reaching the desk at once (as from two bot
    processes): the topic is created once, both messages land in it."""
    alice, _mona, forum = people
    recipe, built = make_engine(WORKING_HOURS), []

    def engine_for(settings: Settings, transport: Transport) -> Engine:
        built.append(recipe(settings, transport))
        return built[-1]

    async with start_bot(framework, engine=engine_for, adviser_chat_id=forum.id):
        first, second = alice.send_text("/start"), alice.send_text("/help")
        await alice.wait_for_messages(2, timeout=15)
        [engine] = built
        assert engine.handoff is not None
        person = await engine.store.person(f"tg:{alice.id}")
        case, _ = await engine.handoff.cases.open_case(person, f"tg:{alice.id}", "ar", [])
        emu.delay_next("createForumTopic", 0.5)
        turns = [
            Turn(f"tg:{alice.id}", TurnKind.TEXT, m.text or "", ref=f"{alice.id}:{m.message_id}")
            for m in (first, second)
        ]
        cases = [await engine.handoff.cases.get(case.number) for _ in turns]  # a copy each, as two processes
        await asyncio.gather(*(engine.handoff.desk.forward(c, t) for c, t in zip(cases, turns, strict=True) if c))
        assert len(emu.calls_to("createForumTopic")) == 1
        [topic] = forum.topics
        messages = await forum.wait_for_messages(3, topic=topic.message_thread_id, timeout=15)
    assert "Case 1" in shown(messages[0])
    assert sorted(shown(m) for m in messages[1:]) == sorted(["/start", "/help"])


async def test_deleted_topic_is_created_again(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        old = await open_case(alice, emu, forum)
        forum.topic(old).deleted = True  # an adviser deleted the topic in the app
        since = len(emu.calls)
        alice.send_text("هل وصلتكم رسالتي؟")
        new = await case_topic(emu, forum, since=since)
        card, copy = await forum.wait_for_messages(2, topic=new, timeout=15)
        assert new != old and forum.topic(new).name == "Case 1 · العربية"
        assert "Case 1" in shown(card) and "created again" in shown(card)
        assert shown(copy) == "هل وصلتكم رسالتي؟"
        reply = await relay_to_person(mona, forum, new, alice, "نعم وصلت")
    assert shown(reply) == f"{LABEL_AR}: نعم وصلت"


async def test_close_and_reopen(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        mona.send_text("/close", chat=forum, topic=thread)
        [closed] = await alice.wait_for_messages(1, timeout=15)
        assert "m:residency" in callback_data(closed)  # the bot's menu again
        [note] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "closed" in shown(note) and "The person was told" in shown(note)
        alice.send_text("/help")  # the bot answers by itself again; nothing goes to the topic
        await alice.wait_for_messages(1, timeout=15)
        mona.send_text("are you there?", chat=forum, topic=thread)
        [refused] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "NOT sent" in shown(refused)
        mona.send_text("/reopen", chat=forum, topic=thread)
        [reopened] = await alice.wait_for_messages(1, timeout=15)
        assert "x:endcase" in callback_data(reopened)
        [note] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "reopened" in shown(note)
        copy = await relay_to_advisers(alice, forum, thread, "شكراً، عندي سؤال آخر")
    assert shown(copy) == "شكراً، عندي سؤال آخر"
    assert [shown(m) for m in forum.inbox(thread)].count("/help") == 0


async def test_non_members_cannot_act(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    stranger = emu.create_user("Stranger", username="not_an_adviser")
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        for text in ("/close", "I am not an adviser"):  # as from someone who is not (or no longer) a member
            emu.push_update(
                "message",
                {
                    "message_id": 10_000 + len(text),
                    "message_thread_id": thread,
                    "is_topic_message": True,
                    "from": stranger.to_api(),
                    "chat": forum.chat.to_api(),
                    "date": int(time.time()),
                    "text": text,
                },
            )
        await emu.wait_for_call("getChatMember", timeout=15)
        mona.send_text("/note a real adviser", chat=forum, topic=thread)
        await emu.wait_for_call(
            "getChatMember", timeout=15, predicate=lambda c: str(c.params["user_id"]) == str(mona.id)
        )
        await alice.expect_no_messages(0.5)
    assert forum.inbox(thread)[1:] == []  # not even a note: nothing was done for the stranger
    assert not any("Stranger" in json.dumps(c.params) for c in emu.calls)


async def test_out_of_hours(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, _mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum, now=NIGHT):
        alice.send_text("/adviser")
        await alice.wait_for_messages(1, timeout=15)
        await press(alice, "x:handoff")
        opened, emergency = await alice.wait_for_messages(2, timeout=15)
        await case_topic(emu, forum)
    assert "المستشارون لا يعملون الآن" in shown(opened)
    assert "112" in shown(emergency)


async def test_blocked_person_and_reminder_are_reported(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
    settings: Settings,
) -> None:
    alice, mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum, adviser_reminder_s=1) as bot:
        assert isinstance(bot, RunningBot)
        thread = await open_case(alice, emu, forum)
        [reminder] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "Reminder: case 1" in shown(reminder)
        alice.block_bot()
        mona.send_text("هل أنت هنا؟", chat=forum, topic=thread)
        [note] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        await asyncio.sleep(1.0)
    assert "NOT delivered" in shown(note) and "blocked" in shown(note)
    assert sum("Reminder" in shown(m) for m in forum.inbox(thread)) == 1  # once only
