"""``sanad content sign-off``: a lawyer's review recorded in the page's front matter, the notice people then see,
an edit after the sign-off bringing the pending notice back, and bad input that changes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from bot.cli import main
from bot.content.review import legal_status, review_marks, review_notice
from bot.content.signoff import snapshot_path
from tests.support.content import TODAY, ContentTree


def notice(tree: ContentTree, topic: str, language: str) -> str:
    content = tree.load().content
    assert content is not None
    return review_notice(content.topics[topic], language, lambda s: s, dt.date.isoformat)


def files(tree: ContentTree) -> dict[str, str]:
    """Every file under the content folder, by its SHA-256: to show that nothing changed."""
    return {
        str(path.relative_to(tree.root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(tree.root.rglob("*"))
        if path.is_file()
    }


def sign(tree: ContentTree, *args: str) -> int:
    return main(["content", "sign-off", *args, "--dir", str(tree.root), "--today", TODAY.isoformat()])


def test_a_sign_off_is_recorded_and_people_see_checked_by_a_lawyer(
    tree: ContentTree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert notice(tree, "alpha", "ar").startswith("⚠️ <i>Not yet checked by a lawyer")
    assert sign(tree, "alpha", "--reviewer", "Sara Nielsen, lawyer", "--language", "ar") == 0
    assert "Signed off `alpha` (ar)" in capsys.readouterr().out
    page_text = (tree.root / "topics/ar/alpha.md").read_text(encoding="utf-8")
    assert 'legal_review:\n  reviewer: "Sara Nielsen, lawyer"\n  date: 2026-11-22\n' in page_text
    assert "  language: ar\n" in page_text
    assert snapshot_path(tree.root, "ar", "alpha").read_text(encoding="utf-8") == page_text
    checked = "✅ <i>Checked by a lawyer on 2026-11-22. General information, not legal advice.</i>"
    assert notice(tree, "alpha", "ar") == checked
    assert notice(tree, "alpha", "en").startswith("⚠️")  # only the Arabic page was signed
    result = tree.load()
    assert result.ok and not result.problems.warnings


def test_open_review_marks_refuse_a_sign_off_until_a_reason_is_recorded(
    tree: ContentTree, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(tree)
    assert sign(tree, "alpha", "--reviewer", "Sara Nielsen, lawyer") == 1
    out = capsys.readouterr().out
    assert "still has 1 [!review] mark(s)" in out and "--accept-open-marks" in out
    assert files(tree) == before
    reason = "8 weeks confirmed by phone with the Immigration Service"
    assert sign(tree, "alpha", "--reviewer", "Sara Nielsen, lawyer", "--accept-open-marks", reason) == 0
    en = (tree.root / "topics/en/alpha.md").read_text(encoding="utf-8")
    assert f'  accepted_open_marks: "{reason}"' in en
    assert "accepted_open_marks" not in (tree.root / "topics/ar/alpha.md").read_text(encoding="utf-8")  # no marks
    content = tree.load().content
    assert content is not None
    assert legal_status(content.topics["alpha"].pages["en"]).state == "signed"
    assert legal_status(content.topics["alpha"].pages["ar"]).state == "signed"


def test_an_edit_after_the_sign_off_brings_the_pending_notice_back_and_the_check_warns(tree: ContentTree) -> None:
    assert sign(tree, "alpha", "--reviewer", "Sara Nielsen, lawyer", "--language", "ar") == 0
    tree.replace("topics/ar/alpha.md", "تفاصيل.", "تفاصيل جديدة.")
    assert notice(tree, "alpha", "ar").startswith("⚠️ <i>Not yet checked by a lawyer")
    result = tree.load()
    assert result.ok  # a warning: the edit goes into service, with the pending notice
    [warning] = result.problems.warnings
    assert warning.path.endswith("topics/ar/alpha.md") and "has changed since" in warning.message
    assert "sanad content sign-off alpha" in warning.fix
    content = result.content
    assert content is not None and legal_status(content.topics["alpha"].pages["ar"]).state == "changed"
    assert sign(tree, "alpha", "--reviewer", "Sara Nielsen, lawyer", "--language", "ar") == 0
    assert notice(tree, "alpha", "ar").startswith("✅")
    assert not tree.load().problems.warnings


def test_new_example_questions_do_not_undo_a_sign_off(tree: ContentTree) -> None:
    assert sign(tree, "alpha", "--reviewer", "Sara Nielsen, lawyer", "--language", "ar") == 0
    tree.replace("topics/ar/alpha.md", '  - "ما هو alpha"', '  - "ما هو alpha"\n  - "شو قصة alpha"')
    assert notice(tree, "alpha", "ar").startswith("✅")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["alpah", "--reviewer", "Sara"], "There is no topic `alpah`.\n    How to fix: Did you mean alpha?"),
        (["alpha", "--language", "ar"], "The reviewer's name is missing."),
        (["alpha", "--reviewer", "  ", "--language", "ar"], "The reviewer's name is missing."),
        (["alpha", "--reviewer", "Sara", "--language", "de"], "`de` is not a language of the content"),
        (["alpha", "--reviewer", "Sara", "--accept-open-marks", " "], "--accept-open-marks needs a reason"),
    ],
)
def test_bad_input_names_the_fix_and_changes_nothing(
    tree: ContentTree, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    before = files(tree)
    assert sign(tree, *args) == 1
    out = capsys.readouterr().out
    assert out.startswith("Not signed: ") and expected in out and "How to fix: " in out
    assert files(tree) == before


def test_content_that_fails_the_check_cannot_be_signed(tree: ContentTree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.replace("topics/ar/alpha.md", "short_title:", "shortitle:")
    before = files(tree)
    assert sign(tree, "alpha", "--reviewer", "Sara", "--language", "ar") == 1
    assert "Run `sanad content check`" in capsys.readouterr().out
    assert files(tree) == before


def test_an_outdated_translation_cannot_be_signed(tree: ContentTree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.replace("topics/en/alpha.md", "version: 2", "version: 3")
    before = files(tree)
    assert sign(tree, "alpha", "--reviewer", "Sara", "--language", "ar") == 1
    assert "translates version 2, but the source is at version 3" in capsys.readouterr().out
    assert files(tree) == before


def test_a_sign_off_for_another_language_is_an_error(tree: ContentTree) -> None:
    assert sign(tree, "alpha", "--reviewer", "Sara", "--language", "ar") == 0
    tree.replace("topics/ar/alpha.md", "  language: ar", "  language: en")
    result = tree.load()
    assert not result.ok
    assert any("The sign-off says `language: en`" in p.message for p in result.problems.errors)


def test_each_review_mark_is_listed_with_its_sentence_line_and_links() -> None:
    body = (
        "Intro.\n\n## Details\n\n"
        "- Apply within 8 weeks [!review]. The fee is DKK 2,000 [!review] per person.\n"
        "- Ask [DRC](https://drc.ngo/help) about the 30 days [!review] rule.\n"
    )
    marks = review_marks(body, first_line=20)
    assert [(m.line, m.fact) for m in marks] == [
        (24, "Apply within 8 weeks ⚠️."),
        (24, "The fee is DKK 2,000 ⚠️ per person."),
        (25, "Ask DRC about the 30 days ⚠️ rule."),
    ]
    assert marks[2].links == (("DRC", "https://drc.ngo/help"),)
