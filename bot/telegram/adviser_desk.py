"""The advisers' desk on Telegram: one forum topic per case in the advisers' supergroup (``ADVISER_CHAT_ID``).

- **One topic per case, created once.** Whoever needs the topic first (the case opening, a person's message,
  a note) claims its creation in Redis (``CaseStore.claim_thread_creation``); everyone else waits until the
  topic is recorded. A topic an adviser deleted ("message thread not found") is created again the same way,
  and opens with the case's card noting that it was recreated.
- **The person's messages** are copied (``copyMessage``) into the topic: text, photos and documents arrive as
  they were sent, without the person's name or account (a copy, unlike a forward, names no sender).
- **Never silently dropped.** Telegram's 429 and server errors are retried (``retrying``); a message Telegram
  refuses to copy is described in a note instead. ``forward`` raises only when the advisers cannot be reached
  at all, so that the engine can tell the person to send it again.

Topic names, cards and notes are for advisers, in English. Logs name cases by number only.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Awaitable, Callable
from functools import partial

from bot.core.turn import Turn, TurnKind
from bot.handoff.cases import Case, CaseStore
from bot.handoff.desk import DeskUnavailable
from bot.store.relayed import RelayedMessages
from bot.telegram import metrics
from bot.telegram.api import Rejected, TelegramFailure, Transport, retrying
from bot.telegram.edits import correct, remember
from bot.telegram.render import sanitize_html

log = logging.getLogger(__name__)

CREATION_LEASE_S = 30  # a topic creation whose process died is taken over after this
WAIT_POLL_S = 0.1
MAX_TOPIC_NAME = 128
LANGUAGE_NAMES = {"ar": "العربية", "en": "English"}

CardFor = Callable[[Case], str]


class AdvisersUnreachable(DeskUnavailable):
    """The advisers' group cannot be reached at all (the bot was removed, lacks rights, Telegram keeps failing)."""


ALERT_MARK = "🚨"


def topic_name(case: Case) -> str:
    mark = f"{ALERT_MARK} " if case.alert else ""
    return f"{mark}Case {case.number} · {LANGUAGE_NAMES.get(case.language, case.language)}"[:MAX_TOPIC_NAME]


