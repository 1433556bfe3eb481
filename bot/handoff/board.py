"""The board of open cases that the advisers' group keeps pinned in its General topic: who waits and for how
long, who has which case, and which cases got no reply in time. For advisers, in English (the content's source
language), like the case card.

Nothing personal: case numbers, languages, the subjects asked about (topic titles) and waiting times; advisers
appear by first name. Rendered from stored state only, so every bot process draws the same board.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from bot.content.model import Content
from bot.handoff.cases import Case, CaseStatus

MAX_LINES = 40  # a long board stays far below Telegram's 4,096 characters
ALERT_MARK = "🚨"


def waited(case: Case, now: float) -> str:
    """How long a case has been open, as advisers read it: ``12 min``, ``3 h 05 min``, ``2 d 4 h``."""
    minutes = max(0, int(now - case.opened_at) // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"


def _describe(case: Case, content: Content, now: float) -> str:
    source = content.languages.source_language
    subjects = ", ".join(content.page(t, source).short_title for t in case.topics if t in content.topics)
    language = content.languages.languages.get(case.language)
    parts = [
        f"{ALERT_MARK} " if case.alert else "",
        f"<b>Case {case.number}</b> · {html.escape(language.name if language else case.language)}",
        f" · {waited(case, now)}",
        f" · {html.escape(subjects)}" if subjects else "",
    ]
    return "".join(parts)


def board_text(cases: Sequence[Case], holders: Mapping[int, str], content: Content, now: float, reminder_s: int) -> str:
    """HTML for the pinned board. ``cases``: the open cases; ``holders``: case number -> the first name of the
    adviser who claimed it; ``now``: Unix time; ``reminder_s``: the reply time after which a case is overdue."""
    waiting = sorted(
        (c for c in cases if c.number not in holders and c.status is CaseStatus.WAITING),
        key=lambda c: (not c.alert, c.opened_at),
    )
    answered = [c for c in cases if c.number not in holders and c.status is not CaseStatus.WAITING]
    overdue = [c for c in cases if c.status is CaseStatus.WAITING and now - c.opened_at >= reminder_s]
    by_adviser: dict[str, list[Case]] = {}
    for case in sorted(cases, key=lambda c: c.opened_at):
        if case.number in holders:
            by_adviser.setdefault(holders[case.number], []).append(case)
    lines = [f"<b>Open cases: {len(cases)}</b>", ""]
    lines.append(f"<b>Waiting for an adviser ({len(waiting)}), longest first</b>")
    lines += [f"• {_describe(c, content, now)}" for c in waiting] or ["• none"]
    lines += ["", f"<b>Claimed ({sum(len(v) for v in by_adviser.values())})</b>"]
    for name in sorted(by_adviser):
        held = by_adviser[name]
        label = "case" if len(held) == 1 else "cases"
        lines.append(f"• {html.escape(name)}: {label} {', '.join(str(c.number) for c in held)}")
    if not by_adviser:
        lines.append("• none")
    if answered:
        lines += ["", f"<b>Answered, not claimed ({len(answered)})</b>"]
        lines += [f"• {_describe(c, content, now)}" for c in answered]
    minutes = max(1, reminder_s // 60)
    lines += ["", f"<b>No reply within {minutes} min ({len(overdue)})</b>"]
    lines.append("• " + (", ".join(f"case {c.number}" for c in overdue) if overdue else "none"))
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], f"… and {len(lines) - MAX_LINES + 1} more lines"]
    lines += ["", "<i>/take in a case's topic claims it; /answers sends a reviewed answer.</i>"]
    return "\n".join(lines)
