"""The conversation test set (``tests/conversations/*.yml``, written for testing only: see README.md there),
end to end against the real Rasa server and a real Redis server, through the terminal chat's engine and renderer.

Every turn that expects the emergency message must get it. The whole set is measured like the held-back
conversations (a conversation counts only when every turn is right) and must stay at or above the level it
reached when the policy was last tuned; the failing conversations are printed for whoever works on them.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from redis.asyncio import Redis

from bot.console.chat import ConsoleChat
from bot.content.provider import ContentProvider
from bot.nlu.client import NluClient
from bot.runtime import build_engine
from bot.settings import Settings
from bot.store.store import Store
from tests.support.conversations import TurnResult, load, run

pytestmark = [pytest.mark.redis]

HERE = Path(__file__).parent
CONVERSATIONS = load(HERE)
# measured 0.801 (460 of 574) on 2026-12-02 (sixteenth session, closing note of issue 12); 0.786 (404 of 514) in
# the fifteenth session, before the nineteenth and twentieth writers' 60 joined. The newest sets were run blind once
# before they joined (14/30, 19/30, 18/30, 20/40, 26/40, 23/24, 50/60, 42/60). Raise it as the bot improves.
MIN_CONVERSATION_SUCCESS = 0.78
# Every set was written for a conversation on 2026-11-30 or on Tuesday 2026-12-01, some with dates such as
# "yesterday" or "last Thursday": the conversations run on that day, so that their last days do not move with the day
# the suite runs. A conversation written for another day says so (``written_on``).
WRITTEN_ON = dt.date(2026, 12, 1)


@pytest_asyncio.fixture(scope="module")
async def results(settings: Settings, rasa_url: str, redis_url: str) -> AsyncIterator[dict[str, list[TurnResult]]]:
    """Each conversation in a fresh chat with an empty database (Redis database 7, used by no other test)."""
    url = redis_url.rsplit("/", 1)[0] + "/7"
    content = ContentProvider(settings.content_dir)
    nlu = NluClient(rasa_url, timeout_s=30)
    store = Store.from_url(url, "conversation-test-key")
    day = [WRITTEN_ON]  # the day of the conversation running (its ``written_on``, or WRITTEN_ON)
    engine = build_engine(settings, content, nlu, store, spool=None, messages_per_minute=1000, today=lambda: day[0])
    wipe = Redis.from_url(url)
    found: dict[str, list[TurnResult]] = {}
    try:
        for conversation in CONVERSATIONS:
            await wipe.flushdb()
            day[0] = conversation.get("written_on", WRITTEN_ON)
            out = io.StringIO()
            chat = ConsoleChat(engine, out, interactive=False, visual=False)
            chat.hint = "ar"
            found[conversation["id"]] = await run(chat, out, conversation, content.current)
        yield found
    finally:
        await wipe.aclose()
        await nlu.aclose()
        await store.aclose()


def test_the_set_is_large_and_varied() -> None:
    styles = {c.get("style") for c in CONVERSATIONS}
    assert len(CONVERSATIONS) >= 40 and len(styles) >= 6
    assert len({c["id"] for c in CONVERSATIONS}) == len(CONVERSATIONS)


async def test_every_cry_for_help_in_a_conversation_gets_the_emergency_message(
    results: dict[str, list[TurnResult]],
) -> None:
    missed = []
    for conversation in CONVERSATIONS:
        for turn, result in zip(conversation["turns"], results[conversation["id"]], strict=False):
            if (turn.get("expect") or {}).get("emergency") is True and any("emergency" in f for f in result.failures):
                missed.append(f"{conversation['id']}: {result.said}")
    assert not missed


async def test_most_conversations_go_right_from_start_to_end(results: dict[str, list[TurnResult]]) -> None:
    right = [cid for cid, turns in results.items() if all(not t.failures for t in turns)]
    report = [
        f"{cid} · {t.said[:60]} · {'; '.join(t.failures)} · got: {t.text[:80]!r} {t.buttons[:4]}"
        for cid, turns in results.items()
        for t in turns
        if t.failures
    ]
    share = len(right) / len(results)
    print(f"conversations right end to end: {len(right)}/{len(results)} = {share:.2f}")
    print("\n".join(report))
    assert share >= MIN_CONVERSATION_SUCCESS, "\n".join(report)
