"""The deadline calculator as a person meets it, with a scripted NLU that knows no intent (the calculator alone
must understand), on a real Redis server. Today is Thursday 3 December 2026.

The periods and their starts are the content's, each from its source (``content/deadlines.yaml``; fact sheet
/work/shared/facts/danish-law-facts.md):
- refusal of family reunification or permanent residence: 8 weeks from receipt (3.2.2; Aliens Act § 46 a(3), 16.2);
- revocation of a family-reunification permit, to stay in Denmark: 7 days from the decision (3.2.4);
- Dublin, or protection in another European country: 7 days from the decision (3.1.12);
- receipt: Digital Post the day it is sent, a paper letter 6 working days after its date, a letter handed over
  that day (3.2.7).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from bot.core.turn import Reply, Turn, TurnKind
from bot.engine import callbacks as cb
from tests.support.engine import Chat, ScriptedNlu, kinds, text_of

TODAY = dt.date(2026, 12, 3)  # a Thursday


@pytest.fixture
def chat(make_chat: Callable[..., Chat]) -> Chat:
    return make_chat(ScriptedNlu({}), today=TODAY, hint="en")


async def english(chat: Chat) -> None:
    await chat.press("l:en")


def last_safe_day(replies: list[Reply]) -> str:
    assert replies[-1].kind == "deadline_result", kinds(replies)
    day = next(line for line in text_of(replies).splitlines() if "last safe day" in line or "آخر يوم آمن" in line)
    return re.sub(r"</?b>", "", day)


async def test_an_english_refusal_asking_how_long_starts_the_calculator_and_asks_the_printed_date(
    chat: Chat,
) -> None:
    """ "came last tuesday in paper post": a paper letter counts from the date printed on it (3.2.7), not from the
    day it came, so that date is asked; 26 November + 6 working days = Friday 4 December, + 8 weeks."""
    await english(chat)
    replies = await chat.say(
        "my family reunion for my wife was refused, the letter came last tuesday in paper post, how long do I have"
    )
    assert kinds(replies) == ["deadline_printed_date"]
    assert "Tuesday 1 December 2026" in text_of(replies)
    assert chat.buttons() == []  # no "same day" to tap: a paper letter is dated before it comes
    replies = await chat.say("it says 26 november")
    assert last_safe_day(replies) == "Your last safe day: Friday 29 January 2027"
    assert "Appeal to the Immigration Appeals Board (8 weeks)" in text_of(replies)


@pytest.mark.parametrize(
    ("message", "last_day"),
    [
        # Danish: "permanent ophold" refused, e-Boks, a Danish date: 16 November + 8 weeks
        (
            "Fik afslag på permanent ophold, brev i e-boks 16.11.2026, hvornår er klagefristen?",
            "Monday 11 January 2027",
        ),
        # Arabic with Danish words: 20 November in e-Boks + 8 weeks
        (
            "جاني afslag على familiesammenføring لمرتي، kom på e-Boks den 20. november، كم يوم معي؟",
            "Friday 15 January 2027",
        ),
        # MSA, permanent residence, Digital Post
        (
            "تلقيت قراراً برفض طلب الإقامة الدائمة بتاريخ 2/11/2026 عبر البريد الرقمي، ما آخر موعد للطعن؟",
            "Monday 28 December 2026",
        ),
        # Arabizi with digit letters
        (
            "rafado tal2ab taba3 lam el shaml la marti, jatni 3al e-boks 25/11, la2emta fini e3tered?",
            "Wednesday 20 January 2027",
        ),
        # little-schooled spelling: no hamza, ه for ة
        (
            "رفضو الاقامه الدايمه تبعي اجتني الرساله عل ايبوكس بتاريخ 23/11 لامتا بقدر قدم اعتراض",
            "Monday 18 January 2027",
        ),
        # standard Arabic, the verb in the present ("يرفض طلبي") far from the permanent residence it refuses
        (
            "قدّمتُ قبل عام طلباً للإقامة الدائمة وانتظرتُ طويلاً، ثم وصلني عبر البريد الرقمي قرار مؤرّخ في 12 تشرين "
            "الثاني 2026 يرفض طلبي لأنني لم أستوفِ شرط العمل. ما آخر يوم للطعن؟",
            "Thursday 7 January 2027",
        ),
        # a story: the refusal told more than twenty words after the family reunification it refuses
        (
            "I applied for family reunification for my husband in Beirut, we waited more than a year for an answer, "
            "and last night I saw in e-Boks that it is a refusal. The letter is dated 24 November. How long do I "
            "have?",
            "Tuesday 19 January 2027",
        ),
        # Arabizi without digit letters ("adeech maai wakt"), "abel 10 iyam": 23 November in e-Boks + 8 weeks
        ("rafadoulha lam el shaml la marti, ejat 3al e-boks abel 10 iyam, adeech maai wakt?", "Monday 18 January 2027"),
        # "until which day" (لاي يوم): 20 November in e-Boks + 8 weeks
        (
            "رفضو الاقامة الدايمة، اجا القرار عالاي بوكس بتاريخ ٢٠ تشرين التاني، لاي يوم فيني اطعن؟",
            "Friday 15 January 2027",
        ),
        # a French month name in Arabizi: 16 November + 8 weeks
        (
            "rafadou el ikame el daime, el maktoub 3al e-boks tarikho 16 novembre, adeech 3andi wa2et?",
            "Monday 11 January 2027",
        ),
    ],
)
async def test_a_refusal_of_family_reunification_or_permanent_residence_gets_eight_weeks(
    chat: Chat, message: str, last_day: str
) -> None:
    """Refused family reunification or permanent residence: 8 weeks from receipt (3.2.1-3.2.2)."""
    await english(chat)
    assert last_safe_day(await chat.say(message)) == f"Your last safe day: {last_day}"


@pytest.mark.parametrize(
    "message",
    [
        "سحبو اقامة مرتي يلي جت بلم الشمل، القرار تاريخه ٣٠ تشرين الثاني، لوقتيش فيني اطعن؟",
        "they cancelled my residence permit, I came through family reunification. decision date 30 November. how long?",
        "Min kones opholdstilladelse er inddraget (familiesammenføring). Afgørelse dateret 30.11.2026. Frist?",
        "s7abo e2amet marti (lam shaml), el qarar tari5o 30/11, kam yom ma3na?",
    ],
)
async def test_a_revoked_family_reunification_permit_gets_seven_days_from_the_decision(
    chat: Chat, message: str
) -> None:
    """A family-reunification permit revoked: appeal within 7 days of the decision to stay in Denmark (3.2.4), and
    the appeal itself within 8 weeks (3.2.2), counted from the decision's date as Digital Post, the safe side."""
    await english(chat)
    replies = await chat.say(message)
    assert last_safe_day(replies) == "Your last safe day: Monday 7 December 2026"
    assert "Appeal within 7 days to stay in Denmark" in text_of(replies)
    assert "Also from this letter: Appeal to the Immigration Appeals Board (8 weeks)" in text_of(replies)
    assert "Last safe day for it: Monday 25 January 2027" in text_of(replies)


