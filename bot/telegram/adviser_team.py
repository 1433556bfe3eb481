"""What advisers do together in a case's topic: claim it, hand it over, send a reviewed answer.

- ``/take`` claims the case (taking it over from whoever had it); ``/release`` frees it; ``/transfer @name`` (or
  a mention picked from Telegram's member list) gives it to that member. The topic's name and card show the
  adviser's first name to the advisers; the person still sees only "Adviser". Each change is noted in the topic.
  Claims are atomic across bot processes (``bot.store.desk.DeskRecords``).
- While a case is claimed, a message from another adviser is not relayed (``may_reply``); they are told so in
  one line.
- ``/send TOPIC_ID`` sends the topic's reviewed answer in the person's language as the bot's own information
  (``Engine.adviser_answer``); ``/send calculator`` starts the deadline calculator for the person; ``/answers``
  lists the answers as buttons, a page at a time. An unknown id gets a one-line help; nothing reaches the person.

Notes are for advisers, in English. Logs name cases by number only.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Awaitable, Callable
from functools import partial

from bot.core.turn import Button, Reply
from bot.engine.engine import Engine
from bot.handoff.cases import Case, CaseStore
from bot.store.desk import Claim, DeskRecords
from bot.telegram.adviser_board import Board
from bot.telegram.adviser_desk import AdvisersUnreachable, TelegramDesk
from bot.telegram.api import Keyboard, Rejected, TelegramFailure, Transport, retrying
from bot.telegram.updates import AdviserPost, AdviserPress

log = logging.getLogger(__name__)

TEAM_COMMANDS = frozenset({"take", "release", "transfer", "send", "answers"})
CALCULATOR = "calculator"
PAGE_SIZE = 8
SEND_DATA = "desk:send:"
PAGE_DATA = "desk:page:"
_USERNAME = re.compile(r"@([A-Za-z0-9_]{4,32})\b")

ToPerson = Callable[[Case, list[Reply]], Awaitable[str | None]]  # what went wrong, or None
IsMember = Callable[[int, int], Awaitable[bool]]  # (user id, topic) -> a member of the group?


class AdviserTeam:
    def __init__(
        self,
        engine: Engine,
        cases: CaseStore,
        desk: TelegramDesk,
        transport: Transport,
        chat_id: int,
        board: Board,
        to_person: ToPerson,
        is_member: IsMember,
    ) -> None:
        self.engine = engine
        self.cases = cases
        self.desk = desk
        self.records: DeskRecords = desk.records
        self.transport = transport
        self.chat_id = chat_id
        self.board = board
        self.to_person = to_person
        self.is_member = is_member

    async def adviser(self, user_id: int, name: str) -> Claim:
        """An adviser as a claim holds them: a keyed hash of their account and their first name."""
        return Claim(await self.records.adviser_id(f"tg:{user_id}"), name or "An adviser")

    async def seen(self, post: AdviserPost) -> None:
        """A member wrote in the group: remember their @username for ``/transfer``."""
        if post.sender_username and not post.anonymous_admin:
            await self.records.remember_adviser(
                post.sender_username, await self.adviser(post.sender_id, post.sender_name)
            )

    # ---- commands

    async def act(self, command: str, post: AdviserPost, case: Case) -> None:
        """``command`` (one of ``TEAM_COMMANDS``) in the topic of ``case``."""
        if not case.open:
            await self._note(case, f"Case {case.number} is closed: nothing was done. /reopen opens it again.")
            return
        me = await self.adviser(post.sender_id, post.sender_name)
        argument = (post.text or "").split(maxsplit=1)[1].strip() if len((post.text or "").split()) > 1 else ""
        if command == "take":
            await self._take(case, me)
        elif command == "release":
            await self._release(case, me)
        elif command == "transfer":
            await self._transfer(case, me, post, argument)
        elif command == "send":
            await self._send(case, me, argument.split()[0] if argument else "")
        else:
            await self._list(case, 0)

    async def _take(self, case: Case, me: Claim) -> None:
        ttl = self.cases.open_ttl_s
        previous = await self.records.take(case.number, me, ttl)
        if previous is not None and previous.adviser == me.adviser:
            await self._note(case, f"You already have case {case.number}.")
            return
        before = f", taking it over from {previous.name}" if previous is not None else ""
        await self._changed(case, me.name, f"Case {case.number} is now {me.name}'s{before}. /release frees it.")

    async def _release(self, case: Case, me: Claim) -> None:
        previous = await self.records.release(case.number)
        if previous is None:
            await self._note(case, f"Case {case.number} was not claimed by anyone.")
            return
        whose = "" if previous.adviser == me.adviser else f" (it was {previous.name}'s)"
        await self._changed(case, None, f"{me.name} released case {case.number}{whose}. /take claims it.")

    async def _transfer(self, case: Case, me: Claim, post: AdviserPost, argument: str) -> None:
        target = await self._mentioned(post, argument)
        if isinstance(target, str):
            await self._note(case, target)
            return
        previous = await self.records.take(case.number, target, self.cases.open_ttl_s)
        before = f" (it was {previous.name}'s)" if previous is not None and previous.adviser != target.adviser else ""
        await self._changed(case, target.name, f"{me.name} gave case {case.number} to {target.name}{before}.")

    async def _mentioned(self, post: AdviserPost, argument: str) -> Claim | str:
        """The member ``/transfer`` names, or why there is none (a one-line note)."""
        usage = "Usage: /transfer @username (a member of this group). Nothing was changed."
        if post.mentioned:
            user_id, name = post.mentioned[0]
            if not await self.is_member(user_id, post.thread_id):
                return f"{name or 'That person'} is not a member of this group. Nothing was changed."
            return await self.adviser(user_id, name)
        found = _USERNAME.search(argument)
        if found is None:
            return usage
        known = await self.records.adviser_by_username(found.group(1))
        if known is None:
            return (
                f"I do not know @{found.group(1)} yet: they need to write once in this group, or pick them from "
                "Telegram's member list when you mention them. Nothing was changed."
            )
        return known

    async def _changed(self, case: Case, holder: str | None, note: str) -> None:
        await self._note(case, note)
        await self.desk.show_claim(case, holder)
        self.board.poke()

    # ---- who may write to the person

    async def may_reply(self, case: Case, user_id: int, name: str) -> bool:
        """False (and a one-line note) when another adviser has claimed the case."""
        holder = await self.records.claim(case.number)
        if holder is None or holder.adviser == (await self.adviser(user_id, name)).adviser:
            return True
        await self._note(case, f"Not sent to the person: case {case.number} is {holder.name}'s. /take takes it over.")
        return False

    # ---- reviewed answers

    async def _send(self, case: Case, me: Claim, what: str) -> None:
        if not what:
            await self._note(case, "Usage: /send TOPIC_ID (see /answers) or /send calculator. Nothing was sent.")
            return
        if what == CALCULATOR:
            replies: list[Reply] | None = await self.engine.adviser_calculator(case)
            sent = "the deadline calculator (its first question)"
        else:
            replies = await self.engine.adviser_answer(case, what)
            sent = f"the reviewed answer “{what}”"
        if replies is None:
            await self._note(
                case,
                f"No reviewed answer has the id “{what}”: /answers lists them, /send calculator starts the deadline "
                "calculator. Nothing was sent to the person.",
            )
            return
        problem = await self.to_person(case, replies)
        language = "Arabic" if case.language == "ar" else "English" if case.language == "en" else case.language
        if problem is None:
            await self._note(case, f"{me.name} sent the person {sent}, in {language}.{self._checked(what)}")
        else:
            await self._note(case, f"NOT delivered to the person ({sent}): {problem}.")
        self.board.poke()

    def _checked(self, topic_id: str) -> str:
        topic = self.engine.content.current.topics.get(topic_id)
        return f" Last checked {topic.reviewed_on.isoformat()}." if topic is not None else ""

    def _page(self, page: int) -> tuple[str, Keyboard]:
        content = self.engine.content.current
        source = content.languages.source_language
        ids = sorted(content.topics, key=lambda t: content.page(t, source).title.lower())
        pages = max(1, -(-len(ids) // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        shown = ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        rows: list[tuple[Button, ...]] = [
            (Button(content.page(t, source).short_title, f"{SEND_DATA}{t}"),) for t in shown
        ]
        navigation = []
        if page > 0:
            navigation.append(Button("« Previous", f"{PAGE_DATA}{page - 1}"))
        if page < pages - 1:
            navigation.append(Button("Next »", f"{PAGE_DATA}{page + 1}"))
        if navigation:
            rows.append(tuple(navigation))
        lines = [
            f"<b>Reviewed answers</b> (page {page + 1} of {pages}). A button sends that answer to the person, in "
            "their language, with its review notice and date. Or type /send TOPIC_ID:",
            *(f"• <code>{html.escape(t)}</code>: {html.escape(content.page(t, source).title)}" for t in shown),
            "• <code>calculator</code>: the deadline calculator",
        ]
        return "\n".join(lines), tuple(rows)

    async def _list(self, case: Case, page: int) -> None:
        text, keyboard = self._page(page)
        assert case.thread is not None
        send = partial(self.transport.send_message, self.chat_id, text, keyboard, html=True, thread_id=case.thread)
        try:
            await retrying(send, "sendMessage")
        except TelegramFailure as exc:
            log.error("case %s: the list of answers could not be posted (%s)", case.number, exc.reason)

    async def press(self, press: AdviserPress, case: Case) -> None:
        """A button under ``/answers``: another page, or send that answer."""
        if press.data.startswith(PAGE_DATA):
            try:
                page = int(press.data.removeprefix(PAGE_DATA))
            except ValueError:
                return
            text, keyboard = self._page(page)
            edit = partial(self.transport.edit_message, self.chat_id, press.message_id, text, keyboard)
            try:
                await retrying(edit, "editMessageText")
            except Rejected as exc:
                if not exc.not_modified:
                    log.info("case %s: the answers list could not be turned (%s)", case.number, exc.reason)
            return
        if not press.data.startswith(SEND_DATA):
            return
        if not case.open:
            await self._note(case, f"Case {case.number} is closed: nothing was sent. /reopen opens it again.")
            return
        if await self.may_reply(case, press.sender_id, press.sender_name):
            me = await self.adviser(press.sender_id, press.sender_name)
            await self._send(case, me, press.data.removeprefix(SEND_DATA))

    async def _note(self, case: Case, text: str) -> None:
        try:
            await self.desk.note(case, text)
        except AdvisersUnreachable as exc:
            log.error("A note for case %s could not be posted: %s", case.number, exc)
