"""Edits in a case, both ways (issue 14, item 1): a person who corrects a message during a case (a
deadline "14 آذار" made "4 آذار") has the correction reach the advisers, clearly marked, as a reply to the copy
of the message it corrects; an adviser's edit reaches the person as a correction under the neutral name, as a
reply to the message it corrects; outside a case an edit is still not answered. Both transports, the real engine, Rasa
and Redis, the advisers' forum group in the Bot API emulator."""

from __future__ import annotations

import pytest

from tests.support.telegram import MakeEngine, Start, open_case, shown, start_case
from tests.support.telegram_emulator import GroupChat, ScriptedUser, TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]


async def test_a_persons_edit_in_a_case_reaches_the_advisers_as_a_correction(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, _mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        sent = alice.send_text("آخر موعد للطعن عندي 14 آذار")
        [copy] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        alice.edit_text(sent, "آخر موعد للطعن عندي 4 آذار")
        [correction] = await forum.wait_for_messages(1, topic=thread, timeout=15)
        await alice.expect_no_messages(1.0)  # nothing for the person: the advisers have it
    assert "Correction" in shown(correction) and "4 آذار" in shown(correction)
    assert correction.reply_to_message_id == copy.message_id, "a reply to the copy it corrects"
    assert "14 آذار" in shown(copy), "the first version stays as it was"


async def test_an_edit_outside_a_case_is_not_answered(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, _mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        sent = alice.send_text("/help")
        await alice.wait_for_messages(1, timeout=15)
        alice.edit_text(sent, "/menu")
        await alice.expect_no_messages(1.5)
    assert not emu.calls_to("createForumTopic")


async def test_an_advisers_edit_reaches_the_person_as_a_correction(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        post = mona.send_text("آخر يوم للطعن هو 14 آذار", chat=forum, topic=thread)
        [first] = await alice.wait_for_messages(1, timeout=15)
        mona.edit_text(post, "آخر يوم للطعن هو 4 آذار")
        [correction] = await alice.wait_for_messages(1, timeout=15)
    assert shown(correction).startswith("المستشار (تصحيح):") and "4 آذار" in shown(correction)
    assert correction.reply_to_message_id == first.message_id, "a reply to the message it corrects"
    assert "Mona" not in shown(correction) and "mona_adviser" not in shown(correction)
