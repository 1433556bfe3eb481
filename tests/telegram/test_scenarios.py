"""What a person sees on Telegram, over both transports (long polling), with the real engine, Rasa and Redis.

The Arabic messages are those of tests/engine/test_scenarios.py; ``LEADING`` is one the current model answers
with appeal deadlines (0.69) and ranks the departure deadline next (0.27), so that topic is offered under the answer.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.text.bidi import strip_isolates
from tests.support.telegram import Start, callback_data, delivered, deliveries, one, press
from tests.support.telegram_emulator import BotMessage, TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]

PROTECTION = "شو يعني عندي اقامة 7.3 ؟"
DEADLINE = "احسبلي آخر يوم للطعن، وصلني القرار ٣/١١"
EMERGENCY = "بدي انتحر ما عاد فيني اتحمل"
OFF_TOPIC = "كيف بجدد رخصة السواقة تبعي؟"
LEADING = "قديش مهلة الطعن؟"

MENU_AR = "كيف أستطيع مساعدتك؟ اختر موضوعاً:"
UNSUPPORTED_AR = "أستطيع قراءة الرسائل النصية والأزرار فقط"
CAPABILITIES_AR = "اكتب سؤالك بكلماتك"


def shown(message: BotMessage) -> str:
    """The text as the person reads it, without the invisible bidi isolates."""
    return strip_isolates(message.text or "")


async def test_start_welcomes_and_offers_languages_and_the_menu(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_text("/start")
        welcome = await one(alice)
    assert "سند" in shown(welcome) and welcome.parse_mode == "HTML"
    assert {"type": "bold", "offset": 0, "length": 3} in welcome.entities  # <b>سند</b>, rendered by Telegram
    assert {"l:ar", "l:en", "m:residency", "a:adviser"} <= set(callback_data(welcome))
    sent = emu.last_call("sendMessage")
    assert sent is not None and sent.params["link_preview_options"]  # sources are links: no previews


async def test_menu_navigation_to_an_answer(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_text("/menu")
        menu = await one(alice)
        assert shown(menu) == MENU_AR
        await press(alice, "m:appeals")
        appeals = await one(alice)
        assert {"t:free_lawyer", "a:deadline_calculator", "m:main"} <= set(callback_data(appeals))
        await press(alice, "t:free_lawyer")
        answer = await one(alice)
    assert "محام" in shown(answer) and "آخر مراجعة" in shown(answer)
    data = callback_data(answer)
    assert any(d.startswith("t:") for d in data) and "a:adviser" in data and "m:main" in data


async def test_arabic_question_answered_from_content_while_typing(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_text(PROTECTION)
        answer = await one(alice)
    assert "نوع الحماية" in shown(answer) and "7.3" in shown(answer)
    methods = [c.method.lower() for c in emu.calls if c.method.lower() in ("sendchataction", "sendmessage")]
    assert methods == ["sendchataction", "sendmessage"], "typing is shown before the answer"
    assert [(a.chat_id, a.action) for a in emu.chat_actions] == [(alice.id, "typing")]


async def test_a_leading_topic_is_answered_with_the_close_one_offered_under_it(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_text(LEADING)
        answer = await one(alice)
        assert "مهل الاستئناف" in shown(answer) and "آخر مراجعة" in shown(answer)  # answered, not "did you mean"
        assert "t:departure_deadline" in callback_data(answer)  # "or did you mean" the other deadline
        await press(alice, "t:departure_deadline")
        other = await one(alice)
    assert "آخر مراجعة" in shown(other)


async def test_out_of_scope_then_the_adviser_first(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_text(OFF_TOPIC)
        first = await one(alice)
        alice.send_text(OFF_TOPIC)
        second = await one(alice)
    assert "لا أريد أن أخمّن" in shown(first)
    assert "m:residency" in callback_data(first) and callback_data(first)[0] != "a:adviser"
    assert callback_data(second)[0] == "a:adviser"


async def test_emergency_comes_first(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_text(EMERGENCY)
        reply = await one(alice)
    assert "112" in shown(reply)
    assert callback_data(reply)[0] == "a:adviser"


async def test_deadline_calculator(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_text(DEADLINE)
        which = await one(alice)
        assert "d:iab_appeal" in callback_data(which)
        await press(alice, "d:iab_appeal")
        how = await one(alice)
        assert "dv:digital" in callback_data(how)
        await press(alice, "dv:digital")
        result = await one(alice)
    assert "آخر يوم آمن لديك" in shown(result)
    assert any(e["type"] == "text_link" and e["url"].startswith("https://") for e in result.entities)


async def test_language_switch(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_text("/language")
        choice = await one(alice)
        assert callback_data(choice) == ["l:ar", "l:en"]
        await press(alice, "l:en")
        done, menu = await alice.wait_for_messages(2, timeout=15)
        alice.send_text("/help")
        help_text = await one(alice)
    assert done.text == "The language is now English."
    assert menu.text == "How can I help? Choose a subject:" and "Residency and protection" in menu.button_texts
    assert help_text.text is not None and help_text.text.startswith("Write your question in your own words")


async def test_delete_removes_everything(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework) as bot:
        alice.send_text("/start")
        await one(alice)
        await press(alice, "l:en")
        await alice.wait_for_messages(2, timeout=15)
        alice.send_text("/delete")
        confirm = await one(alice)
        assert callback_data(confirm) == ["x:delete", "x:keep"]
        assert await bot.person_keys()
        await press(alice, "x:delete")
        done = await one(alice)
        assert done.text == "Done: everything I stored about you has been deleted."
        assert await bot.person_keys() == []


async def test_non_text_messages_get_a_polite_arabic_answer(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_voice()
        alice.send_sticker()
        alice.send_document(b"name,phone", "list.csv")  # photos and PDFs go to the letter reader (test_letters.py)
        alice.send_location(55.68, 12.57)
        alice.send_contact("+4512345678", "Bob")
        replies = await alice.wait_for_messages(5, timeout=15)
        await alice.expect_no_messages(0.3)
    assert all(shown(r).startswith(UNSUPPORTED_AR) for r in replies)
    assert all("a:adviser" in callback_data(r) for r in replies)
    assert emu.chat_actions == []  # nothing for the NLU to read, so no "typing"


async def test_a_duplicated_update_is_answered_once(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        sent = alice.send_text("/help", duplicate=True)
        assert shown(await one(alice)).startswith(CAPABILITIES_AR)
        pressed = await press(alice, "m:residency")
        await one(alice)
        emu.redeliver(pressed.update_id or 0)  # the button press, delivered again
        await delivered(emu, pressed.update_id, times=2)
        await alice.expect_no_messages(1.0)
    # at least twice: an update is confirmed only once handled, so it may be fetched again while it is handled
    assert deliveries(emu, sent.update_id) >= 2 and deliveries(emu, pressed.update_id) >= 2
    assert len(emu.calls_to("answerCallbackQuery")) == 1


async def test_an_edited_message_is_not_answered_again(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        sent = alice.send_text("/help")
        await one(alice)
        alice.edit_text(sent, "/menu")
        await alice.expect_no_messages(1.0)


async def test_groups_are_ignored(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    family = emu.create_group("Family", members=[alice])  # the bot is an administrator: it sees everything
    async with start_bot(framework):
        alice.send_text("/start", chat=family)
        alice.send_text(PROTECTION, chat=family)
        alice.send_text("/help")
        reply = await one(alice)  # the private chat is still served
        await alice.expect_no_messages(0.5, chat=family)
    assert shown(reply).startswith(CAPABILITIES_AR)
    assert all(c.params.get("chat_id") in (alice.id, str(alice.id)) for c in emu.calls_to("sendMessage"))


async def test_a_person_who_blocked_the_bot_breaks_nothing(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    bob = emu.create_user("Bob", language_code="en")
    async with start_bot(framework):
        emu.delay_next("sendChatAction", 0.5)
        alice.send_text(PROTECTION)
        await emu.wait_for_call("sendChatAction", finished=False)
        alice.block_bot()  # while the bot is still thinking
        refused = await emu.wait_for_call("sendMessage", predicate=lambda c: c.status == 403)
        assert refused.error == "Forbidden: bot was blocked by the user"
        bob.send_text("/help")
        assert (await one(bob)).text is not None
        alice.unblock_bot()
        alice.send_text("/help")
        assert shown(await one(alice)).startswith(CAPABILITIES_AR)
    assert len([c for c in emu.calls_to("sendMessage") if c.status == 403]) == 1, "not tried again after 403"


async def test_markup_typed_by_a_person_is_harmless(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        alice.send_text("<b>شو</b> يعني اقامة 7.3 & <script>")
        answer = await one(alice)
    assert "نوع الحماية" in shown(answer)
    assert all(c.ok for c in emu.calls_to("sendMessage"))


async def test_one_persons_messages_are_answered_in_order(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework):
        emu.delay_next("sendMessage", 0.5)  # the first answer is slow to send
        alice.send_text("/menu")
        alice.send_text("/help")
        alice.send_text("/language")
        replies = await alice.wait_for_messages(3, timeout=15)
    assert shown(replies[0]) == MENU_AR
    assert shown(replies[1]).startswith(CAPABILITIES_AR)
    assert shown(replies[2]) == "اختر اللغة / Choose your language:"


async def test_several_people_at_once(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    people = [emu.create_user(f"P{i}", language_code="ar") for i in range(5)]
    async with start_bot(framework):
        for person in people:
            person.send_text(PROTECTION)
            person.send_text("/menu")
        answers = await asyncio.gather(*(p.wait_for_messages(2, timeout=20) for p in people))
    for answer, menu in answers:
        assert "نوع الحماية" in shown(answer) and shown(menu) == MENU_AR
