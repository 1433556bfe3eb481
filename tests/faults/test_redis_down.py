"""Redis stops and comes back: content answers go on, and nothing meant for an adviser is lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.content.provider import ContentProvider
from bot.engine.engine import Engine
from bot.engine.spool import Spool
from bot.handoff.cases import CaseStore
from bot.settings import REPO_ROOT
from bot.store.store import Store
from tests.support.engine import SCRIPT, THRESHOLDS, TODAY, Chat, ScriptedNlu, kinds
from tests.support.handoff import WORKING_HOURS, RecordingDesk
from tests.support.redis_server import RedisServer

pytestmark = pytest.mark.redis


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis", persistent=True).start()
    yield server
    server.stop()


async def test_answers_go_on_and_case_messages_are_delivered_after_recovery(
    own_redis: RedisServer, tmp_path: Path
) -> None:
    store = Store.from_url(own_redis.url)
    desk = RecordingDesk()
    engine = Engine(
        ContentProvider(REPO_ROOT / "content", today=lambda: TODAY),
        ScriptedNlu(SCRIPT),
        store,
        THRESHOLDS,
        today=lambda: TODAY,
        cases=CaseStore(store, 3600, 600),
        desk=desk,
        now=lambda: WORKING_HOURS,
        spool=Spool(tmp_path / "state" / "spool.jsonl"),
    )
    in_case = Chat(engine, "tg:1", "ar")
    other = Chat(engine, "tg:2", "ar")
    await in_case.say("/adviser")
    await in_case.press("x:handoff")
    assert desk.opened

    own_redis.stop()
    assert kinds(await other.say("شو يعني 7.3")) == ["answer"]  # content answers go on
    assert "m:residency" in [b for r in await other.say("/menu") for row in r.buttons for b in [x.data for x in row]]
    await in_case.say("وصلني قرار جديد اليوم، شو لازم اعمل؟")  # meant for the adviser
    assert len(engine.spool) == 3  # kept on disk until Redis returns (the /menu command too)
    assert oct((tmp_path / "state" / "spool.jsonl").stat().st_mode & 0o777) == "0o600"

    own_redis.start()
    delivered = await engine.replay_spool()
    assert delivered == 1
    assert desk.forwarded[-1][1].text == "وصلني قرار جديد اليوم، شو لازم اعمل؟"
    assert not (tmp_path / "state" / "spool.jsonl").exists()
    assert await in_case.say("وهلق؟") == []  # the case is still open: relayed, the bot stays silent
    await store.aclose()
