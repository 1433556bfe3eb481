"""A message typed right after a "did you mean", instead of a tap, is read among the topics offered, and a message in
a conversation is taken as in scope (unit tests of ``bot.nlu.understanding.among_offered`` and ``in_context`` with
written rankings; the whole turn runs with Rasa in the engine tests)."""

from __future__ import annotations

from typing import cast

from bot.content.model import Content
from bot.core.policy import Decision, Kind, Thresholds, decide
from bot.nlu.client import NluClient, Parse
from bot.nlu.understanding import CONTEXT_OUT_OF_SCOPE, Understood, among_offered, in_context

OFFERED = ["protection_status", "revocation_reasons", "permit_duration_extension"]
# "and how do I know which one I have?": the status leads three times the runner-up, not enough alone
NARROWING = (("protection_status", 0.36), ("revocation_process", 0.12), ("out_of_scope", 0.06), ("emergency", 0.02))


def understood(ranking: tuple[tuple[str, float], ...], content: Content, thresholds: Thresholds) -> Understood:
    decision = decide(ranking, thresholds, frozenset(content.topics), False, False, 0.0, content.neighbours)
    return Understood(decision, True, ranking)


def test_alone_the_message_is_not_answered(content: Content, thresholds: Thresholds) -> None:
    assert understood(NARROWING, content, thresholds).decision.kind is not Kind.ANSWER


def test_a_leader_among_the_offered_topics_is_answered_with_the_others_under_it(
    content: Content, thresholds: Thresholds
) -> None:
    after = among_offered(understood(NARROWING, content, thresholds), OFFERED, content, thresholds).decision
    assert after.kind is Kind.ANSWER and after.intent == "protection_status"
    assert after.candidates[:2] == ("revocation_reasons", "permit_duration_extension")


def test_a_leader_that_was_not_offered_is_not_answered(content: Content, thresholds: Thresholds) -> None:
    before = understood(NARROWING, content, thresholds)
    assert among_offered(before, ["travel_abroad", "documents"], content, thresholds) == before
    assert among_offered(before, [], content, thresholds) == before


def test_a_tie_stays_a_tie(content: Content, thresholds: Thresholds) -> None:
    tie = (("protection_status", 0.40), ("revocation_reasons", 0.35), ("out_of_scope", 0.05))
    before = understood(tie, content, thresholds)
    assert among_offered(before, OFFERED, content, thresholds) == before


def test_danger_is_never_outvoted(content: Content, thresholds: Thresholds) -> None:
    sure = Understood(Decision(Kind.EMERGENCY, "emergency"), True, (("emergency", 0.9), ("protection_status", 0.1)))
    assert among_offered(sure, OFFERED, content, thresholds) == sure
    possible = Understood(Decision(Kind.EMERGENCY, "emergency", possible=True), True, NARROWING)
    after = among_offered(possible, OFFERED, content, thresholds).decision
    assert after.kind is Kind.EMERGENCY and after.then is not None and after.then.intent == "protection_status"


# "can I still work in my job?": a topic far ahead of the others, but "none of our topics" at half of it
WORK = (("while_appeal_pending", 0.45), ("out_of_scope", 0.25), ("ties_to_denmark", 0.07), ("emergency", 0.01))


class NoSecondLook:
    """An NLU that must not be asked: the message is answered on its own ranking."""

    async def parse(self, text: str) -> None:
        raise AssertionError("a second ranking was asked for")


def test_alone_the_out_of_scope_guard_holds_a_question_back(content: Content, thresholds: Thresholds) -> None:
    assert thresholds.out_of_scope_ratio is not None
    assert understood(WORK, content, thresholds).decision.kind is not Kind.ANSWER


def test_after_a_did_you_mean_a_question_outside_the_offered_topics_is_taken_as_in_scope(
    content: Content, thresholds: Thresholds
) -> None:
    after = among_offered(understood(WORK, content, thresholds), OFFERED, content, thresholds).decision
    assert after.kind is Kind.ANSWER and after.intent == "while_appeal_pending"


