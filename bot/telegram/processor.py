"""From a framework's update to the engine and back: exactly once, in order, and robust to Telegram's refusals.

- **Exactly once.** An update id is claimed in Redis before it is handled (``SET NX``); a second delivery of
  the same update (a webhook retry, a restart before getUpdates confirmed it, another bot process) finds the
  claim and is skipped. The claim becomes "done" for 24 hours, the longest Telegram keeps an update; a claim
  whose process died mid-way expires after five minutes so that a later retry is handled.
- **In order.** Each chat has a lane in this process: its updates are handled one after another in the order
  they arrived, while different chats proceed in parallel. Across processes a per-person lock in Redis
  (renewed while held) keeps two turns of one person from running at once.
- **Delivery.** A button press is answered at once; a typed question shows "typing" while the NLU works;
  replies are rendered (``render``), sent with retries after 429 and transient errors, and sent again as plain
  text if Telegram refuses their markup. A person who blocked the bot ends the turn quietly.
- **The advisers' group** (``ADVISER_CHAT_ID``): its topic messages have a lane per topic and go to the
  ``AdviserHandler`` (``adviser_room``), not to the engine; every other group is ignored.
- **Without Redis** the engine still answers from content, so updates are then handled without the repeat check
  and the lock rather than not at all.

Logs name a person only by the first characters of their keyed hash (``Store.person``), never a Telegram id or
anything the person wrote.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Hashable
from contextvars import ContextVar
from functools import partial
from typing import Any, Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.engine.engine import Engine
from bot.engine.turn import Reply
from bot.store.store import PREFIX, Store
from bot.telegram import metrics
from bot.telegram.api import Rejected, TelegramFailure, Transport, Unreachable, retrying
from bot.telegram.render import Outgoing, render
from bot.telegram.updates import AdviserPost, Incoming, Skipped, parse_update

log = logging.getLogger(__name__)

DEDUPE_TTL_S = 24 * 3600  # Telegram keeps an undelivered update for at most 24 hours
CLAIM_TTL_S = 300  # an update being handled; freed after this if its process died
LOCK_LEASE_S = 30.0  # the per-person lock; renewed every third of it while held
LOCK_WAIT_S = 60.0  # after this, a turn goes ahead without the lock rather than never
TYPING_EVERY_S = 4.5  # Telegram shows "typing" for 5 seconds
MAX_CONCURRENT_TURNS = 32

# The futures of the updates submitted while feeding one webhook request (see ``feed_and_wait``).
_collecting: ContextVar[list[asyncio.Future[bool]] | None] = ContextVar("sanad_telegram_collecting", default=None)


class Dedupe:
    """Update ids seen, in Redis, per bot: update ids are numbered per bot, so another bot (a new token) sharing
    this Redis must not find its ids already taken. The keys name no person and expire."""

    def __init__(self, redis: Redis, bot_id: str) -> None:
        self.redis = redis
        self.bot_id = bot_id

    def key(self, update_id: int) -> str:
        return f"{PREFIX}:tg:{self.bot_id}:update:{update_id}"

    async def claim(self, update_id: int) -> bool:
        """True for the first delivery of ``update_id``; False for every later one. Without Redis, True: an
        answer twice is better than none (the engine answers from content while Redis is away)."""
        try:
            return bool(await self.redis.set(self.key(update_id), "working", nx=True, ex=CLAIM_TTL_S))
        except RedisError as exc:
            log.warning("Redis unavailable (%s): an update is handled without the repeat check", type(exc).__name__)
            return True

    async def finish(self, update_id: int) -> None:
        with contextlib.suppress(RedisError):
            await self.redis.set(self.key(update_id), "done", ex=DEDUPE_TTL_S)

    async def release(self, update_id: int) -> None:
        with contextlib.suppress(RedisError):
            await self.redis.delete(self.key(update_id))


class PersonLocks:
    """One turn at a time per person, across bot processes."""

    def __init__(self, redis: Redis, lease_s: float = LOCK_LEASE_S, wait_s: float = LOCK_WAIT_S) -> None:
        self.redis = redis
        self.lease_s = lease_s
        self.wait_s = wait_s

    @contextlib.asynccontextmanager
    async def hold(self, person: str) -> AsyncIterator[None]:
        lock = self.redis.lock(
            f"{PREFIX}:tg:lock:{person}",
            timeout=self.lease_s,
            sleep=0.05,
            blocking_timeout=self.wait_s,
            thread_local=False,
        )
        try:
            acquired = await lock.acquire()
        except RedisError as exc:
            log.warning("Redis unavailable (%s): a turn goes ahead without the person lock", type(exc).__name__)
            acquired = False
        else:
            if not acquired:
                log.warning("person=%s: lock not free after %.0f s; going ahead without it", person[:8], self.wait_s)
        renewal = asyncio.create_task(self._renew(lock)) if acquired else None
        try:
            yield
        finally:
            if renewal is not None:
                renewal.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await renewal
                with contextlib.suppress(RedisError):  # LockError included: it expired, or Redis went away
                    await lock.release()

    async def _renew(self, lock: Any) -> None:
        while True:
            await asyncio.sleep(self.lease_s / 3)
            try:
                await lock.reacquire()
            except RedisError:
                log.warning("A person lock could not be renewed")
                return


async def send_outgoing(transport: Transport, chat_id: int, message: Outgoing) -> None:
    """One rendered message, retried after 429 and transient failures, sent again as plain text if Telegram
    refuses its markup. Raises the ``TelegramFailure`` that ended it."""
    send = transport.send_message
    try:
        await retrying(partial(send, chat_id, message.html, message.keyboard, html=True), "sendMessage")
    except Rejected as exc:
        if not exc.bad_markup:
            raise
        log.error("Telegram refused a message's markup (%s); sending it as plain text", exc.description)
        await retrying(partial(send, chat_id, message.plain, message.keyboard, html=False), "sendMessage")
    metrics.MESSAGES.inc()


class AdviserHandler(Protocol):
    async def handle(self, post: AdviserPost) -> None:
        """Act on a message in a topic of the advisers' group (``adviser_room.AdviserRoom``)."""


