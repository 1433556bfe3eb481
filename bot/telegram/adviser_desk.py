"""The advisers' desk on Telegram: one forum topic per case in the advisers' supergroup (``ADVISER_CHAT_ID``).

- **One topic per case, created once.** Whoever needs the topic first (the case opening, a person's message,
  a note) claims its creation in Redis (``CaseStore.claim_thread_creation``); everyone else waits until the
  topic is recorded. A topic an adviser deleted ("message thread not found") is created again the same way,
  and opens with the case's card noting that it was recreated.
- **The person's messages** are copied (``copyMessage``) into the topic: text, photos and documents arrive as
  they were sent, without the person's name or account (a copy, unlike a forward, names no sender). An album is
  gathered and posted as one album (``albums``, ``album_relay``); the person's next message comes after it. A
  note about an album (a caption read for danger) does not wait for it: it may come a moment before the album.
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
from bot.handoff.desk import CardFor, DeskFactory, DeskUnavailable
from bot.store.desk import DeskRecords
from bot.store.held_albums import HeldItem
from bot.store.relayed import RelayedMessages
from bot.telegram import album_relay, metrics
from bot.telegram.albums import TO_ADVISERS, CaseAlbums
from bot.telegram.api import Rejected, TelegramFailure, Transport, retrying
from bot.telegram.edits import correct, remember
from bot.telegram.render import sanitize_html

log = logging.getLogger(__name__)

CREATION_LEASE_S = 30  # a topic creation whose process died is taken over after this
WAIT_POLL_S = 0.1
MAX_TOPIC_NAME = 128
LANGUAGE_NAMES = {"ar": "العربية", "en": "English"}


class AdvisersUnreachable(DeskUnavailable):
    """The advisers' group cannot be reached at all (the bot was removed, lacks rights, Telegram keeps failing)."""


ALERT_MARK = "🚨"
REOPENED_NOTE = (
    "<i>This topic was closed in Telegram, but case {number} is still open, so it was opened again. "
    "Use /close to close the case (the person is told).</i>"
)


def topic_name(case: Case, holder: str | None = None) -> str:
    """``Case 12 · العربية``, with 🚨 for an alert and the first name of the adviser who claimed it."""
    mark = f"{ALERT_MARK} " if case.alert else ""
    claimed = f" · {holder}" if holder else ""
    return f"{mark}Case {case.number} · {LANGUAGE_NAMES.get(case.language, case.language)}{claimed}"[:MAX_TOPIC_NAME]


