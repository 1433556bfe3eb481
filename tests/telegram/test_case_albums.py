"""CaseAlbums in an open case (issue 14, item 4), both ways, over both transports with the real engine, Rasa and
Redis, the advisers' forum group in the Bot API emulator: a person's album (several photos sent together, one
``media_group_id``, which Telegram delivers photo by photo) reaches the case's topic as one album with its
caption; an adviser's reply to any photo of it reaches the person as a reply to that photo; an adviser's album
reaches the person as one album under the neutral label; what the person sends next arrives after the album; and
an album held by a bot that stopped before relaying it reaches the advisers once a bot runs again."""

from __future__ import annotations

import asyncio

import pytest
from redis.asyncio import Redis

from bot.telegram.albums import CaseAlbums
from tests.support.telegram import MakeEngine, Start, open_case, shown, start_case
from tests.support.telegram_emulator import BotMessage, GroupChat, ScriptedUser, TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]

CAPTION = "هذه صفحات القرار"


def photos(forum: GroupChat, thread: int) -> list[BotMessage]:
    """The photos in the topic (a note for the advisers may come besides them: a caption is read for danger)."""
    return [message for message in forum.inbox(topic=thread) if message.photo]


async def photos_in_topic(emu: TelegramEmulator, forum: GroupChat, thread: int, count: int) -> list[BotMessage]:
    await emu.state.notifier.wait_for(lambda: len(photos(forum, thread)) >= count or None, 20)
    return photos(forum, thread)


async def test_an_album_sent_in_a_case_reaches_the_advisers_as_one_album_with_its_caption(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, _mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        alice.send_album(3, caption=CAPTION)
        copies = await photos_in_topic(emu, forum, thread, 3)
        await alice.expect_no_messages(1.5)  # the bot does not answer by itself during a case
    assert len(photos(forum, thread)) == 3
    [album] = emu.calls_to("sendMediaGroup")
    assert album.params["message_thread_id"] == thread
    assert len({copy.media_group_id for copy in copies}) == 1 and copies[0].media_group_id is not None
    assert [copy.caption for copy in copies] == [CAPTION, None, None]
    assert all(copy.message_thread_id == thread for copy in copies)
    assert not emu.calls_to("copyMessage"), "no photo copied on its own"


async def test_an_advisers_reply_to_the_second_photo_of_an_album_reaches_the_person(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        sent = alice.send_album(3, caption=CAPTION)
        copies = await photos_in_topic(emu, forum, thread, 3)
        mona.send_text("هذه الصفحة ناقصة، صوريها مرة ثانية", chat=forum, topic=thread, reply_to=copies[1])
        [reply] = await alice.wait_for_messages(1, timeout=15)
    assert shown(reply).startswith("المستشار:") and "الصفحة ناقصة" in shown(reply)
    assert reply.reply_to_message_id == sent[1].message_id, "a reply to her own second photo"
    assert "Mona" not in shown(reply)


async def test_an_advisers_album_reaches_the_person_as_one_album(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        mona.send_album(3, caption="صفحات النموذج", chat=forum, topic=thread)
        received = await alice.wait_for_messages(3, timeout=15)
        await alice.expect_no_messages(1.5)
    assert all(message.photo for message in received)
    assert len({message.media_group_id for message in received}) == 1 and received[0].media_group_id is not None
    assert shown(received[0]) == "المستشار: صفحات النموذج"
    assert [message.caption for message in received[1:]] == [None, None]
    assert "Mona" not in shown(received[0])


async def test_a_message_sent_right_after_an_album_reaches_the_advisers_after_it(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, _mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        alice.send_album(2)
        alice.send_text("وصلتني هذه الرسالة اليوم")
        arrived = await forum.wait_for_messages(3, topic=thread, timeout=20)
    assert [message.kind for message in arrived] == ["photo", "photo", "text"]
    assert arrived[0].media_group_id == arrived[1].media_group_id is not None


async def test_an_album_held_by_a_bot_that_stopped_reaches_the_advisers_when_a_bot_runs_again(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    redis: Redis,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first bot holds the album and stops as a killed process would, without relaying it (its timers and
    its sweep never run); the album is in Redis, and the next bot relays it as one."""
    alice, _mona, forum = people

    async def never(self: CaseAlbums, *args: object) -> None:
        return None

    async def idle(self: CaseAlbums, stop: asyncio.Event) -> None:
        await stop.wait()

    monkeypatch.setattr(CaseAlbums, "_when_quiet", never)
    monkeypatch.setattr(CaseAlbums, "sweep_until", idle)
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        alice.send_album(3, caption=CAPTION)
        await asyncio.wait_for(_held_items(redis, 3), timeout=20)
    assert not photos(forum, thread) and not emu.calls_to("sendMediaGroup")

    monkeypatch.undo()
    async with start_case(start_bot, make_engine, framework, forum):
        copies = await photos_in_topic(emu, forum, thread, 3)
        await asyncio.sleep(1.0)
    assert len(photos(forum, thread)) == 3 and len(emu.calls_to("sendMediaGroup")) == 1
    assert len({copy.media_group_id for copy in copies}) == 1 and copies[0].caption == CAPTION
    assert not [key async for key in redis.scan_iter(match="sanad:*album*")], "nothing of the album is kept"


async def _held_items(redis: Redis, count: int) -> None:
    """Wait until ``count`` items of an album are held in Redis."""
    while True:
        keys = [key async for key in redis.scan_iter(match="sanad:u:*:album-held:*")]
        if keys and sum([await redis.llen(key) for key in keys]) >= count:
            return
        await asyncio.sleep(0.1)
