"""A question that opens with a greeting is answered as a question, and small talk stays small talk (unit tests of
``bot.nlu.understanding.understand`` with written rankings; the whole turn runs with Rasa in the conversation
tests)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

import pytest

from bot.content.model import Content
from bot.core.policy import Kind, Thresholds
from bot.nlu.client import NluClient
from bot.nlu.understanding import understand
from tests.support.engine import ScriptedNlu

Ranking = tuple[tuple[str, float], ...]


async def decided(text: str, script: Mapping[str, Ranking], content: Content, thresholds: Thresholds) -> str | None:
    nlu = ScriptedNlu({phrase: list(ranking) for phrase, ranking in script.items()})
    understood = await understand(text, content, cast(NluClient, nlu), thresholds)
    decision = understood.decision
    assert decision.kind is Kind.ANSWER, decision
    return decision.intent


async def test_a_final_refusal_told_after_hello_is_answered(content: Content, thresholds: Thresholds) -> None:
    """ "مرحبا." opens the message, so the whole reads as a greeting; its sentence about the final no is clear."""
    text = "مرحبا. انا كردي من عامودا. مجلس اللاجئين قال لا نهائي. هلق شو بيصير فيني؟"
    script = {
        "مرحبا": (("greet", 0.6), ("after_final_refusal", 0.15), ("appeal_refugee_board", 0.04)),
        "مجلس اللاجئين قال لا نهائي": (("after_final_refusal", 0.8), ("appeal_refugee_board", 0.1)),
    }
    assert await decided(text, script, content, thresholds) == "after_final_refusal"


async def test_a_one_sentence_question_after_hello_is_answered(content: Content, thresholds: Thresholds) -> None:
    """Voice-typed, with no full stop: long enough to be more than a greeting, and a topic answers it without it."""
    text = "مرحبا انا بدي اسأل عن لم الشمل لمرتي وولادي"
    script = {"مرحبا": (("greet", 0.6), ("family_reunification", 0.35), ("family_members", 0.02))}
    assert await decided(text, script, content, thresholds) == "family_reunification"


@pytest.mark.parametrize(
    ("text", "script", "kept"),
    [
        (  # a long greeting of three sentences, none about a topic
            "السلام عليكم ورحمة الله وبركاته. كيف حالكم يا جماعة؟ الله يعطيكم العافية",
            {
                "السلام عليكم": (("greet", 0.9), ("thanks", 0.05)),
                "كيف حالكم": (("greet", 0.8), ("out_of_scope", 0.1)),
                "الله يعطيكم": (("thanks", 0.7), ("greet", 0.2)),
            },
            "greet",
        ),
        (  # "tak for hjælpen" (thanks for the help): words that a topic reads as help are not a question
            "Tak for hjælpen. Venlig hilsen, Mette",
            {
                "Tak for hjælpen.": (("thanks", 0.7), ("free_legal_help", 0.2)),
                "Tak for hjælpen": (("free_legal_help", 0.8), ("thanks", 0.1)),
                "Venlig hilsen": (("goodbye", 0.6), ("thanks", 0.3)),
            },
            "thanks",
        ),
    ],
)
async def test_small_talk_stays_small_talk(
    text: str, script: Mapping[str, Ranking], kept: str, content: Content, thresholds: Thresholds
) -> None:
    assert await decided(text, script, content, thresholds) == kept