def claim_line(holder: str | None) -> str:
    """The card's last line: who has the case (advisers only; the person always sees "Adviser")."""
    if holder:
        return f"\n\n<b>Claimed by {html.escape(holder)}</b>. Others: /take to take it over."
    return "\n\n<b>Not claimed</b>: /take claims it."


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
        self.records = DeskRecords(cases.store)
        self.on_change: Callable[[], None] | None = None  # the board's poke: a case opened, a note, an alert
        self.relayed = RelayedMessages(cases.store, cases.open_ttl_s)  # for the person's corrections (``edits``)
        self.albums = CaseAlbums(cases)  # albums gathered in a case; the adviser room adds the way to the person
        self.albums.senders[TO_ADVISERS] = self.post_album

    # ---- AdviserDesk

    async def open_case(self, case: Case, card: str) -> None:
        await self._ensure(case, stale=None, card=card)
        self._changed()

    async def forward(self, case: Case, turn: Turn) -> None:
        if turn.edited:
            await self._in_topic(case, partial(correct, self, case, turn))
            return
        if await album_relay.hold_for_advisers(self, case, turn):
            return  # posted with the rest of its album
        await self.albums.relay_held(case, TO_ADVISERS)
        await self._in_topic(case, partial(self._copy_or_describe, turn, case))

    async def post_album(self, case: Case, items: list[HeldItem]) -> None:
        """The person's album, gathered, posted in the case's topic as one. Raises ``AdvisersUnreachable``."""
        await self._in_topic(case, partial(album_relay.post_in_topic, self, case, items))

    async def note(self, case: Case, text: str) -> None:
        await self._post(case, html.escape(text))
        self._changed()  # the person closed the case, deleted their data...: the board follows

    async def alert(self, case: Case, text: str) -> None:
        """A clearly marked alert in the case's topic, and the topic renamed with 🚨 so it stands out in the list.
        Raises ``AdvisersUnreachable`` when the alert itself cannot be posted; a failed rename is only logged."""
        await self._post(case, f"<b>{ALERT_MARK} {html.escape(text)}</b>")
        self._changed()
        claim = await self.records.claim(case.number)
        await self._rename(case, claim.name if claim else None)

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    async def show_claim(self, case: Case, holder: str | None) -> None:
        """The topic's name and its card show who has the case now (``holder``: a first name, or None when
        free). Best effort: a failure is logged, the claim itself stands."""
        await self._rename(case, holder)
        card = await self.records.card(case.number)
        if card is None or self.card_for is None:
            return
        try:
            text = sanitize_html(self.card_for(case) + claim_line(holder))
            await retrying(partial(self.transport.edit_message, self.chat_id, card, text, ()), "editMessageText")
        except TelegramFailure as exc:
            metrics.FAILURES.labels("editMessageText", exc.reason).inc()
            log.warning("case %s: the card could not be updated (%s)", case.number, exc.reason)

    async def _rename(self, case: Case, holder: str | None) -> None:
        if case.thread is None:
            return
        rename = partial(self.transport.rename_topic, self.chat_id, case.thread, topic_name(case, holder))
        try:
            await retrying(rename, "editForumTopic")
        except Rejected as exc:
            if "not_modified" not in exc.description.lower():
                metrics.FAILURES.labels("editForumTopic", exc.reason).inc()
                log.warning("case %s: the topic could not be renamed (%s)", case.number, exc.reason)
        except TelegramFailure as exc:
            metrics.FAILURES.labels("editForumTopic", exc.reason).inc()
            log.warning("case %s: the topic could not be renamed (%s)", case.number, exc.reason)

    async def post_html(self, case: Case, text_html: str) -> None:
        """A message to the advisers in the case's topic (already HTML)."""
        await self._post(case, text_html)

    # ---- the topic

    async def _post(self, case: Case, text_html: str) -> None:
        await self._in_topic(case, partial(self._send, text_html))

    async def _send(self, text_html: str, thread: int) -> int:
        text = sanitize_html(text_html)  # the card's "<text>" is shown as written, not refused as a tag
        return await retrying(
            partial(self.transport.send_message, self.chat_id, text, (), html=True, thread_id=thread),
            "sendMessage",
        )

    async def _in_topic(self, case: Case, action: Callable[[int], Awaitable[object]]) -> None:
        """``action(thread)`` in the case's topic, creating the topic first if needed and again if it was deleted."""
        stale: int | None = None
        for _attempt in range(3):
            thread = case.thread if case.thread is not None and stale is None else await self._ensure(case, stale)
            try:
                await action(thread)
                return
            except Rejected as exc:
                if exc.topic_closed and await self._reopen(case, thread):
                    continue
                if not exc.thread_gone:
                    metrics.FAILURES.labels("adviserTopic", exc.reason).inc()
                    raise AdvisersUnreachable(exc.description) from None
                log.warning("The topic of case %s is gone; creating it again", case.number)
                stale = thread
            except TelegramFailure as exc:
                metrics.FAILURES.labels("adviserTopic", exc.reason).inc()
                raise AdvisersUnreachable(exc.description) from None
        raise AdvisersUnreachable("the case's topic keeps disappearing")

    async def _reopen(self, case: Case, thread: int) -> bool:
        """A topic an adviser closed in Telegram while its case is open: open it again and say why. False when
        it cannot be reopened (then the message fails as before)."""
        try:
            await retrying(partial(self.transport.reopen_topic, self.chat_id, thread), "reopenForumTopic")
        except Rejected as exc:
            if "not_modified" not in exc.description.lower():  # reopened meanwhile by someone else
                metrics.FAILURES.labels("reopenForumTopic", exc.reason).inc()
                return False
        except TelegramFailure as exc:
            metrics.FAILURES.labels("reopenForumTopic", exc.reason).inc()
            return False
        log.info("case %s: its closed topic was opened again", case.number)
        try:
            await self._send(REOPENED_NOTE.format(number=case.number), thread)
        except TelegramFailure as exc:
            log.warning("case %s: the note on the reopened topic failed (%s)", case.number, exc.reason)
        return True

    async def topic_closed(self, case: Case) -> None:
        """An adviser closed the case's topic in Telegram while the case is open: it is opened again at once
        (the case goes on until /close), with a note saying so."""
        if case.thread is not None and case.open:
            await self._reopen(case, case.thread)

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
        claim = await self.records.claim(case.number)
        text += claim_line(claim.name if claim else None)
        if recreated:
            text += "\n\n<i>This topic was created again because the previous one was deleted.</i>"
        try:
            card_id = await self._send(text, thread)
            await self.records.set_card(case.number, card_id, self.cases.open_ttl_s)
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
        await self.copy_in_topic(case, chat_id, message_id, turn.media, thread)

    async def copy_in_topic(self, case: Case, chat_id: int, message_id: int, media: str | None, thread: int) -> None:
        """Copy one of the person's messages into the topic and remember the copy; a message Telegram refuses to
        copy is described instead."""
        copy = partial(self.transport.copy_message, self.chat_id, chat_id, message_id, thread_id=thread)
        try:
            copy_id = await retrying(copy, "copyMessage")
        except Rejected as exc:
            if exc.thread_gone:
                raise
            log.warning("copyMessage refused (%s); describing the message instead", exc.description)
            what = html.escape(media or "message")
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


def telegram_desk(transport: Transport, chat_id: int) -> DeskFactory:
    """The desk factory ``bot.runtime.build_engine`` calls: the advisers' forum group ``chat_id``."""
    return lambda cases, card_for: TelegramDesk(transport, cases, chat_id, card_for)
