"""The advisers' desk in Redis: who has claimed a case, the card and board messages, advisers known by their
@username, and the reminder that is sent once. Keys from ``KeyBuilder``; every key expires.

- ``sanad:case:<n>:claim``: ``{"adviser": <keyed hash of the account>, "name": <first name>}``. Claims are
  atomic across bot processes: ``take`` swaps with ``SET ... GET`` (each taker learns who had it just before),
  ``release`` is ``GETDEL``.
- ``sanad:case:<n>:card``: the id of the message that opens the case's topic.
- ``sanad:case:<n>:reminded``: ``SET NX`` by the one process that sends the reminder.
- ``sanad:adviser:<hash of the @username>``: an adviser seen in the group, so that ``/transfer @name`` finds them.
- ``sanad:desk:board``: the pinned board's message id and the digest of its last text; ``:creating`` a lease.

Nothing here names a person who asked for help; advisers appear only by keyed hash and first name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.store.store import Store

ADVISER_TTL_S = 30 * 24 * 3600  # an adviser not seen for a month must write once before /transfer finds them
BOARD_TTL_S = 400 * 24 * 3600


@dataclass(frozen=True)
class Claim:
    """An adviser holding a case: ``adviser`` is a keyed hash of their account, ``name`` their first name."""

    adviser: str
    name: str

    def dump(self) -> str:
        return json.dumps({"adviser": self.adviser, "name": self.name}, ensure_ascii=False)

    @staticmethod
    def load(raw: Any) -> Claim | None:
        if not raw:
            return None
        data = json.loads(raw)
        return Claim(str(data["adviser"]), str(data["name"]))


class DeskRecords:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.keys = store.keys
        self.redis = store.redis

    async def adviser_id(self, account: str) -> str:
        """The keyed hash that stands for an adviser's account (``account``: ``"tg:<user id>"``)."""
        return await self.store.person(f"adviser:{account}")

    # ---- claims

    async def claim(self, number: int) -> Claim | None:
        return Claim.load(await self.redis.get(self.keys.case_claim(number)))

    async def take(self, number: int, claim: Claim, ttl_s: int) -> Claim | None:
        """Give the case to ``claim`` whoever held it; the previous holder (atomic ``SET ... GET``)."""
        previous = await self.redis.set(self.keys.case_claim(number), claim.dump(), ex=ttl_s, get=True)
        return Claim.load(previous)

    async def release(self, number: int) -> Claim | None:
        """Free the case; who held it (atomic ``GETDEL``)."""
        return Claim.load(await self.redis.getdel(self.keys.case_claim(number)))

    async def keep_claim(self, number: int, ttl_s: int) -> None:
        await self.redis.expire(self.keys.case_claim(number), ttl_s)

    # ---- the card of a case's topic

    async def set_card(self, number: int, message_id: int, ttl_s: int) -> None:
        await self.redis.set(self.keys.case_card(number), message_id, ex=ttl_s)

    async def card(self, number: int) -> int | None:
        raw = await self.redis.get(self.keys.case_card(number))
        return int(raw) if raw else None

    # ---- the reminder, once across processes

    async def claim_reminder(self, number: int, ttl_s: int) -> bool:
        """True for exactly one caller per case: the one that sends its reminder."""
        return bool(await self.redis.set(self.keys.case_reminded(number), 1, nx=True, ex=ttl_s))

    # ---- advisers by @username

    async def handle(self, username: str) -> str:
        return await self.store.person(f"adviser-handle:{username.lower()}")

    async def remember_adviser(self, username: str, claim: Claim) -> None:
        key = self.keys.adviser(await self.handle(username))
        await self.redis.set(key, claim.dump(), ex=ADVISER_TTL_S)

    async def adviser_by_username(self, username: str) -> Claim | None:
        return Claim.load(await self.redis.get(self.keys.adviser(await self.handle(username))))

    async def forget_adviser(self, username: str) -> None:
        await self.redis.delete(self.keys.adviser(await self.handle(username)))

    # ---- membership, shared by every process

    async def is_member(self, adviser: str) -> bool:
        return bool(await self.redis.exists(self.keys.adviser_member(adviser)))

    async def trust_member(self, adviser: str, ttl_s: int) -> None:
        await self.redis.set(self.keys.adviser_member(adviser), 1, ex=ttl_s)

    async def distrust_member(self, adviser: str) -> None:
        await self.redis.delete(self.keys.adviser_member(adviser))

    # ---- the board

    async def board(self) -> tuple[int | None, str]:
        """The board's message id (None before it exists) and the digest of the text it shows."""
        raw = await self.redis.get(self.keys.board())
        if not raw:
            return None, ""
        data = json.loads(raw)
        return int(data["message"]), str(data.get("digest", ""))

    async def set_board(self, message_id: int, digest: str) -> None:
        value = json.dumps({"message": message_id, "digest": digest})
        await self.redis.set(self.keys.board(), value, ex=BOARD_TTL_S)

    async def forget_board(self) -> None:
        await self.redis.delete(self.keys.board())

    async def claim_board_creation(self, lease_s: int = 30) -> bool:
        return bool(await self.redis.set(self.keys.board_creating(), 1, nx=True, ex=lease_s))

    async def release_board_creation(self) -> None:
        await self.redis.delete(self.keys.board_creating())
