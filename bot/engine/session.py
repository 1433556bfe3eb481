"""What the bot remembers about a conversation, in Redis, for a limited time."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.store.store import Store


@dataclass
class Session:
    language: str | None = None
    misses: int = 0  # free-text messages in a row the bot could not answer
    flow: str | None = None  # a named multi-step conversation in progress: "deadline", "delete"
    flow_data: dict[str, Any] = field(default_factory=dict)
    topics_asked: list[str] = field(default_factory=list)  # topic ids only, never the text

    def start_flow(self, name: str, **data: Any) -> None:
        self.flow, self.flow_data = name, dict(data)

    def end_flow(self) -> None:
        self.flow, self.flow_data = None, {}

    def remember_topic(self, topic: str, keep: int = 10) -> None:
        if topic in self.topics_asked:
            self.topics_asked.remove(topic)
        self.topics_asked = [*self.topics_asked, topic][-keep:]


class SessionStore:
    def __init__(self, store: Store, session_ttl_s: int, language_ttl_s: int) -> None:
        self.store = store
        self.session_ttl_s = session_ttl_s
        self.language_ttl_s = language_ttl_s

    async def load(self, person: str) -> Session:
        raw, language = await self.store.redis.mget(
            Store.person_key(person, "session"), Store.person_key(person, "language")
        )
        data = json.loads(raw) if raw else {}
        session = Session(**{k: v for k, v in data.items() if k in Session.__dataclass_fields__})
        session.language = str(language) if language else None
        return session

    async def save(self, person: str, session: Session) -> None:
        data = asdict(session)
        language = data.pop("language")
        pipe = self.store.redis.pipeline(transaction=False)
        pipe.set(Store.person_key(person, "session"), json.dumps(data, ensure_ascii=False), ex=self.session_ttl_s)
        if language:
            pipe.set(Store.person_key(person, "language"), language, ex=self.language_ttl_s)
        await pipe.execute()
