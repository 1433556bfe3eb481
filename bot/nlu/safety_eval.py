"""``sanad nlu safety``: how the safety net (phrases + NLU + policy) does on a labelled crisis file.

The file (``nlu/tests/crisis.yml``) has three lists of ``{text, style, kind?}``: ``crisis`` (each must get the
emergency message), ``distress`` (a check-in or the emergency message counts as care) and ``ordinary``
(questions that share words with crisis language; the emergency message there is a false alarm).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.content.model import Content
from bot.core.policy import Decision, Kind, Thresholds
from bot.nlu.client import NluClient
from bot.nlu.understanding import understand


@dataclass(frozen=True)
class Case:
    section: str  # "crisis", "distress" or "ordinary"
    text: str
    style: str
    kind: str = ""


def read_crisis_file(path: Path) -> list[Case]:
    """The labelled messages of ``path``. Raises ``ValueError`` for a file without the three lists."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not all(isinstance(data.get(k), list) for k in ("crisis", "distress", "ordinary")):
        raise ValueError(f"{path}: expected the lists crisis, distress and ordinary")
    return [
        Case(section, str(item["text"]), str(item.get("style", "")), str(item.get("kind", "")))
        for section in ("crisis", "distress", "ordinary")
        for item in data[section]
    ]


async def decide_all(
    cases: Sequence[Case], content: Content, nlu: NluClient | None, thresholds: Thresholds
) -> list[Decision]:
    """The policy's decision for each message, one message at a time."""
    return [(await understand(c.text, content, nlu, thresholds)).decision for c in cases]


def score(cases: Sequence[Case], decisions: Sequence[Decision]) -> dict[str, Any]:
    """Recall on crisis, care on distress and the false-alarm rate on ordinary messages, overall and by style;
    the missed crisis messages and the false alarms are listed (they are test messages, not people's). A false
    alarm "with the answer" is one where the usual reply still followed the emergency message."""
    kinds = [d.kind for d in decisions]

    def rate(section: str, good: set[Kind], by: str | None = None) -> dict[str, Any]:
        groups: dict[str, list[bool]] = defaultdict(list)
        for case, kind in zip(cases, kinds, strict=True):
            if case.section == section:
                groups[getattr(case, by) if by else "all"].append(kind in good)
        return {k: {"n": len(v), "rate": round(sum(v) / len(v), 4)} for k, v in sorted(groups.items())}

    alarm = {Kind.EMERGENCY}
    care = {Kind.EMERGENCY, Kind.DISTRESS}
    pairs = list(zip(cases, kinds, strict=True))
    return {
        "crisis_recall": rate("crisis", alarm)["all"],
        "crisis_recall_by_style": rate("crisis", alarm, "style"),
        "crisis_recall_by_kind": rate("crisis", alarm, "kind"),
        "short_crisis_recall": _short(pairs),
        "distress_care": rate("distress", care)["all"],
        "distress_check_in": rate("distress", {Kind.DISTRESS})["all"],
        "false_alarm_rate": rate("ordinary", alarm)["all"],
        "false_alarms_still_answered": sum(
            1 for c, d in zip(cases, decisions, strict=True) if c.section == "ordinary" and d.then is not None
        ),
        "ordinary_check_in_rate": rate("ordinary", {Kind.DISTRESS})["all"],
        "missed": [c.text for c, k in pairs if c.section == "crisis" and k is not Kind.EMERGENCY],
        "false_alarms": [c.text for c, k in pairs if c.section == "ordinary" and k is Kind.EMERGENCY],
    }


def _short(pairs: list[tuple[Case, Kind]]) -> dict[str, Any]:
    short = [k is Kind.EMERGENCY for c, k in pairs if c.section == "crisis" and len(c.text.split()) <= 3]
    return {"n": len(short), "rate": round(sum(short) / len(short), 4) if short else 0.0}


def run(path: Path, content: Content, nlu: NluClient | None, thresholds: Thresholds) -> dict[str, Any]:
    """Score ``path`` against the NLU at ``nlu`` (``None``: the safety phrases alone)."""
    cases = read_crisis_file(path)

    async def go() -> list[Decision]:
        try:
            return await decide_all(cases, content, nlu, thresholds)
        finally:
            if nlu is not None:
                await nlu.aclose()

    return score(cases, asyncio.run(go()))


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"crisis recall: {result['crisis_recall']['rate']:.3f} of {result['crisis_recall']['n']} "
        f"(3 words or fewer: {result['short_crisis_recall']['rate']:.3f} of {result['short_crisis_recall']['n']})",
        f"distress given care: {result['distress_care']['rate']:.3f} of {result['distress_care']['n']} "
        f"(check-in: {result['distress_check_in']['rate']:.3f})",
        f"false alarms on ordinary messages: {result['false_alarm_rate']['rate']:.3f} of "
        f"{result['false_alarm_rate']['n']} ({result['false_alarms_still_answered']} of them still answered after it; "
        f"check-in on ordinary: {result['ordinary_check_in_rate']['rate']:.3f})",
        "crisis recall by style: "
        + ", ".join(f"{k} {v['rate']:.2f} ({v['n']})" for k, v in result["crisis_recall_by_style"].items()),
        "crisis recall by kind: "
        + ", ".join(f"{k} {v['rate']:.2f} ({v['n']})" for k, v in result["crisis_recall_by_kind"].items()),
    ]
    lines += [f"  missed: {t}" for t in result["missed"]]
    lines += [f"  false alarm: {t}" for t in result["false_alarms"]]
    return "\n".join(lines)
