"""From a framework's update to the engine and back: exactly once, in order, and robust to Telegram's refusals.

- **Exactly once.** An update id is claimed in Redis before it is handled (``bot.store.isolation.Dedupe``); a
  second delivery of the same update (a webhook retry, a restart before getUpdates confirmed it, another bot
  process) is not answered again. The claim is a lease renewed while the update is handled, so the update of a
  process killed mid-way is handled by the next delivery within seconds (``bot.telegram.polling`` confirms a
  polled update to Telegram only once it is handled). A turn counts as handled once the engine has run it, before
  its replies are sent: a process killed in the moment between would lose those replies rather than run the
  turn twice.
- **In order.** Each chat has a lane in this process: its updates are handled one after another in the order
  they arrived, while different chats proceed in parallel. Across processes a per-person lock in Redis
  (``bot.store.isolation.PersonLocks``, renewed while held) keeps two turns of one person from running at once.
- **Delivery** (``delivery``). A button press is answered at once; a typed question shows "typing" while the NLU
  works; replies are rendered (``render``), sent with retries after 429 and transient errors, and sent again as
  plain text if Telegram refuses their markup. A person who blocked the bot ends the turn quietly.
- **The advisers' group** (``ADVISER_CHAT_ID``): its topic messages have a lane per topic and go to the
  ``AdviserHandler`` (``adviser_room``), not to the engine; every other group is ignored.
- **Without Redis** the engine still answers from content, so updates are then handled without the repeat check
  and the lock rather than not at all.
- **An unexpected error** while handling an update is logged (its type, where it was raised and the update's
  kind: no text, no id), the person is told once that the message is kept and will be answered, and the update
  is not marked done: the processor tries it again after ``RETRY_AFTER_S`` when polling, and the webhook
  answers 500 so that Telegram delivers it again.

Logs name a person only by the first characters of their keyed hash (``Store.person``), never a Telegram id or
anything the person wrote.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import traceback
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Hashable
from contextvars import ContextVar
from functools import partial
from typing import Any, Protocol

from redis.exceptions import RedisError

from bot.core.turn import Reply
from bot.engine.engine import Engine
from bot.i18n import translator
from bot.store.isolation import Claim, Dedupe, PersonLocks
from bot.store.store import Store
from bot.telegram import delivery, metrics
from bot.telegram.api import TelegramFailure, Transport, retrying
from bot.telegram.render import render
from bot.telegram.updates import AdviserPost, AdviserPress, Incoming, MemberChange, Skipped, parse_update

log = logging.getLogger(__name__)

MAX_CONCURRENT_TURNS = 32
RETRY_AFTER_S = (2.0, 10.0, 30.0, 120.0)  # polling: an update that failed is tried again after these pauses
REMEMBER_APOLOGIES = 1000  # update ids whose person was already told that their message is kept

# The futures of the updates submitted while feeding one update (see ``feed_and_wait``), and whether a failure is
# given back to Telegram for a new delivery (webhook) instead of being tried again here (polling).
_collecting: ContextVar[tuple[list[asyncio.Future[bool]], bool] | None] = ContextVar(
    "sanad_telegram_collecting", default=None
)


class AdviserHandler(Protocol):
    async def handle(self, post: AdviserPost) -> None:
        """Act on a message in a topic of the advisers' group (``adviser_room.AdviserRoom``)."""

    async def press(self, press: AdviserPress) -> None:
        """Act on a button pressed in a topic of the advisers' group."""

    async def member_changed(self, change: MemberChange) -> None:
        """Someone joined or left the advisers' group: their rights change at once."""


Work = Incoming | AdviserPost | AdviserPress | MemberChange
Queued = tuple[Work, asyncio.Future[bool], bool]  # the update, its outcome, and whether a webhook brought it


