"""The decision policy shared by the engine and `sanad nlu evaluate`."""

from __future__ import annotations

from dataclasses import replace

from bot.core.policy import Decision, Kind, Thresholds, decide, usual, with_usual

TOPICS = frozenset({"appeal_deadlines", "deadline_calculator", "free_lawyer", "return_centres"})
T = Thresholds(emergency=0.1, answer=0.6, candidate=0.1, margin=0.1, distress=0.35, emergency_watch=0.05)


def test_emergency_first_even_when_another_intent_ranks_higher() -> None:
    ranking = [("return_centres", 0.8), ("emergency", 0.15)]
    assert decide(ranking, T, TOPICS) == Decision(Kind.EMERGENCY, "emergency")


def test_emergency_keyword_overrides_the_ranking() -> None:
    assert decide([("out_of_scope", 0.99)], T, TOPICS, danger_hit=True).kind is Kind.EMERGENCY


def test_confident_answer() -> None:
    assert decide([("free_lawyer", 0.9), ("appeal_deadlines", 0.05)], T, TOPICS) == Decision(Kind.ANSWER, "free_lawyer")


def test_conversation_intent_is_answered_but_never_offered_as_a_button() -> None:
    assert decide([("greet", 0.95)], T, TOPICS) == Decision(Kind.ANSWER, "greet")
    clarify = decide([("greet", 0.4), ("free_lawyer", 0.3), ("return_centres", 0.2)], T, TOPICS)
    assert clarify == Decision(Kind.CLARIFY, candidates=("free_lawyer", "return_centres"))


def test_close_runner_up_asks_did_you_mean() -> None:
    ranking = [("appeal_deadlines", 0.62), ("deadline_calculator", 0.58), ("free_lawyer", 0.01)]
    assert decide(ranking, T, TOPICS) == Decision(Kind.CLARIFY, candidates=("appeal_deadlines", "deadline_calculator"))


def test_at_most_three_buttons() -> None:
    ranking = [("appeal_deadlines", 0.3), ("deadline_calculator", 0.25), ("free_lawyer", 0.2), ("return_centres", 0.2)]
    assert len(decide(ranking, T, TOPICS).candidates) == 3


def test_confident_out_of_scope_falls_back() -> None:
    assert decide([("out_of_scope", 0.9), ("free_lawyer", 0.05)], T, TOPICS).kind is Kind.FALLBACK


def test_a_single_plausible_topic_is_never_a_did_you_mean() -> None:
    decision = decide([("out_of_scope", 0.45), ("free_lawyer", 0.4)], T, TOPICS)
    assert decision == Decision(Kind.FALLBACK)


def test_a_topic_that_leads_clearly_is_answered_with_the_next_ones_offered_under_it() -> None:
    leading = replace(T, lead=0.25, lead_ratio=4.0)
    ranking = [("free_lawyer", 0.45), ("return_centres", 0.1), ("appeal_deadlines", 0.05), ("out_of_scope", 0.3)]
    answer = decide(ranking, leading, TOPICS)
    assert answer == Decision(Kind.ANSWER, "free_lawyer", candidates=("return_centres",))
    tie = [("free_lawyer", 0.4), ("return_centres", 0.35)]
    assert decide(tie, leading, TOPICS) == Decision(Kind.CLARIFY, candidates=("free_lawyer", "return_centres"))


def test_nothing_plausible_falls_back() -> None:
    assert decide([("free_lawyer", 0.05)], T, TOPICS).kind is Kind.FALLBACK
    assert decide([], T, TOPICS).kind is Kind.FALLBACK


def test_distress_gets_a_check_in_and_keeps_a_confident_answer() -> None:
    assert decide([("distress", 0.7), ("free_lawyer", 0.2)], T, TOPICS) == Decision(Kind.DISTRESS)
    with_answer = decide([("free_lawyer", 0.9)], T, TOPICS, distress_hit=True)
    assert with_answer == Decision(Kind.DISTRESS, then=Decision(Kind.ANSWER, "free_lawyer"))


def test_a_person_in_distress_never_gets_a_list_of_topics_after_the_check_in() -> None:
    ranking = [("distress", 0.4), ("free_lawyer", 0.3), ("return_centres", 0.25)]
    assert decide(ranking, T, TOPICS) == Decision(Kind.DISTRESS)


