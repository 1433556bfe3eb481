"""Photos and files with words, and albums (issue 14, item 4), over both transports with the real engine, Rasa and
Redis: the caption of a photo is the person's question and is answered as typed (with a note that the photo
itself was not read); an album (several photos sent together, one ``media_group_id``) gets one reply, not one
per photo. Inside an open case an album is relayed as one album (``test_case_albums.py``)."""

from __future__ import annotations

import pytest

from tests.support.telegram import Start, shown
from tests.support.telegram_emulator import TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]

PROTECTION = "شو يعني عندي اقامة 7.3 ؟"
UNSUPPORTED_AR = "أستطيع قراءة الرسائل النصية والأزرار فقط"
UNREADABLE_PHOTO_AR = "لم أستطع قراءة النص في هذه الصورة"  # the letter reader, on photos that are no letter
NOT_READ_AR = "أجبتُ عن الكلمات التي أرسلتها مع الصورة أو الملف"


async def test_a_photo_with_a_question_as_caption_is_answered(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_photo(caption=PROTECTION)
        answer, note = await alice.wait_for_messages(2, timeout=20)
        await alice.expect_no_messages(1.0)
    assert "نوع الحماية" in shown(answer) and "7.3" in shown(answer)
    assert shown(note).startswith(NOT_READ_AR)
    assert not any(UNSUPPORTED_AR in shown(m) for m in (answer, note))


async def test_an_album_gets_one_reply(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_album(4)
        [reply] = await alice.wait_for_messages(1, timeout=20)
        await alice.expect_no_messages(2.0)
    assert shown(reply).startswith(UNREADABLE_PHOTO_AR)  # read once, as the pages of one letter


async def test_an_album_with_a_question_gets_one_answer(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_album(3, caption=PROTECTION)
        answer, note = await alice.wait_for_messages(2, timeout=20)
        await alice.expect_no_messages(2.0)
    assert "7.3" in shown(answer) and shown(note).startswith(NOT_READ_AR)
