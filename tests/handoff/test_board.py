"""The board of open cases as advisers read it (``bot.handoff.board``): who waits and for how long, who has which
case, which got no reply in time, and nothing personal."""

from __future__ import annotations

from bot.content.provider import ContentProvider
from bot.handoff.board import board_text, waited
from bot.handoff.cases import Case, CaseStatus
from bot.settings import Settings

NOW = 1_800_000_000.0


def case(number: int, minutes: int, language: str = "ar", **fields: object) -> Case:
    return Case(number, f"person{number}", f"tg:{1000 + number}", language, opened_at=NOW - minutes * 60, **fields)  # type: ignore[arg-type]


def test_waiting_longest_first_claimed_by_adviser_and_overdue(settings: Settings) -> None:
    content = ContentProvider(settings.content_dir).current
    cases = [
        case(1, 5, topics=["appeal_deadlines"]),
        case(2, 45, language="en"),
        case(3, 90, status=CaseStatus.WITH_ADVISER, answered_at=NOW - 60),
        case(4, 2, alert=True),
    ]
    text = board_text(cases, {3: "Mona"}, content, NOW, reminder_s=1800)
    waiting = text.split("Waiting for an adviser (3)")[1].split("Claimed")[0]
    assert waiting.index("Case 4") < waiting.index("Case 2") < waiting.index("Case 1")  # an alert first, then oldest
    assert "🚨" in waiting and "45 min" in waiting and "English" in waiting
    assert content.page("appeal_deadlines", "en").short_title in waiting
    assert "• Mona: case 3" in text and "Open cases: 4" in text
    overdue = text.split("No reply within 30 min (1)")[1].splitlines()[1]
    assert overdue == "• case 2"  # 45 minutes without a reply; case 3 was answered, 1 and 4 are recent
    for private in ("person1", "tg:1001", "1001"):
        assert private not in text


def test_an_empty_board_and_waiting_times() -> None:
    assert waited(case(1, 0), NOW) == "0 min"
    assert waited(case(1, 125), NOW) == "2 h 05 min"
    assert waited(case(1, 60 * 50), NOW) == "2 d 2 h"
