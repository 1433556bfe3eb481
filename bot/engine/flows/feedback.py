"""The 👍 / 👎 buttons under an answer: one count for the topic this week (``bot.store.stats``), never who."""

from __future__ import annotations

from bot.core.turn import Reply
from bot.engine import replies
from bot.engine.context import Context


async def vote(ctx: Context, value: str) -> list[Reply]:
    """``value`` is ``<topic id>-y`` (helpful) or ``<topic id>-n`` (not helpful)."""
    topic_id, _, answer = value.rpartition("-")
    if topic_id not in ctx.view.content.topics or answer not in ("y", "n"):
        return [replies.stale_button(ctx.view)]
    await ctx.engine.count(topic_id, "helpful" if answer == "y" else "not_helpful")
    return [replies.feedback_thanks(ctx.view, answer == "y")]
