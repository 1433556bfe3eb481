"""What is held of an album in a case, and what is sent when it is relayed (the gathering is ``albums``).

- **The person's album** reaches the case's topic as one album (``sendMediaGroup`` with the topic's
  ``message_thread_id``), each item with its caption. Each copy is remembered (``bot.store.relayed``), so that an
  adviser's reply to any photo of it reaches the person as a reply to that photo, and a correction of its caption
  points at it.
- **An adviser's album** reaches the person as one album under the neutral label, "المستشار: ..." / "Adviser: ...",
  with the adviser's caption and formatting on its first item (the label alone as a message first when the
  caption would be too long; captions of further items stay on them); each item is remembered for the
  adviser's corrections. What cannot be delivered is
  reported in the topic.
- An item left alone (the rest of its album came later) is copied as before; so is every item of an album
  Telegram refuses as a whole, so that nothing is lost.

Photos and videos go together, documents and audio files each among their own kind, ten at most (Telegram's rules).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from redis.exceptions import RedisError

from bot.core.turn import Turn
from bot.handoff.cases import Case
from bot.store.held_albums import MAX_ITEMS, HeldItem
from bot.telegram import metrics
from bot.telegram.albums import TO_ADVISERS, TO_PERSON
from bot.telegram.api import AlbumItem, Rejected, Transport, retrying
from bot.telegram.edits import message_id_of, person_message, remember, remember_reply
from bot.telegram.render import fits_caption
from bot.telegram.updates import ALBUM_MEDIA, chat_of

if TYPE_CHECKING:
    from bot.telegram.adviser_desk import TelegramDesk
    from bot.telegram.adviser_room import AdviserRoom
    from bot.telegram.updates import AdviserPost

log = logging.getLogger(__name__)


def parts(items: Sequence[HeldItem]) -> list[list[HeldItem]]:
    """``items`` in order, in runs Telegram sends as one album: photos with videos, documents, audio; ten at most."""
    runs: list[list[HeldItem]] = []
    for item in items:
        if runs and ALBUM_MEDIA[runs[-1][-1].media] == ALBUM_MEDIA[item.media] and len(runs[-1]) < MAX_ITEMS:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


async def send_part(
    transport: Transport,
    chat_id: int,
    part: list[HeldItem],
    *,
    thread_id: int | None = None,
    reply_to: int | None = None,
) -> list[int] | None:
    """``part`` as one album; its messages' ids. None for a single item, or when Telegram refuses the album (then
    the items are sent one by one). Raises other ``TelegramFailure`` (a deleted topic included)."""
    if len(part) < 2:
        return None
    items = [AlbumItem(item.media, item.file_id, item.caption_html or None) for item in part]
    send = partial(transport.send_album, chat_id, items, thread_id=thread_id, reply_to=reply_to)
    try:
        return await retrying(send, "sendMediaGroup")
    except Rejected as exc:
        if exc.thread_gone or exc.topic_closed:
            raise
        metrics.FAILURES.labels("sendMediaGroup", exc.reason).inc()
        log.warning("sendMediaGroup refused (%s); sending the items one by one", exc.description)
        return None


# ---- the person's album, into the case's topic


async def hold_for_advisers(desk: TelegramDesk, case: Case, turn: Turn) -> bool:
    """Hold an item of the person's album to be posted with the others; False when it is no album item (or
    Redis cannot hold it), to be copied at once."""
    message_id = message_id_of(turn.ref)
    if turn.album is None or turn.album_file is None or turn.media not in ALBUM_MEDIA or message_id is None:
        return False
    item = HeldItem(message_id, turn.media, turn.album_file, html.escape(turn.text) if turn.text else None)
    try:
        await desk.albums.hold(case, TO_ADVISERS, turn.album, item)
    except RedisError as exc:
        log.warning("case %s: an album item could not be held (%s); copied alone", case.number, type(exc).__name__)
        return False
    return True


async def post_in_topic(desk: TelegramDesk, case: Case, items: list[HeldItem], thread: int) -> None:
    """The person's album in the topic ``thread``, each copy remembered."""
    chat = chat_of(case.address)
    for part in parts(items):
        copies = await send_part(desk.transport, desk.chat_id, part, thread_id=thread)
        if copies is None:
            for item in part:
                await desk.copy_in_topic(case, chat, item.message_id, item.media, thread)
            continue
        for item, copy_id in zip(part, copies, strict=False):
            await remember(desk, case, item.message_id, copy_id)


# ---- an adviser's album, to the person


async def hold_for_person(room: AdviserRoom, post: AdviserPost, case: Case) -> bool:
    """Hold an item of an adviser's album to be sent with the others; False when it is no album item (or Redis
    cannot hold it), to be relayed at once."""
    if post.album is None or post.album_file is None or post.media not in ALBUM_MEDIA:
        return False
    item = HeldItem(post.message_id, post.media, post.album_file, post.html, post.reply_to)
    try:
        await room.desk.albums.hold(case, TO_PERSON, post.album, item)
    except RedisError as exc:
        log.warning("case %s: an album item could not be held (%s); relayed alone", case.number, type(exc).__name__)
        return False
    return True


async def send_to_person(room: AdviserRoom, case: Case, items: list[HeldItem]) -> None:
    """An adviser's album to the person, labelled; what could not be delivered is reported in the topic."""
    captioned = next((index for index, item in enumerate(items) if item.caption_html), None)
    caption = items[captioned].caption_html if captioned is not None else None
    replies = await room.engine.adviser_message(case, caption or "")
    label = replies[0].text if replies else ""
    labelled = list(items)
    if captioned is not None:  # that caption goes with the label; "": its copy keeps no caption
        labelled[captioned] = replace(items[captioned], caption_html="")
    if fits_caption(label):
        labelled[0] = replace(labelled[0], caption_html=label)
    else:
        problem = await room._to_person(case, replies)  # the label and the caption as a message of their own first
        if problem is not None:
            await room._note(case, f"Your album was NOT delivered to the person: {problem}.")
            return
    replied = next((item.reply_to for item in items if item.reply_to is not None), None)
    reply_to = await person_message(room.desk, case, replied)
    problem = await room._attempt(partial(_send_all, room, case, labelled, reply_to), "sendMediaGroup")
    if problem is not None:
        await room._note(case, f"Your album was NOT delivered to the person: {problem}.")


async def _send_all(room: AdviserRoom, case: Case, items: list[HeldItem], reply_to: int | None) -> None:
    chat = chat_of(case.address)
    for part in parts(items):
        sent = await send_part(room.transport, chat, part, reply_to=reply_to)
        if sent is None:
            sent = []
            for item in part:
                copy = partial(
                    room.transport.copy_message,
                    chat,
                    room.chat_id,
                    item.message_id,
                    caption_html=item.caption_html,
                    reply_to=reply_to,
                )
                sent.append(await retrying(copy, "copyMessage"))
        for item, sent_id in zip(part, sent, strict=False):
            await remember_reply(room, case, item.message_id, sent_id)
