"""The terminal chat, driven as a user would: through a pipe (scripted) and through a pseudo-terminal."""

from __future__ import annotations

import os
import subprocess
import sys

import pexpect
import pytest

pytestmark = [pytest.mark.rasa, pytest.mark.redis]


def chat_env(rasa_url: str, redis_url: str) -> dict[str, str]:
    return dict(os.environ, NLU_URL=rasa_url, REDIS_URL=redis_url, LANG="ar_SY.UTF-8", PYTHONUNBUFFERED="1")


def test_scripted_through_a_pipe(rasa_url: str, redis_url: str) -> None:
    script = "/start\n3\n1\nشو يعني اقامة 7.3 ؟\n"
    run = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input=script,
        capture_output=True,
        text=True,
        env=chat_env(rasa_url, redis_url),
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    from bot.console.chat import SEPARATOR

    turns = [t for t in run.stdout.split(SEPARATOR + "\n") if t.strip()]
    assert [t.splitlines()[0] for t in turns] == [f"› {line}" for line in script.splitlines()]
    welcome, submenu, topic, answer = turns
    assert "[1] العربية" in welcome and "[2] English" in welcome  # /start offers the languages
    assert "[3] الإقامة ووضع الحماية" in welcome
    assert "[1]" in submenu and "القائمة الرئيسية" in submenu  # "3" opened the residency submenu
    assert "آخر مراجعة" in topic  # "1" opened its first topic, with its last-checked date
    assert "آخر مراجعة" in answer and "7" in answer  # the typed question was answered from content


def test_interactive_in_a_terminal(rasa_url: str, redis_url: str) -> None:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "bot", "chat"],
        env=chat_env(rasa_url, redis_url),
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 120),
    )
    try:
        child.expect("Sanad")
        child.expect(r"\[1\] العربية")
        child.expect("› ")
        child.sendline("2")  # English
        child.expect("The language is now English")
        child.expect("› ")
        child.sendline("What does 7(3) mean?")
        child.expect("Last checked")
        child.expect("› ")
        child.sendeof()
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
