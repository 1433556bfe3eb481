"""Albums held in a case until they are relayed as one (``bot.store.held_albums``), and the copies remembered
both ways (``bot.store.relayed``): what they keep in a real Redis server, for how long, and that ``/delete``
takes it away."""

from __future__ import annotations

import time

import pytest

from bot.store.held_albums import AlbumRef, HeldAlbums, HeldItem
from bot.store.relayed import RelayedMessages
from bot.store.store import Store
from tests.support.redis_keys import assert_every_key_expires

pytestmark = pytest.mark.redis

ALBUM = AlbumRef(12, "to_advisers", "13467")


def item(message_id: int, caption: str | None = None) -> HeldItem:
    return HeldItem(message_id, "photo", f"file-{message_id}", caption)


async def test_an_albums_items_are_kept_in_order_until_it_is_relayed_and_every_key_expires(store: Store) -> None:
    held = HeldAlbums(store, quiet_s=1.0)
    person = await store.person("tg:1")
    for number in (5, 6, 7):
        await held.hold(person, ALBUM, item(number, "الصفحات" if number == 5 else None))
    assert await held.items(person, ALBUM) == [item(5, "الصفحات"), item(6), item(7)]
    assert await held.of_case(12, "to_advisers") == [ALBUM] and await held.of_case(12, "to_person") == []
    assert await held.claim(person, ALBUM) and not await held.claim(person, ALBUM), "one process relays it"
    await assert_every_key_expires(store)
    await held.done(person, ALBUM)
    assert [key async for key in store.redis.scan_iter(match="*album*")] == []


async def test_each_item_puts_the_album_off_until_none_has_come_for_a_moment(store: Store) -> None:
    held = HeldAlbums(store, quiet_s=5.0)
    person = await store.person("tg:1")
    await held.hold(person, ALBUM, item(5))
    first = await held.due_at(ALBUM)
    assert first is not None and await held.due(time.time()) == []
    await held.hold(person, ALBUM, item(6))
    later = await held.due_at(ALBUM)
    assert later is not None and later >= first
    assert await held.due(later + 0.01) == [ALBUM]


async def test_an_album_that_could_not_be_relayed_is_due_again_for_any_process(store: Store) -> None:
    held = HeldAlbums(store, quiet_s=0.0)
    person = await store.person("tg:1")
    await held.hold(person, ALBUM, item(5))
    assert await held.claim(person, ALBUM)
    await held.later(person, ALBUM, 30.0)
    due = await held.due_at(ALBUM)
    assert due is not None and due > time.time() + 25
    assert await held.claim(person, ALBUM), "free again"
    assert await held.items(person, ALBUM) == [item(5)], "nothing lost"


async def test_delete_takes_the_held_items_with_the_persons_other_keys(store: Store) -> None:
    held = HeldAlbums(store)
    person = await store.person("tg:1")
    await held.hold(person, ALBUM, item(5, "نص"))
    await store.forget(person)
    assert await held.items(person, ALBUM) == []
    assert [key async for key in store.redis.scan_iter(match="*")] == ["sanad:albums:held"], "named by case only"


async def test_a_copy_is_remembered_both_ways(store: Store) -> None:
    relayed = RelayedMessages(store, 3600)
    person = await store.person("tg:1")
    await relayed.remember(person, 41, 907)
    assert await relayed.copy_of(person, 41) == 907
    assert await relayed.original_of(person, 907) == 41
    assert await relayed.original_of(person, 908) is None
    await assert_every_key_expires(store)
