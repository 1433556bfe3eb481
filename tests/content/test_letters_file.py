"""`sanad content check` on content/letters.yaml: the letter kinds point to known topics and deadline rules, have
their titles in every language, and no phrase names two kinds."""

from __future__ import annotations

from pathlib import Path

from tests.support.content import ContentTree

VALID = """\
decision_date_words: [traf på mødet]
letter_date_words: [brevdato]
kinds:
  - id: appeal_letter
    title: {ar: "رسالة", en: "A letter"}
    decision: true
    phrases: [klage til nævnet]
    topic: alpha
    deadline: eight_weeks
  - id: other_letter
    title: {ar: "رسالة أخرى", en: "Another letter"}
    decision: false
    phrases: [sygehus]
"""


def problems(tree: ContentTree) -> list[str]:
    return [problem.format() for problem in tree.load().problems]


def test_a_valid_letters_file_loads(tree: ContentTree) -> None:
    tree.write("letters.yaml", VALID)
    result = tree.load()
    assert result.content is not None and result.content.letters is not None, problems(tree)
    assert [kind.id for kind in result.content.letters.kinds] == ["appeal_letter", "other_letter"]


def test_without_a_letters_file_the_content_still_loads(tree: ContentTree) -> None:
    result = tree.load()
    assert result.content is not None and result.content.letters is None


def test_unknown_topic_and_deadline_are_errors(tree: ContentTree) -> None:
    tree.write("letters.yaml", VALID.replace("topic: alpha", "topic: gamma").replace("eight_weeks", "nine_weeks"))
    found = problems(tree)
    assert tree.load().content is None
    assert any("unknown topic `gamma`" in p for p in found), found
    assert any("unknown deadline `nine_weeks`" in p for p in found), found
    assert all("letters.yaml:" in p for p in found), found


def test_a_missing_title_language_and_a_shared_phrase_are_errors(tree: ContentTree) -> None:
    broken = VALID.replace('{ar: "رسالة أخرى", en: "Another letter"}', '{en: "Another letter"}')
    broken = broken.replace("phrases: [sygehus]", "phrases: [Klage til nævnet]")
    tree.write("letters.yaml", broken)
    found = problems(tree)
    assert any("`other_letter` (title) has no text in `ar`" in p for p in found), found
    assert any("is given for `appeal_letter` and for `other_letter`" in p for p in found), found


def test_the_project_letters_file_passes_the_check() -> None:
    root = Path(__file__).resolve().parents[2] / "content"
    result = ContentTree(root).load()
    assert result.content is not None and result.content.letters is not None
    assert len(result.content.letters.kinds) >= 11
    assert not [p.format() for p in result.problems if "letters.yaml" in p.path]
