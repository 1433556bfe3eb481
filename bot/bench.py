"""``sanad bench [--json]``: how fast the bot is, measured against the real Rasa server and real Redis.

Rasa is the floor: every free-text turn makes one parse call. So the bot's own cost is shown as ratios measured
in the same run: a full engine turn (NLU, content, Redis) against a bare parse, at concurrency 1, 8 and 32, and
the peak memory of the bot process and of the Rasa server. A benchmark prints numbers; it asserts nothing.
"""

from __future__ import annotations

import asyncio
import itertools
import resource
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from bot.content.provider import ContentProvider
from bot.core.turn import Turn
from bot.nlu import metrics
from bot.nlu.client import NluClient
from bot.nlu.model import ensure_model, free_port
from bot.nlu.rasa_process import RasaServer
from bot.nlu.test_data import read_examples
from bot.runtime import build_engine
from bot.settings import Settings
from bot.store.server import redis_url
from bot.store.store import Store

CONCURRENCY = (1, 8, 32)
ROUNDS = 4
TARGETS = {"turn_p50_over_parse_p50": 1.25, "turns_over_parses_at_32": 0.9, "bot_rss_mb": 150.0}


async def _measure(call: Callable[[int], Awaitable[Any]], concurrency: int, requests: int) -> tuple[list[float], float]:
    """Run ``requests`` calls with ``concurrency`` workers; return each call's latency (ms) and calls per second."""
    counter = itertools.count()
    latencies: list[float] = []

    async def worker() -> None:
        while (index := next(counter)) < requests:
            started = time.perf_counter()
            await call(index)
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, requests / (time.perf_counter() - started)


def _peak_rss_mb(pid: int | None = None) -> float | None:
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


async def _run(settings: Settings, url: str, rasa_pid: int | None, requests: int) -> dict[str, Any]:
    texts = [t for t, _ in read_examples(settings.nlu_dir / "tests" / "heldout.yml")]
    redis, embedded = redis_url(settings.redis_url, settings.state_dir)
    store = Store.from_url(redis)
    nlu = NluClient(url, timeout_s=30)
    # many different people, as on a busy day: no one person's flood budget is involved
    engine = build_engine(settings, ContentProvider(settings.content_dir), nlu, store, messages_per_minute=1_000_000)
    result: dict[str, Any] = {"parse_ms": {}, "turn_ms": {}, "parses_per_s": {}, "turns_per_s": {}}
    try:
        await nlu.parse("مرحبا")  # warm up
        for concurrency in CONCURRENCY:
            n = requests * (4 if concurrency > 1 else 1)

            async def parse(i: int) -> None:
                await nlu.parse(texts[i % len(texts)])

            async def turn(i: int, c: int = concurrency) -> None:
                await engine.handle(Turn(f"bench:{c}:{i}", text=texts[i % len(texts)], language_hint="ar"))

            # alternate in rounds, so that both see the same load on the machine
            parse_latency, turn_latency, parse_rates, turn_rates = [], [], [], []
            for _ in range(ROUNDS):
                latencies, rate = await _measure(parse, concurrency, n // ROUNDS)
                parse_latency += latencies
                parse_rates.append(rate)
                latencies, rate = await _measure(turn, concurrency, n // ROUNDS)
                turn_latency += latencies
                turn_rates.append(rate)
            parses, turns = statistics.median(parse_rates), statistics.median(turn_rates)
            result["parses_per_s"][str(concurrency)] = round(parses, 1)
            result["turns_per_s"][str(concurrency)] = round(turns, 1)
            if concurrency == 1:
                result["parse_ms"] = _p50_p95(parse_latency)
                result["turn_ms"] = _p50_p95(turn_latency)
    finally:
        await nlu.aclose()
        await store.aclose()
        if embedded:
            embedded.close()
    result["bot_rss_mb"] = round(_peak_rss_mb() or 0.0, 1)
    nlu_rss = _peak_rss_mb(rasa_pid) if rasa_pid else None
    result["nlu_rss_mb"] = round(nlu_rss, 1) if nlu_rss is not None else None
    result["ratios"] = {
        "turn_p50_over_parse_p50": round(result["turn_ms"]["p50"] / result["parse_ms"]["p50"], 3),
        "turns_over_parses_at_32": round(result["turns_per_s"]["32"] / result["parses_per_s"]["32"], 3),
    }
    result["targets"] = TARGETS
    return result


def _p50_p95(latencies: Sequence[float]) -> dict[str, float]:
    return {"p50": round(metrics.percentile(latencies, 50), 2), "p95": round(metrics.percentile(latencies, 95), 2)}


def run(settings: Settings, requests: int = 200) -> dict[str, Any]:
    if settings.nlu_url:
        return asyncio.run(_run(settings, settings.nlu_url, None, requests))
    model, _ = ensure_model(settings)
    with RasaServer(settings.nlu_dir, model, free_port()).start(settings.nlu_start_timeout_s) as server:
        pid = server.process.pid if server.process else None
        return asyncio.run(_run(settings, server.url, pid, requests))


def format_report(r: dict[str, Any]) -> str:
    ratios = r["ratios"]
    lines = [
        f"bare Rasa parse (concurrency 1): p50 {r['parse_ms']['p50']} ms, p95 {r['parse_ms']['p95']} ms",
        f"full engine turn (concurrency 1): p50 {r['turn_ms']['p50']} ms, p95 {r['turn_ms']['p95']} ms",
        "",
        f"{'concurrency':>12}{'parses/s':>12}{'turns/s':>12}",
        *[f"{c:>12}{r['parses_per_s'][str(c)]:>12}{r['turns_per_s'][str(c)]:>12}" for c in CONCURRENCY],
        "",
        f"peak memory: bot process {r['bot_rss_mb']} MB, Rasa server {r['nlu_rss_mb']} MB",
        "",
        f"turn p50 / parse p50 = {ratios['turn_p50_over_parse_p50']} (target <= {TARGETS['turn_p50_over_parse_p50']})",
        f"turns/s / parses/s at 32 = {ratios['turns_over_parses_at_32']} "
        f"(target >= {TARGETS['turns_over_parses_at_32']})",
        f"bot process {r['bot_rss_mb']} MB (target < {TARGETS['bot_rss_mb']})",
    ]
    return "\n".join(lines)
