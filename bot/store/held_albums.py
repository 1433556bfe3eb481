"""Albums gathered in a case before they are relayed as one.

Telegram delivers an album (one ``media_group_id``) as one update per item, within a fraction of a second of each
other and possibly to different bot processes. During a case each item is held here, in Redis, instead of being
copied at once, and the album is relayed as one once no item has come for ``quiet_s`` (``bot.telegram.albums``).
An item is held before its update counts as handled, so a process that dies meanwhile loses nothing: whichever
process runs next relays every album whose time has passed.

- ``sanad:u:<person>:album-held:<direction>:<group>``: the items (JSON: message id, kind of media, file id,
  caption as HTML, the message replied to), under the person's keys, so ``/delete`` removes them;
- ``sanad:albums:held``: a sorted set ``<case>:<direction>:<group>`` -> when the album is due, named by case
  number only; an entry whose items are gone is dropped when it is next relayed;
- ``sanad:u:<person>:album-sending:<direction>:<group>``: a short lease, so that one process relays the album.

Every key expires (``HELD_TTL_S``); an album is tried again until then when the other side cannot be reached.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from typing import Any

from bot.store.store import Store

QUIET_S = 1.0  # an album is relayed once no item of it has arrived for this long
HELD_TTL_S = 24 * 3600  # as long as Telegram keeps an update: the longest a relay can be tried again
SENDING_LEASE_S = 60
MAX_ITEMS = 10  # Telegram's largest album: with this many items it is relayed at once


@dataclass(frozen=True)
class HeldItem:
    """One item of an album: its message id where it was sent, what it is, its file and its caption (HTML)."""

    message_id: int
    media: str  # photo, video, document or audio
    file_id: str
    caption_html: str | None = None
    reply_to: int | None = None  # the message it replies to, where it was sent

    def dump(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @staticmethod
    def load(raw: str) -> HeldItem:
        return HeldItem(**json.loads(raw))


@dataclass(frozen=True)
class AlbumRef:
    """An album held in a case: the case, the direction it goes (``to_advisers``, ``to_person``), its group id."""

    case: int
    direction: str
    group: str

    @property
    def name(self) -> str:
        return f"{self.direction}:{self.group}"

    @property
    def member(self) -> str:
        return f"{self.case}:{self.name}"

    @staticmethod
    def parse(member: str) -> AlbumRef | None:
        case, _, rest = member.partition(":")
        direction, _, group = rest.partition(":")
        return AlbumRef(int(case), direction, group) if case.isdigit() and direction and group else None


class HeldAlbums:
    def __init__(self, store: Store, quiet_s: float = QUIET_S, ttl_s: int = HELD_TTL_S) -> None:
        self.store = store
        self.keys = store.keys
        self.redis = store.redis
        self.quiet_s = quiet_s
        self.ttl_s = ttl_s

    async def hold(self, person: str, album: AlbumRef, item: HeldItem) -> int:
        """Keep ``item`` with the others of its album and make the album due ``quiet_s`` from now; how many items
        are held. Raises ``RedisError``."""
        items = self.keys.album_held(person, album.name)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.rpush(items, item.dump())
            pipe.expire(items, self.ttl_s)
            pipe.zadd(self.keys.albums_held(), {album.member: time.time() + self.quiet_s})
            pipe.expire(self.keys.albums_held(), self.ttl_s)
            count, *_ = await pipe.execute()
        return int(count)

    async def due_at(self, album: AlbumRef) -> float | None:
        """When the album is due (unix time), or None once it was relayed."""
        score = await self.redis.zscore(self.keys.albums_held(), album.member)
        return float(score) if score is not None else None

    async def due(self, before: float) -> list[AlbumRef]:
        """The albums due before ``before``."""
        members = await self.redis.zrangebyscore(self.keys.albums_held(), "-inf", before)
        return _parsed(members)

    async def of_case(self, case: int, direction: str) -> list[AlbumRef]:
        """The albums held in ``case`` going ``direction``, due or not, oldest first."""
        members = await self.redis.zrange(self.keys.albums_held(), 0, -1)
        return [album for album in _parsed(members) if album.case == case and album.direction == direction]

    async def claim(self, person: str, album: AlbumRef) -> bool:
        """This process relays the album (a lease of ``SENDING_LEASE_S``); False when another one does."""
        key = self.keys.album_sending(person, album.name)
        return bool(await self.redis.set(key, "1", nx=True, ex=SENDING_LEASE_S))

    async def items(self, person: str, album: AlbumRef) -> list[HeldItem]:
        raws = await self.redis.lrange(self.keys.album_held(person, album.name), 0, -1)
        return [HeldItem.load(str(raw)) for raw in raws]

    async def done(self, person: str | None, album: AlbumRef) -> None:
        """The album was relayed (or its case is gone, ``person`` None): nothing of it is kept."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zrem(self.keys.albums_held(), album.member)
            if person is not None:
                pipe.delete(self.keys.album_held(person, album.name), self.keys.album_sending(person, album.name))
            await pipe.execute()

    async def later(self, person: str, album: AlbumRef, delay_s: float) -> None:
        """Relaying failed: the album is due again in ``delay_s`` and free for any process."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(self.keys.albums_held(), {album.member: time.time() + delay_s}, xx=True)
            pipe.delete(self.keys.album_sending(person, album.name))
            await pipe.execute()


def _parsed(members: list[Any]) -> list[AlbumRef]:
    return [album for album in (AlbumRef.parse(str(member)) for member in members) if album is not None]
