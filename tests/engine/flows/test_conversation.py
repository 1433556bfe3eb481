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
