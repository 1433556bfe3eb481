"""The engine: one ``Turn`` in, a list of ``Reply`` out. Owns the decision policy, menus, flows and safety.

Safety comes first: every typed message is understood (the volunteers' safety phrases, then the NLU) before the
message budget, any running flow or an open adviser case is looked at, and before Redis is touched, so that a
person in danger always gets the emergency message, even in a burst of messages or during an outage.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Callable

from redis.exceptions import RedisError

from bot.content import unanswered
from bot.content.model import Content
from bot.content.provider import ContentProvider
from bot.engine import callbacks as cb
from bot.engine import deadline_flow, replies
from bot.engine.policy import Decision, Kind, Thresholds
from bot.engine.replies import View
from bot.engine.session import Session, SessionStore
from bot.engine.spool import Spool
from bot.engine.turn import Button, Reply, Turn, TurnKind
from bot.engine.understanding import Understood, understand
from bot.handoff import hours
from bot.handoff.cases import Case, CaseStore
from bot.handoff.desk import AdviserDesk
from bot.i18n import plural_translator, translator
from bot.nlu.client import NluClient
from bot.store.store import Store
from bot.text.bidi import isolate_ltr_html

log = logging.getLogger(__name__)

COMMANDS = ("start", "menu", "language", "adviser", "delete", "help")
ALERT_WAIT_S = 1.0  # how long the emergency reply waits for the advisers' alert before it goes out regardless
ADVISER_ALERTS = {  # for the advisers, in the content's source language, like the case card
    "danger": "URGENT: this person's last message may mean they are in danger. They were sent the emergency "
    "numbers (112, Livslinien). Please reply now.",
    "possible": "Please read the person's last message carefully: it may hint at danger. They were sent the "
    "emergency numbers as a precaution.",
    "distress": "The person sounds very distressed (no clear danger). They were sent a short check-in with support "
    "numbers. Please reply soon.",
}


class Engine:
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
        self.adviser_request_ttl_s = adviser_request_ttl_s
        self.today = today
        self.cases = cases
        self.desk = desk
        self.now = now
        self.unanswered_ttl_s = unanswered_ttl_s  # None: the unanswered-questions log is off
        self.messages_per_minute = messages_per_minute
        self.spool = spool
        self._alerts: set[asyncio.Task[None]] = set()  # advisers' alerts still being delivered

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
        see ``bot.engine.understanding.understand``. Touches no stored state."""
        text = turn.text.strip() if turn.kind is TurnKind.TEXT else ""
        if not text or text.startswith("/"):
            return None
        return await understand(text, self.content.current, self.nlu, self.thresholds)

    async def _handle(self, turn: Turn, understood: Understood | None) -> list[Reply]:
        started = time.perf_counter()
        person = await self.store.person(turn.user)
        session = await self.sessions.load(person)
        content = self.content.current
        language = session.language or self._language_from_hint(turn.language_hint)
        view = self._view(content, language)
        case = await self.cases.for_person(person) if self.cases else None
        if understood is not None and understood.alarm:  # before the budget, any flow and the case relay
            result = await self._safety(turn, understood.decision, case, person, session, view)
        elif case is not None:  # never rate-limited: nothing meant for an adviser is dropped
            result = await self._during_case(turn, case, person, session, view)
        else:
            over = await self._over_budget(person)
            if over is not None:
                return [self._finish(r, view) for r in over]
            result = await self._dispatch(turn, person, session, view, understood)
        if result and result[-1].kind == "forgotten":
            return [self._finish(r, view) for r in result]
        await self.sessions.save(person, session)
        log.info(
            "turn person=%s kind=%s replies=%s ms=%.1f",
            person[:8],
            turn.kind.value,
            ",".join(r.kind for r in result),
            (time.perf_counter() - started) * 1000,
        )
        return [self._finish(r, self._view(content, session.language or language)) for r in result]

    def _view(self, content: Content, language: str) -> View:
        return View(content, language, translator(language), self.today(), plural_translator(language))

    async def _handle_without_store(self, turn: Turn, understood: Understood | None) -> list[Reply]:
        """Content answers and the menu go on; a message that may be meant for an adviser is kept for later."""
        content = self.content.current
        view = self._view(content, self._language_from_hint(turn.language_hint))
        if self.spool is not None and turn.kind is not TurnKind.BUTTON:
            self.spool.append(turn)
        if understood is not None and understood.alarm:
            safety = await self._safety(turn, understood.decision, None, "unavailable", Session(), view)
            return [self._finish(r, view) for r in safety]
        try:
            replies_ = await self._dispatch(turn, "unavailable", Session(), view, understood)
        except RedisError:
            _ = view._
            text = _(
                "This is not possible for a few minutes because of a technical problem. Your message is "
                "saved. You can use the menu in the meantime."
            )
            replies_ = [Reply(text, replies.menu(view).buttons, kind="store_down")]
        return [self._finish(r, view) for r in replies_]

    async def replay_spool(self) -> int:
        """After Redis returns: deliver what people with an open case wrote meanwhile; forget the rest."""
        if self.spool is None or self.cases is None or self.desk is None:
            if self.spool is not None:
                self.spool.take()
            return 0
        delivered = 0
        for turn in self.spool.take():
            case = await self.cases.for_person(await self.store.person(turn.user))
            if case is not None:
                await self.desk.forward(case, turn)
                delivered += 1
        return delivered

    async def _over_budget(self, person: str) -> list[Reply] | None:
        """A per-person budget of messages a minute; over it, one polite notice, then silence until it refills."""
        key = Store.person_key(person, f"budget:{int(time.time() // 60)}")
        pipe = self.store.redis.pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, 120)
        count = int((await pipe.execute())[0])
        if count <= self.messages_per_minute:
            return None
        log.info("rate limited person=%s", person[:8])
        if count > self.messages_per_minute + 1:
            return []
        view = self._view(self.content.current, self.content.current.languages.default_language)
        _ = view._
        return [
            Reply(
                _(
                    "You are sending many messages very quickly. Please wait a minute, then write again. "
                    "If you are in danger, call 112 now; a message about danger is always answered here."
                ),
                (),
                kind="rate_limited",
            )
        ]

    def _language_from_hint(self, hint: str | None) -> str:
        languages = self.content.current.languages
        code = (hint or "").split("-")[0].lower()
        return code if code in languages.languages and code != "en" else languages.default_language

    @staticmethod
    def _finish(reply: Reply, view: View) -> Reply:
        """Keep numbers, dates and Latin words in order inside right-to-left text."""
        if view.content.languages.languages[view.language].direction != "rtl":
            return reply
        return Reply(isolate_ltr_html(reply.text), reply.buttons, reply.kind, reply.topic)

    async def _dispatch(
        self, turn: Turn, person: str, session: Session, view: View, understood: Understood | None = None
    ) -> list[Reply]:
        if turn.kind is TurnKind.UNSUPPORTED:
            return [self._unsupported(view, turn.media)]
        if turn.kind is TurnKind.BUTTON:
            return await self._button(turn.text, person, session, view, turn.user)
        text = turn.text.strip()
        if not text:
            _ = view._
            return [
                Reply(
                    _("Please write your question in a few words, or choose from the menu."),
                    replies.menu(view).buttons,
                    kind="empty",
                )
            ]
        if text.startswith("/"):
            return await self._command(text, person, session, view)
        if session.flow == "deadline":
            handled = deadline_flow.on_text(text, session, view, self.content.current)
            if handled is not None:
                return handled
        return await self._free_text(text, person, session, view, understood or await self.understand(turn))

    # --- safety ---

    async def _safety(
        self, turn: Turn, decision: Decision, case: Case | None, person: str, session: Session, view: View
    ) -> list[Reply]:
        """The emergency message (danger) or a warm check-in (distress), whatever else is going on.

        The reply is in Arabic when the message is written in Arabic script, whatever the chosen language. Inside
        an open case the message still reaches the advisers: with a marked alert and the case first in the waiting
        order for a sure danger, with a note for a possible danger (the person then gets no extra message: an
        adviser reads it) or distress; the reply does not wait more than ``ALERT_WAIT_S`` for that.
        """
        danger = decision.kind is Kind.EMERGENCY
        crisis_view = self._view(view.content, self._crisis_language(turn.text, view.language))
        first = replies.emergency(crisis_view) if danger else replies.check_in(crisis_view)
        session.misses = 0
        log.info("safety %s", "danger" if danger else "distress")
        if case is not None:  # a person reads every message here: only a sure danger interrupts the conversation
            sure = danger and decision.then is None
            await self._alert_advisers(case, turn, "danger" if sure else "possible" if danger else "distress")
            return [first] if sure or not danger else []
        if decision.then is None:
            if danger:
                session.end_flow()
            return [first]
        # a possible danger, or distress with a clear question: the usual reply follows, running flows included
        return [first, *await self._dispatch(turn, person, session, view, Understood(decision.then, True))]

    def _crisis_language(self, text: str, current: str) -> str:
        """The language to speak to a person in crisis: Arabic for a message in Arabic script."""
        languages = self.content.current.languages.languages
        if any("\u0600" <= ch <= "\u06ff" for ch in text):
            return next((code for code, info in languages.items() if info.direction == "rtl"), current)
        return current

    async def _alert_advisers(self, case: Case, turn: Turn, level: str) -> None:
        """Relay the message and a note for ``level`` (danger, possible, distress) to the case's topic; wait at
        most ``ALERT_WAIT_S``, so that the person's reply never waits for the advisers' group."""
        task = asyncio.create_task(self._deliver_alert(case, turn, level))
        self._alerts.add(task)
        task.add_done_callback(self._alerts.discard)
        await asyncio.wait({task}, timeout=ALERT_WAIT_S)

    async def _deliver_alert(self, case: Case, turn: Turn, level: str) -> None:
        """Danger: a marked alert and the case first in the waiting order. A possible danger or distress: a note."""
        try:
            if self.desk is not None:
                await self.desk.forward(case, turn)
            if level == "danger":
                if self.cases is not None:
                    await self.cases.raise_alert(case)
                if self.desk is not None:
                    await self.desk.alert(case, ADVISER_ALERTS[level])
            elif self.desk is not None:
                await self.desk.note(case, ADVISER_ALERTS[level])
        except Exception:
            log.exception("The alert for case %s could not reach the advisers", case.number)

    async def alerts_delivered(self) -> None:
        """Wait until every advisers' alert started so far has been delivered (or has failed)."""
        while self._alerts:
            await asyncio.gather(*list(self._alerts), return_exceptions=True)

    # --- commands and buttons ---

    async def _command(self, text: str, person: str, session: Session, view: View) -> list[Reply]:
        name = text[1:].split()[0].split("@")[0].lower() if len(text) > 1 else ""
        session.end_flow()
        if name == "start":
            return [self._welcome(view, first=session.language is None)]
        if name == "menu":
            return [replies.menu(view)]
        if name == "language":
            return [replies.language_choice(view)]
        if name == "adviser":
            return await self._adviser(person, session, view)
        if name == "delete":
            return [self._confirm_delete(session, view)]
        if name == "help":
            return [self._capabilities(view)]
        _ = view._
        return [Reply(_("I do not know that command. Here is the menu."), replies.menu(view).buttons, kind="menu")]

    async def _button(self, data: str, person: str, session: Session, view: View, turn_user: str) -> list[Reply]:
        callback = cb.parse(data)
        content = view.content
        if callback is None:
            return [self._stale_button(view)]
        kind, value = callback.kind, callback.value
        if kind == cb.TOPIC and value in content.topics:
            return self._topic(value, session, view)
        if kind == cb.MENU:
            submenu = replies.find_submenu(content, value)
            if submenu is not None:
                session.end_flow()
                return [replies.menu(view, submenu)]
        if kind == cb.ACTION:
            if value == "deadline_calculator":
                return deadline_flow.start(session, view, content, text=None)
            if value == "adviser":
                return await self._adviser(person, session, view)
            if value == "language":
                return [replies.language_choice(view)]
            if value == "contacts":
                return [replies.contacts(view)]
        if kind == cb.LANGUAGE and value in content.languages.languages:
            session.language = value
            view = self._view(content, value)
            _ = view._
            # TRANSLATORS: shown just after switching to this catalogue's language: name that language.
            return [Reply(_("The language is now English."), (), kind="language_set"), replies.menu(view)]
        if kind in (cb.DEADLINE_RULE, cb.DELIVERY, cb.DATE):
            handled = deadline_flow.on_button(kind, value, session, view, content)
            if handled is not None:
                return handled
        if kind == cb.CONFIRM and session.flow == "delete":
            return await self._delete(value == "delete", person, session, view)
        if kind == cb.CONFIRM and session.flow == "handoff" and value in ("handoff", "cancel"):
            return await self._consent(value == "handoff", turn_user, person, session, view)
        return [self._stale_button(view)]

    # --- free text ---

    async def _free_text(
        self, text: str, person: str, session: Session, view: View, understood: Understood | None
    ) -> list[Reply]:
        if understood is None or not understood.nlu_up:
            return [self._nlu_down(view)]
        decision = understood.decision
        if decision.kind is Kind.ANSWER and decision.intent:
            session.misses = 0
            return await self._intent(decision.intent, text, person, session, view)
        if decision.kind is Kind.CLARIFY:
            session.misses = 0
            return [replies.clarify(view, decision.candidates)]
        session.misses += 1
        if self.unanswered_ttl_s:
            await unanswered.record(self.store, text, view.language, self.unanswered_ttl_s, view.today)
        return [replies.fallback(view, session.misses)]

    async def _intent(self, intent: str, text: str, person: str, session: Session, view: View) -> list[Reply]:
        _ = view._
        if intent == "deadline_calculator":
            return deadline_flow.start(session, view, view.content, text=text)
        if intent in view.content.topics:
            return self._topic(intent, session, view)
        if intent == "greet":
            return [
                Reply(_("Hello! Choose a subject, or write your question."), replies.menu(view).buttons, kind="greet")
            ]
        if intent == "goodbye":
            return [
                Reply(
                    _("Goodbye. You can write again at any time. Take care."), (replies.nav_row(view),), kind="goodbye"
                )
            ]
        if intent == "thanks":
            return [Reply(_("You are welcome. Is there anything else?"), (replies.nav_row(view),), kind="thanks")]
        if intent == "bot_capabilities":
            return [self._capabilities(view)]
        if intent == "change_language":
            return [replies.language_choice(view)]
        if intent == "delete_my_data":
            return [self._confirm_delete(session, view)]
        if intent == "human_handoff":
            return await self._adviser(person, session, view)
        return [replies.fallback(view, session.misses)]

    def _topic(self, topic_id: str, session: Session, view: View) -> list[Reply]:
        session.end_flow()
        session.remember_topic(topic_id)
        return [replies.answer(view, view.content.topics[topic_id])]

    # --- fixed replies ---

    def _welcome(self, view: View, first: bool) -> Reply:
        _ = view._
        text = "\n\n".join(
            [
                _(
                    "<b>Sanad</b>: information about Danish residency rules for Syrians, written and checked by "
                    "legal volunteers."
                ),
                _(
                    "I can explain your protection status, revocation, appeals and their deadlines, departure and "
                    "return centres, and where to get free help. I give general information, not legal advice: "
                    "I cannot see your case. For your own case, talk to an adviser."
                ),
                _(
                    "<b>What I store</b>\n"
                    "• your language choice, for 6 months;\n"
                    "• where you are in this conversation, for 24 hours;\n"
                    "• nothing else, unless you ask for an adviser. /delete removes everything at once."
                ),
            ]
        )
        buttons = replies.language_choice(view).buttons if first else ()
        return Reply(text, (*buttons, *replies.menu(view).buttons), kind="welcome")

    def _capabilities(self, view: View) -> Reply:
        _ = view._
        text = _(
            "Write your question in your own words, in Arabic or English, or use the menu. I answer only from "
            "information checked by legal volunteers, show when it was last checked, and can work out the last "
            "day of an appeal deadline. I am not a lawyer: for your own case, talk to an adviser."
        )
        return Reply(text, replies.menu(view).buttons, kind="capabilities")

    def _unsupported(self, view: View, media: str | None) -> Reply:
        _ = view._
        text = _(
            "I can only read text messages and buttons, so I could not open this. Please write your question "
            "in a few words. To show a letter to a person, ask for an adviser."
        )
        return Reply(text, (replies.nav_row(view),), kind="unsupported")

    def _stale_button(self, view: View) -> Reply:
        _ = view._
        return Reply(_("That button no longer works. Here is the menu."), replies.menu(view).buttons, kind="stale")

    def _nlu_down(self, view: View) -> Reply:
        _ = view._
        text = _(
            "I cannot understand typed questions right now because of a technical problem. Please choose from "
            "the menu; it works as usual."
        )
        return Reply(text, replies.menu(view).buttons, kind="nlu_down")

    # --- the person's data ---

    def _confirm_delete(self, session: Session, view: View) -> Reply:
        _ = view._
        session.start_flow("delete")
        text = _("Delete everything I store about you (language choice, this conversation, adviser requests)?")
        buttons = (
            (
                Button(_("Yes, delete everything"), cb.make(cb.CONFIRM, "delete")),
                Button(_("No, keep it"), cb.make(cb.CONFIRM, "keep")),
            ),
        )
        return Reply(text, buttons, kind="confirm_delete")

    async def _delete(self, confirmed: bool, person: str, session: Session, view: View) -> list[Reply]:
        _ = view._
        session.end_flow()
        if not confirmed:
            return [Reply(_("Nothing was deleted."), (replies.nav_row(view),), kind="kept")]
        if self.cases is not None:
            case = await self.cases.for_person(person)
            if case is not None and self.desk is not None:
                await self._note_safely(case, "The person deleted their data. The case is closed; do not reply.")
            await self.cases.forget_person(person)
        await self.store.forget(person)
        return [Reply(_("Done: everything I stored about you has been deleted."), (), kind="forgotten")]

    async def _adviser(self, person: str, session: Session, view: View) -> list[Reply]:
        """Ask for consent before a case opens; without an adviser group, record the request and show free help."""
        if self.cases is not None and self.desk is not None:
            _ = view._
            session.start_flow("handoff")
            asked = [
                view.content.page(t, view.language).title for t in session.topics_asked if t in view.content.topics
            ]
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
        await self.store.set_json(
            Store.person_key(person, "adviser_request"),
            {"language": view.language, "topics": session.topics_asked, "at": int(time.time())},
            self.adviser_request_ttl_s,
        )
        _ = view._
        intro = _(
            "Your request for an adviser is noted. Until an adviser can reply here, these organisations give "
            "free help with your own case:"
        )
        return [replies.contacts(view, intro)]

    # --- while a human adviser has the conversation ---

    async def _consent(self, agreed: bool, user: str, person: str, session: Session, view: View) -> list[Reply]:
        _ = view._
        session.end_flow()
        if not agreed:
            return [
                Reply(
                    _("Cancelled. Nothing was sent to an adviser."), (replies.nav_row(view),), kind="handoff_cancelled"
                )
            ]
        assert self.cases is not None and self.desk is not None
        case, _new = await self.cases.open_case(person, user, view.language, session.topics_asked)
        try:
            await self.desk.open_case(case, self.case_card(case, view))
        except Exception:
            log.exception("The adviser group could not be reached; case %s not opened", case.number)
            await self.cases.close(case)
            return [
                replies.contacts(
                    view,
                    _(
                        "I could not reach the advisers just now. Please try again later. "
                        "These organisations give free help with your own case:"
                    ),
                )
            ]
        return self._case_opened(case, view, await self.cases.queue_position(case))

    def _case_opened(self, case: Case, view: View, position: int | None) -> list[Reply]:
        _ = view._
        lines = [
            "<b>"
            + _("You are connected to the advisers. Your case number is {number}.").format(
                number=view.number(case.number)
            )
            + "</b>",
            _(
                "Write your question here, and send photos of your letters if you want an adviser to see them. "
                "An adviser will answer in this chat."
            ),
        ]
        if position:
            lines.append(_("Place in the queue: {position}").format(position=view.number(position)))
        adviser_hours = view.content.contacts.advisers
        now = self.now()
        result: list[Reply] = []
        if not hours.is_open(adviser_hours, now):
            opening = hours.next_opening(adviser_hours, now)
            lines.append(
                _("The advisers are not working now. They start again on {day} at {time}.").format(
                    day=view.day(opening.date()), time=view.number_text(opening.strftime("%H:%M"))
                )
            )
            result.append(Reply("\n\n".join(lines), (self._end_case_row(view),), kind="handoff_opened"))
            result.append(replies.emergency(view))
            return result
        return [Reply("\n\n".join(lines), (self._end_case_row(view),), kind="handoff_opened")]

    def _end_case_row(self, view: View) -> tuple[Button, ...]:
        _ = view._
        return (Button(_("End the conversation with the adviser"), cb.make(cb.CONFIRM, "endcase")),)

    def case_card(self, case: Case, view: View) -> str:
        """The card that opens a case's topic for the advisers (in the content's source language)."""
        content = view.content
        source = content.languages.source_language
        subjects = ", ".join(content.page(t, source).title for t in case.topics if t in content.topics) or "none"
        language = content.languages.languages.get(case.language)
        return "\n".join(
            [
                f"<b>Case {case.number}</b>",
                f"Language: {language.name if language else case.language}",
                f"Subjects asked: {subjects}",
                "Consent: given by the person before this case opened.",
                "Reply in this topic to write to the person (they see \u201cAdviser\u201d, not your name). "
                "Commands: /close, /reopen, /note <text> (stays among advisers).",
            ]
        )

    def card_for(self, case: Case) -> str:
        """``case_card`` for a case on its own (the desk shows it again in a topic it had to create again)."""
        return self.case_card(case, self._view(self.content.current, case.language))

    async def _during_case(self, turn: Turn, case: Case, person: str, session: Session, view: View) -> list[Reply]:
        """The bot stays silent and relays; only ending the case, /delete and /start stay with the bot."""
        _ = view._
        if turn.kind is TurnKind.BUTTON and turn.text == cb.make(cb.CONFIRM, "endcase"):
            assert self.cases is not None
            await self.cases.close(case)
            await self._note_safely(case, "The person ended the conversation. The case is closed.")
            text = _("The conversation with the adviser is closed. I am answering your questions again.")
            return [Reply(text, replies.menu(view).buttons, kind="handoff_closed")]
        command = turn.text.strip().split()[0].lower() if turn.kind is TurnKind.TEXT and turn.text.strip() else ""
        if command == "/delete" or (turn.kind is TurnKind.BUTTON and session.flow == "delete"):
            return await self._dispatch(turn, person, session, view)
        if command in ("/start", "/adviser"):
            return self._case_opened(case, view, await self.cases.queue_position(case) if self.cases else None)
        if turn.kind is TurnKind.BUTTON:
            text = _("An adviser has this conversation now. Write your message, or end the conversation.")
            return [Reply(text, (self._end_case_row(view),), kind="handoff_active")]
        assert self.desk is not None
        try:
            await self.desk.forward(case, turn)
        except Exception:
            log.exception("A message for case %s could not reach the advisers", case.number)
            text = _("Your message could not reach the advisers just now. Please send it again in a few minutes.")
            return [Reply(text, (self._end_case_row(view),), kind="handoff_undelivered")]
        return []

    async def _note_safely(self, case: Case, text: str) -> None:
        if self.desk is None:
            return
        try:
            await self.desk.note(case, text)
        except Exception:
            log.exception("Could not post a note to case %s", case.number)

    # --- called by the transport for what advisers do in the case's topic ---

    async def adviser_message(self, case: Case, text_html: str) -> list[Reply]:
        """An adviser's reply, as the person sees it: under a neutral name, never the adviser's account."""
        assert self.cases is not None
        await self.cases.mark_answered(case)
        view = self._view(self.content.current, case.language)
        label = view._("Adviser")
        return [self._finish(Reply(f"<b>{label}:</b> {text_html}", (), kind="adviser_message"), view)]

    async def adviser_closed(self, case: Case) -> list[Reply]:
        assert self.cases is not None
        await self.cases.close(case)
        view = self._view(self.content.current, case.language)
        _ = view._
        text = _(
            "The adviser has closed this conversation. I am answering your questions again. If you need an "
            "adviser later, press “Talk to an adviser”."
        )
        return [self._finish(Reply(text, replies.menu(view).buttons, kind="handoff_closed"), view)]

    async def adviser_reopened(self, case: Case) -> list[Reply]:
        assert self.cases is not None
        if not await self.cases.reopen(case):
            return []
        view = self._view(self.content.current, case.language)
        _ = view._
        text = _("An adviser has opened your conversation again (case {number}). Write here to reply.").format(
            number=view.number(case.number)
        )
        return [self._finish(Reply(text, (self._end_case_row(view),), kind="handoff_reopened"), view)]
