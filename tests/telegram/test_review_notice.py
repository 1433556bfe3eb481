"""A lawyer's sign-off as a person sees it on Telegram, over both transports with the real engine, Rasa and Redis:
the pending notice, ``sanad content sign-off`` turning it into "checked by a lawyer" on the next answer (the
running bot reloads the content), an edit bringing the pending notice back; then 👍 under the answer and
``sanad content stats`` showing the topic's counts and nothing about the person."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import REPO_ROOT
from tests.support.telegram import Start, callback_data, one, press, shown
from tests.support.telegram_emulator import BotMessage, ScriptedUser, TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]

PROTECTION = "شو يعني عندي اقامة 7.3 ؟"
PENDING_AR = "لم يراجعها محامٍ بعد"
CHECKED_AR = "راجعها محامٍ بتاريخ"


def sanad(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The ``sanad`` command as a volunteer runs it."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
        env={**os.environ, **env},
        check=False,
    )


async def answer_showing(alice: ScriptedUser, wanted: str) -> BotMessage:
    """Ask about protection status until the answer shows ``wanted`` (the bot reloads edited content within
    about a second)."""
    answer: BotMessage | None = None
    for _ in range(8):
        alice.send_text(PROTECTION)
        answer = await one(alice)
        if wanted in shown(answer):
            return answer
        await asyncio.sleep(1)
    assert answer is not None
    raise AssertionError(f"{wanted!r} never shown; last answer: {shown(answer)[:200]!r}")


async def test_sign_off_and_edit_change_what_a_person_sees_and_stats_stay_anonymous(
    start_bot: Start, emu: TelegramEmulator, framework: str, redis_url: str, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", content)
    alice = emu.create_user("Alice", username="alice_refugee", language_code="ar")
    async with start_bot(framework, content_dir=content):
        alice.send_text(PROTECTION)
        first = await one(alice)
        assert shown(first).startswith("⚠️ " + PENDING_AR)
        assert {"f:protection_status-y", "f:protection_status-n"} <= set(callback_data(first))

        signed = sanad(
            "content", "sign-off", "protection_status", "--reviewer", "Sara Nielsen, lawyer", "--dir", str(content)
        )
        assert signed.returncode == 0, signed.stdout + signed.stderr
        checked = await answer_showing(alice, CHECKED_AR)
        assert shown(checked).startswith("✅ " + CHECKED_AR) and PENDING_AR not in shown(checked)

        page = content / "topics/ar/protection_status.md"
        page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + "\n\nجملة جديدة.\n", encoding="utf-8")
        again = await answer_showing(alice, PENDING_AR)
        assert CHECKED_AR not in shown(again)
        check = sanad("content", "check", "--dir", str(content))
        assert check.returncode == 0 and "protection_status` (ar) was signed off" in check.stdout

        await press(alice, "f:protection_status-y")
        thanks = await one(alice)
        assert shown(thanks).startswith("شكرًا لك")

    stats = sanad("content", "stats", REDIS_URL=redis_url, CONTENT_DIR=str(content))
    assert stats.returncode == 0, stats.stderr
    row = next(line for line in stats.stdout.splitlines() if line.startswith("My status"))
    answered, _clarified, menu, helpful, not_helpful = (int(n) for n in row.split()[-5:])
    assert answered >= 3 and menu == 0 and (helpful, not_helpful) == (1, 0)  # three typed questions at least, one 👍
    for personal in ("Alice", "alice_refugee", str(alice.id), "7.3 ؟", "شو يعني"):
        assert personal not in stats.stdout