async def test_a_follow_up_after_an_answer_is_taken_as_in_scope(content: Content, thresholds: Thresholds) -> None:
    before = understood(WORK, content, thresholds)
    nlu = cast(NluClient, NoSecondLook())
    follow_up = await in_context(before, "can I still work?", "revocation_process", content, nlu, thresholds)
    assert follow_up.decision.kind is Kind.ANSWER and follow_up.decision.intent == "while_appeal_pending"
    question = (
        "My brother who lives in Germany got a letter from the authorities there last week, can he still work in "
        "his job there?"
    )
    alone = await in_context(before, question, "revocation_process", content, nlu, thresholds)
    assert alone == before  # not a follow-up: read alone, guard on


async def test_a_follow_up_clearly_out_of_scope_does_not_lean_on_the_last_answer(
    content: Content, thresholds: Thresholds
) -> None:
    """ "And how do I get a driving licence here?" after the permit page: read after the topic's name it would lean
    towards the permit; alone it is surely none of the topics, and stays so."""
    licence = (("out_of_scope", 0.85), ("ties_to_denmark", 0.04), ("documents", 0.02))
    before = understood(licence, content, thresholds)
    nlu = cast(NluClient, NoSecondLook())
    after = await in_context(before, "and a driving licence?", "permit_duration_extension", content, nlu, thresholds)
    assert after == before and after.decision.kind is not Kind.ANSWER


async def test_does_it_matter_after_a_circumstance_of_no_topic_asks_about_the_last_answer(
    content: Content, thresholds: Thresholds
) -> None:
    """ "I got a parking fine last year, does it matter?" after the citizenship page: alone it is none of our topics;
    the question weighs the person's circumstance against the conditions just read."""
    fine = (("out_of_scope", 0.85), ("citizenship", 0.04), ("documents", 0.02))
    before = understood(fine, content, thresholds)
    nlu = cast(NluClient, NoSecondLook())
    said = "اكلت مخالفة باركينغ السنة الماضية، بتأثر؟"
    after = await in_context(before, said, "citizenship", content, nlu, thresholds)
    assert after.decision.kind is Kind.ANSWER and after.decision.intent == "citizenship"
    still = await in_context(before, "and a driving licence?", "citizenship", content, nlu, thresholds)
    assert still == before  # no "does it matter?": a new subject, none of our topics


async def test_the_same_for_someone_else_asks_about_the_last_answer(content: Content, thresholds: Thresholds) -> None:
    """ "and my two kids, born here, they get it too?" after the citizenship page: alone it leans to the family page
    (not confidently); "too" asks whether the answer just given holds for them, the family page one tap away."""
    kids = (("family_members", 0.53), ("ties_to_denmark", 0.23), ("citizenship", 0.02))
    before = understood(kids, content, thresholds)
    nlu = cast(NluClient, NoSecondLook())
    for said in ("and my two kids, born here, they get it too?", "والصغير انولد هون بالدنمارك، نفس الشي؟"):
        after = await in_context(before, said, "citizenship", content, nlu, thresholds)
        assert after.decision.kind is Kind.ANSWER and after.decision.intent == "citizenship", said
        assert after.decision.candidates[0] == "family_members"