def test_context_changes_only_the_usual_reply_never_the_danger() -> None:
    answer = Decision(Kind.ANSWER, "free_lawyer")
    sure = Decision(Kind.EMERGENCY, "emergency")
    assert with_usual(sure, answer) == sure
    possible = Decision(Kind.EMERGENCY, "emergency", possible=True)
    assert with_usual(possible, answer) == replace(possible, then=answer)
    assert with_usual(possible, Decision(Kind.FALLBACK)) == possible  # then the whole emergency message
    assert with_usual(Decision(Kind.DISTRESS), answer) == Decision(Kind.DISTRESS, then=answer)
    assert with_usual(Decision(Kind.DISTRESS), Decision(Kind.CLARIFY, candidates=("a", "b"))) == Decision(Kind.DISTRESS)
    assert with_usual(Decision(Kind.CLARIFY, candidates=("a", "b")), answer) == answer


def test_the_usual_reply_leaves_the_safety_intents_out() -> None:
    ranking = [("emergency", 0.5), ("free_lawyer", 0.45), ("distress", 0.04)]
    assert usual(ranking, replace(T, answer=0.4), TOPICS) == Decision(Kind.ANSWER, "free_lawyer")


def test_danger_outranks_distress() -> None:
    assert decide([("distress", 0.8), ("emergency", 0.2)], T, TOPICS, distress_hit=True).kind is Kind.EMERGENCY


def test_distress_is_never_answered_as_a_topic() -> None:
    assert decide([("distress", 0.2), ("free_lawyer", 0.15), ("return_centres", 0.12)], T, TOPICS).kind is Kind.CLARIFY
    assert decide([("distress", 0.2), ("free_lawyer", 0.15)], T, TOPICS).kind is Kind.FALLBACK


def test_a_possible_danger_gets_the_emergency_message_then_the_answer() -> None:
    decision = decide([("free_lawyer", 0.9), ("emergency", 0.07)], T, TOPICS)
    assert decision == Decision(Kind.EMERGENCY, "emergency", then=Decision(Kind.ANSWER, "free_lawyer"), possible=True)
    by_sentence = decide([("free_lawyer", 0.9)], T, TOPICS, sentence_emergency=0.6)
    assert by_sentence.kind is Kind.EMERGENCY and by_sentence.then == Decision(Kind.ANSWER, "free_lawyer")
    assert decide([("free_lawyer", 0.9), ("emergency", 0.04)], T, TOPICS).kind is Kind.ANSWER


def test_a_sure_danger_gets_the_emergency_message_alone() -> None:
    assert decide([("free_lawyer", 0.6), ("emergency", 0.3)], T, TOPICS) == Decision(Kind.EMERGENCY, "emergency")


def test_a_neighbouring_runner_up_needs_a_smaller_lead_and_is_the_first_button_under_the_answer() -> None:
    """appeal_deadlines and deadline_calculator are neighbours (the content's ``related``); a topic close behind
    that is not a neighbour, or "none of our topics" close behind, still makes it a "did you mean"."""
    near = {
        "appeal_deadlines": frozenset({"deadline_calculator"}),
        "deadline_calculator": frozenset({"appeal_deadlines"}),
    }
    rule = replace(T, margin=0.0, lead=0.3, lead_ratio=5.0, related_ratio=2.5)
    neighbour = [("appeal_deadlines", 0.5), ("deadline_calculator", 0.18), ("free_lawyer", 0.05)]
    answer = decide(neighbour, rule, TOPICS, neighbours=near)
    assert answer == Decision(Kind.ANSWER, "appeal_deadlines", candidates=("deadline_calculator",))
    assert decide(neighbour, rule, TOPICS).kind is Kind.CLARIFY  # without the neighbours: 2.8 times is not 5
    stranger = [("appeal_deadlines", 0.5), ("return_centres", 0.18), ("free_lawyer", 0.05)]
    assert decide(stranger, rule, TOPICS, neighbours=near).kind is Kind.CLARIFY
    off_topic_too = [("appeal_deadlines", 0.5), ("deadline_calculator", 0.18), ("out_of_scope", 0.15)]
    assert decide(off_topic_too, rule, TOPICS, neighbours=near).kind is Kind.CLARIFY
    too_close = [("appeal_deadlines", 0.4), ("deadline_calculator", 0.3)]
    assert decide(too_close, rule, TOPICS, neighbours=near).kind is Kind.CLARIFY