async def test_asking_for_the_normal_appeal_after_the_seven_days_shows_both_days_again(chat: Chat) -> None:
    """After the 7 days to stay, "and the normal appeal deadline?" says nothing new for the calculator: the same
    letter's days again, the 8 weeks with them, not a page about deadlines in general."""
    await english(chat)
    await chat.say("they cancelled my wife's family reunion permit, decision dated 30/11, how many days?")
    replies = await chat.say("and the normal appeal deadline?")
    assert last_safe_day(replies) == "Your last safe day: Monday 7 December 2026"
    assert "Last safe day for it: Monday 25 January 2027" in text_of(replies)


@pytest.mark.parametrize(
    "message",
    [
        "ما جددولي الاقامة ٧/٣ وصلني القرار امبارح لامتى بقدر اطعن",
        "s7abo mni el e2ame, shu ya3ni w kadesh ma3i la e3tered",
        "My residence permit was not renewed (7.3). Got the letter yesterday in e-Boks. What's my deadline?",
        "fik afslag på forlængelse af min opholdstilladelse, hvornår er fristen",
    ],
)
async def test_ones_own_refugee_permit_revoked_or_not_extended_gets_no_date(chat: Chat, message: str) -> None:
    """No source confirms the deadline for one's own § 7 permit (3.1.10): never a date."""
    await english(chat)
    replies = await chat.say(message)
    assert kinds(replies) == ["deadline_no_date"]
    assert "Your last safe day" not in text_of(replies)
    assert cb.make(cb.TOPIC, "appeal_deadlines") in chat.buttons()  # how appeal deadlines work, one tap away


