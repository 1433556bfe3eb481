"""A message of several parts (a story, then the question) is decided by its question when the whole is unclear,
also after the note for a possible danger (unit tests of ``bot.nlu.understanding.understand`` with written
rankings; the whole turn runs with Rasa in the conversation tests)."""

from __future__ import annotations

from typing import cast

from bot.content.model import Content
from bot.core.policy import Kind, Thresholds
from bot.nlu.client import NluClient, Parse
from bot.nlu.understanding import RUN_ON_PIECE, closing, question, sentences, understand

STORY = (
    "من وقت ما اجاني مكتوب المقابلة ما عم نام، قلبي عم يدق طول الليل وخايفة انسى كل شي. "
    "بدي اعرف بس، بقدر اطلب مترجمة ست مو رجّال؟"
)
# the whole story: a little danger (the watch level) and two topics tied; the question alone: the interview
WHOLE = (("interview_preparation", 0.3), ("mental_health_support", 0.28), ("emergency", 0.15), ("out_of_scope", 0.05))
PART = (("mental_health_support", 0.3), ("interview_preparation", 0.25), ("out_of_scope", 0.2))
ASKED = (("interview_preparation", 0.9), ("documents", 0.03))


class Written:
    """An NLU that ranks the whole message, its question and its other parts as written in the test."""

    async def parse(self, text: str) -> Parse:
        if text == question(STORY):
            return Parse(ASKED)
        return Parse(WHOLE if len(text) > 100 else PART)


async def test_after_the_note_for_a_possible_danger_the_question_decides(
    content: Content, thresholds: Thresholds
) -> None:
    assert thresholds.emergency_watch <= 0.15 < thresholds.emergency
    understood = await understand(STORY, content, cast(NluClient, Written()), thresholds)
    decision = understood.decision
    assert decision.kind is Kind.EMERGENCY and decision.possible  # the note with 112 comes first, as always
    assert decision.then is not None and decision.then.kind is Kind.ANSWER
    assert decision.then.intent == "interview_preparation"  # then the answer, not a list of topics


INTERVIEW = (
    "Hello, me and my wife are from Deir ez-Zor, in Denmark since 2016. Yesterday a letter came from the "
    "Immigration Service, they want an interview with us about our permit. What does this mean?"
)
# the whole story leads with the revocation steps; its question alone says nothing
STORY_RANKING = (("revocation_process", 0.28), ("interview_preparation", 0.15), ("family_members", 0.08))
VAGUE = (("out_of_scope", 0.4), ("bot_capabilities", 0.2))


class Story:
    """An NLU that ranks the whole story as ``whole`` and each part, the question included, as vague."""

    def __init__(self, whole: tuple[tuple[str, float], ...]) -> None:
        self.whole = whole

    async def parse(self, text: str) -> Parse:
        return Parse(self.whole if text.startswith("Hello") or text == DICTATED else VAGUE)


async def test_a_story_whose_question_says_little_is_answered_by_the_topic_it_leads_with(
    content: Content, thresholds: Thresholds
) -> None:
    decision = (await understand(INTERVIEW, content, cast(NluClient, Story(STORY_RANKING)), thresholds)).decision
    assert decision.kind is Kind.ANSWER and decision.intent == "revocation_process"
    assert decision.candidates == ("interview_preparation", "family_members")  # the others it touched, one tap away


async def test_a_story_split_between_two_topics_is_still_asked_back(content: Content, thresholds: Thresholds) -> None:
    split = (("revocation_process", 0.28), ("interview_preparation", 0.22), ("family_members", 0.08))
    decision = (await understand(INTERVIEW, content, cast(NluClient, Story(split)), thresholds)).decision
    assert decision.kind is Kind.CLARIFY


SAMTALE = "مرحبا. انا اجا ورقة من Udlændingestyrelsen. مكتوب samtale. انا كتير خايف وما في فهم شو هذا"
# the whole message leads with the interview, not enough for an answer alone; its last part sounds distressed
SAMTALE_WHOLE = (("interview_preparation", 0.46), ("revocation_process", 0.25), ("greet", 0.1))
SAD_PART = (("distress", 0.4), ("out_of_scope", 0.2))


