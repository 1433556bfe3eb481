"""``sanad nlu evaluate``: the NLU and the bot's decision policy, measured on a labelled test file."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.core.policy import DISTRESS, EMERGENCY, OUT_OF_SCOPE, Decision, Kind, Thresholds, decide
from bot.nlu import metrics
from bot.nlu.client import NluClient
from bot.text.named_phrases import NamedPhrases
from bot.text.phrases import PhraseSet


@dataclass(frozen=True)
class Scored:
    text: str
    gold: str
    ranking: tuple[tuple[str, float], ...]
    latency_ms: float
    danger_hit: bool  # the volunteers' emergency phrases matched
    distress_hit: bool = False
    style: str = ""  # how the message is written, when the test file says (``metadata: {style: ...}``)
    elsewhere_hit: bool = False  # the catalogue's phrases for another country's matter matched

    @property
    def predicted(self) -> str:
        return self.ranking[0][0] if self.ranking else OUT_OF_SCOPE


async def parse_all(
    client: NluClient,
    examples: Sequence[tuple[str, str]],
    danger: PhraseSet,
    distress: PhraseSet,
    styles: Sequence[str] = (),
    elsewhere: NamedPhrases | None = None,
) -> list[Scored]:
    """Parse one message at a time, so the latencies are those of a single request. ``styles``: one per example,
    or empty; ``elsewhere``: the catalogue's phrases for another country's matter (``Content.elsewhere_phrases``)."""
    scored = []
    for index, (text, gold) in enumerate(examples):
        style = styles[index] if index < len(styles) else ""
        started = time.perf_counter()
        parse = await client.parse(text)
        elapsed = (time.perf_counter() - started) * 1000
        away = elsewhere is not None and elsewhere.hit(text)
        scored.append(Scored(text, gold, parse.ranking, elapsed, danger.hit(text), distress.hit(text), style, away))
    return scored


def score(
    scored: Sequence[Scored],
    thresholds: Thresholds,
    topics: frozenset[str],
    neighbours: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, Any]:
    gold = [s.gold for s in scored]
    predicted = [s.predicted for s in scored]
    decisions = [
        decide(
            s.ranking,
            thresholds,
            topics,
            s.danger_hit,
            s.distress_hit,
            neighbours=neighbours,
            elsewhere_hit=s.elsewhere_hit,
        )
        for s in scored
    ]
    in_scope = [(s, d) for s, d in zip(scored, decisions, strict=True) if s.gold != OUT_OF_SCOPE]
    outcomes = Counter(_outcome(s.gold, d) for s, d in in_scope)
    oos = [d for s, d in zip(scored, decisions, strict=True) if s.gold == OUT_OF_SCOPE]
    emergencies = [d for s, d in zip(scored, decisions, strict=True) if s.gold == EMERGENCY]
    latencies = [s.latency_ms for s in scored]

    def share(key: str) -> float:
        return round(outcomes[key] / len(in_scope), 4) if in_scope else 0.0

    return {
        "n": len(scored),
        "intent_accuracy": round(metrics.accuracy(gold, predicted), 4),
        "macro_f1": round(metrics.macro_f1(gold, predicted), 4),
        "answered_correct": share("answered_correct"),
        "answered_wrong": share("answered_wrong"),
        "clarified_correct": share("clarified_correct"),
        "clarified_wrong": share("clarified_wrong"),
        "fallback": share("fallback"),
        "oos_recall": round(sum(not _topic_answer(d, topics) for d in oos) / len(oos), 4) if oos else 0.0,
        "emergency_recall": round(sum(d.kind is Kind.EMERGENCY for d in emergencies) / len(emergencies), 4)
        if emergencies
        else 0.0,
        "latency_ms": {
            "p50": round(metrics.percentile(latencies, 50), 2),
            "p95": round(metrics.percentile(latencies, 95), 2),
        },
        "thresholds": {
            "emergency": thresholds.emergency,
            "answer": thresholds.answer,
            "candidate": thresholds.candidate,
            "margin": thresholds.margin,
            "lead": thresholds.lead,
            "lead_ratio": thresholds.lead_ratio,
            "related_ratio": thresholds.related_ratio,
            "out_of_scope_ratio": thresholds.out_of_scope_ratio,
        },
        "by_style": _by_style(scored, decisions),
        "per_intent_f1": {k: round(v, 4) for k, v in metrics.f1_per_label(gold, predicted).items()},
        "confusions": [{"gold": g, "predicted": p, "count": n} for g, p, n in metrics.confusions(gold, predicted)],
    }


def _by_style(scored: Sequence[Scored], decisions: Sequence[Decision]) -> dict[str, dict[str, float]]:
    """Top-1 accuracy and how in-scope messages were answered, per style (empty when the file has no styles)."""
    groups: dict[str, list[tuple[Scored, Decision]]] = {}
    for s, d in zip(scored, decisions, strict=True):
        if s.style:
            groups.setdefault(s.style, []).append((s, d))
    result = {}
    for style, pairs in sorted(groups.items()):
        in_scope = [(s, d) for s, d in pairs if s.gold != OUT_OF_SCOPE]
        outcomes = Counter(_outcome(s.gold, d) for s, d in in_scope)
        result[style] = {
            "n": len(pairs),
            "intent_accuracy": round(sum(s.predicted == s.gold for s, _d in pairs) / len(pairs), 4),
            "answered_correct": round(outcomes["answered_correct"] / len(in_scope), 4) if in_scope else 0.0,
            "answered_wrong": round(outcomes["answered_wrong"] / len(in_scope), 4) if in_scope else 0.0,
        }
    return result


def _outcome(gold: str, decision: Decision) -> str:
    """How an in-scope message was answered: ``answered_correct``, ``answered_wrong``, ``clarified_correct``,
    ``clarified_wrong`` or ``fallback``. A distress message is answered correctly by care (the check-in or the
    emergency message, whatever follows them), as ``sanad nlu safety`` counts it; a topic page alone is wrong."""
    if gold == DISTRESS and decision.kind in (Kind.DISTRESS, Kind.EMERGENCY):
        return "answered_correct"
    if decision.then is not None and decision.intent != gold:  # the usual reply followed the safety message
        return _outcome(gold, decision.then)
    if decision.kind is Kind.DISTRESS:
        return "answered_correct" if gold == DISTRESS else "fallback"
    if decision.kind in (Kind.ANSWER, Kind.EMERGENCY):
        return "answered_correct" if decision.intent == gold else "answered_wrong"
    if decision.kind is Kind.CLARIFY:
        return "clarified_correct" if gold in decision.candidates else "clarified_wrong"
    return "fallback"


def _topic_answer(decision: Decision, topics: frozenset[str]) -> bool:
    return decision.kind is Kind.ANSWER and decision.intent in topics


def sweep(
    scored: Sequence[Scored],
    topics: frozenset[str],
    safety: Thresholds,
    neighbours: Mapping[str, frozenset[str]] | None = None,
    max_wrong: float = 0.005,
    min_oos: float = 0.95,
) -> tuple[Thresholds, list[dict[str, Any]]]:
    """Choose the answer thresholds on a tuning file (never on the held-out test file).

    The safety thresholds stay those of ``safety`` (chosen with ``sanad nlu safety`` on the crisis tuning file).
    Rule: emergency recall must be 1.0, oos_recall at least ``min_oos`` and answered_wrong at most ``max_wrong``:
    half of the 1% the bot may answer wrongly, because on every new writer's messages so far the bot answered about
    twice as many wrongly as on the tuning file
    (or, when no setting reaches it, at most half a point above the fewest wrong answers any setting gives).
    Among those settings, take the one that answers correctly most often (an answer with its
    "or did you mean" buttons under it), then the one that helps most people in at most one tap, then the
    stricter answer threshold.
    """
    grid = itertools.product(
        [round(0.5 + 0.05 * i, 2) for i in range(9)],  # answer: 0.50 .. 0.90
        [0.03, 0.05, 0.1],  # candidate
        [round(0.2 + 0.05 * i, 2) for i in range(9)] + [1.0],  # lead: 0.20 .. 0.60, or never
        [1.5, 2.0, 3.0, 4.0, 5.0, 6.0],  # lead_ratio
        [None, 2.0, 2.5, 3.0],  # related_ratio (None: as lead_ratio)
        [1.0, 2.0, 3.0, 4.0],  # out_of_scope_ratio (1.0: off, the top reading is never below out_of_scope)
    )
    rows = []
    for answer, candidate, lead, ratio, related, out_of_scope in grid:
        thresholds = replace(
            safety,
            answer=answer,
            candidate=candidate,
            margin=0.0,
            lead=lead,
            lead_ratio=ratio,
            related_ratio=related,
            out_of_scope_ratio=out_of_scope,
        )
        result = score(scored, thresholds, topics, neighbours)
        keys = ("answered_correct", "answered_wrong", "clarified_correct", "fallback", "oos_recall", "emergency_recall")
        rows.append({"thresholds": thresholds, **{k: result[k] for k in keys}})
    safe = [r for r in rows if r["emergency_recall"] == 1.0 and r["oos_recall"] >= min_oos] or rows
    lowest_wrong = min(r["answered_wrong"] for r in safe)
    # when no setting reaches ``max_wrong`` on this file, stay within half a point of the fewest wrong answers
    limit = max_wrong if lowest_wrong <= max_wrong else lowest_wrong + 0.005
    eligible = [r for r in safe if r["answered_wrong"] <= limit]

    def preference(row: dict[str, Any]) -> tuple[float, float, float, float, float]:
        return (
            row["answered_correct"],
            row["answered_correct"] + row["clarified_correct"],
            row["thresholds"].answer,
            row["thresholds"].lead,
            row["thresholds"].related_ratio or row["thresholds"].lead_ratio,  # then the stricter neighbour rule
        )

    ranked = sorted(eligible, key=preference, reverse=True)
    return ranked[0]["thresholds"], ranked[:10]


def run(
    client: NluClient,
    examples: Sequence[tuple[str, str]],
    danger: PhraseSet,
    distress: PhraseSet,
    styles: Sequence[str] = (),
    elsewhere: NamedPhrases | None = None,
) -> list[Scored]:
    """Parse every example (see ``parse_all``) and close the client."""

    async def go() -> list[Scored]:
        try:
            return await parse_all(client, examples, danger, distress, styles, elsewhere)
        finally:
            await client.aclose()

    return asyncio.run(go())


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"messages: {result['n']}",
        f"intent accuracy: {result['intent_accuracy']:.3f}   macro-F1: {result['macro_f1']:.3f}",
        "",
        "decisions on in-scope messages:",
        f"  answered correctly {result['answered_correct']:.3f}   answered wrongly {result['answered_wrong']:.3f}",
        f"  'did you mean' with the right topic {result['clarified_correct']:.3f}   "
        f"without it {result['clarified_wrong']:.3f}",
        f"  fell back {result['fallback']:.3f}",
        f"out-of-scope messages given no topic answer: {result['oos_recall']:.3f}",
        f"emergencies answered with the emergency message: {result['emergency_recall']:.3f}",
        f"parse latency: p50 {result['latency_ms']['p50']:.1f} ms, p95 {result['latency_ms']['p95']:.1f} ms",
        f"thresholds: {result['thresholds']}",
        "",
        *(["by style (n, intent accuracy, answered correctly, answered wrongly):"] if result["by_style"] else []),
        *[
            f"  {style:<18} {v['n']:>4}  {v['intent_accuracy']:.3f}  {v['answered_correct']:.3f}  "
            f"{v['answered_wrong']:.3f}"
            for style, v in result["by_style"].items()
        ],
        "",
        "F1 per intent:",
        *[f"  {intent:<28} {f1:.3f}" for intent, f1 in sorted(result["per_intent_f1"].items(), key=lambda x: x[1])],
        "",
        "most frequent confusions (gold -> predicted):",
        *[f"  {c['gold']} -> {c['predicted']}: {c['count']}" for c in result["confusions"]],
    ]
    return "\n".join(lines)