async def test_a_dublin_decision_that_came_days_ago_asks_the_date_printed_on_it(chat: Chat) -> None:
    """Dublin: 7 days from the decision (3.1.12), which can be before the day it came: that date is asked."""
    await english(chat)
    replies = await chat.say("بدهم يرجعوني على المانيا لان بصمتي هناك، اجاني قرار دبلن من ٣ ايام، قديش معي؟")
    assert kinds(replies) == ["deadline_printed_date"]
    assert chat.buttons() == ["dd:2026-11-30"]  # "the same day" as a button
    replies = await chat.say("مكتوب عليه ٢٨ تشرين التاني")
    assert last_safe_day(replies) == "Your last safe day: Saturday 5 December 2026"


async def test_the_same_day_answer_counts_from_the_day_it_came(chat: Chat) -> None:
    await english(chat)
    await chat.say("jatni qarar dublin mbare7, la2emta fini e3tered")
    assert last_safe_day(await chat.say("nafs el yom")) == "Your last safe day: Wednesday 9 December 2026"


async def test_a_letter_seen_in_eboks_asks_the_printed_date(chat: Chat) -> None:
    """A letter can wait unseen in e-Boks: Digital Post counts from the day it was sent (3.2.7)."""
    await english(chat)
    replies = await chat.say("شفت رسالة رفض لم الشمل عالاي بوكس امبارح، لايمتى فيني اعترض؟")
    assert kinds(replies) == ["deadline_printed_date"]
    assert last_safe_day(await chat.say("مكتوب ٢٧/١١")) == "Your last safe day: Friday 22 January 2027"


async def test_the_date_on_the_letter_is_asked_before_how_it_came(chat: Chat) -> None:
    await english(chat)
    assert kinds(await chat.say("رفضولي لم الشمل قديش معي؟")) == ["deadline_date"]
    assert kinds(await chat.say("٢٠/١١/٢٠٢٦")) == ["deadline_delivery"]
    assert chat.buttons() == ["dv:digital", "dv:paper", "dv:in_person"]


async def test_a_numeric_date_with_a_year_is_day_first_and_the_result_names_it(chat: Chat) -> None:
    """10/9/2026 is 10 September; 8 weeks later, 5 November, has passed. The result names the date it read."""
    await english(chat)
    replies = await chat.say("refused permanent residence, letter dated 10/9/2026 in e-boks, how long do I have")
    assert last_safe_day(replies) == "Your last safe day: Thursday 5 November 2026"
    assert "Date on the letter: Thursday 10 September 2026" in text_of(replies)
    assert "already passed" in text_of(replies)


async def test_a_date_read_month_first_only_when_no_such_day_exists(chat: Chat) -> None:
    await english(chat)
    replies = await chat.say("family reunification refused, letter dated 11/30/2026 in e-boks, how long do I have")
    assert "Date on the letter: Monday 30 November 2026" in text_of(replies)


async def test_7_3_in_the_question_is_the_paragraph_not_a_date(chat: Chat) -> None:
    await english(chat)
    replies = await chat.say("رفضولي لم الشمل مع اني معي ٧/٣، لايمتى فيني اطعن؟")
    assert kinds(replies) == ["deadline_date"]  # not 7 March


async def test_a_new_question_while_the_date_is_asked_is_answered_as_a_question(chat: Chat) -> None:
    await english(chat)
    await chat.say("how long do I have to appeal refused family reunification")
    replies = await chat.say("and can I stay in Denmark while the appeal is considered?")
    assert not any(kind.startswith("deadline_") for kind in kinds(replies))
    await chat.say("رفضولي لم الشمل قديش معي؟")
    replies = await chat.say("وهل فيني ضل بالدنمارك لحتى يطلع قرار الطعن؟")
    assert not any(kind.startswith("deadline_") for kind in kinds(replies))


async def test_an_attempt_at_a_date_is_asked_again(chat: Chat) -> None:
    await english(chat)
    await chat.say("refused permanent residence, how long do I have")
    replies = await chat.say("31 February")
    assert kinds(replies) == ["deadline_date"] and "I could not read that date" in text_of(replies)


async def test_how_long_while_the_date_is_asked_asks_for_the_date_not_again(chat: Chat) -> None:
    await english(chat)
    await chat.press(cb.make(cb.ACTION, "deadline_calculator"))
    await chat.press(cb.make(cb.DEADLINE_RULE, "iab_appeal"))
    replies = await chat.say("how long do I have?")  # the calculator needs the date first: asked once more, kindly
    assert kinds(replies) == ["deadline_date"] and "I could not read" not in text_of(replies)


