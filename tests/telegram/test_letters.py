"""The letter reader on Telegram, over both transports: a person sends an e-Boks PDF or a photo of a Danish letter
and gets, in Arabic, what it seems to be, its date and its deadline; afterwards nothing about the letter is left
in Redis, the logs or the state folder."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bot.deadlines.display import format_day
from tests.support.letters import blank_photo, by_name, letter_pdf, letter_photo
from tests.support.telegram import (
    MakeEngine,
    Start,
    callback_data,
    one,
    open_case,
    press,
    shown,
    start_case,
)
from tests.support.telegram_emulator import GroupChat, ScriptedUser, TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]

FAMILY_AR = "رفض لمّ الشمل"
RAB_AR = "قرار مجلس استئناف اللاجئين"
LETTER_COUNTS_AR = "النص المكتوب في رسالتك هو الذي يُعتمد"
LAST_DAY_AR = "آخر يوم آمن لديك"


def arabic_day(day: dt.date) -> str:
    """A date as the Arabic replies write it: "الأربعاء، ١٤ تشرين الأول ٢٠٢٦"."""
    return format_day(day, "ar_SY")


async def test_a_pdf_from_e_boks_is_explained_in_arabic_with_its_deadline(
    start_bot: Start,
    emu: TelegramEmulator,
    framework: str,
    redis: Redis,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)  # the production default
    letter = by_name("family_spouse")
    assert letter.decision_date is not None and letter.deadline is not None
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework, state_dir=tmp_path):
        alice.send_document(letter_pdf(letter), "afgoerelse.pdf", mime_type="application/pdf")
        summary, delivery = await alice.wait_for_messages(2, timeout=60)
        assert emu.last_call("getFile") is not None  # downloaded through the Bot API
        text = shown(summary)
        assert FAMILY_AR in text and letter.heading in text  # the kind, and the Danish heading quoted
        assert arabic_day(letter.decision_date) in text
        assert LETTER_COUNTS_AR in text and "+45 33 73 50 00" in text
        assert "t:family_reunification" in callback_data(summary)
        assert "كيف وصلك القرار" in shown(delivery)  # the rule counts from receipt: ask how it came
        digital = next(data for data in callback_data(delivery) if data.startswith("lv:digital-"))
        await press(alice, digital)
        result = await one(alice)
    assert LAST_DAY_AR in shown(result) and arabic_day(letter.deadline) in shown(result)
    await assert_nothing_left(redis, tmp_path, caplog, [letter.heading, "Samer", "FAM-26-118204", "Lindealle"])


async def test_a_photo_of_a_board_decision_gives_the_decision_date_not_the_letter_date(
    start_bot: Start,
    emu: TelegramEmulator,
    framework: str,
    redis: Redis,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)  # the production default
    letter = by_name("rab_meeting")
    assert letter.decision_date is not None
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework, state_dir=tmp_path):
        alice.send_photo(letter_photo(letter, tilt=2.5, blur=0.9, shadow=0.5))
        summary = await one(alice, timeout=90)
        await alice.expect_no_messages(0.5)  # no deadline: this kind has no rule the calculator counts with
    text = shown(summary)
    assert RAB_AR in text and arabic_day(letter.decision_date) in text  # 15 September: the Board's meeting
    assert "تاريخ القرار" in text and LAST_DAY_AR not in text
    assert emu.chat_actions  # "typing" while the letter is read
    await assert_nothing_left(redis, tmp_path, caplog, ["Yara", "Rosenvænget", "26/2087", "Flygtningenævnets"])


async def test_an_unreadable_photo_and_a_broken_pdf_get_a_kind_answer(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_photo(blank_photo())
        unreadable = await one(alice, timeout=60)
        alice.send_document(b"%PDF-1.4 this is not really a PDF", "letter.pdf", mime_type="application/pdf")
        broken = await one(alice, timeout=30)
    assert "لم أستطع قراءة النص في هذه الصورة" in shown(unreadable)
    assert "تالف" in shown(broken)
    for reply in (unreadable, broken):
        assert {"a:deadline_calculator", "a:adviser"} <= set(callback_data(reply))
        assert LAST_DAY_AR not in shown(reply)


async def test_inside_a_case_the_letter_goes_to_the_advisers_with_the_readers_summary(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, _mona, forum = people
    letter = by_name("dublin_germany")
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        alice.send_document(letter_pdf(letter), "dublin.pdf", mime_type="application/pdf")
        copy, note = await forum.wait_for_messages(2, topic=thread, timeout=60)
        await alice.expect_no_messages(0.5)  # the summary is for the advisers, not the person
    assert copy.document is not None and copy.document["file_name"] == "dublin.pdf"
    assert "Letter reader (high confidence): Dublin decision" in (note.text or "")
    assert "decision date 2026-11-10" in (note.text or "") and "2026-11-17" in (note.text or "")


async def assert_nothing_left(
    redis: Redis, state_dir: Path, caplog: pytest.LogCaptureFixture, secrets: list[str]
) -> None:
    """No Redis key or value, no log line and no file in the state folder holds anything from the letter."""
    async for key in redis.scan_iter(match="*"):
        kind = await redis.type(key)
        value = {
            "string": redis.get,
            "hash": redis.hgetall,
            "set": redis.smembers,
            "list": lambda k: redis.lrange(k, 0, -1),
            "zset": lambda k: redis.zrange(k, 0, -1),
        }.get(kind)
        stored = f"{key} {await value(key) if value else ''}"
        assert not [secret for secret in secrets if secret in stored], key
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert not [secret for secret in secrets if secret in logged]
    assert not [path for path in state_dir.rglob("*") if path.is_file()]