async def test_a_follow_up_that_names_only_someone_asks_about_the_last_answer_for_them(
    content: Content, thresholds: Thresholds
) -> None:
    """ "and my husband?" or "وانا؟ معي 7/3" after the return-support page asks whether that answer holds for them:
    the last topic is answered, what the message alone leans to one tap away; a longer message about that person is
    read on its own ("ومرتي؟ هي جاية لم شمل عليي" after the ties page asks about the wife's own permit)."""
    nlu = cast(NluClient, NoSecondLook())
    status = understood((("protection_status", 0.79), ("family_reunification", 0.08)), content, thresholds)
    after = await in_context(status, "وانا؟ معي 7/3", "voluntary_return_support", content, nlu, thresholds)
    assert after.decision.kind is Kind.ANSWER and after.decision.intent == "voluntary_return_support"
    assert after.decision.candidates[0] == "protection_status"
    nothing = understood((("out_of_scope", 0.3), ("greet", 0.2), ("travel_abroad", 0.1)), content, thresholds)
    for said in ("and my husband?", "وأبوي؟", "w jozi?"):
        after = await in_context(nothing, said, "travel_abroad", content, nlu, thresholds)
        assert after.decision.kind is Kind.ANSWER and after.decision.intent == "travel_abroad", said
    wife = understood((("family_members", 0.8), ("ties_to_denmark", 0.1)), content, thresholds)
    after = await in_context(wife, "ومرتي؟ هي جاية لم شمل عليي", "ties_to_denmark", content, nlu, thresholds)
    assert after.decision.intent == "family_members"


async def test_does_it_change_anything_weighs_a_circumstance_against_the_last_answer(
    content: Content, thresholds: Thresholds
) -> None:
    """ "my son has a heart disease, does this change anything?" after the family-reunification page: alone it
    leans to ties to Denmark, a topic not related to that page, so the page just read is answered with ties one tap
    away; after the revocation steps (a related topic) a circumstance that leads to ties is answered with ties."""
    nlu = cast(NluClient, NoSecondLook())
    ill = understood((("ties_to_denmark", 0.65), ("family_reunification", 0.16)), content, thresholds)
    said = "ابني عنده مرض بالقلب، هالشي بيغير شي؟"
    assert "ties_to_denmark" not in content.neighbours["family_reunification"]
    after = await in_context(ill, said, "family_reunification", content, nlu, thresholds)
    assert after.decision.intent == "family_reunification" and after.decision.candidates[0] == "ties_to_denmark"
    assert "ties_to_denmark" in content.neighbours["revocation_process"]
    after = await in_context(ill, said, "revocation_process", content, nlu, thresholds)
    assert after.decision.kind is Kind.ANSWER and after.decision.intent == "ties_to_denmark"
    for arabizi in ("bente 3anda marad bel 2alb, hayda bi fare2 shi?", "binti mareeda bel alb, btefre2 shi?"):
        after = await in_context(ill, arabizi, "family_reunification", content, nlu, thresholds)
        assert after.decision.intent == "family_reunification", arabizi  # "does it make a difference" in Arabizi


class SecondLook:
    """An NLU whose second ranking (the message after the last topic's short title) is written in the test."""

    def __init__(self, ranking: tuple[tuple[str, float], ...]) -> None:
        self.ranking = ranking

    async def parse(self, text: str) -> Parse:
        return Parse(self.ranking)


# "and do the children go to school there?" after the departure centres: alone it is mostly "none of our topics"
SCHOOL = (("out_of_scope", 0.43), ("emergency", 0.05), ("centre_daily_life", 0.2), ("cash_allowance", 0.09))
SCHOOL_AFTER_TITLE = (("return_centres", 0.5), ("centre_daily_life", 0.4), ("out_of_scope", 0.05))


async def test_a_tie_on_a_follow_up_led_by_the_last_topic_or_its_neighbour_is_answered(
    content: Content, thresholds: Thresholds
) -> None:
    before = understood(SCHOOL, content, thresholds)
    assert before.decision.kind is not Kind.ANSWER
    nlu = cast(NluClient, SecondLook(SCHOOL_AFTER_TITLE))
    after = await in_context(before, "وهل يذهب الأطفال إلى المدرسة هناك؟", "return_centres", content, nlu, thresholds)
    assert after.decision.kind is Kind.ANSWER and after.decision.intent == "centre_daily_life"
    assert "return_centres" in after.decision.candidates  # the other reading, one tap away