async def test_how_many_days_for_a_named_decision_is_answered_before_the_date_is_asked(chat: Chat) -> None:
    """ "How many days to appeal a Dublin decision?": the period comes first (7 days from the decision, 3.1.12),
    then the question for the date that gives the last day."""
    await english(chat)
    replies = await chat.say("how many days does my brother have to appeal the Dublin decision?")
    assert kinds(replies) == ["deadline_date"]
    assert "7 days from the date of the decision." in text_of(replies)
    assert "What date is printed on the letter?" in text_of(replies)
    again = await chat.say("no idea")  # the period is said once; the question is asked again alone
    assert "7 days from the date of the decision" not in text_of(again)


async def test_a_typed_number_presses_the_button_at_every_step(chat: Chat) -> None:
    """On Telegram a typed "2" is text: it presses the second button of the calculator's question."""
    await english(chat)

    async def type_(text: str) -> list[Reply]:
        return await chat.engine.handle(Turn(chat.user, TurnKind.TEXT, text, "en"))

    await chat.press(cb.make(cb.ACTION, "deadline_calculator"))
    assert kinds(await type_("3")) == ["deadline_date"]  # the third decision: family reunification refused
    assert kinds(await type_("5 تشرين")) == ["deadline_which"]  # 5 October or 5 November
    assert kinds(await type_("2")) == ["deadline_delivery"]  # 5 November
    assert last_safe_day(await type_("٣")) == "Your last safe day: Thursday 31 December 2026"  # handed over


@pytest.mark.parametrize(
    ("answer", "delivery"),
    [
        ("kom på e-Boks", "digital"),
        ("i e-Boks", "digital"),
        ("Digital Post", "digital"),
        ("in e-boks", "digital"),
        ("med posten", "paper"),
        ("by post", "paper"),
        ("paper letter", "paper"),
        ("عالبوسطة", "paper"),
        ("fik det i hånden", "in_person"),
        ("fik brevet i hånden", "in_person"),
        ("handed to me", "in_person"),
        ("سلموني ياها باليد", "in_person"),
    ],
)
async def test_danish_english_and_arabic_delivery_words_fill_the_delivery(
    chat: Chat, answer: str, delivery: str
) -> None:
    """A letter dated Wednesday 18 November: digital or handed over counts from that day, paper post from
    6 working days later, Thursday 26 November (3.2.7); + 8 weeks."""
    await english(chat)
    await chat.say("refused family reunification, the letter is dated 18/11/2026, how long?")
    expected = {
        "digital": "Wednesday 13 January 2027",
        "in_person": "Wednesday 13 January 2027",
        "paper": "Thursday 21 January 2027",
    }
    assert last_safe_day(await chat.say(answer)) == f"Your last safe day: {expected[delivery]}"


async def test_the_calculators_name_typed_starts_it(chat: Chat) -> None:
    await english(chat)
    asked = await chat.say("احسب مهلتي")
    assert kinds(asked) == ["deadline_rule"]
    assert text_of(asked).startswith("<b>Deadline calculator")  # where the person is now, above its question
    assert kinds(await chat.say("I want to calculate my deadline")) == ["deadline_rule"]


async def test_an_asylum_refusal_is_not_read_as_family_reunification(chat: Chat) -> None:
    await english(chat)
    replies = await chat.say("رفضو طلب لجوئي لايمتى فيني اطعن")
    assert "deadline_result" not in kinds(replies) and "deadline_date" not in kinds(replies)


async def test_a_date_or_a_delivery_sent_right_after_the_result_corrects_it(chat: Chat) -> None:
    """The result names the day it counted from, so that a person can correct it. "It came yesterday" in e-Boks
    counts from Wednesday 2 December; the date printed on the letter, sent next, counts from that date instead
    (Digital Post is received the day it is sent, 3.2.7): Monday 30 November + 8 weeks. "And by post?" then counts
    from 6 working days after that date: Tuesday 8 December + 8 weeks."""
    await english(chat)
    first = await chat.say("my permanent residence was refused, it came yesterday in e-Boks, how long do I have?")
    assert last_safe_day(first) == "Your last safe day: Wednesday 27 January 2027"
    assert text_of(first).startswith("<b>Deadline calculator")  # what answered, above the day
    printed = await chat.say("the date printed on the letter is 30 November")
    assert last_safe_day(printed) == "Your last safe day: Monday 25 January 2027"
    assert "Appeal to the Immigration Appeals Board (8 weeks)" in text_of(printed)
    by_post = await chat.say("and if it came by paper post?")
    assert last_safe_day(by_post) == "Your last safe day: Tuesday 2 February 2027"


