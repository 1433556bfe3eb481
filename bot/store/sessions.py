"""What the bot remembers about a conversation (``bot.core.session.Session``), for a limited time.

Two keys per person: the session (flow, misses, topics asked) expires a day after the last turn, the language
after months, so that a person who comes back is greeted in their language without remembering anything else.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from bot.core.session import Session
from bot.store.store import Store


class SessionStore:
    def __init__(self, store: Store, session_ttl_s: int, language_ttl_s: int) -> None:
        self.store = store
        self.session_ttl_s = session_ttl_s
        self.language_ttl_s = language_ttl_s

    async def load(self, person: str) -> Session:
        keys = self.store.keys
        raw, language = await self.store.redis.mget(keys.session(person), keys.language(person))
        data = json.loads(raw) if raw else {}
        session = Session(**{k: v for k, v in data.items() if k in Session.__dataclass_fields__})
        session.language = str(language) if language else None
        return session

    async def save(self, person: str, session: Session) -> None:
        data = asdict(session)
        language = data.pop("language")
        keys = self.store.keys
        pipe = self.store.redis.pipeline(transaction=False)
        pipe.set(keys.session(person), json.dumps(data, ensure_ascii=False), ex=self.session_ttl_s)
        if language:
            pipe.set(keys.language(person), language, ex=self.language_ttl_s)
        await pipe.execute()