Work = Incoming | AdviserPost


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
        self.dedupe = Dedupe(store.redis, bot_id)
        self.locks = PersonLocks(store.redis)
        self._turns = asyncio.Semaphore(max_concurrent)
        self._lanes: dict[Hashable, deque[tuple[Work, asyncio.Future[bool]]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

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
            collecting.append(future)
        lane = self._lanes.get(incoming.lane)
        if lane is None:
            lane = self._lanes[incoming.lane] = deque()
            self._spawn(self._run_lane(incoming.lane, lane))
        lane.append((incoming, future))
        metrics.IN_FLIGHT.inc()
        return future

    async def feed_and_wait(self, feed: Callable[[], Awaitable[None]]) -> bool:
        """Run ``feed`` (a framework dispatching one webhook update) and wait until what it submitted is
        handled. False when handling failed, so that the webhook asks Telegram to deliver it again."""
        submitted: list[asyncio.Future[bool]] = []
        token = _collecting.set(submitted)
        try:
            await feed()
        finally:
            _collecting.reset(token)
        return all(await asyncio.gather(*submitted))

    async def drain(self, timeout_s: float = 30.0) -> None:
        """Finish the updates in flight (at shutdown); what is not finished within ``timeout_s`` is cancelled,
        its claim released so that Telegram's next delivery is handled."""
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

    async def _run_lane(self, key: Hashable, lane: deque[tuple[Work, asyncio.Future[bool]]]) -> None:
        try:
            while lane:
                incoming, future = lane[0]
                try:
                    await self._handle(incoming)
                except Exception:
                    log.exception("An update could not be handled")
                    future.set_result(False)
                else:
                    future.set_result(True)
                lane.popleft()
                metrics.IN_FLIGHT.dec()
        finally:
            for _incoming, future in lane:  # cancelled at shutdown
                if not future.done():
                    future.set_result(False)
                metrics.IN_FLIGHT.dec()
            lane.clear()
            if self._lanes.get(key) is lane:
                del self._lanes[key]

    async def _handle(self, incoming: Work) -> None:
        if not await self.dedupe.claim(incoming.update_id):
            metrics.UPDATES.labels("duplicate").inc()
            log.info("Update delivered again; already handled")
            return
        metrics.UPDATES.labels(incoming.kind).inc()
        started = time.perf_counter()
        try:
            if isinstance(incoming, AdviserPost):
                if self.advisers is not None:
                    async with self._turns:
                        await self.advisers.handle(incoming)
            else:
                await self._turn(incoming)
        except BaseException:
            with contextlib.suppress(Exception):
                await asyncio.shield(self.dedupe.release(incoming.update_id))
            raise
        await self.dedupe.finish(incoming.update_id)
        metrics.TURN_SECONDS.observe(time.perf_counter() - started)

    async def _turn(self, incoming: Incoming) -> None:
        if incoming.callback_id:
            await self._answer(incoming.callback_id)
        try:
            person = await self.store.person(incoming.turn.user)
        except RedisError:  # no HASH_KEY set and Redis away: the engine answers without stored state
            person = "unknown"
        async with self._turns, self.locks.hold(person):
            replies = await self._think(incoming)
            await self._deliver(incoming.chat_id, replies, person)

    async def _think(self, incoming: Incoming) -> list[Reply]:
        if not incoming.needs_nlu:
            return await self.engine.handle(incoming.turn)
        async with self._typing(incoming.chat_id):
            return await self.engine.handle(incoming.turn)

    @contextlib.asynccontextmanager
    async def _typing(self, chat_id: int) -> AsyncIterator[None]:
        """ "typing" now and every few seconds until the replies are ready; best effort, never retried."""
        with contextlib.suppress(TelegramFailure, TimeoutError):
            await asyncio.wait_for(self.transport.send_typing(chat_id), timeout=2.0)
        keeper = asyncio.create_task(self._keep_typing(chat_id))
        try:
            yield
        finally:
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper

    async def _keep_typing(self, chat_id: int) -> None:
        while True:
            await asyncio.sleep(TYPING_EVERY_S)
            try:
                await self.transport.send_typing(chat_id)
            except Unreachable:
                return
            except TelegramFailure:
                pass

    async def _answer(self, callback_id: str) -> None:
        """Stop the spinner on the pressed button. Best effort: an old query can no longer be answered."""
        try:
            await retrying(partial(self.transport.answer_callback, callback_id), "answerCallbackQuery", attempts=2)
        except TelegramFailure as exc:
            metrics.FAILURES.labels("answerCallbackQuery", exc.reason).inc()
            log.info("A button press could not be answered: %s", exc.description)

    async def _deliver(self, chat_id: int, replies: list[Reply], person: str) -> None:
        for reply in replies:
            for message in render(reply):
                try:
                    await self._send(chat_id, message)
                except Unreachable as exc:
                    metrics.FAILURES.labels("sendMessage", exc.reason).inc()
                    log.info("person=%s cannot be reached (%s); the turn ends", person[:8], exc.description)
                    return
                except TelegramFailure as exc:
                    metrics.FAILURES.labels("sendMessage", exc.reason).inc()
                    log.warning("person=%s: a message was not delivered: %s", person[:8], exc.description)
            metrics.REPLIES.labels(reply.kind).inc()

    async def _send(self, chat_id: int, message: Outgoing) -> None:
        await send_outgoing(self.transport, chat_id, message)