async def test_a_question_about_the_result_naming_two_weekdays_is_not_a_new_date(chat: Chat) -> None:
    """ "But that is a Sunday, can I send it on Monday?" asks about the result; it gives no date of the letter, so it
    must not be taken for a correction ("which date do you mean: last Sunday or last Monday?")."""
    await english(chat)
    await chat.say("my permanent residence was refused, it came yesterday in e-Boks, how long do I have?")
    replies = await chat.say("but that is a sunday, can I send it on monday?")
    assert not any(kind.startswith("deadline_") for kind in kinds(replies))


async def test_a_question_about_the_result_naming_one_weekday_is_not_a_new_date(chat: Chat) -> None:
    """ "And if the last day is a Sunday?" asks how the deadline is counted; taking it for a letter dated last Sunday
    gave another, wrong last day. A weekday that the message ties to the letter still corrects it."""
    await english(chat)
    await chat.say("my permanent residence was refused, it came yesterday in e-Boks, how long do I have?")
    replies = await chat.say("and if the last day is a sunday?")
    assert "deadline_result" not in kinds(replies)
    await chat.say("my permanent residence was refused, it came yesterday in e-Boks, how long do I have?")
    corrected = await chat.say("sorry, it came on monday")
    assert last_safe_day(corrected) == "Your last safe day: Monday 25 January 2027"


async def test_a_new_question_while_the_calculator_asks_for_the_decision_is_not_taken_for_one(
    make_chat: Callable[..., Chat],
) -> None:
    """A refusal the calculator does not know (a foreign passport) makes it ask which decision; "and can I travel
    to Sweden with my residence card?" names a country of the Dublin decision, but it is a new question: answered
    as one, never with a Dublin deadline."""
    nlu = ScriptedNlu({"Sweden": [("travel_abroad", 0.9)]})
    chat = make_chat(nlu, today=TODAY, hint="en")
    await english(chat)
    asked = await chat.say("I want to calculate my deadline")
    assert kinds(asked) == ["deadline_rule"]
    replies = await chat.say("and can I travel to Sweden with my residence card?")
    assert not any(kind.startswith("deadline_") for kind in kinds(replies))
    await chat.say("I want to calculate my deadline")
    answered = await chat.say("a Dublin decision, they send me to Sweden")  # an answer, not a question: kept
    assert kinds(answered)[-1].startswith("deadline_") and kinds(answered) != ["deadline_rule"]


async def test_after_the_result_a_new_question_with_a_date_is_answered_as_that_question(
    make_chat: Callable[..., Chat],
) -> None:
    """Only the message right after a result can correct it, and not when the NLU answers it with another topic."""
    nlu = ScriptedNlu({"citizenship": [("citizenship", 0.9)]})
    chat = make_chat(nlu, today=TODAY, hint="en")
    await english(chat)
    await chat.say("my permanent residence was refused, it came yesterday in e-Boks, how long do I have?")
    replies = await chat.say("I came to Denmark on 5/6/2015, what about citizenship?")
    assert not any(kind.startswith("deadline_") for kind in kinds(replies))
    await chat.say("my permanent residence was refused, it came yesterday in e-Boks, how long do I have?")
    await chat.press("m:main")
    replies = await chat.say("the date printed on the letter is 30 November")
    assert kinds(replies) != ["deadline_result"]


async def test_a_question_about_the_paragraphs_while_the_date_is_asked_is_answered_as_a_question(
    make_chat: Callable[..., Chat],
) -> None:
    """ "7.1" and "7.3" are the protection paragraphs, not an attempt at the date the calculator asked for."""
    chat = make_chat(ScriptedNlu({"7.3": [("protection_status", 0.9)]}), today=TODAY, hint="en")
    await english(chat)
    for question in ("wait, first tell me the difference between 7.1 and 7.3", "لحظة، شو الفرق بين 7/1 و 7/3"):
        asked = await chat.say("how long do I have to appeal refused family reunification")
        assert kinds(asked) == ["deadline_date"]
        replies = await chat.say(question)
        assert kinds(replies)[-1] == "answer", kinds(replies)
    asked = await chat.say("how long do I have to appeal refused family reunification")
    said_alone = kinds(await chat.say("7/3"))  # asked for a date and nothing else fits: a date, not the paragraph
    assert said_alone[-1].startswith("deadline_"), said_alone