class UpdateProcessor:
    def __init__(
        self,
        engine: Engine,
        store: Store,
        transport: Transport,
        max_concurrent: int = MAX_CONCURRENT_TURNS,
        adviser_chat_id: int | None = None,
        bot_id: str = "bot",
    ) -> None:
        self.engine = engine
        self.store = store
        self.transport = transport
        self.adviser_chat_id = adviser_chat_id  # updates from this group go to ``advisers``; other groups: ignored
        self.advisers: AdviserHandler | None = None
        self.dedupe = Dedupe(store, bot_id)
        self.locks = PersonLocks(store)
        self._turns = asyncio.Semaphore(max_concurrent)
        self._lanes: dict[Hashable, deque[Queued]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._apologised: dict[int, None] = {}  # update ids, oldest first
        self._stopping = asyncio.Event()  # set by ``drain``: no more retries
        engine.download = transport.download  # the letter reader fetches a letter's file with getFile

    # ---- taking updates in

    def on_update(self, update: Any) -> None:
        """The one handler both frameworks call for every update. Never blocks, never raises."""
        try:
            parsed = parse_update(update, self.adviser_chat_id if self.advisers is not None else None)
        except Exception:  # an update shaped like nothing Telegram sends today
            log.exception("An update could not be read")
            parsed = Skipped("unreadable")
        if isinstance(parsed, Skipped):
            metrics.UPDATES.labels(f"skipped_{parsed.reason}").inc()
            if parsed.callback_id:
                self._spawn(self._answer(parsed.callback_id))
            return
        self.submit(parsed)

    def submit(self, incoming: Work) -> asyncio.Future[bool]:
        """Queue ``incoming`` in its lane (a chat, or a topic of the advisers' group); the future tells whether
        it was handled (True) or failed."""
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        collecting = _collecting.get()
        if collecting is not None:
            collecting[0].append(future)
        lane = self._lanes.get(incoming.lane)
        if lane is None:
            lane = self._lanes[incoming.lane] = deque()
            self._spawn(self._run_lane(incoming.lane, lane))
        lane.append((incoming, future, collecting is not None and collecting[1]))
        metrics.IN_FLIGHT.inc()
        return future

    async def feed_and_wait(self, feed: Callable[[], Awaitable[None]], by_webhook: bool = True) -> bool:
        """Run ``feed`` (a framework dispatching one update) and wait until what it submitted is handled. False
        when handling failed: a webhook update (``by_webhook``) at once, so that the webhook asks Telegram to
        deliver it again; a polled one after the retries here (``RETRY_AFTER_S``)."""
        submitted: list[asyncio.Future[bool]] = []
        token = _collecting.set((submitted, by_webhook))
        try:
            await feed()
        finally:
            _collecting.reset(token)
        return all(await asyncio.gather(*submitted))

    async def handle_polled(self, update: Any) -> bool:
        """One update fetched by ``bot.telegram.polling``: handed over and waited for (True once handled, False
        when given up after the retries here)."""

        async def feed() -> None:
            self.on_update(update)

        return await self.feed_and_wait(feed, by_webhook=False)

    async def drain(self, timeout_s: float = 30.0) -> None:
        """Finish the updates in flight (at shutdown); what is not finished within ``timeout_s`` is cancelled,
        its claim released so that Telegram's next delivery is handled."""
        self._stopping.set()
        tasks = list(self._tasks)
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=timeout_s)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if pending:
            log.warning("Shutdown: %d chat(s) still busy after %.0f s were cancelled", len(pending), timeout_s)

    # ---- handling

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run_lane(self, key: Hashable, lane: deque[Queued]) -> None:
        try:
            while lane:
                incoming, future, by_webhook = lane[0]
                future.set_result(await self._handle_or_retry(incoming, by_webhook))
                lane.popleft()
                metrics.IN_FLIGHT.dec()
        finally:
            for _incoming, future, _by_webhook in lane:  # cancelled at shutdown
                if not future.done():
                    future.set_result(False)
                metrics.IN_FLIGHT.dec()
            lane.clear()
            if self._lanes.get(key) is lane:
                del self._lanes[key]

    async def _handle_or_retry(self, incoming: Work, by_webhook: bool) -> bool:
        """Handle ``incoming``; True once it was. After an unexpected error its claim is released (``_handle``)
        and the person told it is kept. A webhook update then fails at once, for Telegram to deliver it again;
        a polled one, which Telegram will not deliver again, is tried again here, in its place in the lane."""
        for attempt, pause in enumerate((*RETRY_AFTER_S, None), start=1):
            try:
                await self._handle(incoming)
            except Exception as exc:
                retry_in = pause if not by_webhook and not self._stopping.is_set() else None
                if retry_in is not None:
                    then = f"tried again in {retry_in:.0f} s"
                elif by_webhook:
                    then = "the webhook asks Telegram to deliver it again"
                else:
                    then = "given up" if pause is None else "not tried again: the bot is stopping"
                _log_failure(incoming, exc, attempt, then)
                metrics.ERRORS.labels(incoming.kind).inc()
                if isinstance(incoming, Incoming):
                    await self._apologise(incoming)
                if retry_in is None or not await self._pause(retry_in):
                    return False
            else:
                return True
        return False  # not reached: the last attempt has no pause

    async def _pause(self, seconds: float) -> bool:
        """Wait before a retry; False when the bot began to stop meanwhile."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)
        return not self._stopping.is_set()

    async def _apologise(self, incoming: Incoming) -> None:
        """Tell the person, once per update, that their message is kept and will be answered. In Arabic and
        English: which of the two they chose is in their session, and the error may be in reading it."""
        if incoming.update_id in self._apologised:
            return
        self._apologised[incoming.update_id] = None
        if len(self._apologised) > REMEMBER_APOLOGIES:
            del self._apologised[next(iter(self._apologised))]
        text = "\n\n".join(_kept(language) for language in ("ar", "en"))
        try:
            for message in render(Reply(text, kind="kept")):
                await delivery.send_outgoing(self.transport, incoming.chat_id, message)
        except TelegramFailure as exc:
            metrics.FAILURES.labels("sendMessage", exc.reason).inc()
            log.info("The person could not be told that their message is kept: %s", exc.description)
        except Exception as exc:  # the last-resort path itself must not fail the lane
            log.error("The person could not be told that their message is kept: %s", type(exc).__name__)
        else:
            metrics.REPLIES.labels("kept").inc()

    async def _handle(self, incoming: Work) -> None:
        claim = await self.dedupe.claim(incoming.update_id)
        if claim is None:
            metrics.UPDATES.labels("duplicate").inc()
            log.info("Update delivered again; already handled")
            return
        metrics.UPDATES.labels(incoming.kind).inc()
        started = time.perf_counter()
        try:
            if isinstance(incoming, AdviserPress):
                await self._answer(incoming.callback_id)
            if isinstance(incoming, AdviserPost | AdviserPress | MemberChange):
                if self.advisers is not None:
                    async with self._turns:
                        await self._to_advisers(self.advisers, incoming)
            else:
                await self._turn(incoming, claim)
        except BaseException:
            with contextlib.suppress(Exception):
                await asyncio.shield(claim.release())
            raise
        await claim.finish()
        metrics.TURN_SECONDS.observe(time.perf_counter() - started)

    @staticmethod
    async def _to_advisers(advisers: AdviserHandler, incoming: AdviserPost | AdviserPress | MemberChange) -> None:
        if isinstance(incoming, AdviserPost):
            await advisers.handle(incoming)
        elif isinstance(incoming, AdviserPress):
            await advisers.press(incoming)
        else:
            await advisers.member_changed(incoming)

    async def _turn(self, incoming: Incoming, claim: Claim) -> None:
        """The engine's turn, then its replies. The update counts as handled once the turn has run (its effects
        are in Redis): a process killed while sending the replies does not have the turn run a second time."""
        if incoming.callback_id:
            await self._answer(incoming.callback_id)
        try:
            person = await self.store.person(incoming.turn.user)
        except RedisError:  # no HASH_KEY set and Redis away: the engine answers without stored state
            person = "unknown"
        async with self._turns, self.locks.hold(person):
            replies = await self._think(incoming)
            await claim.finish()
            await delivery.deliver(self.transport, incoming.chat_id, replies, person)

    async def _think(self, incoming: Incoming) -> list[Reply]:
        if not incoming.needs_nlu and incoming.turn.file_id is None:  # a letter takes seconds to read
            return await self.engine.handle(incoming.turn)
        async with delivery.typing(self.transport, incoming.chat_id):
            return await self.engine.handle(incoming.turn)

    async def _answer(self, callback_id: str) -> None:
        """Stop the spinner on the pressed button. Best effort: an old query can no longer be answered."""
        try:
            await retrying(partial(self.transport.answer_callback, callback_id), "answerCallbackQuery", attempts=2)
        except TelegramFailure as exc:
            metrics.FAILURES.labels("answerCallbackQuery", exc.reason).inc()
            log.info("A button press could not be answered: %s", exc.description)


def _kept(language: str) -> str:
    _ = translator(language)
    return _(
        "Sorry, something went wrong on our side. Your message is kept, and I will answer it shortly. You do not "
        "need to send it again."
    )


def _log_failure(incoming: Work, exc: Exception, attempt: int, then: str) -> None:
    """The error's type and where it was raised (innermost first), never its message: that may quote what the
    person wrote."""
    frames = traceback.extract_tb(exc.__traceback__)[::-1][:6]
    where = " < ".join(f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} {frame.name}" for frame in frames)
    log.error(
        "An update could not be handled (kind=%s, attempt %d): %s at %s; %s",
        incoming.kind,
        attempt,
        type(exc).__name__,
        where,
        then,
    )
