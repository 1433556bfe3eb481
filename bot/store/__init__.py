"""State that must survive a restart or be shared by several bot processes, kept in Redis.

This package is the only code that uses a Redis client: ``store.Store`` (the connection, keyed-hash ids and
``forget``), ``keys.KeyBuilder`` (every key), and one small repository per kind of state: ``sessions``,
``budget``, ``isolation`` (update dedupe, person locks), ``cases``, ``requests`` (adviser requests) and
``unanswered``. ``server`` picks the Redis to use.
"""
