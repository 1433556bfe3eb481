"""Typed questions and topic buttons: the reviewed answer, "did you mean", or an honest fallback; and the
conversation intents (small talk, language, help, an adviser, delete)."""

from __future__ import annotations

from bot.core.policy import SMALL_TALK, Decision, Kind
from bot.core.turn import Reply, TurnKind
from bot.engine import replies
from bot.engine.context import Context
from bot.engine.flows import deadline, handoff, privacy


async def free_text(ctx: Context, decision: Decision | None) -> list[Reply]:
    """The policy's decision on a typed message (``None``: the NLU could not be asked)."""
    view, session = ctx.view, ctx.session
    if decision is None:
        return [replies.nlu_down(view)]
    text = ctx.turn.text.strip()
    deadline.remember_decision(session, text, view.content)
    about_a_topic = decision.kind is not Kind.ANSWER or decision.intent in view.content.topics
    if about_a_topic and deadline.asks_for_a_deadline(text, view, view.content, session.decision_named):
        session.misses = 0
        return deadline.start(session, view, view.content, text=text)
    if decision.kind is Kind.ANSWER and decision.intent:
        session.misses = 0
        return await intent(ctx, decision.intent, decision.candidates)
    if decision.kind is Kind.CLARIFY:
        session.misses = 0
        for candidate in decision.candidates:
            await ctx.engine.count(candidate, "clarified")
        session.offered = list(decision.candidates)
        return [replies.clarify(view, decision.candidates)]
    session.misses += 1
    engine = ctx.engine
    if engine.unanswered is not None:
        await engine.unanswered.record(ctx.turn.text.strip(), view.language, view.today)
    return [replies.fallback(view, session.misses)]


async def intent(ctx: Context, name: str, alternatives: tuple[str, ...] = ()) -> list[Reply]:
    """The reply to a recognised intent: a topic's answer, the calculator, or one of the conversation intents."""
    view = ctx.view
    text = ctx.turn.text.strip()
    if name == "deadline_calculator" or (
        name == "appeal_deadlines" and deadline.mentions_a_decision(text, view.content)
    ):
        return deadline.start(ctx.session, view, view.content, text=text)
    if name in view.content.topics:
        return await topic(ctx, name, alternatives)
    if name in SMALL_TALK:
        return [replies.small_talk(view, name)]
    if name == "bot_capabilities":
        return [replies.capabilities(view)]
    if name == "change_language":
        return [replies.language_choice(view)]
    if name == "delete_my_data":
        return await privacy.confirm(ctx)
    if name == "human_handoff":
        return await handoff.request(ctx)
    return [replies.fallback(view, ctx.session.misses)]


async def topic(ctx: Context, topic_id: str, alternatives: tuple[str, ...] = ()) -> list[Reply]:
    """A topic's reviewed answer, sized for a phone (a topic button, or a question answered with ``alternatives``
    offered under it)."""
    if topic_id not in ctx.view.content.topics:
        return [replies.stale_button(ctx.view)]
    if topic_id == "deadline_calculator":  # its page would only say "type a date": the calculator itself
        return deadline.start(ctx.session, ctx.view, ctx.view.content, text=None)
    ctx.session.end_flow()
    ctx.session.remember_topic(topic_id)
    await ctx.engine.count(topic_id, "menu" if ctx.turn.kind is TurnKind.BUTTON else "answered")
    return [replies.answer(ctx.view, ctx.view.content.topics[topic_id], alternatives)]


async def section(ctx: Context, value: str) -> list[Reply]:
    """A later section of a topic's page (``value``: "<topic>-<n>"), on a tap under its answer."""
    topic_id, _sep, number = value.rpartition("-")
    found = ctx.view.content.topics.get(topic_id)
    if found is None or not number.isdigit():
        return [replies.stale_button(ctx.view)]
    index = int(number)
    if not 0 < index < len(ctx.view.content.page(topic_id, ctx.view.language).sections):
        return [replies.stale_button(ctx.view)]
    ctx.session.remember_topic(topic_id)
    return [replies.section(ctx.view, found, index)]
