"""Session-wide real components. `make test` trains the model before pytest starts, so the Rasa
fixture only starts a server; with NLU_URL set it uses that server instead."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from bot.nlu.model import ensure_model, free_port
from bot.nlu.rasa_process import RasaServer
from bot.settings import Settings
from tests.support.redis_server import RedisServer


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def rasa_url(settings: Settings) -> Iterator[str]:
    if os.environ.get("NLU_URL"):
        yield os.environ["NLU_URL"]
        return
    model, _ = ensure_model(settings)
    with RasaServer(settings.nlu_dir, model, free_port()).start(settings.nlu_start_timeout_s) as server:
        yield server.url


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server.url
    server.stop()
