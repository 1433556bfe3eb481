"""The advisers' desk on Telegram (issue 17, and the adviser-group events of issue 14), over both transports,
against the Bot API emulator with the real engine, Rasa and Redis: two advisers and one case (claim, a held-back
relay, take-over, transfer, release), reviewed answers sent with /send and /answers in Arabic and in English, the
deadline calculator started for the person, the pinned board after three cases and across a restart, a member
who leaves losing their rights at once, and a topic closed in Telegram opened again."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest

from bot.content.provider import ContentProvider
from bot.settings import Settings
from tests.support.telegram import (
    MakeEngine,
    RunningBot,
    Start,
    callback_data,
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
TOPIC = "appeal_deadlines"


async def until(emu: TelegramEmulator, condition: Callable[[], bool], timeout: float = 15) -> None:
    """Wait until ``condition()`` holds in the emulator's state (a rename, an edit, a pin)."""
    await emu.state.notifier.wait_for(lambda: True if condition() else None, timeout)


def board_messages(emu: TelegramEmulator, forum: GroupChat) -> list[int]:
    """The bot's messages in the General topic (the board), by id."""
    return [
        m.message_id
        for m in forum.messages()
        if m.sender is emu.state.bot and not m.message_thread_id and not m.service
    ]


def board_text(forum: GroupChat, message_id: int) -> str:
    return forum.chat.messages[message_id].text or ""


def title(settings: Settings, topic: str, language: str) -> str:
    return ContentProvider(settings.content_dir).current.page(topic, language).title


