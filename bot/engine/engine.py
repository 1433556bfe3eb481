"""The engine: one ``Turn`` in, a list of ``Reply`` out, free of any transport.

``Engine.handle`` is a small orchestrator. It understands a typed message first (``understanding.py``: the safety
phrases, the NLU, the policy), before Redis is read; then it loads the person's session and case and routes the
turn to one journey in ``bot/engine/flows/``: safety before everything (the budget, any flow, the case relay), an
open case's relay, the message budget, then commands and buttons from one table, a running flow, a typed question.
It saves the session and keeps numbers and Latin words in order inside right-to-left text.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable

from redis.exceptions import RedisError

from bot.content.provider import ContentProvider
from bot.core.policy import Decision, Kind, Thresholds, with_usual
from bot.core.session import Flow, Session
from bot.core.turn import Reply, Turn, TurnKind
from bot.engine import callbacks as cb
from bot.engine import replies
from bot.engine.context import Context
from bot.engine.flows import BUTTONS, COMMANDS, answers, deadline, handoff, letter, safety
from bot.engine.replies import View
from bot.engine.spool import Spool
from bot.handoff.card import card_writer
from bot.handoff.cases import Case, CaseStore
from bot.handoff.desk import AdviserDesk, DeskUnavailable
from bot.handoff.service import Handoff
from bot.i18n import plural_translator, translator
from bot.nlu.client import NluClient
from bot.nlu.understanding import (
    Understood,
    among_offered,
    follows_up,
    in_context,
    in_the_language_in_use,
    understand,
)
from bot.store.albums import Albums
from bot.store.budget import MessageBudget
from bot.store.requests import AdviserRequests
from bot.store.sessions import SessionStore
from bot.store.stats import TopicStats
from bot.store.store import Store
from bot.store.unanswered import UnansweredLog
from bot.text.bidi import isolate_ltr_html
from bot.text.written import written_in

log = logging.getLogger(__name__)

COMMAND_NAMES = tuple(COMMANDS)


class Engine:
    """The bot's behaviour. ``cases`` and ``desk`` together make the adviser handoff (``Handoff``); without them
    a request for an adviser is recorded and free help is shown."""

    def __init__(
        self,
        content: ContentProvider,
        nlu: NluClient | None,
        store: Store,
        thresholds: Thresholds,
        session_ttl_s: int = 24 * 3600,
        language_ttl_s: int = 180 * 24 * 3600,
        adviser_request_ttl_s: int = 7 * 24 * 3600,
        today: Callable[[], dt.date] = dt.date.today,
        cases: CaseStore | None = None,
        desk: AdviserDesk | None = None,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        unanswered_ttl_s: int | None = None,
        messages_per_minute: int = 20,
        spool: Spool | None = None,
    ) -> None:
        self.content = content
        self.nlu = nlu
        self.store = store
        self.sessions = SessionStore(store, session_ttl_s, language_ttl_s)
        self.thresholds = thresholds
        self.adviser_requests = AdviserRequests(store, adviser_request_ttl_s)
        self.today = today
        self.now = now
        self.unanswered = UnansweredLog(store, unanswered_ttl_s) if unanswered_ttl_s else None  # None: off
        self.budget = MessageBudget(store, messages_per_minute)
        self.stats = TopicStats(store)
        self.albums = Albums(store)
        self.spool = spool
        self.cases = cases
        self.handoff: Handoff | None = Handoff(cases, desk, card_writer(content)) if cases and desk else None
        self._tasks: set[asyncio.Task[None]] = set()  # advisers' alerts still being delivered
        # The transport's ``getFile`` download (file id -> bytes), for the letter reader; None: letters are
        # answered like any other file.
        self.download: Callable[[str], Awaitable[bytes]] | None = None

    # --- the turn ---

    async def handle(self, turn: Turn) -> list[Reply]:
        """The replies to one turn, in order. Never raises for a Redis or NLU outage."""
        understood = await self.understand(turn)
        try:
            return await self._handle(turn, understood)
        except RedisError as exc:
            log.warning("Redis unavailable (%s); answering without stored state", type(exc).__name__)
            return await self._handle_without_store(turn, understood)

    async def understand(self, turn: Turn) -> Understood | None:
        """The policy's decision on a typed message (``None`` for buttons, commands, media and empty text);
        see ``bot.nlu.understanding.understand``. Touches no stored state."""
        text = turn.text.strip() if turn.kind is TurnKind.TEXT else ""
        if not text or text.startswith("/"):
            return None
        return await understand(text, self.content.current, self.nlu, self.thresholds)

    async def _handle(self, turn: Turn, understood: Understood | None) -> list[Reply]:
        started = time.perf_counter()
        person = await self.store.person(turn.user)
        session = await self.sessions.load(person)
        if (written := self._written(turn)) is not None:
            session.written = written
        ctx = Context(turn, person, session, self.view(session.language or session.written or self._hinted(turn)), self)
        case = await self.handoff.case_for(person) if self.handoff else None
        result = await self._route(ctx, understood, case)
        if result is None:  # over the message budget, after its notice: silence
            return []
        if result and result[-1].kind == "forgotten":
            return [self._finish(r, ctx.view) for r in result]
        await self.sessions.save(person, session)
        log.info(
            "turn person=%s kind=%s replies=%s ms=%.1f",
            person[:8],
            turn.kind.value,
            ",".join(r.kind for r in result),
            (time.perf_counter() - started) * 1000,
        )
        return [self._finish(r, self.view(session.language or ctx.view.language)) for r in result]

    async def _route(self, ctx: Context, understood: Understood | None, case: Case | None) -> list[Reply] | None:
        """Which journey the turn belongs to, in order of precedence; ``None`` for silence (over the budget)."""
        if ctx.turn.edited:  # a correction: for the advisers during a case; otherwise the first version was answered
            if case is not None and self.handoff is not None:
                try:
                    await self.handoff.relay(case, ctx.turn)
                except DeskUnavailable:
                    log.warning("case %s: a correction could not reach the advisers", case.number)
            return []
        first: list[Reply] = []
        offered, ctx.session.offered = ctx.session.offered, []  # a "did you mean" waits one turn
        if understood is not None and case is None:
            understood = await self._in_context(ctx, understood, offered)
        decision = understood.decision if understood is not None and understood.nlu_up else None
        if understood is not None and understood.alarm:  # before the budget, any flow and the case relay
            first, decision = await safety.respond(ctx, understood.decision, case)
            if decision is None:
                return first
        elif case is not None:  # never rate-limited: nothing meant for an adviser is dropped
            relayed = await handoff.during_case(ctx, case)
            if relayed is not None:
                return relayed
        elif ctx.turn.album and not await self.albums.answer(ctx.person, ctx.turn.album, bool(ctx.turn.text)):
            return []  # another item of an album that has its reply
        elif (over := await self._over_budget(ctx)) is not None:
            return over or None
        return first + await self._dispatch(ctx, decision)

    async def _in_context(self, ctx: Context, understood: Understood, offered: list[str]) -> Understood:
        """The message understood again among the topics of the "did you mean" just ``offered`` (see
        ``bot.nlu.understanding.among_offered``), or else in the light of the last answered topic, when it may lean
        on it (``in_context``); as it is during a flow or without a previous answer."""
        if self.nlu is None or ctx.session.flow is not None:
            return understood
        view = ctx.view
        understood = in_the_language_in_use(understood, ctx.turn.text, view.language, view.content, self.thresholds)
        if offered:
            return among_offered(understood, offered, view.content, self.thresholds)
        last = ctx.session.last_topic
        if last not in view.content.topics:
            return understood
        text = ctx.turn.text.strip()
        understood = await in_context(understood, text, last, view.content, self.nlu, self.thresholds)
        usual = understood.decision.reply
        if (
            usual is not None
            and usual.kind is Kind.ANSWER
            and usual.intent == deadline.CALCULATOR
            and follows_up(text)
            and deadline.says_nothing_for_it(text, view, view.content)
        ):
            # "وحمص؟ يومين بس" after the travel page: the model hears a deadline in "two days", but the message
            # gives the calculator nothing to count: it goes on with the last topic, the calculator one tap away
            asked = Decision(Kind.ANSWER, last, (deadline.CALCULATOR,))
            understood = dataclasses.replace(understood, decision=with_usual(understood.decision, asked))
        return understood

    async def _dispatch(self, ctx: Context, decision: Decision | None) -> list[Reply]:
        """Commands and buttons from the flows' table, then a running flow, then the typed question."""
        turn, view, session = ctx.turn, ctx.view, ctx.session
        last_deadline, session.last_deadline = session.last_deadline, {}  # a correction comes right after a result
        if turn.kind is TurnKind.UNSUPPORTED:
            return await letter.read(ctx) if letter.accepts(turn) else [replies.unsupported(view)]
        if turn.media is not None:  # a caption: a letter is explained; anything else, the caption is answered as typed
            explained = await letter.read_if_letter(ctx) if letter.accepts(turn) else None
            if explained is not None:
                return explained
            plain = dataclasses.replace(turn, media=None, file_id=None, file_size=None, file_mime=None)
            return [*await self._dispatch(dataclasses.replace(ctx, turn=plain), decision), replies.media_not_read(view)]
        if turn.kind is TurnKind.BUTTON:
            callback = cb.parse(turn.text)
            button = BUTTONS.get(callback.kind) if callback else None
            if callback is None or button is None:
                return [replies.stale_button(view)]
            return await button(ctx, callback.value)
        text = turn.text.strip()
        if not text:
            return [replies.empty(view)]
        if text.startswith("/"):
            session.end_flow()
            command = COMMANDS.get(text[1:].split()[0].split("@")[0].lower() if len(text) > 1 else "")
            return await command(ctx, "") if command else [replies.unknown_command(view)]
        if session.flow == Flow.DEADLINE:
            handled = deadline.on_text(text, session, view, view.content, decision)
            if handled is not None:
                return handled
        elif (corrected := deadline.correct(text, last_deadline, session, view, view.content, decision)) is not None:
            return corrected
        return await answers.free_text(ctx, decision)

    async def _over_budget(self, ctx: Context) -> list[Reply] | None:
        """A per-person budget of messages a minute: ``None`` under it; over it, one polite notice, then ``[]``."""
        count = await self.budget.spend(ctx.person)
        if count <= self.budget.per_minute:
            return None
        log.info("rate limited person=%s", ctx.person[:8])
        if count > self.budget.per_minute + 1:
            return []
        return [replies.rate_limited(self.view(self.content.current.languages.default_language))]

    async def _handle_without_store(self, turn: Turn, understood: Understood | None) -> list[Reply]:
        """Content answers and the menu go on; a message that may be meant for an adviser is kept for later."""
        view = self.view(self._written(turn) or self._hinted(turn))
        if self.spool is not None and turn.kind is not TurnKind.BUTTON:
            self.spool.append(turn)
        ctx = Context(turn, "unavailable", Session(), view, self)
        try:
            result = await self._route_without_store(ctx, understood)
        except RedisError:
            result = [replies.store_down(view)]
        return [self._finish(r, view) for r in result]

    async def _route_without_store(self, ctx: Context, understood: Understood | None) -> list[Reply]:
        first: list[Reply] = []
        decision = understood.decision if understood is not None and understood.nlu_up else None
        if understood is not None and understood.alarm:
            first, decision = await safety.respond(ctx, understood.decision, None)
            if decision is None:
                return first
        return first + await self._dispatch(ctx, decision)

    # --- services for the flows ---

    def view(self, language: str) -> View:
        """How to speak in ``language``: the content in service, its translator, today's date."""
        content = self.content.current
        return View(content, language, translator(language), self.today(), plural_translator(language))

    async def count(self, topic_id: str, event: str) -> None:
        """Count ``event`` for a topic this week (``bot.store.stats``); a Redis outage loses the count, never the
        answer."""
        try:
            await self.stats.count(topic_id, event, self.today())
        except RedisError as exc:
            log.warning("Topic count lost (%s)", type(exc).__name__)

    def keep(self, task: asyncio.Task[None]) -> None:
        """Keep a background task (an advisers' alert) alive until it is done."""
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def alerts_delivered(self) -> None:
        """Wait until every advisers' alert started so far has been delivered (or has failed)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _written(self, turn: Turn) -> str | None:
        """The language a typed ``turn`` is written in, when the content speaks it (``bot.text.written``)."""
        written = written_in(turn.text) if turn.kind is TurnKind.TEXT else None
        return written if written in self.content.current.languages.languages else None

    def _hinted(self, turn: Turn) -> str:
        languages = self.content.current.languages
        code = (turn.language_hint or "").split("-")[0].lower()
        return code if code in languages.languages and code != "en" else languages.default_language

    @staticmethod
    def _finish(reply: Reply, view: View) -> Reply:
        """Keep numbers, dates and Latin words in order inside right-to-left text."""
        if view.content.languages.languages[view.language].direction != "rtl":
            return reply
        return Reply(isolate_ltr_html(reply.text), reply.buttons, reply.kind, reply.topic)

    async def replay_spool(self) -> int:
        """After Redis returns: deliver what people with an open case wrote meanwhile; forget the rest."""
        if self.spool is None:
            return 0
        kept = self.spool.take()
        if self.handoff is None:
            return 0
        delivered = 0
        for turn in kept:
            case = await self.handoff.case_for(await self.store.person(turn.user))
            if case is not None:
                await self.handoff.relay(case, turn)
                delivered += 1
        return delivered

    # --- the advisers' side: what the person gets for what advisers do in the case's topic ---

    async def adviser_message(self, case: Case, text_html: str) -> list[Reply]:
        """An adviser's reply, as the person sees it: under a neutral name, never the adviser's account."""
        assert self.handoff is not None
        await self.handoff.answered(case)
        view = self.view(case.language)
        return [self._finish(handoff.adviser_message(view, text_html), view)]

    async def adviser_correction(self, case: Case, text_html: str) -> list[Reply]:
        """An adviser's edit of an earlier reply, as the person sees it: marked as a correction."""
        view = self.view(case.language)
        return [self._finish(handoff.adviser_correction(view, text_html), view)]

    async def adviser_closed(self, case: Case) -> list[Reply]:
        assert self.handoff is not None
        await self.handoff.close_by_adviser(case)
        view = self.view(case.language)
        return [self._finish(handoff.adviser_closed(view), view)]

    async def adviser_answer(self, case: Case, topic_id: str) -> list[Reply] | None:
        """``/send TOPIC_ID`` in a case's topic: the topic's reviewed answer as the person reads it (their
        language, its review notice and "last checked" date), as the bot's own information. ``None`` when the
        content has no such topic."""
        topic = self.content.current.topics.get(topic_id)
        if topic is None:
            return None
        if self.handoff is not None:
            await self.handoff.answered(case)
        view = self.view(case.language)
        return [self._finish(handoff.adviser_sent_answer(view, topic), view)]

    async def adviser_calculator(self, case: Case) -> list[Reply]:
        """``/send calculator``: the deadline calculator started in the person's session (its buttons and dates
        work while the case stays open). The caller holds the person's lock."""
        if self.handoff is not None:
            await self.handoff.answered(case)
        view = self.view(case.language)
        session = await self.sessions.load(case.person)
        reply = handoff.adviser_started_calculator(view, session)
        await self.sessions.save(case.person, session)
        return [self._finish(reply, view)]

    async def adviser_reopened(self, case: Case) -> list[Reply]:
        assert self.handoff is not None
        if not await self.handoff.reopen(case):
            return []
        view = self.view(case.language)
        return [self._finish(handoff.adviser_reopened(view, case), view)]
