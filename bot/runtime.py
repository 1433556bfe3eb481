"""Starting and stopping everything the bot needs, for the terminal chat and the Telegram transports."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from typing import Any

from bot.content.provider import ContentProvider
from bot.engine.engine import Engine
from bot.engine.spool import Spool
from bot.handoff.card import card_writer
from bot.handoff.cases import CaseStore
from bot.handoff.desk import DeskFactory
from bot.nlu.client import NluClient
from bot.nlu.model import ContentBroken, ensure_model
from bot.nlu.rasa_process import RasaError, RasaServer
from bot.settings import Settings
from bot.store.server import redis_url
from bot.store.store import Store

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    content: ContentProvider
    store: Store
    nlu: NluClient | None
    engine: Engine


def build_engine(
    settings: Settings,
    content: ContentProvider,
    nlu: NluClient | None,
    store: Store,
    desk_for: DeskFactory | None = None,
    **overrides: Any,
) -> Engine:
    """The one way to build the engine from ``Settings``: production (``sanad run``, ``sanad chat``), the
    benchmark and the tests use it. ``desk_for`` is the transport's way to reach the advisers (Telegram's forum
    group); without it, or without ``ADVISER_CHAT_ID``, a request for an adviser shows free legal help.
    ``overrides`` replace ``Engine`` arguments by name (a fixed clock in tests, no flood budget in the benchmark).
    """
    cases = case_store(settings, store)
    desk = desk_for(cases, card_writer(content)) if cases is not None and desk_for is not None else None
    arguments: dict[str, Any] = {
        "thresholds": settings.thresholds(),
        "session_ttl_s": settings.session_ttl_s,
        "language_ttl_s": settings.language_ttl_s,
        "adviser_request_ttl_s": settings.adviser_request_ttl_s,
        "cases": cases,
        "desk": desk,
        "unanswered_ttl_s": settings.unanswered_ttl_s if settings.unanswered_log else None,
        "messages_per_minute": settings.messages_per_minute,
        "spool": Spool(settings.state_dir / "spool.jsonl"),
    }
    arguments.update(overrides)
    return Engine(content, nlu, store, **arguments)


def case_store(settings: Settings, store: Store) -> CaseStore | None:
    """Cases for human advisers, when there is an advisers' group (``ADVISER_CHAT_ID``)."""
    if settings.adviser_chat_id is None:
        return None
    return CaseStore(store, settings.case_open_ttl_s, settings.case_retention_s)


def startup_warnings(settings: Settings) -> list[str]:
    """What an operator should fix in ``settings`` before running several bot processes (logged at start)."""
    warnings = []
    if settings.redis_url and settings.hash_key is None:
        warnings.append(
            "HASH_KEY is not set: ids are hashed with a key kept in Redis, which each process reads once at start. "
            "If several processes share this Redis and that key expires or is lost, processes started afterwards "
            "hash ids differently from the running ones (a person's session and case split in two). Set the same "
            "HASH_KEY in every process."
        )
    return warnings


def _start_child_rasa(settings: Settings) -> RasaServer | None:
    """Train if needed and start Rasa; None (menu only) when that is impossible."""
    try:
        model, trained = ensure_model(settings)
        if trained:
            log.info("Trained a new NLU model")
        return RasaServer(settings.nlu_dir, model, settings.nlu_port).start(settings.nlu_start_timeout_s)
    except (RasaError, ContentBroken) as exc:
        log.error("The NLU could not start; only the menu will work. %s", str(exc).splitlines()[0])
        return None


async def replay_when_redis_returns(engine: Engine, stop: asyncio.Event, every_s: float = 5.0) -> None:
    """Deliver the messages kept while Redis was down, as soon as it answers again."""
    while not stop.is_set():
        if engine.spool is not None and len(engine.spool) and await engine.store.ping():
            try:
                delivered = await engine.replay_spool()
                log.info("Redis is back; %d kept message(s) delivered to advisers", delivered)
            except Exception:
                log.exception("Replaying kept messages failed; trying again")
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every_s)


@asynccontextmanager
async def bot_runtime(
    settings: Settings, desk_for: DeskFactory | None = None, **overrides: Any
) -> AsyncIterator[Runtime]:
    """Content, Redis (embedded when ``REDIS_URL`` is unset), the NLU (started here when ``NLU_URL`` is unset) and
    the engine (``build_engine``); everything is stopped again on leaving, in reverse order."""
    for warning in startup_warnings(settings):
        log.warning(warning)
    content = ContentProvider(settings.content_dir)
    url, embedded = redis_url(settings.redis_url, settings.state_dir)
    store = Store.from_url(url, settings.hash_key.get_secret_value() if settings.hash_key else None)
    rasa: RasaServer | None = None
    nlu_url = settings.nlu_url
    if not nlu_url:
        rasa = await asyncio.to_thread(_start_child_rasa, settings)
        nlu_url = rasa.url if rasa else None
    nlu = NluClient(nlu_url, settings.nlu_timeout_s) if nlu_url else None
    engine = build_engine(settings, content, nlu, store, desk_for, **overrides)
    stop = asyncio.Event()
    watcher = asyncio.create_task(content.watch(stop))
    replayer = asyncio.create_task(replay_when_redis_returns(engine, stop))
    try:
        yield Runtime(settings, content, store, nlu, engine)
    finally:
        stop.set()
        watcher.cancel()
        replayer.cancel()
        if nlu:
            await nlu.aclose()
        await store.aclose()
        if rasa:
            rasa.stop()
        if embedded:
            embedded.close()
