"""The Arabic glossary (content/glossary.yaml): rejected names on a page are warnings, a broken glossary an error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.glossary import Glossary
from bot.content.problems import Problem, Severity
from bot.content.schema import GlossaryFile
from bot.settings import REPO_ROOT
from bot.text.arabic import normalise
from tests.support.content import ContentTree


def glossary_warnings(tree: ContentTree) -> list[Problem]:
    result = tree.load()
    assert result.ok, [p.format() for p in result.problems]
    return [p for p in result.problems if p.severity is Severity.WARNING and "glossary" in p.message]


def test_rejected_name_on_a_page_warns_with_the_preferred_term(tree: ContentTree, line_of) -> None:
    tree.replace("topics/ar/alpha.md", "تفاصيل.", "اكتب إلى مجلس طعون اللاجئين خلال 7 أيام.")
    [problem] = glossary_warnings(tree)
    assert problem.path == "content/topics/ar/alpha.md"
    assert problem.line == line_of(tree, "topics/ar/alpha.md", "مجلس طعون اللاجئين")
    assert '"مجلس طعون اللاجئين"' in problem.message and "Flygtningenævnet" in problem.message
    assert '"مجلس استئناف اللاجئين"' in problem.fix
    assert "مجلس استئناف اللاجئين (Flygtningenævnet)" in problem.fix


def test_a_page_with_the_glossary_names_gets_no_warning(tree: ContentTree) -> None:
    tree.replace(
        "topics/ar/alpha.md",
        "تفاصيل.",
        "قرر مجلس استئناف اللاجئين (Flygtningenævnet) في قضيتك. اتصل بمنظمة DRC (المجلس الدنماركي للاجئين) "
        "ثم بمنظمة DRC مرة أخرى. تحصل العائلة على سلة الطفل. قرار الطرد يختلف عن البقاء المتسامَح به. "
        "المادة 7 والبند الأول من القائمة.",
    )
    result = tree.load()
    assert result.ok and list(result.problems) == [], [p.format() for p in result.problems]


@pytest.mark.parametrize(
    ("written", "avoided"),
    [
        ("اقامه متسامح بها", "إقامة متسامح بها"),  # no hamza, ha for ta marbuta
        ("إقامةٌ متسامـحٌ بها", "إقامة متسامح بها"),  # diacritics and tatweel
        ("وطرد الطفل", "طرد الطفل"),  # with a one-letter prefix
        ("اسأل المجلس عن ذلك", "المجلس"),  # a bare المجلس
        ("اسأل للمجلس", "المجلس"),  # ل + ال -> لل
        ("المجلس الدنماركي للاجئين", "المجلس الدنماركي للاجئين"),  # DRC without "منظمة DRC ("
        ("البند 7", "البند"),
    ],
)
def test_spellings_found_after_normalisation(tree: ContentTree, written: str, avoided: str) -> None:
    tree.replace("topics/ar/beta.md", "تفاصيل.", f"نص {written} هنا.")
    [problem] = glossary_warnings(tree)
    assert f'"{avoided}"' in problem.message


def test_words_split_over_two_lines_are_found_on_the_first(tree: ContentTree, line_of) -> None:
    tree.replace("topics/ar/beta.md", "تفاصيل.", "اكتب إلى مجلس طعون\nاللاجئين اليوم.")
    [problem] = glossary_warnings(tree)
    assert problem.line == line_of(tree, "topics/ar/beta.md", "مجلس طعون")


def test_the_title_is_checked_but_not_the_example_questions(tree: ContentTree, line_of) -> None:
    tree.replace("topics/ar/alpha.md", 'title: "موضوع alpha"', 'title: "طرد الطفل"')
    tree.replace("topics/ar/alpha.md", '  - "ما هو alpha"\n', '  - "ما هو alpha"\n  - "شو هو طرد الطفل"\n')
    [problem] = glossary_warnings(tree)
    assert problem.line == line_of(tree, "topics/ar/alpha.md", 'title: "طرد الطفل"')
    assert '"سلة الطفل"' in problem.fix and "expulsion" in problem.message


def test_the_emergency_page_is_checked_and_instead_names_are_suggested(tree: ContentTree) -> None:
    tree.replace("emergency/ar.md", "اتصل بالرقم 112 الآن.", "اتصل بالرقم 112 الآن، أو اسأل المجلس.")
    [problem] = glossary_warnings(tree)
    assert problem.path == "content/emergency/ar.md"
    assert '"مجلس استئناف اللاجئين" or "منظمة DRC"' in problem.fix and "ambiguous" in problem.message


def test_arabic_texts_in_yaml_files_are_checked_but_not_comments(tree: ContentTree, line_of) -> None:
    tree.replace("contacts.yaml", 'name: {ar: "المساعدون"', 'name: {ar: "مجلس طعون اللاجئين"')
    tree.replace("contacts.yaml", "organisations:\n", "# not: مجلس طعون اللاجئين\norganisations:\n")
    [problem] = glossary_warnings(tree)
    assert problem.path == "content/contacts.yaml"
    assert problem.line == line_of(tree, "contacts.yaml", 'name: {ar: "مجلس طعون')


def test_english_pages_are_not_checked(tree: ContentTree) -> None:
    tree.replace("topics/en/alpha.md", "What alpha means for you", "المجلس: what alpha means for you")
    assert glossary_warnings(tree) == []


def test_broken_glossary_is_an_error_with_its_line(tree: ContentTree, line_of) -> None:
    tree.replace("glossary.yaml", 'english: "child package"', 'english: "child package')
    result = tree.load()
    assert result.content is None
    [problem] = result.problems.errors
    assert problem.path == "content/glossary.yaml"
    assert problem.line in range(
        line_of(tree, "glossary.yaml", "child package"), line_of(tree, "glossary.yaml", "سلة") + 2
    )


def test_glossary_term_without_its_arabic_name(tree: ContentTree, line_of) -> None:
    tree.replace("glossary.yaml", '    arabic: "سلة الطفل"\n', "")
    result = tree.load()
    assert result.content is None
    [problem] = result.problems.errors
    assert problem.path == "content/glossary.yaml"
    assert "arabic` is missing" in problem.message
    assert problem.line == line_of(tree, "glossary.yaml", 'danish: "børnepakke"')


def test_missing_glossary_is_an_error(tree: ContentTree) -> None:
    (tree.root / "glossary.yaml").unlink()
    result = tree.load()
    assert [p.path for p in result.problems.errors] == ["content/glossary.yaml"]


def test_avoid_word_that_matches_a_correct_name_is_an_error(tree: ContentTree, line_of) -> None:
    tree.replace("glossary.yaml", '      - "إقامة متسامح بها"\n', '      - "إقامة متسامح بها"\n      - "البقاء"\n')
    result = tree.load()
    assert result.content is None
    [problem] = result.problems.errors
    assert problem.line == line_of(tree, "glossary.yaml", '- "البقاء"')
    assert "tålt ophold" in problem.message and "specific" in problem.fix


def make_glossary(avoid: list[object]) -> Glossary:
    term = {"danish": "d", "english": "e", "arabic": "اسم", "explain_ar": "شرح", "explain_en": "x", "avoid": avoid}
    return Glossary(GlossaryFile.model_validate({"terms": [term]}))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("دعم العودة للمرفوضين", False),
        ("دعم العودة الطوعية للمقيمين", False),
        ("دعم العودة", True),
        ("دعم العودة الطوعية", True),
        ("ودعم العوده", True),
        ("دعم العودات", False),  # whole words only
    ],
)
def test_unless_followed_by(text: str, found: bool) -> None:
    glossary = make_glossary([{"text": "دعم العودة", "unless_followed_by": ["الطوعية للمقيمين", "للمرفوضين"]}])
    assert bool(glossary.find(normalise(text))) is found


@pytest.mark.parametrize(("text", "found"), [("البند 25", True), ("البند الأول", False), ("بالبند 7", True)])
def test_followed_by(text: str, found: bool) -> None:
    glossary = make_glossary([{"text": "البند", "followed_by": list("0123456789")}])
    assert bool(glossary.find(normalise(text))) is found


def test_scan_lines_names_each_line_once_per_rule() -> None:
    glossary = make_glossary(["طرد الطفل"])
    hits = glossary.scan_lines(10, ["طرد الطفل وطرد الطفل", "لا شيء", "طرد", "الطفل"])
    assert [line for line, _ in hits] == [10, 12]


# --- the repository's glossary ---

GLOSSARY = REPO_ROOT / "content" / "glossary.yaml"
# The fixed names (lead's brief, 2026-11-30): changing one needs the content team's decision.
FIXED_NAMES = {
    "Udlændingestyrelsen": "دائرة الهجرة",
    "Flygtningenævnet": "مجلس استئناف اللاجئين",
    "Udlændingenævnet": "مجلس استئناف شؤون الأجانب",
    "Hjemrejsestyrelsen": "هيئة العودة",
    "Dansk Flygtningehjælp": "منظمة DRC",
    "repatriering / repatrieringsstøtte": "دعم العودة الطوعية للمقيمين",
    "hjemrejsestøtte": "دعم العودة للمرفوضين",
    "tålt ophold": "البقاء المتسامَح به",
    "børnepakke": "سلة الطفل",
    "udrejsecenter": "مركز المغادرة",
    "udrejsefrist": "مهلة المغادرة",
    "opholdstilladelse": "تصريح الإقامة",
    "inddragelse": "سحب الإقامة",
    "forlængelse": "تمديد الإقامة",
    "bortfald": "سقوط الإقامة",
    "partshøring": "رسالة الاستماع قبل القرار",
    "afgørelse": "القرار",
    "meldepligt": "واجب التوقيع",
    "opholdspligt": "واجب السكن في المركز",
    "genoptagelse": "إعادة فتح القضية",
    "åbenbart grundløs": "لا أساس له بشكل واضح",
    "§ 7, stk. 2": "الحماية الفرعية",
}


def repository_glossary() -> GlossaryFile:
    return GlossaryFile.model_validate(yaml.safe_load(Path(GLOSSARY).read_text(encoding="utf-8")))


def test_repository_glossary_keeps_the_fixed_names() -> None:
    names = {term.danish: term.arabic for term in repository_glossary().terms}
    assert {danish: names.get(danish) for danish in FIXED_NAMES} == FIXED_NAMES


def test_repository_glossary_names_and_explanations_pass_their_own_check() -> None:
    file = repository_glossary()
    glossary = Glossary(file)
    for term in file.terms:
        for text in (term.arabic, term.name_at_first_use, term.explain_ar):
            assert glossary.find(normalise(text)) == [], (term.danish, text)
