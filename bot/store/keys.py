"""Every Redis key the bot uses, built in one place (in the spirit of aiogram's ``KeyBuilder``).

Two families of keys:

- **About a person**: ``sanad:u:<person>:<name>``, where ``<person>`` is the keyed hash of the person's id
  (``Store.person``). ``/delete`` (``Store.forget``) deletes whatever matches ``person_pattern``, so every key
  that names a person must be built with ``person``: the session, the language, the message budget, an
  adviser request, the case pointers, the albums answered and the per-person lock.
- **Shared**: the case records and their forum topics (``sanad:case:<n>``, ``sanad:case-thread:<t>``), the case
  number sequence, the waiting order, the update ids seen (per bot) and the unanswered-questions log. A case
  record holds the person's transport address, so ``CaseRecords.erase`` deletes a person's cases by number.

Every key expires; the repositories next to this module set the expiry when they write.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "sanad"


@dataclass(frozen=True)
class KeyBuilder:
    prefix: str = PREFIX

    # ---- about one person (found and deleted by ``Store.forget``)

    def person(self, person: str, name: str) -> str:
        return f"{self.prefix}:u:{person}:{name}"

    def person_pattern(self, person: str) -> str:
        """A ``SCAN MATCH`` pattern for every key about ``person``."""
        return self.person(person, "*")

    def people_pattern(self) -> str:
        """A ``SCAN MATCH`` pattern for every key about anyone."""
        return f"{self.prefix}:u:*"

    def session(self, person: str) -> str:
        return self.person(person, "session")

    def language(self, person: str) -> str:
        return self.person(person, "language")

    def budget(self, person: str, minute: int) -> str:
        """The count of the person's messages in one minute (``int(time.time() // 60)``)."""
        return self.person(person, f"budget:{minute}")

    def album(self, person: str, group: str) -> str:
        """That the person's album (Telegram's ``media_group_id``) was answered already."""
        return self.person(person, f"album:{group}")

    def relayed(self, person: str, message_id: int) -> str:
        """Where the person's message ``message_id`` was copied to in the case's topic (its id there)."""
        return self.person(person, f"relayed:{message_id}")

    def advised(self, person: str, post_id: int) -> str:
        """Where an adviser's post ``post_id`` in the case's topic reached the person (the message id there)."""
        return self.person(person, f"advised:{post_id}")

    def adviser_request(self, person: str) -> str:
        return self.person(person, "adviser_request")

    def person_case(self, person: str) -> str:
        """The number of the person's open case."""
        return self.person(person, "case")

    def person_cases(self, person: str) -> str:
        """Every case the person ever had (a set of numbers), so that ``/delete`` finds the closed ones too."""
        return self.person(person, "cases")

    def lock(self, person: str) -> str:
        """One turn at a time per person, across bot processes."""
        return self.person(person, "lock")

    # ---- shared

    def hash_key(self) -> str:
        """The secret for the keyed hash of ids, when ``HASH_KEY`` is not configured."""
        return f"{self.prefix}:hash-key"

    def case(self, number: int) -> str:
        return f"{self.prefix}:case:{number}"

    def case_creating(self, number: int) -> str:
        """A short lease: one caller creates the case's forum topic."""
        return f"{self.case(number)}:creating"

    def thread(self, thread: int) -> str:
        """The case that lives in a forum topic of the advisers' group."""
        return f"{self.prefix}:case-thread:{thread}"

    def case_sequence(self) -> str:
        return f"{self.prefix}:case-seq"

    def waiting(self) -> str:
        """The cases waiting for an adviser (a sorted set: number -> opened at, 0 for an alert)."""
        return f"{self.prefix}:cases:waiting"

    def update(self, bot_id: str, update_id: int) -> str:
        """An update id seen by one bot: ids are numbered per bot, so another bot sharing Redis has its own."""
        return f"{self.prefix}:tg:{bot_id}:update:{update_id}"

    def unanswered(self) -> str:
        return f"{self.prefix}:unanswered"


KEYS = KeyBuilder()
