"""Which messages may lean on the previous answer, and which say they change the subject (unit tests of
``bot.nlu.understanding``; the end-to-end behaviour is in tests/engine/flows/test_conversation.py)."""

from __future__ import annotations

from typing import cast

import pytest

from bot.content.model import Content
from bot.core.policy import Kind, Thresholds
from bot.nlu.client import NluClient
from bot.nlu.understanding import follows_up, new_subject, understand
from tests.support.engine import ScriptedNlu


@pytest.mark.parametrize(
    "text",
    [
        "وكيف بتتجدد؟",
        "w wlade? tnen mawlodin hon",
        "طيب واذا ما رديت عليهم بالوقت شو بيصير معي ومع ولادي بعدين يعني",
        "and if I don't answer them in time, what happens to me and to my children after that?",
        "w kif ba3ref shu 3andi ana akeed? wen maktoob bel kart?",
        # a careful writer's follow-up: "it" is the permit of the previous answer
        "حصلت على مساعدة من البلدية في السنة الأولى فقط، هل يمنعني ذلك من الحصول عليها؟",
        # non-native English runs longer: a detail about oneself, then "is it a problem?" about the last answer
        "I worked two years in a warehouse but since summer I am on kontanthjælp, is this a problem?",
    ],
)
def test_a_short_or_elliptical_message_may_lean_on_the_last_answer(text: str) -> None:
    assert follows_up(text)


@pytest.mark.parametrize(
    "text",
    [
        "ماشي، وسؤال تاني: مرتي بتركيا كيف بجيبها؟",
        "ok forget that, who pays the lawyer?",
        "soaal tani: ibn ammi bado yitlob loujou",
        "I have another question about my brother",
        # an aside: "by the way"
        "على فكرة، ابني بدو يسجل بالجامعة السنة الجاية، في شي لازم نعرفو؟",
        "by the way, where can I learn Danish for free in Aarhus?",
        # a whole story is not a follow-up
        "My brother who lives in Germany got a letter from the authorities there last week and they say his permit "
        "will not be extended, can he still work in his job there?",
    ],
)
def test_a_change_of_subject_never_leans_on_the_last_answer(text: str) -> None:
    assert not follows_up(text)


def test_the_new_question_is_read_without_the_words_that_name_the_old_subject() -> None:
    said = "ماشي، وسؤال تاني بعيد عن السفر: مرتي قاعدة بتركيا كيف بجيبها لعندي؟"
    assert new_subject(said) == "مرتي قاعدة بتركيا كيف بجيبها لعندي؟"
    assert new_subject("forget that is it true they send Syrians back now") == "is it true they send Syrians back now"
    assert new_subject("another question") == ""  # nothing follows it yet
    assert new_subject("كيف بجدد اقامتي؟") == ""
    # after an aside, all that follows it is the question (nothing there names an old subject)
    aside = "عفكرة ابني بدو يسجل بالجامعة، في شي لازم نعرفو؟"
    assert new_subject(aside) == "ابني بدو يسجل بالجامعة، في شي لازم نعرفو؟"
    assert new_subject("btw, where can I learn Danish for free?") == "where can I learn Danish for free?"


async def test_a_new_subject_the_whole_message_answers_is_answered(content: Content, thresholds: Thresholds) -> None:
    """ "Another question, about travel: ..., is there a problem?": the new question alone is less sure (Germany
    sounds like another country's matter) than the whole message, which answers the same topic: that answer stays,
    after the check-in that "is there a problem?" alone gets."""
    text = "ماشي. سؤال تاني منشان السفر: بدي روح عند اخي بألمانيا بالجواز الرمادي، في شي مشكلة؟"
    script = {
        "ماشي. سؤال": [("travel_abroad", 0.78), ("out_of_scope", 0.15)],
        "بدي روح عند اخي": [("travel_abroad", 0.57), ("out_of_scope", 0.29)],
        "في شي مشكلة": [("distress", 0.3), ("travel_abroad", 0.1)],
    }
    understood = await understand(text, content, cast(NluClient, ScriptedNlu(script)), thresholds)
    then = understood.decision.then if understood.decision.kind is Kind.DISTRESS else understood.decision
    assert then is not None and then.kind is Kind.ANSWER and then.intent == "travel_abroad", understood.decision


def test_anything_else_to_bring_is_no_change_of_subject() -> None:
    """ "شي تاني، ..." (another thing: ...) opens a new question; "ولا في شي تاني لازم ياخدو؟" (or anything else he
    must take?) asks more of the same question, and "something else" in it too."""
    assert new_subject("تمام. شي تاني، مرتي بتقدر تشتغل وهي ناطرة القرار؟") == "مرتي بتقدر تشتغل وهي ناطرة القرار؟"
    assert new_subject("thanks. something else: can my wife work while we wait?") == "can my wife work while we wait?"
    assert new_subject("بياخد عقد الشغل وشهادة الكورس ولا في شي تاني لازم ياخدو معو عالمقابلة") == ""
    assert new_subject("should he bring his payslips or something else to the interview?") == ""