async def test_a_follow_up_only_fairly_out_of_scope_still_leans_on_the_last_answer(
    content: Content, thresholds: Thresholds
) -> None:
    """The same school question read as "none of our topics" above the answer threshold but below
    ``CONTEXT_OUT_OF_SCOPE``: alone it would fall back; after the departure centres it is about them."""
    fairly = (("out_of_scope", 0.62), ("centre_daily_life", 0.08), ("emergency", 0.05))
    assert thresholds.answer <= 0.62 < CONTEXT_OUT_OF_SCOPE
    before = understood(fairly, content, thresholds)
    assert before.decision.kind is Kind.FALLBACK
    nlu = cast(NluClient, SecondLook(SCHOOL_AFTER_TITLE))
    after = await in_context(before, "وهل يذهب الأطفال إلى المدرسة هناك؟", "return_centres", content, nlu, thresholds)
    assert after.decision.kind is Kind.ANSWER
    assert {after.decision.intent, *after.decision.candidates} >= {"return_centres", "centre_daily_life"}


async def test_a_tie_led_by_an_unrelated_topic_stays_a_did_you_mean(content: Content, thresholds: Thresholds) -> None:
    """After the status page, a tie led by the departure centres (not a neighbour of the status) is asked back."""
    assert "return_centres" not in content.neighbours["protection_status"]
    tie = (("return_centres", 0.3), ("centre_daily_life", 0.28), ("out_of_scope", 0.1))
    before = understood(tie, content, thresholds)
    nlu = cast(NluClient, SecondLook(tie))
    after = await in_context(before, "and the centres?", "protection_status", content, nlu, thresholds)
    assert after.decision.kind is Kind.CLARIFY


async def test_a_follow_up_that_names_another_topic_on_its_own_moves_the_conversation_there(
    content: Content, thresholds: Thresholds
) -> None:
    """ "Who can help me write the answer? I have no money for a lawyer" after the revocation steps: read after that
    page's title it would be the revocation again; on its own it is free legal help, clearly enough to move there,
    with the page just read one tap away."""
    help_ = (("free_legal_help", 0.47), ("free_lawyer", 0.31), ("cash_allowance", 0.04), ("revocation_process", 0.02))
    before = understood(help_, content, thresholds)
    assert before.decision.kind is not Kind.ANSWER
    nlu = cast(NluClient, NoSecondLook())
    said = "who can help me to write the answer, I have no money for lawyer"
    after = (await in_context(before, said, "revocation_process", content, nlu, thresholds)).decision
    assert after.kind is Kind.ANSWER and after.intent == "free_legal_help"
    assert after.candidates == ("revocation_process", "free_lawyer")


async def test_a_question_read_as_small_talk_without_confidence_asks_about_the_subject(
    content: Content, thresholds: Thresholds
) -> None:
    """ "I am from Idlib, not Damascus: does it matter to them?" after the reasons for revocation: alone it reads as
    a self-introduction (a greeting); in the conversation it asks about those reasons. A confident greeting stays
    one."""
    idlib = (("greet", 0.43), ("revocation_reasons", 0.07), ("travel_abroad", 0.06), ("out_of_scope", 0.04))
    nlu = cast(NluClient, SecondLook((("revocation_reasons", 0.8), ("syria_situation_2024", 0.1))))
    said = "طب انا اصلا من ادلب مو من الشام، بتفرق معهن؟"
    after = await in_context(
        understood(idlib, content, thresholds), said, "revocation_reasons", content, nlu, thresholds
    )
    assert after.decision.kind is Kind.ANSWER and after.decision.intent == "revocation_reasons"
    hello = (("greet", 0.92), ("out_of_scope", 0.03))
    before = understood(hello, content, thresholds)
    assert await in_context(before, "مرحبا، كيفك؟", "revocation_reasons", content, nlu, thresholds) == before


