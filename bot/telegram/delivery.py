"""Getting messages to a person, shared by the update processor (the bot's replies) and the adviser room (the
advisers' replies).

- ``send_outgoing``: one rendered message, sent with retries after 429 and transient errors, and sent again as
  plain text if Telegram refuses its markup.
- ``deliver``: the engine's replies to a chat, rendered and sent in order; a person who blocked the bot ends
  the delivery quietly, any other failure is logged and the next message goes on.
- ``typing``: "typing" shown while the bot thinks, renewed every few seconds; best effort, never retried.

Logs name a person only by the first characters of their keyed hash, never a chat id or a message text.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from functools import partial

from bot.core.turn import Reply
from bot.telegram import metrics
from bot.telegram.api import Rejected, TelegramFailure, Transport, Unreachable, retrying
from bot.telegram.render import Outgoing, render

log = logging.getLogger(__name__)

TYPING_EVERY_S = 4.5  # Telegram shows "typing" for 5 seconds


async def send_outgoing(transport: Transport, chat_id: int, message: Outgoing, reply_to: int | None = None) -> int:
    """One rendered message, retried after 429 and transient failures, sent again as plain text if Telegram
    refuses its markup; ``reply_to``: as a reply to that message. Returns its id. Raises the ``TelegramFailure``
    that ended it."""
    send = partial(transport.send_message, reply_to=reply_to)
    try:
        sent = await retrying(partial(send, chat_id, message.html, message.keyboard, html=True), "sendMessage")
    except Rejected as exc:
        if not exc.bad_markup:
            raise
        log.error("Telegram refused a message's markup (%s); sending it as plain text", exc.description)
        sent = await retrying(partial(send, chat_id, message.plain, message.keyboard, html=False), "sendMessage")
    metrics.MESSAGES.inc()
    return sent


async def deliver(transport: Transport, chat_id: int, replies: list[Reply], person: str) -> None:
    """The replies of one turn, in order. Never raises a ``TelegramFailure``."""
    for reply in replies:
        for message in render(reply):
            try:
                await send_outgoing(transport, chat_id, message)
            except Unreachable as exc:
                metrics.FAILURES.labels("sendMessage", exc.reason).inc()
                log.info("person=%s cannot be reached (%s); the turn ends", person[:8], exc.description)
                return
            except TelegramFailure as exc:
                metrics.FAILURES.labels("sendMessage", exc.reason).inc()
                log.warning("person=%s: a message was not delivered: %s", person[:8], exc.description)
        metrics.REPLIES.labels(reply.kind).inc()


@contextlib.asynccontextmanager
async def typing(transport: Transport, chat_id: int) -> AsyncIterator[None]:
    """ "typing" now and every few seconds until the block ends; best effort, never retried."""
    with contextlib.suppress(TelegramFailure, TimeoutError):
        await asyncio.wait_for(transport.send_typing(chat_id), timeout=2.0)
    keeper = asyncio.create_task(_keep_typing(transport, chat_id))
    try:
        yield
    finally:
        keeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await keeper


async def _keep_typing(transport: Transport, chat_id: int) -> None:
    while True:
        await asyncio.sleep(TYPING_EVERY_S)
        try:
            await transport.send_typing(chat_id)
        except Unreachable:
            return
        except TelegramFailure:
            pass
