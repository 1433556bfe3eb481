"""The deadline calculator as people write to it: each conversation in ``deadline_people.yaml`` (written from briefs of
people in every style: Syrian colloquial, MSA, Gulf and Iraqi words, Arabizi, voice typing, little-schooled spelling,
English, Danish) runs turn by turn, with a scripted NLU that knows nothing (so the calculator alone must understand)
and with the real Rasa server, both on a real Redis server.

A bare number typed as a turn presses that button of the question asked (the last reply), as a person reading the
terminal chat's numbered choices does. Each turn checks
the question asked next, or the last safe day of the result and the rule it was counted with. The periods and their
starts are the content's (``content/deadlines.yaml``; fact sheet 3.2.2, 3.2.4, 3.1.12, 11.4.9).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.core.session import Flow
from bot.core.turn import Reply
from bot.deadlines.display import format_day
from tests.support.engine import Chat, ScriptedNlu, text_of

PEOPLE_FILE = Path(__file__).with_name("deadline_people.yaml")
PEOPLE: dict[str, Any] = yaml.safe_load(PEOPLE_FILE.read_text(encoding="utf-8"))
TODAY: dt.date = PEOPLE["today"]
ASKED = {
    "rule": "deadline_rule",
    "date": "deadline_date",
    "date_again": "deadline_date",
    "delivery": "deadline_delivery",
    "which": "deadline_which",
    "printed_date": "deadline_printed_date",
}
AGAIN_AR = "لم أستطع قراءة هذا التاريخ"
AGAIN_EN = "I could not read that date"


@pytest.fixture
def nlu(request: pytest.FixtureRequest) -> object:
    """The NLU named by the test's parameter (``_runs``)."""
    if request.param == "scripted":
        return ScriptedNlu({})  # knows no intent: every message is "out of scope"
    return request.getfixturevalue("rasa_nlu")


def _runs() -> list[Any]:
    """Each person with the scripted NLU (which knows no intent: every message is "out of scope") and with Rasa; a
    person marked ``needs_nlu`` (a new question asked while the calculator waits) only with Rasa."""
    return [
        pytest.param(person, kind, id=f"{person['id']}-{kind}")
        for person in PEOPLE["people"]
        for kind in ("scripted", "rasa")
        if kind == "rasa" or not person.get("needs_nlu")
    ]


async def _flow_data(chat: Chat) -> dict[str, Any]:
    session = await chat.engine.sessions.load(await chat.engine.store.person(chat.user))
    return dict(session.flow_data) if session.flow == Flow.DEADLINE else {}


def _rule_titles(chat: Chat, language: str) -> dict[str, str]:
    content = chat.engine.content.current
    return {rule.id: rule.title[language] for rule in content.deadlines.rules}


async def _check(chat: Chat, replies: list[Reply], expect: dict[str, Any]) -> list[str]:
    """What went wrong in this turn (empty: as expected)."""
    problems: list[str] = []
    got = [r.kind for r in replies]
    last = replies[-1] if replies else None
    text = text_of(replies)
    data = await _flow_data(chat)
    if "ask" in expect:
        wanted = ASKED[expect["ask"]]
        if last is None or last.kind != wanted:
            problems.append(f"asked {got}, wanted {wanted}")
        elif expect["ask"] == "date_again" and AGAIN_AR not in text and AGAIN_EN not in text:
            problems.append("asked for the date, but not again")
        elif expect["ask"] == "date" and (AGAIN_AR in text or AGAIN_EN in text):
            problems.append("asked for the date again instead of the first time")
        if "rule" in expect and data.get("rule") != expect["rule"]:
            problems.append(f"rule {data.get('rule')}, wanted {expect['rule']}")
        if "which" in expect:
            offered = [b.data.split(":", 1)[1] for row in last.buttons for b in row] if last else []
            wanted_days = [d.isoformat() for d in expect["which"]]
            if sorted(offered) != sorted(wanted_days):
                problems.append(f"offered {offered}, wanted {wanted_days}")
    if "deadline" in expect:
        if last is None or last.kind != "deadline_result":
            problems.append(f"got {got}, wanted a result")
        else:
            day: dt.date = expect["deadline"]
            shown = [format_day(day, "ar_SY"), format_day(day, "en_GB")]
            if not any(f": {s}</b>" in last.text or f": {s}" in text.split("\n", 1)[0] for s in shown):
                problems.append(f"result {text.splitlines()[0]!r}, wanted {day}")
            if "rule" in expect:
                titles = [t[expect["rule"]] for t in (_rule_titles(chat, "ar"), _rule_titles(chat, "en"))]
                if not any(t in text for t in titles):
                    problems.append(f"result not counted with {expect['rule']}")
    if expect.get("no_date") and (last is None or last.kind != "deadline_no_date"):
        problems.append(f"got {got}, wanted the no-date answer")
    if expect.get("leaves") and (any(k.startswith("deadline_") for k in got) or data):
        problems.append(f"got {got}, wanted the calculator to let go")
    if "not_rule" in expect:
        titles = [t[expect["not_rule"]] for t in (_rule_titles(chat, "ar"), _rule_titles(chat, "en"))]
        if data.get("rule") == expect["not_rule"] or (
            last is not None and last.kind == "deadline_result" and any(t in text for t in titles)
        ):
            problems.append(f"used {expect['not_rule']}")
    return problems


async def run_person(chat: Chat, person: dict[str, Any]) -> list[str]:
    """Every problem in one person's conversation, turn by turn."""
    problems: list[str] = []
    for index, turn in enumerate(person["turns"], 1):
        said = str(turn["say"])
        # the numbers a person sees are those of the question's buttons (the last reply: a safety notice may come first)
        buttons = [b.data for row in chat.last[-1].buttons for b in row] if chat.last else []
        if said.isdigit() and 1 <= int(said) <= len(buttons):
            replies = await chat.press(buttons[int(said) - 1])
        else:
            replies = await chat.say(said)
        problems += [f"turn {index} ({said[:40]!r}): {p}" for p in await _check(chat, replies, turn["expect"])]
    return problems


@pytest.mark.parametrize(("person", "nlu"), _runs(), indirect=["nlu"])
async def test_the_calculator_understands_each_person(
    person: dict[str, Any], nlu: object, make_chat: Callable[..., Chat]
) -> None:
    chat = make_chat(nlu, user=f"people:{person['id']}", today=TODAY)
    problems = await run_person(chat, person)
    assert not problems, f"{person['who']}\n" + "\n".join(problems)
