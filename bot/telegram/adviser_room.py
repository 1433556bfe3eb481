"""What advisers do in a case's topic of the advisers' group, and the reminder of cases nobody answered.

- Only **members** of the group act on cases (``getChatMember``: creator, administrator or member; a yes is
  remembered for a few minutes in Redis, shared by every bot process, and forgotten at once when a
  ``chat_member`` update says they left). Bots and non-members are ignored; a command in a topic without a case
  gets a short explanation, other messages there are the advisers' own.
- Claiming, handing over and sending reviewed answers are ``adviser_team``; the pinned board ``adviser_board``.
  A topic an adviser closes in Telegram while its case is open is opened again, with a note.
- ``/close`` and ``/reopen`` go through the engine, which tells the person; ``/note <text>`` stays among the
  advisers; any other message reaches the person under the neutral label the engine gives ("المستشار" /
  "Adviser"): a text as a new message, a photo or a document as a copy with the label as its caption, an album as
  one album (``album_relay``); a reply to the copy of a person's message reaches them as a reply to their own
  message. Nothing the person receives is forwarded or otherwise names the adviser's account.
- A reply that cannot reach the person (they blocked the bot, Telegram refused it, or kept failing after
  retries) is reported in the topic: nothing is dropped silently.

Notes for advisers are in English. Logs name cases by number, never a person, an adviser or a message text.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import time
from collections.abc import Awaitable, Callable
from functools import partial

from bot.core.turn import Reply
from bot.engine.engine import Engine
from bot.handoff.card import ADVISER_COMMANDS
from bot.handoff.cases import Case, CaseStore
from bot.store.isolation import PersonLocks
from bot.telegram import album_relay, metrics
from bot.telegram.adviser_board import Board
from bot.telegram.adviser_desk import AdvisersUnreachable, TelegramDesk
from bot.telegram.adviser_team import TEAM_COMMANDS, AdviserTeam
from bot.telegram.albums import TO_PERSON
from bot.telegram.api import Rejected, TelegramFailure, Transport, Unreachable, retrying
from bot.telegram.delivery import send_outgoing
from bot.telegram.edits import correct_reply, person_message, remember_reply
from bot.telegram.render import fits_caption, render
from bot.telegram.updates import AdviserPost, AdviserPress, MemberChange, chat_of

log = logging.getLogger(__name__)

MEMBER_STATUSES = frozenset({"creator", "administrator", "member"})
MEMBER_CACHE_S = 300.0
CAPTIONED = frozenset({"photo", "document", "video", "audio", "voice", "animation"})
COMMANDS_HELP = ADVISER_COMMANDS


async def _collect(sent: list[int], send: Callable[[], Awaitable[int]]) -> None:
    """``send()``, its message id appended to ``sent``."""
    sent.append(await send())


class AdviserRoom:
    def __init__(
        self,
        engine: Engine,
        cases: CaseStore,
        desk: TelegramDesk,
        transport: Transport,
        locks: PersonLocks,
        chat_id: int,
        member_cache_s: float = MEMBER_CACHE_S,
        reminder_s: int = 1800,
    ) -> None:
        self.engine = engine
        self.cases = cases
        self.desk = desk
        self.transport = transport
        self.locks = locks
        self.chat_id = chat_id
        self.member_cache_s = member_cache_s
        self.reminder_s = reminder_s
        self.records = desk.records
        self.board = Board(transport, cases, desk.records, chat_id, lambda: engine.content.current, reminder_s)
        desk.on_change = self.board.poke
        self.team = AdviserTeam(engine, cases, desk, transport, chat_id, self.board, self._to_person, self._member)
        desk.albums.senders[TO_PERSON] = partial(album_relay.send_to_person, self)

    # ---- a message in a topic

    async def handle(self, post: AdviserPost) -> None:
        case = await self.cases.by_thread(post.thread_id)
        if case is None and post.command is None:
            return  # the advisers' own topics, or a case long gone: not for the bot
        if not await self._is_member(post):
            metrics.UPDATES.labels("adviser_not_member").inc()
            log.info("A post in the advisers' group from a non-member was ignored")
            return
        await self.team.seen(post)
        if case is None:
            await self._say(
                post.thread_id,
                "No case belongs to this topic (never, or no longer: deleted or expired). Case commands work in "
                "a case's topic.",
            )
            return
        async with self.locks.hold(case.person):  # one thing at a time with the person's own turns
            fresh = await self.cases.get(case.number)
            if fresh is None:
                await self._say(post.thread_id, "This case no longer exists (the person deleted their data).")
                return
            await self._act(post, fresh)

    async def _act(self, post: AdviserPost, case: Case) -> None:
        command = post.command
        if post.album is None:  # an adviser's album still being gathered reaches the person first
            await self.desk.albums.relay_held(case, TO_PERSON)
        if post.event == "topic_closed":
            await self.desk.topic_closed(case)
            return
        if post.edited:  # an adviser corrected a post: the person gets the correction (``edits``)
            if command is None and case.open:
                await correct_reply(self, post, case)
            return
        if command == "note":
            return  # stays in the topic, among advisers
        if command == "close":
            await self._close(case)
            self.board.poke()
        elif command == "reopen":
            await self._reopen(case)
            self.board.poke()
        elif command in TEAM_COMMANDS:
            if (
                command == "send"
                and case.open
                and not await self.team.may_reply(case, post.sender_id, post.sender_name)
            ):
                return
            await self.team.act(command, post, case)
        elif command is not None:
            await self._note(case, f"Unknown command; nothing was sent to the person. {COMMANDS_HELP}")
        elif not case.open:
            await self._note(case, "This case is closed: the message was NOT sent. Use /reopen to open it again.")
        elif await self.team.may_reply(case, post.sender_id, post.sender_name):
            if not await album_relay.hold_for_person(self, post, case):
                await self._relay(post, case)
            self.board.poke()

    # ---- buttons and members

    async def press(self, press: AdviserPress) -> None:
        """A button under a bot message in a case's topic (``/answers``)."""
        case = await self.cases.by_thread(press.thread_id)
        if case is None or not await self._member(press.sender_id, press.thread_id):
            return
        async with self.locks.hold(case.person):
            fresh = await self.cases.get(case.number)
            if fresh is not None:
                await self.team.press(press, fresh)

    async def member_changed(self, change: MemberChange) -> None:
        """Someone left or was removed: they can no longer act, in any bot process, from now on."""
        if change.status in MEMBER_STATUSES:
            return
        await self.records.distrust_member(await self.records.adviser_id(f"tg:{change.user_id}"))
        if change.username:
            await self.records.forget_adviser(change.username)
        log.info("A member left the advisers' group; their rights ended")

    async def _close(self, case: Case) -> None:
        if not case.open:
            await self._note(case, "This case is already closed.")
            return
        problem = await self._to_person(case, await self.engine.adviser_closed(case))
        told = "The person was told" if problem is None else f"The person could NOT be told ({problem})"
        await self._note(case, f"Case {case.number} closed. {told}; the bot answers them again. /reopen reopens it.")

    async def _reopen(self, case: Case) -> None:
        if case.open:
            await self._note(case, "This case is open already.")
            return
        replies = await self.engine.adviser_reopened(case)
        if not replies:
            await self._note(case, "Cannot reopen: the person has opened another case meanwhile.")
            return
        problem = await self._to_person(case, replies)
        told = "the person was told" if problem is None else f"the person could NOT be told ({problem})"
        await self._note(case, f"Case {case.number} reopened; {told}.")

    async def _relay(self, post: AdviserPost, case: Case) -> None:
        text_html = post.html if post.html is not None else html.escape(post.text or "")  # formatting kept
        replies = await self.engine.adviser_message(case, text_html)
        reply_to = await person_message(self.desk, case, post.reply_to)  # a reply to a copy: to their message
        if post.media is None:
            problem = await self._to_person(case, replies, post.message_id, reply_to)
        else:
            problem = await self._copy_to_person(post, case, replies, reply_to)
        if problem is not None:
            await self._note(case, f"Your last message was NOT delivered to the person: {problem}.")

    # ---- towards the person

    async def _copy_to_person(
        self, post: AdviserPost, case: Case, replies: list[Reply], reply_to: int | None = None
    ) -> str | None:
        """A photo, document... copied to the person with the label (and the adviser's caption) as caption."""
        label = replies[0].text if replies else ""
        caption: str | None = label
        if post.media not in CAPTIONED or not fits_caption(label):
            problem = await self._to_person(case, replies, reply_to=reply_to)  # the label alone, then the file
            if problem is not None:
                return problem
            caption = "" if post.media in CAPTIONED else None
        copy = partial(
            self.transport.copy_message,
            chat_of(case.address),
            self.chat_id,
            post.message_id,
            caption_html=caption,
            reply_to=reply_to,
        )
        sent: list[int] = []
        problem = await self._attempt(partial(_collect, sent, partial(retrying, copy, "copyMessage")), "copyMessage")
        if sent:
            await remember_reply(self, case, post.message_id, sent[0])
        return problem

    async def _to_person(
        self, case: Case, replies: list[Reply], post_id: int | None = None, reply_to: int | None = None
    ) -> str | None:
        """Send the engine's replies to the person (``reply_to``: as replies to that message); what went wrong,
        or None. The first message sent is remembered as the person's copy of the adviser's ``post_id``."""
        chat = chat_of(case.address)
        sent: list[int] = []
        for reply in replies:
            for message in render(reply):
                send = partial(send_outgoing, self.transport, chat, message, reply_to)
                problem = await self._attempt(partial(_collect, sent, send), "sendMessage")
                if sent and post_id is not None and len(sent) == 1:
                    await remember_reply(self, case, post_id, sent[0])
                if problem is not None:
                    return problem
            metrics.REPLIES.labels(reply.kind).inc()
        return None

    @staticmethod
    async def _attempt(send: Callable[[], Awaitable[object]], method: str) -> str | None:
        try:
            await send()
        except Unreachable as exc:
            metrics.FAILURES.labels(method, exc.reason).inc()
            return "the person has blocked the bot or deleted their account"
        except Rejected as exc:
            metrics.FAILURES.labels(method, exc.reason).inc()
            return f"Telegram refused it ({exc.description})"
        except TelegramFailure as exc:
            metrics.FAILURES.labels(method, exc.reason).inc()
            return f"Telegram kept failing after several tries ({exc.description}); send it again later"
        return None

    # ---- towards the advisers

    async def _note(self, case: Case, text: str) -> None:
        try:
            await self.desk.note(case, text)
        except AdvisersUnreachable as exc:
            log.error("A note for case %s could not be posted: %s", case.number, exc)

    async def _say(self, thread: int, text: str) -> None:
        send = partial(self.transport.send_message, self.chat_id, html.escape(text), (), html=True, thread_id=thread)
        try:
            await retrying(send, "sendMessage")
        except TelegramFailure as exc:
            log.error("A note in the advisers' group could not be posted: %s", exc.description)

    async def _is_member(self, post: AdviserPost) -> bool:
        return post.anonymous_admin or await self._member(post.sender_id, post.thread_id)

    async def _member(self, user_id: int, thread: int) -> bool:
        """Is ``user_id`` a member of the group? A yes is trusted for ``member_cache_s`` (in Redis)."""
        adviser = await self.records.adviser_id(f"tg:{user_id}")
        if await self.records.is_member(adviser):
            return True
        try:
            status = await retrying(
                partial(self.transport.member_status, self.chat_id, user_id), "getChatMember", attempts=3
            )
        except TelegramFailure as exc:
            log.warning("Could not check an adviser's membership: %s", exc.description)
            await self._say(thread, "Could not check that you are a member of this group; nothing was done.")
            return False
        if status not in MEMBER_STATUSES:
            await self.records.distrust_member(adviser)
            return False
        await self.records.trust_member(adviser, max(1, int(self.member_cache_s)))
        return True

    # ---- reminders

    async def remind_waiting(self, waiting_s: float) -> int:
        """One reminder in the topic of each case waiting longer than ``waiting_s`` for an adviser's answer."""
        reminded = 0
        for case in await self.cases.waiting_since(time.time() - waiting_s):
            if case.reminded or not await self.records.claim_reminder(case.number, self.cases.open_ttl_s):
                continue  # reminded already, by this process or another
            case.reminded = True
            await self.cases.save(case)
            minutes = max(1, int((time.time() - case.opened_at) // 60))
            await self._note(
                case, f"Reminder: case {case.number} has waited {minutes} min and no adviser has answered yet."
            )
            reminded += 1
        return reminded

    async def remind_until(self, stop: asyncio.Event, waiting_s: float) -> None:
        """The reminder, checked every few seconds to a minute, until ``stop`` is set."""
        every_s = min(60.0, max(0.5, waiting_s / 4))
        while not stop.is_set():
            try:
                if await self.remind_waiting(waiting_s):
                    log.info("Reminded the advisers of waiting cases")
            except Exception:
                log.exception("The reminder of waiting cases failed; trying again")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every_s)
