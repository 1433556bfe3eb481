"""``/delete``: ``Store.forget`` finds every key that any repository keeps about a person, and nothing else."""

from __future__ import annotations

import datetime as dt

from bot.core.session import Session
from bot.handoff.cases import CaseStore
from bot.store.budget import MessageBudget
from bot.store.isolation import Dedupe, PersonLocks
from bot.store.requests import AdviserRequests
from bot.store.sessions import SessionStore
from bot.store.store import Store
from bot.store.unanswered import UnansweredLog
from tests.support.redis_keys import assert_every_key_expires, ttls


async def everything_about(store: Store, person: str) -> None:
    await SessionStore(store, 600, 6000).save(person, Session(language="ar", topics_asked=["family"]))
    await MessageBudget(store, 20).spend(person)
    await AdviserRequests(store, 600).record(person, "ar", ["family"])
    cases = CaseStore(store, open_ttl_s=3600, retention_s=600)
    case, _ = await cases.open_case(person, f"tg:{person}", "ar", ["family"])
    await cases.close(case)
    await cases.open_case(person, f"tg:{person}", "ar", [])


async def test_forget_deletes_every_key_about_the_person_including_the_lock(store: Store) -> None:
    person = await store.person("tg:1")
    other = await store.person("tg:2")
    await everything_about(store, person)
    await everything_about(store, other)
    claim = await Dedupe(store, "123").claim(1)
    assert claim is not None
    await UnansweredLog(store, 600).record("?", "ar", dt.date(2026, 11, 30))
    async with PersonLocks(store).hold(person):
        await assert_every_key_expires(store)
        mine = sorted(
            key.removeprefix(f"sanad:u:{person}:").split(":")[0] for key in await ttls(store) if person in key
        )
        assert mine == ["adviser_request", "budget", "case", "cases", "language", "lock", "session"]
        deleted = await store.forget(person)
    assert deleted == len(mine)
    left = await ttls(store)
    assert not [key for key in left if person in key], left
    assert [key for key in left if other in key], "another person's keys are kept"
    assert "sanad:tg:123:update:1" in left and "sanad:unanswered" in left
    await claim.finish()
