"""Safety before everything: the emergency message (danger) or a warm check-in (distress), whatever else is going
on: the message budget, a running flow or an open adviser case. Decided in ``bot/nlu/understanding.py``."""

from __future__ import annotations

import asyncio
import logging

from bot.core.policy import Decision, Kind
from bot.core.turn import Reply
from bot.engine import replies
from bot.engine.context import Context
from bot.handoff.cases import Case
from bot.text.written import in_arabic_script

log = logging.getLogger(__name__)

ALERT_WAIT_S = 1.0  # how long the reply waits for the advisers' alert before it goes out regardless


async def respond(ctx: Context, decision: Decision, case: Case | None) -> tuple[list[Reply], Decision | None]:
    """The safety replies, and the usual ``Decision`` when the usual reply must follow them (a possible danger,
    or distress with a clear question): the engine then routes the turn as usual.

    The reply is in Arabic when the message is written in Arabic script, whatever the chosen language. Inside an
    open case the message still reaches the advisers: with a marked alert and the case first in the waiting order
    for a sure danger, with a note for a possible danger (the person then gets no extra message: an adviser reads
    it) or distress; the reply does not wait more than ``ALERT_WAIT_S`` for that.
    """
    danger = decision.kind is Kind.EMERGENCY
    view = ctx.in_language(crisis_language(ctx, ctx.turn.text))
    first = (
        replies.emergency(view, possible=decision.possible and decision.then is not None)
        if danger
        else replies.check_in(view, short=decision.then is not None and case is None)
    )
    ctx.session.misses = 0
    log.info("safety %s", "danger" if danger else "distress")
    if case is not None:  # a person reads every message here: only a sure danger interrupts the conversation
        sure = danger and (not decision.possible or decision.then is None)
        await _alert_advisers(ctx, case, "danger" if sure else "possible" if danger else "distress")
        return ([first] if sure or not danger else []), None
    if danger and not decision.possible:
        ctx.session.end_flow()
    if decision.possible and decision.then is None and ctx.session.flow is not None:
        return [first], Decision(Kind.FALLBACK)  # a possible danger: the running flow still reads the message
    return [first], decision.then


def crisis_language(ctx: Context, text: str) -> str:
    """The language to speak to a person in crisis: the right-to-left language for a message in Arabic script."""
    languages = ctx.view.content.languages.languages
    if in_arabic_script(text):
        return next((code for code, info in languages.items() if info.direction == "rtl"), ctx.view.language)
    return ctx.view.language


async def _alert_advisers(ctx: Context, case: Case, level: str) -> None:
    handoff = ctx.engine.handoff
    if handoff is None:
        return
    task = asyncio.create_task(handoff.alert(case, ctx.turn, level))
    ctx.engine.keep(task)
    await asyncio.wait({task}, timeout=ALERT_WAIT_S)