@pytest.mark.parametrize(
    ("ending", "starts"),
    [
        ("فيني جيب مرتي مرة تانية بعدين؟", False),  # about bringing her later: the story's date is background
        ("لايمتى فيني اعترض؟", True),  # about time: the calculator, whatever the story says before
    ],
)
async def test_a_story_with_a_date_starts_the_calculator_only_when_its_question_is_about_time(
    chat: Chat, ending: str, starts: bool
) -> None:
    story = "وصلت عالدنمارك سنة ٢٠١٦ مع اخوي. من عشر ايام رفضوا لم شمل مرتي. هي هلق بتركيا مع بنتي الصغيرة. " + ending
    replies = await chat.say(story)
    assert any(kind.startswith("deadline_") for kind in kinds(replies)) is starts, kinds(replies)


# the NLU reads the first message as the family-reunification question, the second as the calculator
REFUSAL_SCRIPT = {"bring my wife": [("family_reunification", 0.9)], "until when": [("deadline_calculator", 0.9)]}


async def test_a_refusal_named_in_part_after_the_family_reunification_page_is_that_refusal(
    make_chat: Callable[..., Chat],
) -> None:
    """Right after the family-reunification page, "the refusal came in e-Boks on Monday 30 November, until when?"
    is the refusal of family reunification the conversation is about: 8 weeks from receipt (3.2.2), Digital Post
    received the day it is sent (3.2.7): Monday 25 January 2027, without asking which decision it was."""
    question = "I have 7(3) since two years, I applied to bring my wife and now they said no. Why?"
    chat = make_chat(ScriptedNlu(REFUSAL_SCRIPT), today=TODAY, hint="en")
    await english(chat)
    assert "Family reunification" in text_of(await chat.say(question))
    replies = await chat.say("I will appeal. The refusal came in e-Boks on Monday 30 November, until when can I?")
    assert last_safe_day(replies) == "Your last safe day: Monday 25 January 2027"


async def test_a_refusal_named_in_part_with_no_subject_before_asks_which_decision(
    make_chat: Callable[..., Chat],
) -> None:
    """The same message as the first of a conversation: which refusal it is, is asked, not guessed."""
    chat = make_chat(ScriptedNlu(REFUSAL_SCRIPT), today=TODAY, hint="en")
    await english(chat)
    replies = await chat.say("I will appeal. The refusal came in e-Boks on Monday 30 November, until when can I?")
    assert kinds(replies)[-1] == "deadline_rule"


async def test_count_meaning_matter_does_not_start_the_calculator(chat: Chat) -> None:
    """ "does that count for me" asks whether something matters, not for a count of days."""
    await english(chat)
    replies = await chat.say("my girlfriend is danish and we live together, does that count for me to stay here?")
    assert not any(kind.startswith("deadline") for kind in kinds(replies)), kinds(replies)
    assert kinds(await chat.say("can you count the days for me, the refusal of my wife's reunification came")) == [
        "deadline_date"
    ]


async def test_a_few_days_ago_is_not_a_question_about_how_many_days(chat: Chat) -> None:
    """ "من كم يوم" is "a few days ago": a story about a neighbour's refusal asking on what grounds they decide does
    not start the calculator."""
    await english(chat)
    replies = await chat.say(
        "جارتنا من حمص، من كم يوم وصلها رفض تمديد وقالولها ما عاد في خطر عليكي. على اي اساس بيقررو هالشي؟"
    )
    assert not any(kind.startswith("deadline") for kind in kinds(replies)), kinds(replies)
    assert kinds(await chat.say("وصلها رفض لم الشمل مبارح، كم يوم معها لتطعن؟"))[-1].startswith("deadline")