def test_two_neighbours_holding_nearly_all_the_confidence_answer_the_first_with_the_second_under_it() -> None:
    """ "Can the police force me back to Syria after my final refusal?": forced return 0.54, after a final refusal
    0.37, nothing else; the message is about one of the two, so the first is answered and the second is one tap
    away. The same split with a stranger, or with less than the share between the two, stays a question."""
    near = {
        "appeal_deadlines": frozenset({"deadline_calculator"}),
        "deadline_calculator": frozenset({"appeal_deadlines"}),
    }
    rule = replace(T, margin=0.0, lead=0.3, lead_ratio=4.0, related_ratio=2.0, related_share=0.9)
    pair = [("appeal_deadlines", 0.54), ("deadline_calculator", 0.37), ("free_lawyer", 0.02)]
    answer = decide(pair, rule, TOPICS, neighbours=near)
    assert answer == Decision(Kind.ANSWER, "appeal_deadlines", candidates=("deadline_calculator",))
    assert decide(pair, replace(rule, related_share=None), TOPICS, neighbours=near).kind is Kind.CLARIFY
    stranger = [("appeal_deadlines", 0.54), ("return_centres", 0.37), ("free_lawyer", 0.02)]
    assert decide(stranger, rule, TOPICS, neighbours=near).kind is Kind.CLARIFY
    less = [("appeal_deadlines", 0.5), ("deadline_calculator", 0.3), ("out_of_scope", 0.15)]
    assert decide(less, rule, TOPICS, neighbours=near).kind is Kind.CLARIFY
    even = [("appeal_deadlines", 0.48), ("deadline_calculator", 0.45)]
    assert decide(even, rule, TOPICS, neighbours=near).kind is Kind.CLARIFY  # not 1.2 times: a real tie


def test_a_topic_with_out_of_scope_close_behind_is_asked_back_not_answered() -> None:
    """A brother who wants asylum in Germany: the asylum topic leads the other topics by far, but "none of our
    topics" is a third of it; with the guard on, the person is asked, not answered with the Danish page."""
    guarded = replace(T, margin=0.0, lead=0.3, lead_ratio=4.0, out_of_scope_ratio=3.0)
    germany = [("free_lawyer", 0.7), ("out_of_scope", 0.25), ("return_centres", 0.04)]
    assert decide(germany, replace(guarded, out_of_scope_ratio=None), TOPICS).kind is Kind.ANSWER  # guard off
    assert decide(germany, guarded, TOPICS) == Decision(Kind.FALLBACK)  # a single plausible topic: no list
    two = [("free_lawyer", 0.6), ("out_of_scope", 0.25), ("return_centres", 0.12)]
    assert decide(two, guarded, TOPICS) == Decision(Kind.CLARIFY, candidates=("free_lawyer", "return_centres"))
    far_behind = [("free_lawyer", 0.7), ("out_of_scope", 0.2), ("return_centres", 0.04)]
    assert decide(far_behind, guarded, TOPICS) == Decision(Kind.ANSWER, "free_lawyer")


def test_another_countrys_matter_falls_back_whatever_ranks_first_but_danger_still_comes_first() -> None:
    """ "Can I get British citizenship?": the citizenship topic ranks first, but the catalogue's phrases say the
    matter is another country's; an emergency reading still gets the emergency message."""
    british = [("free_lawyer", 0.9), ("out_of_scope", 0.05)]
    assert decide(british, T, TOPICS).kind is Kind.ANSWER
    assert decide(british, T, TOPICS, elsewhere_hit=True) == Decision(Kind.FALLBACK)
    assert decide([("emergency", 0.9)], T, TOPICS, elsewhere_hit=True).kind is Kind.EMERGENCY


def test_two_kinds_of_small_talk_together_are_answered_as_the_first() -> None:
    """ "ok that is all, thank you, goodbye": thanks and goodbye split the message; together they say it is small
    talk, so it is answered as such and never leans on the last topic (a page after a goodbye)."""
    bye = [("thanks", 0.51), ("goodbye", 0.40), ("out_of_scope", 0.05)]
    assert decide(bye, T, TOPICS) == Decision(Kind.ANSWER, "thanks")
    greet_and_topic = [("greet", 0.5), ("free_lawyer", 0.45), ("out_of_scope", 0.05)]
    assert decide(greet_and_topic, T, TOPICS).kind is not Kind.ANSWER  # a topic close behind: not small talk


def test_suffering_told_to_the_support_page_gets_the_check_in_first() -> None:
    """ "I haven't slept well for months": a little distress (half the threshold) before the support page is enough
    for the check-in, then the page; the same distress before another topic is not."""
    topics = TOPICS | {"mental_health_support"}
    told = [("mental_health_support", 0.75), ("distress", 0.2), ("out_of_scope", 0.05)]
    decision = decide(told, T, topics)
    assert decision.kind is Kind.DISTRESS
    assert decision.then == Decision(Kind.ANSWER, "mental_health_support")
    asked = [("free_lawyer", 0.75), ("distress", 0.2), ("out_of_scope", 0.05)]
    assert decide(asked, T, topics) == Decision(Kind.ANSWER, "free_lawyer")