async def test_two_advisers_one_case_claim_hold_back_take_over_transfer(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    sami = emu.create_user("Sami", last_name="Secretname", username="sami_adviser", language_code="en")
    forum.add_member(sami)
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        card = forum.inbox(thread)[0]
        assert "Not claimed" in shown(card)

        mona.send_text("/take", chat=forum, topic=thread)
        [taken] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "Case 1 is now Mona's" in shown(taken)
        await until(emu, lambda: forum.topic(thread).name == "Case 1 · العربية · Mona")
        await until(emu, lambda: "Claimed by Mona" in (forum.chat.messages[card.message_id].text or ""))

        sami.send_text("I can answer this one", chat=forum, topic=thread)
        [held] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "Not sent to the person" in shown(held) and "Mona's" in shown(held) and "/take" in shown(held)
        assert "I can answer" not in shown(held)
        await alice.expect_no_messages(0.5)

        reply = await relay_to_person(mona, forum, thread, alice, "مرحبا، أنا معك")
        assert shown(reply) == f"{LABEL_AR}: مرحبا، أنا معك"

        sami.send_text(f"/take@{emu.state.bot.username}", chat=forum, topic=thread)  # with the bot's @username
        [over] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "now Sami's, taking it over from Mona" in shown(over)
        await until(emu, lambda: forum.topic(thread).name == "Case 1 · العربية · Sami")
        mona.send_text("هل من جديد؟", chat=forum, topic=thread)  # now Mona is held back
        [held] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "Sami's" in shown(held)
        reply = await relay_to_person(sami, forum, thread, alice, "سأتابع معك")
        assert shown(reply) == f"{LABEL_AR}: سأتابع معك"

        sami.send_text("/transfer @mona_adviser", chat=forum, topic=thread)
        [given] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "Sami gave case 1 to Mona" in shown(given)
        await until(emu, lambda: forum.topic(thread).name == "Case 1 · العربية · Mona")
        sami.send_text("/transfer @nobody_here", chat=forum, topic=thread)
        [unknown] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "do not know @nobody_here" in shown(unknown) and "Nothing was changed" in shown(unknown)

        mona.send_text("/release", chat=forum, topic=thread)
        [released] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "Mona released case 1" in shown(released)
        await until(emu, lambda: forum.topic(thread).name == "Case 1 · العربية")
        reply = await relay_to_person(sami, forum, thread, alice, "الآن أي مستشار")
        assert "الآن أي مستشار" in shown(reply)
    towards_alice = [c for c in emu.calls if str(c.params.get("chat_id")) == str(alice.id)]
    for call in towards_alice:  # the person never learns who the advisers are
        for name in ("Mona", "Sami", "Privatename", "Secretname", "mona_adviser", "sami_adviser"):
            assert name not in str(call.params), f"{call.method} shows {name}"


async def test_send_a_reviewed_answer_in_arabic_and_in_english(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
    settings: Settings,
) -> None:
    alice, mona, forum = people
    bob = emu.create_user("Bob", username="bob_person", language_code="en")
    async with start_case(start_bot, make_engine, framework, forum):
        thread_ar = await open_case(alice, emu, forum)
        bob.send_text("/language")
        await bob.wait_for_messages(1, timeout=15)
        await press(bob, "l:en")
        await bob.wait_for_messages(2, timeout=15)  # "The language is now English.", then the menu
        thread_en = await open_case(bob, emu, forum)

        mona.send_text(f"/send {TOPIC}", chat=forum, topic=thread_ar)
        [answer_ar] = await alice.wait_for_messages(1, timeout=15)
        assert shown(answer_ar).startswith("أرسل لك المستشار هذه المعلومات من سند")
        assert title(settings, TOPIC, "ar") in shown(answer_ar) and "آخر مراجعة" in shown(answer_ar)
        assert LABEL_AR + ":" not in shown(answer_ar)  # the bot's own information, not an adviser's words
        assert "x:endcase" in callback_data(answer_ar)
        [note] = await forum.wait_for_messages(1, topic=thread_ar, timeout=15)
        assert f"Mona sent the person the reviewed answer “{TOPIC}”, in Arabic" in shown(note)
        assert "Last checked" in shown(note)

        mona.send_text(f"/send {TOPIC}", chat=forum, topic=thread_en)
        [answer_en] = await bob.wait_for_messages(1, timeout=15)
        assert shown(answer_en).startswith("The adviser sent you this information from Sanad")
        assert title(settings, TOPIC, "en") in shown(answer_en) and "Last checked" in shown(answer_en)
        [note] = await forum.wait_for_messages(1, topic=thread_en, timeout=15)
        assert "in English" in shown(note)

        mona.send_text("/send no_such_answer", chat=forum, topic=thread_ar)
        [help_] = await forum.wait_for_messages(1, topic=thread_ar, timeout=15)
        assert "No reviewed answer has the id “no_such_answer”" in shown(help_) and "/answers" in shown(help_)
        await alice.expect_no_messages(0.5)

        mona.send_text("/answers", chat=forum, topic=thread_en)
        [listing] = await forum.wait_for_messages(1, topic=thread_en, timeout=15)
        assert "page 1 of" in shown(listing) and "desk:page:1" in callback_data(listing)
        turned = mona.press("desk:page:1", chat=forum)
        await turned.wait_answered(timeout=10)  # type: ignore[union-attr]
        await until(emu, lambda: "page 2 of" in (forum.chat.messages[listing.message_id].text or ""))
        sent = mona.press("desk:send:free_legal_help", chat=forum)
        await sent.wait_answered(timeout=10)  # type: ignore[union-attr]
        [answer] = await bob.wait_for_messages(1, timeout=15)
        assert title(settings, "free_legal_help", "en") in shown(answer)

        mona.send_text("/send calculator", chat=forum, topic=thread_ar)
        [calculator] = await alice.wait_for_messages(1, timeout=15)
        assert shown(calculator).startswith("بدأ المستشار لك حاسبة المهلة")
        assert "d:iab_appeal" in callback_data(calculator)
        await press(alice, "d:iab_appeal")  # the calculator works while the case stays open
        [ask_date] = await alice.wait_for_messages(1, timeout=15)
        assert shown(ask_date).startswith("ما التاريخ المطبوع على الرسالة")  # the letter's date comes first


async def test_the_board_after_three_cases_and_a_restart(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    bob = emu.create_user("Bob", language_code="ar")
    carol = emu.create_user("Carol", language_code="ar")
    sami = emu.create_user("Sami", username="sami_adviser")
    forum.add_member(sami)
    async with start_case(start_bot, make_engine, framework, forum):
        threads = [await open_case(person, emu, forum) for person in (alice, bob, carol)]
        await until(emu, lambda: any("Open cases: 3" in board_text(forum, m) for m in board_messages(emu, forum)))
        [board] = board_messages(emu, forum)
        assert forum.chat.pinned == [board]
        text = board_text(forum, board)
        assert all(f"Case {n} · العربية" in text for n in (1, 2, 3)) and "Waiting for an adviser (3)" in text
        mona.send_text("/take", chat=forum, topic=threads[1])
        await forum.wait_for_messages(1, topic=threads[1], timeout=15)
        await until(emu, lambda: "Mona: case 2" in board_text(forum, board))
    async with start_case(start_bot, make_engine, framework, forum):  # a new process: Redis kept everything
        sami.send_text("أنا هنا أيضاً", chat=forum, topic=threads[1])
        [held] = await forum.wait_for_messages(1, topic=threads[1], timeout=15)
        assert "Mona's" in shown(held)  # the claim survived the restart
        mona.send_text("/close", chat=forum, topic=threads[2])
        await carol.wait_for_messages(1, timeout=15)
        await until(emu, lambda: "Open cases: 2" in board_text(forum, board))
        await press(alice, "x:endcase")  # the person ends their case: the board follows at once
        await alice.wait_for_messages(1, timeout=15)
        await until(emu, lambda: "Open cases: 1" in board_text(forum, board), timeout=10)
    assert board_messages(emu, forum) == [board]  # edited, never sent again
    assert forum.chat.messages[board].edits  # it was edited
    final = board_text(forum, board)
    assert "Case 1" not in final and "Case 3" not in final and "Mona: case 2" in final
    for name in ("Alice", "Bob", "Carol", str(alice.id)):
        assert name not in final


async def test_a_member_who_leaves_loses_their_rights_at_once(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum) as bot:
        assert isinstance(bot, RunningBot)
        thread = await open_case(alice, emu, forum)
        await relay_to_person(mona, forum, thread, alice, "أهلاً")  # a member: trusted for a few minutes from now
        assert [key async for key in bot.redis.scan_iter(match="sanad:adviser-member:*")]
        forum.remove_member(mona)  # Telegram sends the bot a chat_member update
        await until_no_keys(bot, "sanad:adviser-member:*")
        since = len(emu.calls)
        emu.push_update(  # a message of hers that Telegram delivers late, after she left
            "message",
            {
                "message_id": 9_999,
                "message_thread_id": thread,
                "is_topic_message": True,
                "from": mona.to_api(),
                "chat": forum.chat.to_api(),
                "date": int(time.time()),
                "text": "ما زلت هنا",
            },
        )
        await emu.wait_for_call(
            "getChatMember", timeout=15, since=since, predicate=lambda c: str(c.params["user_id"]) == str(mona.id)
        )
        await alice.expect_no_messages(0.5)
    assert not [m for m in forum.inbox(thread) if "ما زلت هنا" in shown(m)]


async def until_no_keys(bot: RunningBot, pattern: str, timeout: float = 15) -> None:
    """Wait until Redis holds no key matching ``pattern`` (the bot acted on an update with no visible reply)."""
    for _ in range(int(timeout * 20)):
        if not [key async for key in bot.redis.scan_iter(match=pattern)]:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"keys {pattern} still there after {timeout} s")


async def test_a_topic_closed_in_telegram_is_opened_again(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        forum.close_topic(thread, by=mona)
        [note] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "closed in Telegram, but case 1 is still open" in shown(note)
        assert not forum.topic(thread).closed and emu.calls_to("reopenForumTopic")
        copy = await relay_to_advisers(alice, forum, thread, "هل تسمعونني؟")
    assert shown(copy) == "هل تسمعونني؟"


async def test_commands_outside_a_case_or_on_a_closed_case_are_explained(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    own = forum.create_topic("Team chat", by=mona)
    async with start_case(start_bot, make_engine, framework, forum):
        mona.send_text("just chatting", chat=forum, topic=own)
        mona.send_text("/take", chat=forum, topic=own)
        [explained] = await forum.wait_for_messages(1, topic=own.message_thread_id, timeout=15)
        assert "No case belongs to this topic" in shown(explained)
        thread = await open_case(alice, emu, forum)
        mona.send_text("/close", chat=forum, topic=thread)
        await alice.wait_for_messages(1, timeout=15)
        await forum.wait_for_messages(1, topic=thread, timeout=15)
        mona.send_text(f"/send {TOPIC}", chat=forum, topic=thread)
        [closed] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "Case 1 is closed" in shown(closed) and "/reopen" in shown(closed)
        await alice.expect_no_messages(0.5)


async def test_two_bot_processes_send_one_reminder(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    """Two webhook processes sharing Redis, each with its own reminder loop: a case nobody answers is reminded
    once, not once per process."""
    alice, _mona, forum = people
    async with (
        start_case(start_bot, make_engine, framework, forum, webhook=True, adviser_reminder_s=1),
        start_case(start_bot, make_engine, framework, forum, webhook=True, adviser_reminder_s=1),
    ):
        thread = await open_case(alice, emu, forum)
        [reminder] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        assert "Reminder: case 1" in shown(reminder)
        await asyncio.sleep(2.0)  # both loops have looked again several times (every 0.5 s)
    assert sum("Reminder" in shown(m) for m in forum.inbox(thread)) == 1
