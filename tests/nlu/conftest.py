"""Fixtures of the NLU tests that read the content and the configured thresholds (no server)."""

from __future__ import annotations

import pytest

from bot.content.model import Content
from bot.content.provider import ContentProvider
from bot.core.policy import Thresholds
from bot.settings import Settings


@pytest.fixture(scope="module")
def content(settings: Settings) -> Content:
    """The repository's content, loaded once per module."""
    return ContentProvider(settings.content_dir).current


@pytest.fixture(scope="module")
def thresholds(settings: Settings) -> Thresholds:
    """The decision policy's thresholds as configured (``Settings.thresholds``)."""
    return settings.thresholds()