class Frightened:
    """An NLU that ranks the whole message as ``SAMTALE_WHOLE``, its last part as distress, the rest as vague."""

    async def parse(self, text: str) -> Parse:
        if text.startswith("مرحبا"):
            return Parse(SAMTALE_WHOLE)
        return Parse(SAD_PART if "خايف" in text else VAGUE)


async def test_a_check_in_on_a_story_is_followed_by_the_topic_the_story_leads_with(
    content: Content, thresholds: Thresholds
) -> None:
    """A frightened person who tells of a letter gets the warm check-in and then the answer, not the check-in alone
    (only a clear answer may follow a check-in, never a list of topics)."""
    decision = (await understand(SAMTALE, content, cast(NluClient, Frightened()), thresholds)).decision
    assert decision.kind is Kind.DISTRESS
    assert decision.then is not None and decision.then.kind is Kind.ANSWER
    assert decision.then.intent == "interview_preparation"


DEPARTURE = (
    "marhaba, majles el lajeen rafad qadiyti w katbin enno lazem etla mn denmark khilal sabe3 ayyam. "
    "shu yaani hal kalam?"
)
# the story leads with the departure deadline; its question alone ("what does this mean?") with a topic it never
# touched, the way "what does 7.3 mean?" is asked
DEPARTURE_WHOLE = (("departure_deadline", 0.28), ("appeal_refugee_board", 0.16), ("after_final_refusal", 0.11))
WHAT_DOES_IT_MEAN = (("protection_status", 0.35), ("out_of_scope", 0.1), ("bot_capabilities", 0.06))


class TwoParts:
    async def parse(self, text: str) -> Parse:
        if text.startswith("marhaba"):
            return Parse(DEPARTURE_WHOLE)
        return Parse(WHAT_DOES_IT_MEAN if text.startswith("shu") else DEPARTURE_WHOLE[1:])


async def test_a_vague_question_after_a_story_does_not_answer_a_topic_the_story_never_touched(
    content: Content, thresholds: Thresholds
) -> None:
    """A story in two sentences, then "what does this mean?": the story's topic is answered, not the topic the
    vague question alone leans to."""
    decision = (await understand(DEPARTURE, content, cast(NluClient, TwoParts()), thresholds)).decision
    assert decision.kind is Kind.ANSWER and decision.intent == "departure_deadline"


DICTATED = (
    "مرحبا انا ابو سامر من حماه ساكن بفايله مع مرتي وبنتي من سنة الالفين وستطعش واجانا مكتوب من دائرة الهجرة "
    "انو لازم نروح لعندهم على مقابلة بخصوص الاقامة بعد شهر ومن يومها ما عم ننام ولا بعرف شو بدهن يسألونا "
    "ولا شو لازم نجيب معنا فهمني شو لازم نعمل"
)
# dictated without a stop: the whole leads with the interview, not enough for an answer alone
DICTATED_WHOLE = (("interview_preparation", 0.33), ("permit_duration_extension", 0.17), ("documents", 0.1))


async def test_a_story_dictated_without_punctuation_is_read_in_pieces(content: Content, thresholds: Thresholds) -> None:
    """Voice typing gives one long sentence: it is cut into pieces of a dozen words, for the safety check of each
    piece and so that the story's leading topic answers it, as for a story told in sentences."""
    pieces = sentences(DICTATED)
    assert len(pieces) >= 3 and all(len(p.split()) <= 2 * RUN_ON_PIECE for p in pieces)
    assert " ".join(pieces).split() == DICTATED.split()[-len(" ".join(pieces).split()) :]  # its end, word for word
    assert question(DICTATED) == " ".join(DICTATED.split()[-RUN_ON_PIECE:])  # its question is in its last words
    decision = (await understand(DICTATED, content, cast(NluClient, Story(DICTATED_WHOLE)), thresholds)).decision
    assert decision.kind is Kind.ANSWER and decision.intent == "interview_preparation"
    assert sentences("شو يعني ٧/٣ وهل بتتجدد لحالها ولا لازم قدم طلب") == []  # a short question stays whole


