"""The person's side of an adviser case: consent, opening, the silent relay, ending it; and the replies the
person gets for what advisers do. The case's life itself is ``bot.handoff.service.Handoff``."""

from __future__ import annotations

import asyncio
import html

from bot.content.model import Topic
from bot.core.session import Flow, Session
from bot.core.turn import Button, Reply, TurnKind
from bot.engine import callbacks as cb
from bot.engine import replies
from bot.engine.context import Context
from bot.engine.flows import deadline, letter
from bot.engine.replies import View
from bot.handoff import hours
from bot.handoff.cases import Case
from bot.handoff.desk import DeskUnavailable


async def request(ctx: Context, _value: str = "") -> list[Reply]:
    """Ask for consent before a case opens; without an advisers' group, record the request and show free help."""
    view, session, engine = ctx.view, ctx.session, ctx.engine
    _ = view._
    if engine.handoff is not None:
        session.start_flow(Flow.HANDOFF)
        asked = [view.content.page(t, view.language).title for t in session.topics_asked if t in view.content.topics]
        lines = [
            _("I can pass this conversation to a human adviser (a volunteer who knows the Danish rules)."),
            "",
            "<b>" + _("The adviser will see:") + "</b>",
            "• "
            + _("the subjects you asked about here: {subjects}").format(
                subjects=", ".join(asked) if asked else _("none yet")
            ),
            "• " + _("your language"),
            "• " + _("what you write or send from now on, until the conversation is closed"),
            "",
            _(
                "The adviser will not see your name, your phone number or your Telegram account. You can end the "
                "conversation at any time."
            ),
        ]
        buttons = (
            (Button(_("Yes, connect me"), cb.make(cb.CONFIRM, "handoff")),),
            (Button(_("Cancel"), cb.make(cb.CONFIRM, "cancel")),),
        )
        return [Reply("\n".join(lines), buttons, kind="handoff_consent")]
    await engine.adviser_requests.record(ctx.person, view.language, session.topics_asked)
    intro = _(
        "Your request for an adviser is noted. Until an adviser can reply here, these organisations give "
        "free help with your own case:"
    )
    return [replies.contacts(view, intro)]


async def consent(ctx: Context, value: str) -> list[Reply]:
    """The answer to ``request``: open the case, or not."""
    view, engine = ctx.view, ctx.engine
    _ = view._
    ctx.session.end_flow()
    if value != "handoff" or engine.handoff is None:
        text = _("Cancelled. Nothing was sent to an adviser.")
        return [Reply(text, (replies.nav_row(view),), kind="handoff_cancelled")]
    try:
        case, position = await engine.handoff.open(ctx.person, ctx.turn.user, view.language, ctx.session.topics_asked)
    except DeskUnavailable:
        text = _(
            "I could not reach the advisers just now. Please try again later. "
            "These organisations give free help with your own case:"
        )
        return [replies.contacts(view, text)]
    return opened(ctx, case, position)


def opened(ctx: Context, case: Case, position: int | None) -> list[Reply]:
    """The case is open: its number, the place in the queue, and out of hours when the advisers start again (with
    the emergency contacts, since nobody reads the case at night)."""
    view = ctx.view
    _ = view._
    lines = [
        "<b>"
        + _("You are connected to the advisers. Your case number is {number}.").format(number=view.number(case.number))
        + "</b>",
        _(
            "Write your question here, and send photos of your letters if you want an adviser to see them. "
            "An adviser will answer in this chat."
        ),
    ]
    if position:
        lines.append(_("Place in the queue: {position}").format(position=view.number(position)))
    adviser_hours = view.content.contacts.advisers
    now = ctx.engine.now()
    if hours.is_open(adviser_hours, now):
        return [Reply("\n\n".join(lines), (end_row(view),), kind="handoff_opened")]
    opening = hours.next_opening(adviser_hours, now)
    lines.append(
        _("The advisers are not working now. They start again on {day} at {time}.").format(
            day=view.day(opening.date()), time=view.number_text(opening.strftime("%H:%M"))
        )
    )
    return [Reply("\n\n".join(lines), (end_row(view),), kind="handoff_opened"), replies.emergency(view)]


def end_row(view: View) -> tuple[Button, ...]:
    _ = view._
    return (Button(_("End the conversation with the adviser"), cb.make(cb.CONFIRM, "endcase")),)


