"""Sessions: a round trip, the language kept longer than the rest, both keys expiring."""

from __future__ import annotations

from bot.core.session import Session
from bot.store.sessions import SessionStore
from bot.store.store import Store
from tests.support.redis_keys import assert_every_key_expires, ttls


async def test_a_session_comes_back_as_it_was_saved(store: Store) -> None:
    sessions = SessionStore(store, session_ttl_s=600, language_ttl_s=6000)
    session = Session(language="ar", misses=2, topics_asked=["residency", "family"])
    session.flow, session.flow_data = "deadline", {"rule": "appeal_7_days", "day": "2026-11-03"}
    await sessions.save("p1", session)
    assert await sessions.load("p1") == session
    assert await sessions.load("p2") == Session()


async def test_the_language_outlives_the_session(store: Store) -> None:
    sessions = SessionStore(store, session_ttl_s=600, language_ttl_s=6000)
    await sessions.save("p1", Session(language="en", misses=1))
    found = await ttls(store)
    assert 0 < found["sanad:u:p1:session"] <= 600 and 600 < found["sanad:u:p1:language"] <= 6000
    await store.redis.delete("sanad:u:p1:session")  # the session expired; the language did not
    assert await sessions.load("p1") == Session(language="en")
    await assert_every_key_expires(store)


async def test_no_language_no_language_key_and_unknown_fields_are_ignored(store: Store) -> None:
    sessions = SessionStore(store, session_ttl_s=600, language_ttl_s=6000)
    await sessions.save("p1", Session(misses=1))
    assert set(await ttls(store)) == {"sanad:u:p1:session"}
    await store.redis.set("sanad:u:p1:session", '{"misses": 3, "a_field_from_an_older_bot": 1}', ex=60)
    assert await sessions.load("p1") == Session(misses=3)