async def test_a_decision_told_as_final_with_a_date_gets_no_calculator(chat: Chat) -> None:
    """The Refugee Appeals Board's decision is final (fact sheet): "the Board upheld the revocation last week, they
    said it is final" leaves no appeal to count a last day for, and "every few weeks" asks no deadline."""
    for said in (
        "مجلس اللاجئين ثبّت سحب اقامتي الاسبوع الماضي، وقالولي القرار نهائي",
        "رفضولي اللجوء من سنة. هيئة العودة كل كم أسبوع بتطلبني وبتسألني إذا بدي ارجع، شو بيصير اذا قلت لا؟",
    ):
        replies = await chat.say(said)
        assert not any(kind.startswith("deadline") for kind in kinds(replies)), (said, kinds(replies))


async def test_a_decision_named_earlier_in_the_conversation_fills_the_calculator(
    make_chat: Callable[..., Chat],
) -> None:
    """ "They refused my permanent residence" on one turn and "it came in the post, dated 2 November, until when?"
    on the next: the refusal of permanent residence, 8 weeks from receipt (3.2.2), a paper letter received 6 working
    days after its date (3.2.7): Tuesday 10 November + 8 weeks = Tuesday 5 January 2027, without asking which."""
    script = {"say no": [("permanent_residence", 0.9)], "until when": [("deadline_calculator", 0.9)]}
    chat = make_chat(ScriptedNlu(script), today=TODAY, hint="en")
    await english(chat)
    assert "Permanent residence" in text_of(await chat.say("I applied for permanent residence and they say no. Why?"))
    replies = await chat.say("The letter came in my postkasse by post, the date on it is 2 November. Until when?")
    assert last_safe_day(replies) == "Your last safe day: Tuesday 5 January 2027"


async def test_a_decision_named_earlier_does_not_turn_another_question_about_time_into_the_calculator(
    make_chat: Callable[..., Chat],
) -> None:
    """ "How long does citizenship take?" after a refused permanent residence asks about citizenship."""
    script = {"say no": [("permanent_residence", 0.9)], "citizenship": [("citizenship", 0.9)]}
    chat = make_chat(ScriptedNlu(script), today=TODAY, hint="en")
    await english(chat)
    await chat.say("I applied for permanent residence and they say no. Why?")
    replies = await chat.say("ok and how long does citizenship take?")
    assert kinds(replies) == ["answer"] and "citizenship" in text_of(replies).lower()


async def test_a_hearing_before_a_decision_gets_no_calculator(chat: Chat) -> None:
    """A hearing letter (partshøring) says the Immigration Service is considering a decision and asks for the
    person's comments: nothing can be appealed yet (fact sheet 3.1.5), so its date or a question about time gives the
    revocation steps, not a last day to appeal."""
    await english(chat)
    for said in (
        "اجاني امبارح عالاي بوكس مكتوب partshøring، بدهن يسحبو اقامتي",
        "They sent me a hearing letter on 20 November, they are considering revoking my residence permit. How long?",
    ):
        replies = await chat.say(said)
        assert not any(kind.startswith("deadline") for kind in kinds(replies)), (said, kinds(replies))


@pytest.mark.parametrize(
    ("story", "last_day"),
    [
        # "2adesh ma3na wa2t" ("how much time do we have"), asked before the story's last question ("and can we
        # stay here?"): the revocation of a family-reunification permit dated Wednesday 2 December, in e-Boks: 7
        # days from the decision to stay while the appeal runs (3.2.4), Wednesday 9 December
        (
            "salam. ana men Daraa w sakin b Aarhus. marti ejet b lam el shaml 2020. s7abo e2amet marti, el 2arar "
            "tarikho 2/12 w nezel 3al e-boks. 2adesh ma3na wa2t la ne3tered? w fina ndal hon?",
            "Wednesday 9 December 2026",
        ),
        # an English "refusal" in Arabizi ("2ja refusal la lamm shaml mrto") and "aymta 2a5er yom": a refusal of
        # family reunification, 8 weeks from receipt (3.2.2); in e-Boks, received the date printed on it (3.2.7):
        # 13 November + 8 weeks = Friday 8 January 2027
        (
            "a5i 3ndo 7.3 w 2ja refusal la lamm shaml mrto, el maktoub ta2ri5o 13/11 w ejana 3al e-boks. "
            "aymta 2a5er yom la n2addem ta3n?",
            "Friday 8 January 2027",
        ),
    ],
)
async def test_an_arabizi_story_names_the_decision_and_asks_for_its_last_day(
    chat: Chat, story: str, last_day: str
) -> None:
    await english(chat)
    assert last_safe_day(await chat.say(story)) == f"Your last safe day: {last_day}"


