"""Fixtures for the emulator's own tests."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `tests.support...` imports from the repository root
    sys.path.insert(0, str(ROOT))

from tests.support.telegram_emulator import TelegramEmulator  # noqa: E402


@pytest_asyncio.fixture
async def emu() -> AsyncIterator[TelegramEmulator]:
    async with TelegramEmulator() as emulator:
        yield emulator
        emulator.assert_no_internal_errors()
