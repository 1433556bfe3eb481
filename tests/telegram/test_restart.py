"""A bot process killed in the middle of a conversation: the next process answers the person's next message
and the conversation continues where it was (its state is in Redis, not in the process); a message the killed
process had fetched but not answered is answered by the next one, once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bot.text.bidi import strip_isolates
from tests.support.telegram import callback_data, deliveries, press
from tests.support.telegram_emulator import TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]


def start_process(
    emu: TelegramEmulator, rasa_url: str, redis_url: str, state: Path, log: Path, extra: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        TELEGRAM_BOT_TOKEN=emu.token,
        TELEGRAM_API_URL=emu.api_root,
        NLU_URL=rasa_url,
        REDIS_URL=redis_url,
        HASH_KEY="restart-test-key",
        STATE_DIR=str(state),
        LOG_LEVEL="WARNING",
        **(extra or {}),
    )
    with log.open("ab") as out:  # the child writes through its own copy of the file descriptor
        return subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, stdout=out, stderr=subprocess.STDOUT)


async def test_killed_process_the_conversation_goes_on(
    emu: TelegramEmulator, rasa_url: str, redis_url: str, redis: Redis, tmp_path: Path
) -> None:
    """``redis``: an empty database, as for every Telegram test (the emulator's update ids start at 1 each time)."""
    person = emu.create_user("Amal", language_code="ar")
    first = start_process(emu, rasa_url, redis_url, tmp_path / "state", tmp_path / "bot.log")
    second = None
    try:
        person.send_text("احسبلي آخر يوم للطعن")
        [rules] = await person.wait_for_messages(timeout=60)
        assert "d:iab_appeal" in callback_data(rules)
        await press(person, "d:iab_appeal")
        [ask_date] = await person.wait_for_messages(timeout=20)
        assert (ask_date.text or "").startswith("ما التاريخ المطبوع على الرسالة")
        person.send_text("3/11/2026")
        [delivery] = await person.wait_for_messages(timeout=20)
        assert "dv:digital" in callback_data(delivery)

        first.send_signal(signal.SIGKILL)  # no clean shutdown
        first.wait(timeout=10)
        since = len(emu.calls)
        second = start_process(emu, rasa_url, redis_url, tmp_path / "state", tmp_path / "bot.log")
        await emu.wait_for_call("getUpdates", timeout=60, since=since)  # started (slowly on a busy machine)

        await press(person, "dv:digital")  # a button from before the crash, handled by the new process
        [result] = await person.wait_for_messages(timeout=60)
        assert "آخر يوم" in (result.text or "")  # the flow continued: its decision and date were kept
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)


async def test_killed_process_an_open_case_survives(
    emu: TelegramEmulator, rasa_url: str, redis_url: str, redis: Redis, tmp_path: Path
) -> None:
    person = emu.create_user("Amal", language_code="ar")
    adviser = emu.create_user("Mona", language_code="en")
    forum = emu.create_forum("Sanad advisers", members=[adviser])
    extra = {"ADVISER_CHAT_ID": str(forum.id)}
    first = start_process(emu, rasa_url, redis_url, tmp_path / "state", tmp_path / "bot.log", extra)
    second = None
    try:
        person.send_text("/adviser")
        [offer] = await person.wait_for_messages(timeout=60)
        assert "x:handoff" in callback_data(offer)
        await press(person, "x:handoff")
        await person.wait_for_messages(timeout=20)  # connected (out of hours: the emergency contacts follow)
        topic = int((await emu.wait_for_call("createForumTopic", timeout=20)).result["message_thread_id"])

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        second = start_process(emu, rasa_url, redis_url, tmp_path / "state", tmp_path / "bot.log", extra)

        person.send_text("هل وصلتكم رسالتي؟")
        copies = await forum.wait_for_messages(2, topic=topic, timeout=60)  # the card, then the person's message
        assert (copies[-1].text or "") == "هل وصلتكم رسالتي؟"
        assert len(emu.calls_to("createForumTopic")) == 1  # the same case and topic, not a new one
        adviser.send_text("نعم وصلت", chat=forum, topic=topic)
        replies = await person.wait_for_messages(timeout=20)
        assert any("نعم وصلت" in (r.text or "") for r in replies)
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)


async def test_killed_between_fetching_and_answering_the_next_process_answers_once(
    emu: TelegramEmulator, rasa_url: str, redis_url: str, redis: Redis, tmp_path: Path, framework: str
) -> None:
    """Issue 14, item 5: the update a process fetched but had not answered when it was killed (SIGKILL) is answered
    by the next process within seconds, once: Telegram still holds it (it was not confirmed), and the dead
    process's claim on it lapses."""
    person = emu.create_user("Amal", language_code="ar")
    extra = {"TELEGRAM_FRAMEWORK": framework}
    first = start_process(emu, rasa_url, redis_url, tmp_path / "state", tmp_path / "bot.log", extra)
    second = None
    try:
        await emu.wait_for_call("getUpdates", timeout=60, finished=False)  # polling: the long poll is open
        emu.delay_next("sendChatAction", 30)  # "typing" is shown before the answer: the kill comes then
        sent = person.send_text("شو يعني عندي اقامة 7.3 ؟")
        await emu.wait_for_call("sendChatAction", timeout=30, finished=False)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        assert deliveries(emu, sent.update_id) >= 1 and not person.inbox, "fetched, not answered"

        since = len(emu.calls)
        second = start_process(emu, rasa_url, redis_url, tmp_path / "state", tmp_path / "bot.log", extra)
        await emu.wait_for_call("getUpdates", timeout=60, since=since)
        [answer] = await person.wait_for_messages(1, timeout=30)
        assert "7.3" in strip_isolates(answer.text or "")
        await person.expect_no_messages(3.0)  # exactly one answer
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
