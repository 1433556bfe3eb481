"""A conversation, not single questions: answers sized for a phone, the calculator filled from free text, and
"7/3" as the protection paragraph. Real Rasa server, real Redis."""

from __future__ import annotations

from collections.abc import Callable

from bot.engine import callbacks as cb
from bot.nlu.client import NluClient
from tests.support.engine import Chat, text_of


async def test_an_answer_opens_short_and_its_details_follow_on_a_tap(
    make_chat: Callable[..., Chat], rasa_nlu: NluClient
) -> None:
    chat = make_chat(rasa_nlu)
    [answer] = await chat.say("شو يعني ٧/٣")
    assert answer.kind == "answer" and answer.topic == "protection_status"  # never the deadline calculator
    assert len(answer.text) <= 1200 and "7.3" in answer.text and "🕓" in answer.text
    details = next(b.data for row in answer.buttons for b in row if b.data.startswith(cb.SECTION + ":"))
    [more] = await chat.press(details)
    assert more.kind == "answer_section" and "§ 7, stk. 1" in more.text


async def test_the_calculator_keeps_what_the_question_already_says(
    make_chat: Callable[..., Chat], rasa_nlu: NluClient
) -> None:
    chat = make_chat(rasa_nlu)
    [asked] = await chat.say("وصلني رفض لم الشمل بتاريخ ٣ تشرين التاني، لايمتى فيني اطعن؟")
    assert asked.kind == "deadline_delivery"  # the decision and the date were read; only the delivery is asked
    result = (await chat.say("اجاني على الاي بوكس"))[-1]  # (a possible-danger notice may come first)
    assert result.kind == "deadline_result"
    assert "٢٩ كانون الأول ٢٠٢٦" in text_of([result])  # 8 weeks from the day it came in e-Boks


async def test_an_answer_given_out_of_order_is_kept(make_chat: Callable[..., Chat], rasa_nlu: NluClient) -> None:
    chat = make_chat(rasa_nlu)
    [rule] = await chat.say("بدي احسب مهلتي")
    assert rule.kind == "deadline_rule"
    asked = (await chat.say("اجت عالاي بوكس"))[-1]  # the delivery, before the decision was chosen
    assert asked.kind == "deadline_rule"
    [date] = await chat.press(cb.make(cb.DEADLINE_RULE, "iab_appeal"))
    assert date.kind == "deadline_date"  # the delivery was kept: straight to the date


async def test_a_short_follow_up_is_read_in_the_light_of_the_last_answer(
    make_chat: Callable[..., Chat], rasa_nlu: NluClient
) -> None:
    alone = make_chat(rasa_nlu)
    follow_up = "w 2ayya wa7de a7san?"  # "and which one is better?"
    assert [r.topic for r in await alone.say(follow_up)] != ["protection_status"]
    chat = make_chat(rasa_nlu)
    [first] = await chat.say("شو الفرق بين اقامة ٧/١ و ٧/٢ و ٧/٣؟")
    assert first.topic == "protection_status"
    replies = await chat.say(follow_up)
    assert replies[-1].kind == "answer" and replies[-1].topic == "protection_status"


async def test_a_clear_new_question_is_not_pulled_back_to_the_last_topic(
    make_chat: Callable[..., Chat], rasa_nlu: NluClient
) -> None:
    chat = make_chat(rasa_nlu)
    [first] = await chat.say("شو الفرق بين اقامة ٧/١ و ٧/٢ و ٧/٣؟")
    assert first.topic == "protection_status"
    replies = await chat.say("كيف بقدم على الجنسية الدنماركية؟")
    assert replies[-1].topic == "citizenship"


async def test_thanks_is_answered_with_the_menu_so_the_next_question_is_one_tap(
    make_chat: Callable[..., Chat], rasa_nlu: NluClient
) -> None:
    chat = make_chat(rasa_nlu)
    [thanks] = await chat.say("شكراً جزيلاً، الله يعطيكم العافية")
    assert thanks.kind == "thanks"
    subjects = [b.data for row in thanks.buttons for b in row]
    assert any(d.startswith(cb.MENU + ":") for d in subjects) and len(subjects) >= 4


async def test_after_a_calculated_deadline_a_short_follow_up_is_read_as_about_that_deadline(
    make_chat: Callable[..., Chat], rasa_nlu: NluClient
) -> None:
    """The calculator's result makes its rule's topic the last one asked about: "and if the deadline passes?" is
    then about appeal deadlines (a possible-danger notice may come first: "فات" also ends some crisis messages)."""
    chat = make_chat(rasa_nlu)
    result = (await chat.say("رفضولي لم الشمل، الرسالة بتاريخ ١ تشرين الثاني عالاي بوكس، لايمتى فيني اطعن؟"))[-1]
    assert result.kind == "deadline_result"
    follow_up = (await chat.say("وإذا فات الموعد؟"))[-1]
    assert follow_up.kind == "answer" and follow_up.topic == "appeal_deadlines", (follow_up.kind, follow_up.topic)