async def during_case(ctx: Context, case: Case) -> list[Reply] | None:
    """While the case is open the bot is silent and relays. ``None``: the turn is the bot's after all (``/delete``
    and its confirmation), for the engine's usual routing."""
    view, turn, engine = ctx.view, ctx.turn, ctx.engine
    assert engine.handoff is not None
    _ = view._
    if turn.kind is TurnKind.BUTTON and turn.text == cb.make(cb.CONFIRM, "endcase"):
        await engine.handoff.close_by_person(case)
        text = _("The conversation with the adviser is closed. I am answering your questions again.")
        return [Reply(text, replies.menu(view).buttons, kind="handoff_closed")]
    command = turn.text.strip().split()[0].lower() if turn.kind is TurnKind.TEXT and turn.text.strip() else ""
    if command == "/delete" or (turn.kind is TurnKind.BUTTON and ctx.session.flow == Flow.DELETE):
        return None
    if command in ("/start", "/adviser"):
        return opened(ctx, case, await engine.handoff.position(case))
    if turn.kind is TurnKind.BUTTON and ctx.session.flow == Flow.DEADLINE:  # the calculator an adviser started
        callback = cb.parse(turn.text)
        handled = (
            deadline.on_button(callback.kind, callback.value, ctx.session, view, view.content) if callback else None
        )
        if handled is not None:
            return handled
    if turn.kind is TurnKind.BUTTON:
        text = _("An adviser has this conversation now. Write your message, or end the conversation.")
        return [Reply(text, (end_row(view),), kind="handoff_active")]
    try:
        await engine.handoff.relay(case, turn)
    except DeskUnavailable:
        text = _("Your message could not reach the advisers just now. Please send it again in a few minutes.")
        return [Reply(text, (end_row(view),), kind="handoff_undelivered")]
    if letter.accepts(turn):  # the reader's summary for the advisers, in the background
        engine.keep(asyncio.create_task(letter.note_for_advisers(ctx, case)))
    if ctx.session.flow == Flow.DEADLINE and turn.kind is TurnKind.TEXT:  # relayed, and a date for the calculator
        return deadline.on_text(turn.text.strip(), ctx.session, view, view.content) or []
    return []


# --- what the person gets for what advisers do in the case's topic ---


def adviser_message(view: View, text_html: str) -> Reply:
    """An adviser's reply under a neutral name, never the adviser's account."""
    _ = view._
    label = html.escape(_("Adviser"))
    return Reply(f"<b>{label}:</b> {text_html}", (), kind="adviser_message")


def adviser_correction(view: View, text_html: str) -> Reply:
    """An adviser's edit of an earlier reply, marked as a correction, under the same neutral name."""
    _ = view._
    label = html.escape(_("Adviser (correction)"))
    return Reply(f"<b>{label}:</b> {text_html}", (), kind="adviser_correction")


def adviser_closed(view: View) -> Reply:
    _ = view._
    text = _(
        "The adviser has closed this conversation. I am answering your questions again. If you need an "
        "adviser later, press “Talk to an adviser”."
    )
    return Reply(text, replies.menu(view).buttons, kind="handoff_closed")


def adviser_reopened(view: View, case: Case) -> Reply:
    _ = view._
    text = _("An adviser has opened your conversation again (case {number}). Write here to reply.").format(
        number=view.number(case.number)
    )
    return Reply(text, (end_row(view),), kind="handoff_reopened")


def adviser_sent_answer(view: View, topic: Topic) -> Reply:
    """``/send TOPIC_ID``: the topic's reviewed answer exactly as the bot gives it (``replies.answer``: the review
    notice, "last checked", the source), introduced as the bot's own information. Its topic buttons are left out:
    while the case is open the adviser has the conversation."""
    _ = view._
    answer = replies.answer(view, topic)
    intro = "<i>" + html.escape(_("The adviser sent you this information from Sanad:")) + "</i>"
    return Reply(f"{intro}\n\n{answer.text}", (end_row(view),), kind="adviser_answer", topic=topic.id)


def adviser_started_calculator(view: View, session: Session) -> Reply:
    """``/send calculator``: the deadline calculator's first question, in the person's session."""
    _ = view._
    [ask] = deadline.start(session, view, view.content, text=None)
    intro = _("The adviser started the deadline calculator for you.")
    return Reply(f"{html.escape(intro)}\n\n{ask.text}", ask.buttons, kind=ask.kind)
