"""Edits and replies during a case, both ways (``bot.store.relayed`` remembers which message stands for which):

- a person's edit reaches the advisers as a correction: a clearly marked message in the case's topic, sent as a
  reply to the copy of the message it corrects. Edits outside a case are ignored, as before (the engine decides);
- an adviser's edit of a post reaches the person as a correction under the neutral name ("المستشار (تصحيح)" /
  "Adviser (correction)"), as a reply to the message the post became; the topic is told if it could not be sent;
- an adviser's reply to the copy of a person's message (any photo of an album too) reaches the person as a reply to
  their own message (``person_message``).

Notes for advisers are in English.
"""

from __future__ import annotations

import html
import logging
from functools import partial
from typing import TYPE_CHECKING

from redis.exceptions import RedisError

from bot.core.turn import Turn
from bot.handoff.cases import Case
from bot.telegram.api import retrying
from bot.telegram.render import sanitize_html

if TYPE_CHECKING:
    from bot.telegram.adviser_desk import TelegramDesk
    from bot.telegram.adviser_room import AdviserRoom
    from bot.telegram.updates import AdviserPost

log = logging.getLogger(__name__)


def message_id_of(ref: str | None) -> int | None:
    """The message id in ``Turn.ref`` (``"<chat_id>:<message_id>"``)."""
    try:
        return int((ref or "").rpartition(":")[2])
    except ValueError:
        return None


async def remember(desk: TelegramDesk, case: Case, message_id: int, copy_id: int) -> None:
    """The person's ``message_id`` is ``copy_id`` in the case's topic (best effort: without it, a later correction
    is posted without pointing at the message it corrects)."""
    try:
        await desk.relayed.remember(case.person, message_id, copy_id)
    except RedisError as exc:
        log.warning("case %s: a relayed message was not remembered (%s)", case.number, type(exc).__name__)


async def person_message(desk: TelegramDesk, case: Case, copy_id: int | None) -> int | None:
    """The person's message that the copy ``copy_id`` in the topic stands for (best effort: None when unknown)."""
    if copy_id is None:
        return None
    try:
        return await desk.relayed.original_of(case.person, copy_id)
    except RedisError as exc:
        log.warning("case %s: the message replied to could not be found (%s)", case.number, type(exc).__name__)
        return None


async def correct(desk: TelegramDesk, case: Case, turn: Turn, thread: int) -> None:
    """Post the person's corrected text in the topic, marked, as a reply to the copy of the original."""
    original = message_id_of(turn.ref)
    copy_id = None
    if original is not None:
        try:
            copy_id = await desk.relayed.copy_of(case.person, original)
        except RedisError as exc:
            log.warning("case %s: the corrected message could not be found (%s)", case.number, type(exc).__name__)
    where = "the message this replies to" if copy_id is not None else "one of their earlier messages"
    text = sanitize_html(f"<b>✏️ Correction</b> <i>(the person edited {where}; it now reads:)</i>\n")
    text += html.escape(turn.text)
    send = partial(desk.transport.send_message, desk.chat_id, text, (), html=True, thread_id=thread, reply_to=copy_id)
    await retrying(send, "sendMessage")


async def remember_reply(room: AdviserRoom, case: Case, post_id: int, sent_id: int) -> None:
    """The adviser's ``post_id`` reached the person as ``sent_id`` (best effort, as ``remember``)."""
    try:
        await room.desk.relayed.remember_reply(case.person, post_id, sent_id)
    except RedisError as exc:
        log.warning("case %s: a reply was not remembered (%s)", case.number, type(exc).__name__)


async def correct_reply(room: AdviserRoom, post: AdviserPost, case: Case) -> None:
    """The adviser's corrected post to the person, marked, as a reply to what the post became there."""
    try:
        earlier = await room.desk.relayed.reply_of(case.person, post.message_id)
    except RedisError:
        earlier = None
    text_html = post.html if post.html is not None else html.escape(post.text or "")
    replies = await room.engine.adviser_correction(case, text_html)
    problem = await room._to_person(case, replies, reply_to=earlier)
    if problem is not None:
        await room._note(case, f"Your correction was NOT delivered to the person: {problem}.")
