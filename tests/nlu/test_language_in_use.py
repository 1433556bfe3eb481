"""A "change of language" to the language the chat already speaks asks whether a service speaks it (unit tests of
``bot.nlu.understanding.in_the_language_in_use`` with written rankings; the content's ``typed_names``)."""

from __future__ import annotations

import pytest

from bot.content.model import Content
from bot.core.policy import Kind, Thresholds, decide
from bot.nlu.understanding import Understood, in_the_language_in_use

# "do they answer in Arabic?" after the free legal help page: the language intent first, the topic behind it
RANKING = (("change_language", 0.7), ("free_legal_help", 0.15), ("free_lawyer", 0.05), ("out_of_scope", 0.04))


def understood(content: Content, thresholds: Thresholds) -> Understood:
    decision = decide(RANKING, thresholds, frozenset(content.topics), neighbours=content.neighbours)
    assert decision.kind is Kind.ANSWER and decision.intent == "change_language"
    return Understood(decision, True, RANKING)


@pytest.mark.parametrize("text", ["يردون بالعربي؟", "do they speak arabic there?", "w bye7ko 3arabi?"])
def test_the_language_the_chat_speaks_is_not_a_request_to_switch(
    text: str, content: Content, thresholds: Thresholds
) -> None:
    after = in_the_language_in_use(understood(content, thresholds), text, "ar", content, thresholds)
    assert after.decision.intent != "change_language"
    assert "change_language" not in dict(after.ranking)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("English please", "ar"),  # another language: a switch
        ("بدي احكي عربي", "en"),
        ("بالعربي او بالانكليزي؟", "ar"),  # two languages named: the person may be choosing
    ],
)
def test_another_language_is_still_a_switch(text: str, language: str, content: Content, thresholds: Thresholds) -> None:
    before = understood(content, thresholds)
    assert in_the_language_in_use(before, text, language, content, thresholds) == before
