"""Which copy in a case's topic stands for which of the person's messages (both ways), and which message in the
person's chat stands for which adviser's post, so that an edit made later on either side reaches the other as a
reply to the message it corrects, and an adviser's reply to a copy (any photo of an album too) reaches the person
as a reply to their own message.

Keys per relayed message (``sanad:u:<person>:relayed:<message id>`` -> the copy's id in the topic,
``sanad:u:<person>:origin:<copy id>`` -> the message's id in the person's chat; ``sanad:u:<person>:advised:<post
id>`` -> the message's id in the person's chat): ids only, no text, under the person's keys (``/delete`` removes
them), kept as long as an open case.
"""

from __future__ import annotations

from bot.store.store import Store


class RelayedMessages:
    def __init__(self, store: Store, ttl_s: int) -> None:
        self.store = store
        self.ttl_s = ttl_s

    async def remember(self, person: str, message_id: int, copy_id: int) -> None:
        """``message_id`` of the person's chat was copied as ``copy_id``. Raises ``RedisError``."""
        keys = self.store.keys
        async with self.store.redis.pipeline(transaction=True) as pipe:
            pipe.set(keys.relayed(person, message_id), copy_id, ex=self.ttl_s)
            pipe.set(keys.origin(person, copy_id), message_id, ex=self.ttl_s)
            await pipe.execute()

    async def copy_of(self, person: str, message_id: int) -> int | None:
        """The copy's message id in the topic, if the message was relayed (and not long ago). Raises ``RedisError``."""
        value = await self.store.redis.get(self.store.keys.relayed(person, message_id))
        return int(value) if value is not None else None

    async def original_of(self, person: str, copy_id: int) -> int | None:
        """The person's message that the copy ``copy_id`` in the topic stands for. Raises ``RedisError``."""
        value = await self.store.redis.get(self.store.keys.origin(person, copy_id))
        return int(value) if value is not None else None

    async def remember_reply(self, person: str, post_id: int, sent_id: int) -> None:
        """The adviser's ``post_id`` in the topic reached the person as ``sent_id``. Raises ``RedisError``."""
        await self.store.redis.set(self.store.keys.advised(person, post_id), sent_id, ex=self.ttl_s)

    async def reply_of(self, person: str, post_id: int) -> int | None:
        """The message in the person's chat that the adviser's ``post_id`` became. Raises ``RedisError``."""
        value = await self.store.redis.get(self.store.keys.advised(person, post_id))
        return int(value) if value is not None else None
