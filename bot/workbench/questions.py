"""The unanswered-questions log grouped by similarity, so that a volunteer sees the most common kinds of question
the bot could not answer. The questions are already scrubbed of personal data (``bot.text.scrub``).

Similarity: RapidFuzz's ``token_sort_ratio`` (0-100) on the normalised text (``bot.text.arabic.normalise``:
hamza and alef forms, ta marbuta, diacritics, digits). A question joins the first group whose first question is
at least ``threshold`` similar, else it starts a group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.text.arabic import normalise

SIMILAR = 65.0  # two questions of one kind score at least this (0-100)


@dataclass
class QuestionGroup:
    """One kind of question: how many were asked, up to three examples (the first one leads the group) and the
    languages they were asked in."""

    count: int = 0
    examples: list[str] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)


def group_questions(
    entries: Iterable[tuple[str, str]], top: int = 10, threshold: float = SIMILAR
) -> list[QuestionGroup]:
    """``entries``: (question, language) pairs. Returns the ``top`` largest groups, largest first (ties: the
    group seen first)."""
    groups: list[QuestionGroup] = []
    leaders: list[str] = []
    for question, language in entries:
        key = " ".join(normalise(question).lower().split())
        if not key:
            continue
        match = process.extractOne(key, leaders, scorer=fuzz.token_sort_ratio, score_cutoff=threshold)
        if match is None:
            leaders.append(key)
            groups.append(QuestionGroup())
            group = groups[-1]
        else:
            group = groups[match[2]]
        group.count += 1
        group.languages[language] += 1
        if len(group.examples) < 3 and question not in group.examples:
            group.examples.append(question)
    return sorted(groups, key=lambda g: -g.count)[:top]
