"""The bot's update queue and getUpdates long polling.

Semantics as Telegram documents them:
- an update is confirmed (and forgotten) once getUpdates is called with an offset above its update_id;
  a negative offset keeps only the last ``-offset`` updates;
- ``allowed_updates`` is remembered until changed and filters updates created after the change; an
  empty list means every type except chat_member, message_reaction and message_reaction_count;
- ``timeout`` is real long polling: the request returns as soon as an update arrives;
- a getUpdates that overlaps a pending one terminates the older one with 409 Conflict;
- with a webhook set, getUpdates answers 409 Conflict.
"""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import errors

DEFAULT_EXCLUDED_TYPES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)


@dataclass(eq=False)
class QueuedUpdate:
    update_id: int
    type: str
    payload: dict[str, Any]
    chat_key: int | None = None  # the chat the update belongs to (webhook delivery keeps order per chat)
    created_at: float = 0.0
    duplicate: bool = False

    def to_api(self) -> dict[str, Any]:
        return {"update_id": self.update_id, self.type: self.payload}


def type_allowed(update_type: str, allowed: list[str] | None) -> bool:
    if allowed:
        return update_type in allowed
    return update_type not in DEFAULT_EXCLUDED_TYPES


@dataclass
class UpdateQueue:
    next_id: int
    items: list[QueuedUpdate] = field(default_factory=list)
    history: dict[int, QueuedUpdate] = field(default_factory=dict)
    redeliveries: list[QueuedUpdate] = field(default_factory=list)
    allowed_updates: list[str] | None = None
    filtered: list[QueuedUpdate] = field(default_factory=list)  # created but not allowed
    listeners: list[Callable[[QueuedUpdate], None]] = field(default_factory=list)
    _waiters: set[asyncio.Future[None]] = field(default_factory=set)

    def push(self, update_type: str, payload: dict[str, Any], chat_key: int | None = None) -> QueuedUpdate | None:
        update = QueuedUpdate(self.next_id, update_type, copy.deepcopy(payload), chat_key, time.monotonic())
        self.next_id += 1
        if not type_allowed(update_type, self.allowed_updates):
            self.filtered.append(update)
            return None
        self.items.append(update)
        self.history[update.update_id] = update
        self._wake()
        for listener in list(self.listeners):
            listener(update)
        return update

    def redeliver(self, update_id: int, *, new_update_id: bool = False) -> QueuedUpdate:
        """Deliver an update once more (Telegram's at-least-once delivery), same or new update_id."""
        original = self.history.get(update_id)
        if original is None:
            raise KeyError(f"no update {update_id}")
        if new_update_id:
            again = self.push(original.type, original.payload, original.chat_key)
            if again is None:
                raise ValueError(f"update type {original.type!r} is not allowed by allowed_updates")
            again.duplicate = True
            return again
        again = QueuedUpdate(
            original.update_id,
            original.type,
            copy.deepcopy(original.payload),
            original.chat_key,
            original.created_at,
            duplicate=True,
        )
        self.redeliveries.append(again)
        self._wake()
        for listener in list(self.listeners):
            listener(again)
        return again

    def confirm(self, offset: int | None) -> None:
        if offset is None or offset == 0:
            return
        if offset < 0:
            keep = -offset
            self.items = self.items[-keep:] if keep < len(self.items) else self.items
            return
        self.items = [u for u in self.items if u.update_id >= offset]
        self.redeliveries = [u for u in self.redeliveries if u.update_id >= offset or u.duplicate]

    def take(self, limit: int) -> list[QueuedUpdate]:
        """Updates for a getUpdates answer; redelivered duplicates go out once, first."""
        out = self.redeliveries[:limit]
        self.redeliveries = self.redeliveries[len(out) :]
        out += self.items[: max(0, limit - len(out))]
        return out

    def remove(self, update: QueuedUpdate) -> None:
        self.items = [u for u in self.items if u is not update]
        self.redeliveries = [u for u in self.redeliveries if u is not update]

    def drop_pending(self) -> None:
        self.items.clear()
        self.redeliveries.clear()

    @property
    def pending_count(self) -> int:
        return len(self.items) + len(self.redeliveries)

    def waiter(self) -> asyncio.Future[None]:
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.add(fut)
        return fut

    def discard_waiter(self, fut: asyncio.Future[None]) -> None:
        self._waiters.discard(fut)
        if not fut.done():
            fut.cancel()

    def _wake(self) -> None:
        for fut in list(self._waiters):
            if not fut.done():
                fut.set_result(None)
        self._waiters.clear()


@dataclass
class _PendingPoll:
    interrupt: asyncio.Future[errors.ApiError | None]


class LongPoller:
    """getUpdates with real long polling and Telegram's conflict rules."""

    def __init__(self, queue: UpdateQueue, webhook_active: Callable[[], bool]):
        self.queue = queue
        self.webhook_active = webhook_active
        self._active: _PendingPoll | None = None
        self._closing = False

    @property
    def polling(self) -> bool:
        return self._active is not None and not self._active.interrupt.done()

    async def get_updates(
        self, *, offset: int | None, limit: int, timeout: float, allowed_updates: list[str] | None, set_allowed: bool
    ) -> list[dict[str, Any]]:
        if self.webhook_active():
            raise errors.conflict(errors.WEBHOOK_ACTIVE)
        if self._active is not None and not self._active.interrupt.done():
            # the newer request wins; the older one is answered with 409 Conflict, as Telegram does
            self._active.interrupt.set_result(errors.conflict(errors.TERMINATED_BY_OTHER_GET_UPDATES))
        loop = asyncio.get_running_loop()
        poll = _PendingPoll(loop.create_future())
        self._active = poll
        if set_allowed:
            self.queue.allowed_updates = allowed_updates
        self.queue.confirm(offset)
        deadline = loop.time() + max(0.0, timeout)
        try:
            while True:
                updates = self.queue.take(limit)
                if updates or self._closing:
                    return [u.to_api() for u in updates]
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return []
                wake = self.queue.waiter()
                try:
                    waiting: set[asyncio.Future[Any]] = {wake, poll.interrupt}
                    await asyncio.wait(waiting, timeout=remaining, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    self.queue.discard_waiter(wake)
                if poll.interrupt.done():
                    error = poll.interrupt.result()
                    if error is not None:
                        raise error
                    return []
        finally:
            if self._active is poll:
                self._active = None
            if not poll.interrupt.done():
                poll.interrupt.set_result(None)

    def interrupt(self, error: errors.ApiError | None) -> None:
        """End a pending long poll (with an error, or empty when ``error`` is None)."""
        if self._active is not None and not self._active.interrupt.done():
            self._active.interrupt.set_result(error)

    def close(self) -> None:
        self._closing = True
        self.interrupt(None)