LETTER_AT_THE_END = (
    "انا من القامشلي وجيت ٢٠١٥، بشتغل بمعمل من وقتها وولادي الثلاثة بالمدرسة الدنماركية. "
    "مبارح وصلني مكتوب من دائرة الهجرة انو الوضع بسوريا تغير وبدهم يسحبو اقامتي. طيب انا شو لازم اعمل؟"
)
# the whole story leads with the ties it tells (work, school); the question alone says nothing; the question with
# the sentence before it is about the letter
TIES_STORY = (("ties_to_denmark", 0.35), ("out_of_scope", 0.06), ("revocation_process", 0.06), ("citizenship", 0.05))
WHAT_TO_DO = (("out_of_scope", 0.3), ("documents", 0.2), ("free_legal_help", 0.15))
LETTER_THEN_QUESTION = (("revocation_process", 0.73), ("permit_duration_extension", 0.09), ("documents", 0.02))


class Closing:
    async def parse(self, text: str) -> Parse:
        asked = question(LETTER_AT_THE_END)
        if text == closing(LETTER_AT_THE_END, asked):
            return Parse(LETTER_THEN_QUESTION)
        return Parse(WHAT_TO_DO if text == asked else TIES_STORY)


async def test_a_vague_question_is_read_with_the_sentence_before_it(content: Content, thresholds: Thresholds) -> None:
    """A story of ties to Denmark, then "a letter came: they want to withdraw my permit. What should I do?": the
    question says little alone, and with the sentence before it asks about the withdrawal, not the ties."""
    asked = question(LETTER_AT_THE_END)
    assert closing(LETTER_AT_THE_END, asked).startswith("مبارح وصلني مكتوب") and closing("كيف؟", "كيف؟") == ""
    decision = (await understand(LETTER_AT_THE_END, content, cast(NluClient, Closing()), thresholds)).decision
    assert decision.kind is Kind.ANSWER and decision.intent == "revocation_process", decision


BOARD_SAID_NO = (
    "I came in 2015 with 7(3), worked as a welder in Odense for six years and my son is at the gymnasium. In 2023 "
    "they did not extend, the case went to the Refugee Appeals Board, and last week the Board refused. So it is "
    "over? What is left for me?"
)
BOARD_WAITS = BOARD_SAID_NO.replace("and last week the Board refused", "and the hearing is next week")
# the whole story leads with what it tells (the Board, ties); the question read with the sentence before it
# leads, below the answer level, with what is left after a final refusal, a topic the whole does not rank at all
STORY_OF_THE_BOARD = (("appeal_refugee_board", 0.2), ("ties_to_denmark", 0.16), ("revocation_reasons", 0.12))
WHAT_IS_LEFT = (("after_final_refusal", 0.45), ("documents", 0.05), ("out_of_scope", 0.04))


class BoardStory:
    async def parse(self, text: str) -> Parse:
        return Parse(STORY_OF_THE_BOARD if text.startswith("I came") else WHAT_IS_LEFT)


async def test_a_story_that_tells_the_board_said_no_is_answered_by_what_is_left(
    content: Content, thresholds: Thresholds
) -> None:
    """The model may miss a final refusal told in a long story: the Board's "no" in the story's words lets its
    question ("what is left for me?") answer what comes after a final refusal; the same story with the hearing still
    to come does not, and is asked back."""
    assert WHAT_IS_LEFT[0][1] < thresholds.answer
    nlu = cast(NluClient, BoardStory())
    decision = (await understand(BOARD_SAID_NO, content, nlu, thresholds)).decision
    assert decision.kind is Kind.ANSWER and decision.intent == "after_final_refusal", decision
    waiting = (await understand(BOARD_WAITS, content, nlu, thresholds)).decision
    assert waiting.intent != "after_final_refusal", waiting
