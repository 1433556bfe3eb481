"""The journeys a turn can belong to, one module each, chosen from one table keyed by command or button kind
(as routers are in aiogram). ``Engine.handle`` (``bot/engine/engine.py``) routes; each flow answers.

| module | journey |
|---|---|
| ``safety`` | the emergency message or a check-in, before everything else |
| ``welcome`` | /start, /menu, /help, /language, menus and languages |
| ``answers`` | typed questions and topic buttons, conversation intents |
| ``deadline`` | the deadline calculator (``deadline.mmd``) |
| ``letter`` | the letter reader: a PDF or photo of a letter, its kind, dates and deadline |
| ``privacy`` | /delete |
| ``feedback`` | the 👍 / 👎 buttons under an answer |
| ``handoff`` | consent, the open case, the relay (``bot/handoff/handoff.mmd``) |
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.core.session import Flow
from bot.core.turn import Reply
from bot.engine import callbacks as cb
from bot.engine import replies
from bot.engine.context import Context
from bot.engine.flows import answers, deadline, feedback, handoff, letter, privacy, welcome

Handler = Callable[[Context, str], Awaitable[list[Reply]]]

COMMANDS: dict[str, Handler] = {  # in the order of Telegram's command menu
    "start": welcome.start,
    "menu": welcome.main_menu,
    "language": welcome.choose_language,
    "adviser": handoff.request,
    "delete": privacy.confirm,
    "help": welcome.help_,
}

ACTIONS: dict[str, Handler] = {  # cb.ACTION buttons, by value
    "deadline_calculator": lambda ctx, _v: _start_calculator(ctx),
    "adviser": handoff.request,
    "language": welcome.choose_language,
    "contacts": welcome.contacts,
    "emergency": lambda ctx, _v: _emergency(ctx),
    "check_in": lambda ctx, _v: _check_in(ctx),
}

CONFIRMATIONS: dict[Flow, Handler] = {  # cb.CONFIRM buttons, by the flow that asked
    Flow.DELETE: privacy.answer,
    Flow.HANDOFF: handoff.consent,
}


async def _emergency(ctx: Context) -> list[Reply]:
    return [replies.emergency(ctx.view)]


async def _check_in(ctx: Context) -> list[Reply]:
    return [replies.check_in(ctx.view)]


async def _start_calculator(ctx: Context) -> list[Reply]:
    return deadline.start(ctx.session, ctx.view, ctx.view.content, text=None)


async def _action(ctx: Context, value: str) -> list[Reply]:
    handler = ACTIONS.get(value)
    return await handler(ctx, value) if handler else [replies.stale_button(ctx.view)]


async def _deadline_button(ctx: Context, value: str) -> list[Reply]:
    callback = cb.parse(ctx.turn.text)
    kind = callback.kind if callback else ""
    handled = deadline.on_button(kind, value, ctx.session, ctx.view, ctx.view.content)
    return handled if handled is not None else [replies.stale_button(ctx.view)]


async def _confirmation(ctx: Context, value: str) -> list[Reply]:
    handler = next((h for flow, h in CONFIRMATIONS.items() if flow == ctx.session.flow), None)
    return await handler(ctx, value) if handler else [replies.stale_button(ctx.view)]


BUTTONS: dict[str, Handler] = {
    cb.TOPIC: answers.topic,
    cb.SECTION: answers.section,
    cb.MENU: welcome.submenu,
    cb.ACTION: _action,
    cb.LANGUAGE: welcome.set_language,
    cb.DEADLINE_RULE: _deadline_button,
    cb.DELIVERY: _deadline_button,
    cb.DATE: _deadline_button,
    cb.CONFIRM: _confirmation,
    cb.FEEDBACK: feedback.vote,
    cb.LETTER_DELIVERY: letter.on_delivery,
}
