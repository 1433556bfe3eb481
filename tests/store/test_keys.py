"""One key builder: every key's shape, and every key about a person inside the namespace ``/delete`` scans."""

from __future__ import annotations

from fnmatch import fnmatchcase

from bot.store.keys import KEYS, PREFIX, KeyBuilder

PERSON = "0123456789abcdef01234567"


def person_keys(keys: KeyBuilder, person: str) -> list[str]:
    return [
        keys.session(person),
        keys.language(person),
        keys.budget(person, 29_000_000),
        keys.adviser_request(person),
        keys.person_case(person),
        keys.person_cases(person),
        keys.lock(person),
    ]


def shared_keys(keys: KeyBuilder) -> list[str]:
    return [
        keys.hash_key(),
        keys.case(7),
        keys.case_creating(7),
        keys.thread(77),
        keys.case_sequence(),
        keys.waiting(),
        keys.update("123", 9),
        keys.unanswered(),
    ]


def test_the_shapes_of_every_key() -> None:
    assert person_keys(KEYS, PERSON) == [
        f"sanad:u:{PERSON}:session",
        f"sanad:u:{PERSON}:language",
        f"sanad:u:{PERSON}:budget:29000000",
        f"sanad:u:{PERSON}:adviser_request",
        f"sanad:u:{PERSON}:case",
        f"sanad:u:{PERSON}:cases",
        f"sanad:u:{PERSON}:lock",
    ]
    assert shared_keys(KEYS) == [
        "sanad:hash-key",
        "sanad:case:7",
        "sanad:case:7:creating",
        "sanad:case-thread:77",
        "sanad:case-seq",
        "sanad:cases:waiting",
        "sanad:tg:123:update:9",
        "sanad:unanswered",
    ]


def test_every_key_about_a_person_is_found_by_forget_and_no_other() -> None:
    pattern = KEYS.person_pattern(PERSON)
    assert all(fnmatchcase(key, pattern) for key in person_keys(KEYS, PERSON))
    assert all(fnmatchcase(key, KEYS.people_pattern()) for key in person_keys(KEYS, PERSON))
    assert not [key for key in shared_keys(KEYS) if fnmatchcase(key, KEYS.people_pattern())]
    assert not [key for key in person_keys(KEYS, "another-person") if fnmatchcase(key, pattern)]


def test_the_lock_is_the_persons() -> None:
    """It was ``sanad:tg:lock:<person>``, outside what ``/delete`` scans."""
    assert fnmatchcase(KEYS.lock(PERSON), KEYS.person_pattern(PERSON))


def test_one_prefix_for_everything() -> None:
    other = KeyBuilder("test")
    assert all(key.startswith("test:") for key in person_keys(other, PERSON) + shared_keys(other))
    assert PREFIX == "sanad" and KeyBuilder() == KEYS
