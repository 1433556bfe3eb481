"""The rules in content/deadlines.yaml, one table per rule, and the volunteer-facing errors of the file's schema.

Each rule is checked against what its source says. No source gives a worked example with dates, so each
source's own words are turned into rows:
- Udlændingenævnet: "senest 8 uger efter, at du har modtaget din afgørelse" -> 56 days after receipt;
- Ankestyrelsen: Digital Post "samme dag", paper post "6 hverdage efter, at brevet er dateret";
- New to Denmark (family-reunification revocation): "within 7 days of the decision" -> the decision date;
- w2eu (Dublin): "7 days to appeal the decision after it has been made" -> the decision date.
The acceptance example: a 7-day decision dated 3 November 2026 gives 10 November 2026, whatever the delivery.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content.problems import ProblemList
from bot.content.provider import ContentProvider
from bot.content.schema import DeadlinesFile, validate
from bot.deadlines.calculator import DELIVERIES, Delivery, compute
from bot.settings import Settings

D = dt.date
DEADLINES_YAML = Path(__file__).resolve().parents[2] / "content" / "deadlines.yaml"


def raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DEADLINES_YAML.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def deadlines() -> DeadlinesFile:
    return DeadlinesFile.model_validate(raw())


# --- the rules, each against its source ---

# rule, letter date, delivery, start, last safe day, the later day a law firm gives (None: no note)
RULE_CASES = [
    # the acceptance example, for both 7-day rules and every delivery
    *[
        pytest.param(rule, D(2026, 11, 3), delivery, D(2026, 11, 3), D(2026, 11, 10), None,
                     id=f"{rule}-3-november-2026-{delivery}")
        for rule in ("iab_stay_7_days", "dublin_appeal")
        for delivery in DELIVERIES
    ],
    # 7 days from the decision: a paper letter adds nothing (it added 6 working days before audit finding 30)
    pytest.param("iab_stay_7_days", D(2026, 11, 18), "paper", D(2026, 11, 18), D(2026, 11, 25), None,
                 id="iab-stay-paper-adds-nothing"),
    # no source moves a 7-day deadline: a Sunday or Christmas Day stays the last safe day, with no later day
    pytest.param("iab_stay_7_days", D(2026, 11, 15), "digital", D(2026, 11, 15), D(2026, 11, 22), None,
                 id="iab-stay-sunday-stays"),
    pytest.param("dublin_appeal", D(2026, 12, 18), "in_person", D(2026, 12, 18), D(2026, 12, 25), None,
                 id="dublin-christmas-day-stays"),
    # 8 weeks from receipt: digital and in person the same day, paper 6 working days later
    pytest.param("iab_appeal", D(2026, 11, 3), "digital", D(2026, 11, 3), D(2026, 12, 29), None,
                 id="iab-appeal-digital"),
    pytest.param("iab_appeal", D(2026, 11, 3), "in_person", D(2026, 11, 3), D(2026, 12, 29), None,
                 id="iab-appeal-in-person"),
    pytest.param("iab_appeal", D(2026, 11, 3), "paper", D(2026, 11, 11), D(2027, 1, 6), None,
                 id="iab-appeal-paper-tuesday-to-wednesday"),
    pytest.param("iab_appeal", D(2026, 12, 22), "paper", D(2026, 12, 31), D(2027, 2, 25), None,
                 id="iab-appeal-paper-over-christmas"),
    # only a law firm moves the 8 weeks past a weekend or holiday: the day itself is the last safe day
    pytest.param("iab_appeal", D(2025, 10, 30), "digital", D(2025, 10, 30), D(2025, 12, 25), D(2025, 12, 29),
                 id="iab-appeal-christmas-day-is-the-last-safe-day"),
    pytest.param("iab_appeal", D(2026, 10, 3), "in_person", D(2026, 10, 3), D(2026, 11, 28), D(2026, 11, 30),
                 id="iab-appeal-saturday-is-the-last-safe-day"),
]  # fmt: skip


@pytest.mark.parametrize(("rule_id", "letter", "delivery", "start", "last", "later"), RULE_CASES)
def test_rule(
    deadlines: DeadlinesFile,
    rule_id: str,
    letter: dt.date,
    delivery: Delivery,
    start: dt.date,
    last: dt.date,
    later: dt.date | None,
) -> None:
    rule = next(r for r in deadlines.rules if r.id == rule_id)
    result = compute(rule, deadlines.receipt, letter, delivery)
    assert (result.start, result.last_day, result.possible_later_day) == (start, last, later)
    assert result.last_day == result.nominal_last_day, "no rule rests a move on an official source"


def test_each_rule_counts_from_the_event_its_source_names(deadlines: DeadlinesFile) -> None:
    rules = {rule.id: rule for rule in deadlines.rules}
    assert set(rules) == {"iab_appeal", "iab_stay_7_days", "dublin_appeal"}
    assert (rules["iab_appeal"].counts_from, rules["iab_appeal"].on_weekend_or_holiday) == ("receipt", "may_move")
    assert rules["iab_appeal"].sources[0].url.startswith("https://udln.dk/")  # the Board itself, first
    for seven_days in ("iab_stay_7_days", "dublin_appeal"):
        assert (rules[seven_days].counts_from, rules[seven_days].on_weekend_or_holiday) == ("decision_date", "stays")
    assert "nyidanmark.dk" in rules["iab_stay_7_days"].sources[0].url  # the source that says "of the decision"


def test_the_countdown_to_withdraw_an_asylum_claim_is_gone(deadlines: DeadlinesFile) -> None:
    text = DEADLINES_YAML.read_text(encoding="utf-8")
    assert "withdraw" not in {rule.id for rule in deadlines.rules}
    assert "return support" not in text.lower() and "hjemrejsest" not in text.lower()


def test_receipt_offers_digital_paper_and_in_person(deadlines: DeadlinesFile) -> None:
    receipt = deadlines.receipt
    assert receipt.digital.working_days_after_letter_date == 0
    assert receipt.in_person.working_days_after_letter_date == 0
    assert (receipt.paper.working_days_after_letter_date, receipt.paper.needs_legal_review) == (6, True)
    assert set(receipt.in_person.title) == {"ar", "en"}


def test_own_refugee_permit_gets_no_date(deadlines: DeadlinesFile) -> None:
    choice = next(c for c in deadlines.without_a_date if c.id == "own_permit_ended")
    assert deadlines.without_a_date[0] is choice  # the most common letter for Syrians, shown first
    assert not hasattr(choice, "period")
    for language in ("en", "ar"):
        text = choice.text[language]
        assert "33 73 50 00" in text  # call DRC
        assert re.search(r"7 (days|أيام)", text)  # act within 7 days
        assert "4 " in text and "[!review]" in text  # the lapse limit, flagged
        assert not re.search(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}", text), "no date of any kind"
    assert "revoked" in choice.title["en"] and "not extended" in choice.title["en"] and "lapsed" in choice.title["en"]


def test_a_first_asylum_refusal_gets_no_date_and_says_the_appeal_is_automatic(deadlines: DeadlinesFile) -> None:
    choice = next(c for c in deadlines.without_a_date if c.id == "asylum_refused")
    assert "by itself" in choice.text["en"] and "تلقاء نفسه" in choice.text["ar"]  # fact sheet 3.1.1
    for language in ("en", "ar"):
        assert "33 73 50 00" in choice.text[language]
        assert "7" in choice.text[language]  # Dublin: the 7-day rule is elsewhere in the calculator
        assert not re.search(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}", choice.text[language])


def test_a_refusal_naming_another_european_country_is_the_dublin_rule(deadlines: DeadlinesFile) -> None:
    content = ContentProvider(Settings().content_dir).current
    assert content.decision_phrases.best("اخوي اجاه رفظ اللجوء من الهجره، لايمتا لازم يطعن") == "asylum_refused"
    assert content.decision_phrases.best("انرفض طلب اللجوء تبع اخي باليونان") == "dublin_appeal"
    assert content.decision_phrases.best("my asylum was refused because of Italy") == "dublin_appeal"
    assert content.decision_phrases.best("رفضو تمديد اللجوء تبعي") == "own_permit_ended"


# --- schema errors a volunteer can act on ---


def problems_for(data: dict[str, Any]) -> ProblemList:
    problems = ProblemList()
    assert validate(DeadlinesFile, data, "content/deadlines.yaml", {}, problems) is None
    return problems


def test_the_old_weekend_setting_names_its_replacement() -> None:
    data = raw()
    rule = data["rules"][0]
    del rule["on_weekend_or_holiday"], rule["move_source"]
    rule["moves_to_next_working_day"] = True
    messages = [(p.message, p.fix) for p in problems_for(data)]
    assert any("moves_to_next_working_day" in m and "on_weekend_or_holiday" in f for m, f in messages)


def test_the_old_receipt_review_flag_names_its_replacement() -> None:
    data = raw()
    data["receipt"]["needs_legal_review"] = True
    [problem] = problems_for(data)
    assert "receipt.needs_legal_review" in problem.message and "in_person" in problem.fix


def test_a_move_needs_its_source() -> None:
    data = raw()
    del data["rules"][0]["move_source"]
    [problem] = problems_for(data)
    assert "rules[1]" in problem.message and "move_source" in problem.message
    assert "stays" in problem.fix


def test_a_rule_that_stays_has_no_move_source() -> None:
    data = raw()
    data["rules"][1]["move_source"] = {"title": "A firm", "url": "https://example.org"}
    [problem] = problems_for(data)
    assert "rules[2]" in problem.message and "may_move" in problem.fix


def test_unknown_start_event() -> None:
    data = raw()
    data["rules"][0]["counts_from"] = "letter"
    [problem] = problems_for(data)
    assert "counts_from" in problem.message and "decision_date" in problem.fix


def test_in_person_is_required() -> None:
    data = raw()
    del data["receipt"]["in_person"]
    [problem] = problems_for(data)
    assert "receipt.in_person" in problem.message and "missing" in problem.message


def test_ids_are_unique_across_rules_and_choices_without_a_date() -> None:
    data = raw()
    data["without_a_date"][0]["id"] = "iab_appeal"
    [problem] = problems_for(data)
    assert "`iab_appeal`" in problem.message


def test_no_date_text_uses_only_allowed_markdown() -> None:
    data = raw()
    data["without_a_date"][0]["text"]["en"] = "| a | table |\n|---|---|\n| 1 | 2 |\n"
    [problem] = problems_for(data)
    assert "without_a_date[1].text" in problem.message and "table" in problem.message
