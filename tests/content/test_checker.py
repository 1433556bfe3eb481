"""`sanad content check`: one broken fixture per kind of problem, each named by file, line and fix."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from bot.content.problems import Problem, Severity
from tests.support.content import ContentTree


def only_problem(tree: ContentTree, severity: Severity = Severity.ERROR) -> Problem:
    result = tree.load()
    matching = [p for p in result.problems if p.severity is severity]
    assert len(matching) == 1, [p.format() for p in result.problems]
    assert matching[0].fix
    if severity is Severity.ERROR:
        assert result.content is None, "content with an error must not be served"
    return matching[0]


def test_the_minimal_fixture_is_valid(tree: ContentTree) -> None:
    result = tree.load()
    assert result.ok, [p.format() for p in result.problems]
    assert list(result.problems) == []


def test_broken_yaml_names_the_line(tree: ContentTree, line_of) -> None:
    tree.replace("topics/en/alpha.md", 'title: "Topic alpha"', 'title: "Topic alpha')
    problem = only_problem(tree)
    assert problem.path == "content/topics/en/alpha.md"
    assert problem.line in range(
        line_of(tree, "topics/en/alpha.md", "title:"), line_of(tree, "topics/en/alpha.md", "short_title:") + 2
    )
    assert "quotes" in problem.fix


def test_missing_setting(tree: ContentTree, line_of) -> None:
    tree.replace("topics/en/beta.md", 'reviewed_by: "Test volunteer"\n', "")
    problem = only_problem(tree)
    assert problem.path == "content/topics/en/beta.md"
    assert "`reviewed_by` is missing" in problem.message


def test_misspelt_setting(tree: ContentTree, line_of) -> None:
    tree.replace("topics/en/alpha.md", "short_title:", "shorttitle:")
    result = tree.load()
    unknown = [p for p in result.problems if "not a setting" in p.message]
    assert len(unknown) == 1
    assert unknown[0].line == line_of(tree, "topics/en/alpha.md", "shorttitle:")
    assert "spelling" in unknown[0].fix


def test_translation_repeating_source_settings(tree: ContentTree, line_of) -> None:
    tree.replace("topics/ar/alpha.md", "examples:", "related: [beta]\nexamples:")
    problem = only_problem(tree)
    assert problem.line == line_of(tree, "topics/ar/alpha.md", "related:")
    assert "source page" in problem.fix


def test_topic_id_not_in_catalogue(tree: ContentTree) -> None:
    for language in ("en", "ar"):
        text = (tree.root / f"topics/{language}/beta.md").read_text(encoding="utf-8")
        tree.write(f"topics/{language}/gamma.md", text.replace("id: beta", "id: gamma"))
    result = tree.load()
    messages = [p.message for p in result.problems.errors]
    assert any("`gamma` is not a topic id in catalogue.yaml" in m for m in messages), messages


def test_id_differs_from_file_name(tree: ContentTree, line_of) -> None:
    tree.replace("topics/ar/beta.md", "id: beta", "id: betta")
    problem = only_problem(tree)
    assert problem.line == line_of(tree, "topics/ar/beta.md", "id: betta")
    assert "id: beta" in problem.fix


def test_missing_translation(tree: ContentTree) -> None:
    (tree.root / "topics/ar/beta.md").unlink()
    problem = only_problem(tree)
    assert problem.path == "content/topics/ar/beta.md"
    assert "missing" in problem.message


def test_outdated_translation_is_a_warning(tree: ContentTree, line_of) -> None:
    tree.replace("topics/en/alpha.md", "version: 2", "version: 3")
    problem = only_problem(tree, Severity.WARNING)
    assert problem.path == "content/topics/ar/alpha.md"
    assert problem.line == line_of(tree, "topics/ar/alpha.md", "translation_of:")
    assert "out of date" in problem.message
    result = tree.load()
    assert result.ok and result.content is not None
    assert result.content.topics["alpha"].translation_outdated("ar")


def test_translation_newer_than_source(tree: ContentTree) -> None:
    tree.replace("topics/ar/beta.md", "version: 2}", "version: 5}")
    problem = only_problem(tree)
    assert "version 5" in problem.message and "2" in problem.fix


def test_overdue_review_is_a_warning(tree: ContentTree, line_of) -> None:
    result = tree.load(today=dt.date(2027, 6, 1))
    overdue = [p for p in result.problems if "expired" in p.message]
    assert {p.path for p in overdue} == {
        "content/topics/en/alpha.md",
        "content/topics/en/beta.md",
        "content/emergency/en.md",
        "content/distress/en.md",
    }
    assert all(p.severity is Severity.WARNING for p in overdue)
    assert overdue[0].line == line_of(tree, "topics/en/alpha.md", "reviewed_on:")
    assert result.ok


def test_related_unknown_topic(tree: ContentTree, line_of) -> None:
    tree.replace("topics/en/alpha.md", "related: [beta]", "related:\n  - beta\n  - betta")
    problem = only_problem(tree)
    assert problem.line == line_of(tree, "topics/en/alpha.md", "- betta")
    assert "`betta` does not exist" in problem.message


def test_answer_too_long_for_telegram(tree: ContentTree) -> None:
    tree.replace("topics/ar/alpha.md", "تفاصيل.", "تفاصيل طويلة جدا. " * 300)
    problem = only_problem(tree)
    assert problem.path == "content/topics/ar/alpha.md"
    assert "4096" in problem.message and "Shorten" in problem.fix


def test_callback_data_over_64_bytes(tree: ContentTree) -> None:
    long_id = "a_topic_id_that_is_far_too_long_for_the_sixty_four_byte_button_payload"
    tree.replace("catalogue.yaml", "    - beta\n", f"    - beta\n    - {long_id}\n")
    for language in ("en", "ar"):
        text = (tree.root / f"topics/{language}/beta.md").read_text(encoding="utf-8")
        text = text.replace("id: beta", f"id: {long_id}").replace("?", " really?").replace("شو", "شو هو")
        tree.write(f"topics/{language}/{long_id}.md", text)
    tree.replace("menu.yaml", "        - topic: beta\n", f"        - topic: beta\n        - topic: {long_id}\n")
    result = tree.load()
    too_long = [p for p in result.problems.errors if "64 bytes" in p.message]
    assert len(too_long) == 1, [p.format() for p in result.problems]


def test_same_example_under_two_topics(tree: ContentTree, line_of) -> None:
    tree.replace("topics/ar/beta.md", '"ما هو beta"', '"ما هو alpha"')
    tree.replace("topics/ar/alpha.md", '"ما هو alpha"', '"ما هوَ ألpha"')  # same after normalisation? no: kept
    tree.replace("topics/ar/alpha.md", '"ما هوَ ألpha"', '"ما هو alpha"')
    problem = only_problem(tree)
    assert problem.path == "content/topics/ar/beta.md"
    assert problem.line == line_of(tree, "topics/ar/beta.md", "ما هو alpha")
    assert "`alpha`" in problem.message


def test_example_matching_after_normalisation_counts_as_the_same(tree: ContentTree) -> None:
    tree.replace("topics/ar/beta.md", '"ما هو beta"', '"ما هوَ ALPHA"')
    assert "also an example" in only_problem(tree).message


def test_too_few_examples(tree: ContentTree, line_of) -> None:
    tree.replace("topics/ar/alpha.md", '  - "ما هو alpha"\n', "")
    problem = only_problem(tree)
    assert problem.line == line_of(tree, "topics/ar/alpha.md", "examples:")
    assert "at least 2" in problem.message


@pytest.mark.parametrize(
    ("markdown", "what"),
    [
        ("| a | b |\n|---|---|\n| 1 | 2 |", "table"),
        ("1. first\n2. second", "numbered list"),
        ("<b>bold</b> text", "HTML"),
        ("### Small heading", "level-3 heading"),
        ("[x](javascript:alert(1))", "link"),
    ],
)
def test_formatting_the_bot_cannot_show(tree: ContentTree, line_of, markdown: str, what: str) -> None:
    tree.replace("topics/en/beta.md", "- Another point\n", f"- Another point\n\n{markdown}\n")
    result = tree.load()
    problems = [p for p in result.problems.errors if what in p.message]
    assert problems, [p.format() for p in result.problems]
    assert problems[0].line == line_of(tree, "topics/en/beta.md", markdown.splitlines()[0])


def test_wrong_headings(tree: ContentTree, line_of) -> None:
    tree.replace("topics/ar/beta.md", "## التفاصيل", "## تفاصيل")
    problem = only_problem(tree)
    assert problem.line == line_of(tree, "topics/ar/beta.md", "## تفاصيل")
    assert "## التفاصيل" in problem.fix


def test_answer_without_opening(tree: ContentTree) -> None:
    tree.replace("topics/en/alpha.md", "What alpha means for you, and what to do next.\n", "")
    assert "opening" in only_problem(tree).message


def test_short_title_too_long_for_a_button(tree: ContentTree, line_of) -> None:
    tree.replace("topics/ar/beta.md", 'short_title: "beta"', 'short_title: "' + "ب" * 40 + '"')
    problem = only_problem(tree)
    assert problem.line == line_of(tree, "topics/ar/beta.md", "short_title:")
    assert "32" in problem.message


def test_bad_date(tree: ContentTree, line_of) -> None:
    tree.replace("topics/en/alpha.md", "reviewed_on: 2026-11-01", "reviewed_on: 1st of November")
    problem = only_problem(tree)
    assert problem.line == line_of(tree, "topics/en/alpha.md", "reviewed_on:")
    assert "YYYY-MM-DD" in problem.fix


def test_menu_lists_unknown_topic(tree: ContentTree) -> None:
    tree.replace("menu.yaml", "    - topic: alpha\n", "    - topic: alpha\n    - topic: omega\n")
    assert "`omega`" in only_problem(tree).message


def test_text_missing_in_one_language(tree: ContentTree) -> None:
    tree.replace("deadlines.yaml", 'applies_to: {ar: "قرار", en: "A decision"}', 'applies_to: {en: "A decision"}')
    problem = only_problem(tree)
    assert problem.path == "content/deadlines.yaml" and "`ar`" in problem.message


def test_deadline_rule_for_unknown_topic(tree: ContentTree, line_of) -> None:
    tree.replace("deadlines.yaml", "topic: alpha", "topic: nowhere")
    problem = only_problem(tree)
    assert problem.line == line_of(tree, "deadlines.yaml", "- id: eight_weeks")


def test_file_not_saved_as_utf8(tree: ContentTree) -> None:
    (tree.root / "topics/en/alpha.md").write_bytes("Topic é".encode("latin-1"))
    result = tree.load()
    assert any("UTF-8" in p.message for p in result.problems.errors)


def test_missing_structural_file(tree: ContentTree) -> None:
    (tree.root / "menu.yaml").unlink()
    result = tree.load()
    assert not result.ok
    assert [p.path for p in result.problems.errors] == ["content/menu.yaml"]


def test_command_exit_status_and_output(tree: ContentTree) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "bot", "content", "check", "--dir", str(tree.root), "--today", "2026-11-22"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stdout
    assert "Content OK" in ok.stdout
    tree.replace("topics/en/alpha.md", "related: [beta]", "related: [nothing]")
    broken = subprocess.run(
        [sys.executable, "-m", "bot", "content", "check", "--dir", str(tree.root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert broken.returncode == 1
    assert "content/topics/en/alpha.md:" in broken.stdout and "How to fix:" in broken.stdout
