"""Getting a trained model and a Rasa server to talk to, training only when the data changed."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.content.loader import load_content
from bot.content.model import Content
from bot.nlu import training_data
from bot.nlu.rasa_process import RasaServer, train
from bot.settings import Settings


class ContentBroken(RuntimeError):
    pass


def load_checked_content(settings: Settings) -> Content:
    result = load_content(settings.content_dir)
    if result.content is None:
        details = "\n".join(p.format() for p in result.problems.errors[:10])
        raise ContentBroken(f"The content has errors; run `sanad content check`.\n{details}")
    return result.content


def ensure_model(settings: Settings, force: bool = False, content: Content | None = None) -> tuple[Path, bool]:
    """The model for the current content and NLU data; trained only if it does not exist yet."""
    content = content or load_checked_content(settings)
    data_dir, fingerprint = training_data.build(content, settings.nlu_dir)
    return train(settings.nlu_dir, data_dir, fingerprint, force=force)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def nlu_endpoint(settings: Settings, port: int | None = None) -> Iterator[str]:
    """``NLU_URL`` when it is set; otherwise a child Rasa server with the current model."""
    if settings.nlu_url:
        yield settings.nlu_url
        return
    model, _ = ensure_model(settings)
    with RasaServer(settings.nlu_dir, model, port or free_port()).start(settings.nlu_start_timeout_s) as server:
        yield server.url
