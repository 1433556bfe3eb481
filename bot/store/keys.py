"""Every Redis key the bot uses, built in one place (in the spirit of aiogram's ``KeyBuilder``).

Two families of keys:

- **About a person**: ``sanad:u:<person>:<name>``, where ``<person>`` is the keyed hash of the person's id
  (``Store.person``). ``/delete`` (``Store.forget``) deletes whatever matches ``person_pattern``, so every key
  that names a person must be built with ``person``: the session, the language, the message budget, an
  adviser request, the case pointers, the albums answered or held for relaying and the per-person lock.
- **Shared**: the case records and their forum topics (``sanad:case:<n>``, ``sanad:case-thread:<t>``), the case
  number sequence, the waiting order, the update ids seen (per bot), the unanswered-questions log, the
  topic counters (``sanad:stats:<ISO week>:<event>``: counts per topic, never who), the advisers' desk (claims,
  cards, the board, advisers known by a hashed @username), weekly case counts and the albums waiting to be relayed
  (named by case number). A case
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

    def origin(self, person: str, copy_id: int) -> str:
        """Which of the person's messages the copy ``copy_id`` in the case's topic stands for (its id there)."""
        return self.person(person, f"origin:{copy_id}")

    def album_held(self, person: str, album: str) -> str:
        """The items of an album gathered in a case before they are relayed as one (``album``: direction:group)."""
        return self.person(person, f"album-held:{album}")

    def album_sending(self, person: str, album: str) -> str:
        """A short lease: one bot process relays a gathered album."""
        return self.person(person, f"album-sending:{album}")

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

    def open_cases(self) -> str:
        """Every open case (a sorted set: number -> opened at), for the advisers' board."""
        return f"{self.prefix}:cases:open"

    def case_claim(self, number: int) -> str:
        """Which adviser has claimed the case (``/take``): a keyed hash of their account and their first name."""
        return f"{self.case(number)}:claim"

    def case_card(self, number: int) -> str:
        """The message id of the card that opens the case's topic (edited when the case is claimed)."""
        return f"{self.case(number)}:card"

    def case_reminded(self, number: int) -> str:
        """Set once when the reminder of an unanswered case was claimed by one bot process."""
        return f"{self.case(number)}:reminded"

    def albums_held(self) -> str:
        """The albums being gathered in cases (a sorted set: ``<case>:<direction>:<group>`` -> when to relay)."""
        return f"{self.prefix}:albums:held"

    def adviser(self, handle: str) -> str:
        """An adviser known by a keyed hash of their @username: their hashed account and first name."""
        return f"{self.prefix}:adviser:{handle}"

    def adviser_member(self, adviser: str) -> str:
        """A short-lived "is a member of the advisers' group" for a hashed adviser account, shared by every bot
        process and deleted at once when a ``chat_member`` update says they left."""
        return f"{self.prefix}:adviser-member:{adviser}"

    def board(self) -> str:
        """The pinned board of open cases in the advisers' General topic: its message id and last text digest."""
        return f"{self.prefix}:desk:board"

    def board_creating(self) -> str:
        """A short lease: one process posts and pins the board."""
        return f"{self.board()}:creating"

    def case_stats(self, week: str) -> str:
        """Counts of one ISO week (``2026-W48``): cases opened and closed (a hash, no ids)."""
        return f"{self.prefix}:stats:{week}"

    def first_replies(self, week: str) -> str:
        """The seconds to the first adviser reply of the cases answered in one ISO week (a list, no ids)."""
        return f"{self.case_stats(week)}:first-reply"

    def update(self, bot_id: str, update_id: int) -> str:
        """An update id seen by one bot: ids are numbered per bot, so another bot sharing Redis has its own."""
        return f"{self.prefix}:tg:{bot_id}:update:{update_id}"

    def unanswered(self) -> str:
        return f"{self.prefix}:unanswered"

    def topic_stats(self, week: str, event: str) -> str:
        """A hash: topic id -> how often ``event`` happened in ISO ``week`` (``2026-W48``). No person in it."""
        return f"{self.prefix}:stats:{week}:{event}"

    def topic_stats_pattern(self) -> str:
        """A ``SCAN MATCH`` pattern for every topic counter."""
        return f"{self.prefix}:stats:*"


KEYS = KeyBuilder()