async def test_is_this_enough_weighs_what_the_person_has_against_the_answer_just_given(
    content: Content, thresholds: Thresholds
) -> None:
    """ "I clean 25 hours a week and passed Danish test 2: is that enough?" after the permanent-residence page: alone
    it reads as the ties to Denmark, confidently; the person asks about the conditions just read, so that page is
    answered again, the ties one tap away. A question that names another topic clearly ("and citizenship, is it
    enough?") moves there."""
    work = (("ties_to_denmark", 0.71), ("citizenship", 0.06), ("protection_status", 0.04))
    before = understood(work, content, thresholds)
    assert before.decision.kind is Kind.ANSWER and before.decision.intent == "ties_to_denmark"
    nlu = cast(NluClient, NoSecondLook())
    for said in (
        "انا بشتغل تنظيف ٢٥ ساعة بالاسبوع ومعي PD2، هاد بيكفي؟",
        "I work 25 hours and have PD2, is that enough?",
    ):
        after = (await in_context(before, said, "permanent_residence", content, nlu, thresholds)).decision
        assert after.kind is Kind.ANSWER and after.intent == "permanent_residence"
        assert after.candidates[0] == "ties_to_denmark"
    named = understood((("citizenship", 0.9), ("out_of_scope", 0.05)), content, thresholds)
    moved = await in_context(named, "والجنسية؟ بيكفي؟", "permanent_residence", content, nlu, thresholds)
    assert moved.decision.intent == "citizenship"
    without = await in_context(
        before, "انا بشتغل تنظيف ٢٥ ساعة بالاسبوع", "permanent_residence", content, nlu, thresholds
    )
    assert without.decision.intent == "ties_to_denmark"  # no "enough?": the message stands on its own


class ByTitle:
    """An NLU that reads a follow-up after "permanent residence and citizenship" (the page's title) as citizenship,
    and after "permanent residence" (its short title, the button's name) as permanent residence."""

    def __init__(self, content: Content) -> None:
        self.page = content.page("permanent_residence", content.languages.source_language)

    async def parse(self, text: str) -> Parse:
        if text.startswith(f"{self.page.title}:"):
            return Parse((("citizenship", 0.49), ("permanent_residence", 0.48)))
        if text.startswith(f"{self.page.short_title}:"):
            return Parse((("permanent_residence", 0.7), ("citizenship", 0.2)))
        return Parse((("out_of_scope", 0.7),))


async def test_a_follow_up_is_read_after_the_name_of_the_topic_alone(content: Content, thresholds: Thresholds) -> None:
    """ "And how much does it cost, how many months until the answer?" after the permanent-residence page is about
    permanent residence: the page's title also names citizenship, its short title only the topic."""
    page = content.page("permanent_residence", content.languages.source_language)
    assert page.short_title in page.title and page.short_title != page.title
    before = understood((("out_of_scope", 0.72), ("while_appeal_pending", 0.07)), content, thresholds)
    nlu = cast(NluClient, ByTitle(content))
    after = await in_context(
        before, "وقديش بتكلف؟ وكم شهر لحتى يجي الرد؟", "permanent_residence", content, nlu, thresholds
    )
    assert after.decision.kind is Kind.ANSWER and after.decision.intent == "permanent_residence"


async def test_a_follow_up_split_between_two_topics_is_settled_by_the_conversation(
    content: Content, thresholds: Thresholds
) -> None:
    """ "and me? I am 17 and my permit came through family reunification with them" after the revocation steps:
    alone it is split between bringing a family and what happens to the family; nearly tied, it names neither
    clearly enough to leave the conversation, which settles it (what happens to the family when a permit goes)."""
    tied = understood(
        (("family_reunification", 0.45), ("family_members", 0.43), ("out_of_scope", 0.05)), content, thresholds
    )
    after_title = (("family_members", 0.7), ("revocation_process", 0.2), ("family_reunification", 0.05))
    nlu = cast(NluClient, SecondLook(after_title))
    said = "w ana? 3omri 17 w e2amti men lam el shaml 3alehon"
    after = await in_context(tied, said, "revocation_process", content, nlu, thresholds)
    assert after.decision.kind is Kind.ANSWER and after.decision.intent == "family_members", after.decision