async def test_saying_how_the_letter_came_after_a_seven_day_result_shows_the_same_day(chat: Chat) -> None:
    """The 7 days to stay count from the decision (3.2.4): "it came by e-Boks", told after the result, gets the same
    last day again with the reason (however the letter reached you), not a page that ignores what was said; a
    question about sending it by post changes nothing and is answered as a question."""
    await english(chat)
    replies = await chat.say("my husband's reunification permit was revoked, the decision is dated 30/11, deadline?")
    assert last_safe_day(replies) == "Your last safe day: Monday 7 December 2026"
    replies = await chat.say("it came in his e-Boks")
    assert last_safe_day(replies) == "Your last safe day: Monday 7 December 2026"
    assert "however the letter reached you" in text_of(replies)
    replies = await chat.say("can he send the appeal by post?")
    assert not any(kind.startswith("deadline") for kind in kinds(replies)), kinds(replies)


async def test_a_question_about_sending_the_appeal_by_email_is_not_a_correction(chat: Chat) -> None:
    """Right after a result, "can I send a short email now and my reasons later?" names a way of sending, not how
    the letter came: the result is not shown again (it would change nothing), the question goes on as a new one."""
    await english(chat)
    replies = await chat.say("Fik afslag på permanent ophold, brev i e-boks 16.11.2026, hvornår er klagefristen?")
    assert last_safe_day(replies) == "Your last safe day: Monday 11 January 2027"
    replies = await chat.say("Can I just send them a short email that I appeal, and my reasons later?")
    assert not any(kind.startswith("deadline") for kind in kinds(replies)), kinds(replies)


async def test_a_dictated_story_that_asks_about_the_family_gets_no_calculator(chat: Chat) -> None:
    """Voice typing leaves no question mark: "... yesterday they withdrew my son's permit ... what happens to his
    wife and children, and to me?" asks about the family, and the date in the story is background."""
    await english(chat)
    replies = await chat.say(
        "مرحبا يا ابني انا ام خالد من حمص ساكنة بفايله مع ابني خالد ومرته وولاده الاربعة وامبارح اجت لابني ورقة "
        "انو سحبوا اقامته وانا من وقتها ما نمت هلق مرته وولاده شو بيصير فيهن بيضلوا هون ولا بيطلعوا معه وانا شو "
        "بيصير فيني دخيلك"
    )
    assert not any(kind.startswith("deadline") for kind in kinds(replies)), kinds(replies)


async def test_the_day_someone_came_to_denmark_is_no_date_of_a_letter(chat: Chat) -> None:
    """ "my cousin came to Denmark two weeks ago and they said he has to go back to Germany (Dublin)" tells when he
    arrived, not when a decision came: no calculator; once the decision's date is told, the Dublin rule (7 days
    from the decision, fact sheet 3.1.12) counts from it: Friday 27 November + 7 days = Friday 4 December."""
    await english(chat)
    replies = await chat.say(
        "hi my cousin came to denmark two weeks ago and the immigration said he has to go back to germany because "
        "of his fingerprints, they call it dublin"
    )
    assert not any(kind.startswith("deadline") for kind in kinds(replies)), kinds(replies)
    replies = await chat.say("the dublin decision is dated last friday, how many days does he have to appeal?")
    assert last_safe_day(replies) == "Your last safe day: Friday 4 December 2026"
    arabic = "رفضولي لم شمل مرتي، انا اجيت عالدنمارك من سنتين، والمكتوب وصلني امبارح، لايمتى فيني اطعن؟"
    assert kinds(await chat.say(arabic))[-1] == "deadline_delivery"  # yesterday's letter, not the arrival


async def test_the_refugee_appeals_board_saying_no_in_a_story_is_final(chat: Chat) -> None:
    """ "I appealed to Flygtningenævnet ... yesterday the decision came: they refused" is the Board's decision,
    which cannot be appealed (fact sheet): no last day to appeal is counted for it."""
    await english(chat)
    replies = await chat.say(
        "٢٠٢٢ ما جددولي الاقامة. عملت appeal عند Flygtningenævnet، وكان عندي hearing مع محامي، وامبارح وصلني "
        "القرار: رفضوا. شو بقدر اعمل هلق؟"
    )
    assert not any(kind.startswith("deadline") for kind in kinds(replies)), kinds(replies)