class TelegramDesk:
    """``bot.handoff.desk.AdviserDesk`` over a Telegram forum supergroup."""

    def __init__(
        self,
        transport: Transport,
        cases: CaseStore,
        chat_id: int,
        card_for: CardFor | None = None,
        lease_s: int = CREATION_LEASE_S,
    ) -> None:
        self.transport = transport
        self.cases = cases
        self.chat_id = chat_id
        self.card_for = card_for  # the card for a recreated topic (the engine's ``case_card``)
        self.lease_s = lease_s
        self.relayed = RelayedMessages(cases.store, cases.open_ttl_s)  # for the person's corrections (``edits``)

    # ---- AdviserDesk

    async def open_case(self, case: Case, card: str) -> None:
        await self._ensure(case, stale=None, card=card)

    async def forward(self, case: Case, turn: Turn) -> None:
        if turn.edited:
            await self._in_topic(case, partial(correct, self, case, turn))
            return
        await self._in_topic(case, partial(self._copy_or_describe, turn, case))

    async def note(self, case: Case, text: str) -> None:
        await self._post(case, html.escape(text))

    async def alert(self, case: Case, text: str) -> None:
        """A clearly marked alert in the case's topic, and the topic renamed with 🚨 so it stands out in the list.
        Raises ``AdvisersUnreachable`` when the alert itself cannot be posted; a failed rename is only logged."""
        await self._post(case, f"<b>{ALERT_MARK} {html.escape(text)}</b>")
        if case.thread is None:
            return
        try:
            await retrying(
                partial(self.transport.rename_topic, self.chat_id, case.thread, topic_name(case)), "editForumTopic"
            )
        except TelegramFailure as exc:
            metrics.FAILURES.labels("editForumTopic", exc.reason).inc()
            log.warning("case %s: the topic could not be marked (%s)", case.number, exc.reason)

    async def post_html(self, case: Case, text_html: str) -> None:
        """A message to the advisers in the case's topic (already HTML)."""
        await self._post(case, text_html)

    # ---- the topic

    async def _post(self, case: Case, text_html: str) -> None:
        await self._in_topic(case, partial(self._send, text_html))

    async def _send(self, text_html: str, thread: int) -> None:
        text = sanitize_html(text_html)  # the card's "<text>" is shown as written, not refused as a tag
        await retrying(
            partial(self.transport.send_message, self.chat_id, text, (), html=True, thread_id=thread),
            "sendMessage",
        )

    async def _in_topic(self, case: Case, action: Callable[[int], Awaitable[None]]) -> None:
        """``action(thread)`` in the case's topic, creating the topic first if needed and again if it was deleted."""
        stale: int | None = None
        for _attempt in range(3):
            thread = case.thread if case.thread is not None and stale is None else await self._ensure(case, stale)
            try:
                await action(thread)
                return
            except Rejected as exc:
                if not exc.thread_gone:
                    metrics.FAILURES.labels("adviserTopic", exc.reason).inc()
                    raise AdvisersUnreachable(exc.description) from None
                log.warning("The topic of case %s is gone; creating it again", case.number)
                stale = thread
            except TelegramFailure as exc:
                metrics.FAILURES.labels("adviserTopic", exc.reason).inc()
                raise AdvisersUnreachable(exc.description) from None
        raise AdvisersUnreachable("the case's topic keeps disappearing")

    async def _ensure(self, case: Case, stale: int | None, card: str | None = None) -> int:
        """The case's topic, other than ``stale``: the recorded one, or one created now by exactly one caller
        (the others wait for it). ``case.thread`` is brought up to date."""
        deadline = asyncio.get_running_loop().time() + self.lease_s + 5
        while True:
            current = await self._stored_thread(case)
            if current is not None and current != stale:
                case.thread = current
                return current
            if await self.cases.claim_thread_creation(case, self.lease_s):
                try:
                    current = await self._stored_thread(case)  # created just before the claim?
                    if current is not None and current != stale:
                        case.thread = current
                        return current
                    return await self._create(case, recreated=stale is not None, card=card)
                finally:
                    await self.cases.release_thread_creation(case)
            if asyncio.get_running_loop().time() > deadline:
                raise AdvisersUnreachable("waited too long for the case's topic")
            await asyncio.sleep(WAIT_POLL_S)

    async def _stored_thread(self, case: Case) -> int | None:
        stored = await self.cases.get(case.number)
        return stored.thread if stored is not None else case.thread

    async def _create(self, case: Case, recreated: bool, card: str | None) -> int:
        try:
            thread = await retrying(
                partial(self.transport.create_topic, self.chat_id, topic_name(case)), "createForumTopic"
            )
        except TelegramFailure as exc:
            metrics.FAILURES.labels("createForumTopic", exc.reason).inc()
            raise AdvisersUnreachable(exc.description) from None
        case.thread = thread
        log.info("case %s: topic %s", case.number, "created again" if recreated else "created")
        text = card or (self.card_for(case) if self.card_for else f"<b>Case {case.number}</b>")
        if recreated:
            text += "\n\n<i>This topic was created again because the previous one was deleted.</i>"
        try:
            await self._send(text, thread)
        except TelegramFailure as exc:
            metrics.FAILURES.labels("sendMessage", exc.reason).inc()
            raise AdvisersUnreachable(exc.description) from None
        # recorded only now, so that messages waiting for the topic land after its card
        stored = await self.cases.get(case.number)
        if stored is not None:  # None: the person deleted their data meanwhile; nothing is recorded again
            await self.cases.set_thread(stored, thread)
        return thread

    # ---- copying the person's message

    async def _copy_or_describe(self, turn: Turn, case: Case, thread: int) -> None:
        source = _message_ref(turn.ref)
        if source is None:  # no message to copy (e.g. kept while Redis was down): its text, escaped
            if turn.kind is TurnKind.TEXT and turn.text:
                await self._send(html.escape(turn.text), thread)
            else:
                await self._send(f"<i>The person sent a {html.escape(turn.media or 'message')}.</i>", thread)
            return
        chat_id, message_id = source
        copy = partial(self.transport.copy_message, self.chat_id, chat_id, message_id, thread_id=thread)
        try:
            copy_id = await retrying(copy, "copyMessage")
        except Rejected as exc:
            if exc.thread_gone:
                raise
            log.warning("copyMessage refused (%s); describing the message instead", exc.description)
            what = html.escape(turn.media or "message")
            await self._send(
                f"<i>The person sent a {what} that Telegram refused to copy here ({html.escape(exc.description)}). "
                "Ask them to send it again or describe it.</i>",
                thread,
            )
            return
        await remember(self, case, message_id, copy_id)


def _message_ref(ref: str | None) -> tuple[int, int] | None:
    """``"<chat_id>:<message_id>"`` (``Turn.ref``) as numbers."""
    if not ref:
        return None
    chat, _, message = ref.rpartition(":")
    try:
        return int(chat), int(message)
    except ValueError:
        return None
