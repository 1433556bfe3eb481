"""Gathering the items of an album in a case (``bot.telegram.albums``) against a real Redis server, with bot
processes stood in for by several ``CaseAlbums`` and the sending by a list: an album whose items reach two processes
is relayed once with all of them; an album whose process stopped before relaying it is relayed by another's
sweep; an album that could not be sent is kept for a later try."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.handoff.cases import Case, CaseStore
from bot.store.held_albums import HeldItem
from bot.store.store import Store
from bot.telegram import albums as albums_module
from bot.telegram.album_relay import parts
from bot.telegram.albums import TO_ADVISERS, CaseAlbums

pytestmark = pytest.mark.redis


@pytest.fixture
async def cases(redis_url: str) -> AsyncIterator[CaseStore]:
    store = Store.from_url(redis_url, "gathering-test-key")
    await store.redis.flushdb()
    yield CaseStore(store, open_ttl_s=3600, retention_s=600)
    await store.aclose()


def item(message_id: int) -> HeldItem:
    return HeldItem(message_id, "photo", f"file-{message_id}")


class Sent:
    """Stands in for the desk: the albums it was given, and whether it fails."""

    def __init__(self, fails: bool = False) -> None:
        self.albums: list[list[int]] = []
        self.fails = fails

    async def __call__(self, case: Case, items: list[HeldItem]) -> None:
        if self.fails:
            raise RuntimeError("the advisers' group cannot be reached")
        self.albums.append([held.message_id for held in items])


def process(cases: CaseStore, sent: Sent, quiet_s: float = 0.3) -> CaseAlbums:
    albums = CaseAlbums(cases, quiet_s=quiet_s)
    albums.senders[TO_ADVISERS] = sent
    return albums


async def open_case(cases: CaseStore) -> Case:
    person = await cases.store.person("tg:1")
    case, _ = await cases.open_case(person, "tg:1", "ar", [])
    return case


async def test_an_album_whose_items_reach_two_processes_is_relayed_once_with_all_of_them(cases: CaseStore) -> None:
    sent = Sent()
    one, two = process(cases, sent), process(cases, sent)
    case = await open_case(cases)
    await one.hold(case, TO_ADVISERS, "g1", item(1))
    await two.hold(case, TO_ADVISERS, "g1", item(2))
    await one.hold(case, TO_ADVISERS, "g1", item(3))
    assert sent.albums == [], "gathered, not sent item by item"
    await asyncio.gather(one.drain(), two.drain())
    assert sent.albums == [[1, 2, 3]]


async def test_an_album_whose_process_stopped_is_relayed_by_another_process(
    cases: CaseStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(albums_module, "GRACE_S", 0.0)
    sent = Sent()
    stopped, other = process(cases, sent, quiet_s=0.2), process(cases, sent)

    async def died(album: object) -> None:  # the process is gone before its timer fires
        return None

    monkeypatch.setattr(stopped, "_when_quiet", died)
    case = await open_case(cases)
    await stopped.hold(case, TO_ADVISERS, "g1", item(1))
    await stopped.hold(case, TO_ADVISERS, "g1", item(2))
    await asyncio.sleep(0.3)
    assert sent.albums == []
    assert await other.sweep() == 1
    assert sent.albums == [[1, 2]]


async def test_an_album_that_cannot_be_sent_is_kept_and_tried_again(cases: CaseStore) -> None:
    failing, working = Sent(fails=True), Sent()
    case = await open_case(cases)
    first = process(cases, failing)
    await first.hold(case, TO_ADVISERS, "g1", item(1))
    await first.hold(case, TO_ADVISERS, "g1", item(2))
    await first.drain()
    assert failing.albums == []
    later = process(cases, working)
    await later.relay_held(case, TO_ADVISERS)  # the person's next message: what is held goes first
    assert working.albums == [[1, 2]]
    assert await later.held.of_case(case.number, TO_ADVISERS) == []


def test_photos_and_videos_go_together_documents_apart_and_ten_at_most() -> None:
    kinds = ["photo", "video", "document", "document", *["photo"] * 12]
    runs = parts([HeldItem(number, kind, f"file-{number}") for number, kind in enumerate(kinds)])
    assert [len(run) for run in runs] == [2, 2, 10, 2]
    assert [item.message_id for run in runs for item in run] == list(range(len(kinds))), "in the order sent"
