"""Unanswered questions grouped by kind: the same question in other words (or spellings) lands in one group."""

from __future__ import annotations

from bot.workbench.questions import group_questions


def test_the_most_common_kinds_come_first_with_examples() -> None:
    asked = [
        ("how do I renew my driving licence", "en"),
        ("كيف بجدد رخصة السواقة", "ar"),
        ("how can I renew my driving license?", "en"),
        ("where is the nearest mosque", "en"),
        ("كيف اجدد رخصة السواقة؟", "ar"),
        ("renew driving licence how", "en"),
        ("كيف بجدد رخصة السواقه", "ar"),  # ta marbuta written as ha
    ]
    groups = group_questions(asked)
    assert [g.count for g in groups] == [3, 3, 1]
    english, arabic, mosque = groups
    assert english.examples[0] == "how do I renew my driving licence" and english.languages == {"en": 3}
    assert arabic.languages == {"ar": 3} and len(arabic.examples) == 3
    assert mosque.examples == ["where is the nearest mosque"]


def test_only_the_ten_most_common_kinds_are_shown_and_blank_questions_ignored() -> None:
    same = [("can I get a visa for my mother", "en"), ("can i get visa for my mother?", "en")] * 2
    different = "bank account|tax card|house rent|dentist price|school places|bus pass|library card|gym|football|snow"
    groups = group_questions(same + [(text, "en") for text in different.split("|")] + [("  ", "en")])
    assert len(groups) == 10
    assert groups[0].count == 4
    assert groups[0].examples == ["can I get a visa for my mother", "can i get visa for my mother?"]
    assert [g.count for g in groups[1:]] == [1] * 9
