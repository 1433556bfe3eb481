"""``/delete``: confirm, then erase everything stored about the person (session, language, cases)."""

from __future__ import annotations

from bot.core.session import Flow
from bot.core.turn import Button, Reply
from bot.engine import callbacks as cb
from bot.engine import replies
from bot.engine.context import Context


async def confirm(ctx: Context, _value: str = "") -> list[Reply]:
    """Ask first; the answer comes as a ``x:delete`` or ``x:keep`` button."""
    _ = ctx.view._
    ctx.session.start_flow(Flow.DELETE)
    text = _("Delete everything I store about you (language choice, this conversation, adviser requests)?")
    buttons = (
        (
            Button(_("Yes, delete everything"), cb.make(cb.CONFIRM, "delete")),
            Button(_("No, keep it"), cb.make(cb.CONFIRM, "keep")),
        ),
    )
    return [Reply(text, buttons, kind="confirm_delete")]


async def answer(ctx: Context, value: str) -> list[Reply]:
    """The answer to ``confirm``. After "forgotten" the engine saves nothing more about the person."""
    _ = ctx.view._
    ctx.session.end_flow()
    if value != "delete":
        return [Reply(_("Nothing was deleted."), (replies.nav_row(ctx.view),), kind="kept")]
    engine = ctx.engine
    if engine.handoff is not None:
        await engine.handoff.forget(ctx.person)
    await engine.store.forget(ctx.person)
    return [Reply(_("Done: everything I stored about you has been deleted."), (), kind="forgotten")]
