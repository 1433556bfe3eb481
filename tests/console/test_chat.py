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
    script = "/start\n3\n1\nشو يعني عندي اقامة 7.3 ؟\n"
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
    assert "[3] الإقامة ونوع الحماية" in welcome
    assert "[1]" in submenu and "القائمة الرئيسية" in submenu  # "3" opened the residency submenu
    assert "آخر مراجعة" in topic  # "1" opened its first topic, with its last-checked date
    assert "آخر مراجعة" in answer and "7" in answer  # the typed question was answered from content
    assert "📄 المصدر: " in answer and "(https://" in answer  # its main source, with the address shown


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
        child.expect("Source: ")
        child.expect("› ")
        child.sendeof()
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)


def test_a_burst_through_the_pipe_still_answers_the_crisis(rasa_url: str, redis_url: str) -> None:
    """Thirty lines in well under a minute (as a person in panic types): the budget's notice, silence, and the
    crisis lines at the end still get the emergency message.

    The budget counts per clock minute, so the burst may straddle one minute's end: at most two windows, each with
    at most ``limit`` answers and one notice, whatever second the run starts at."""
    limit = 5
    lines = [f"سؤال {n}" for n in range(27)] + ["bfaker ente7er", "اليوم آخر يوم الي", "في حريق بالمركز"]
    # a database of its own: the other chats of this file are the same person, and their messages of this minute
    # would already have spent the budget
    own = redis_url.rsplit("/", 1)[0] + "/7"
    env = chat_env(rasa_url, own) | {"MESSAGES_PER_MINUTE": str(limit)}
    run = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    from bot.console.chat import SEPARATOR

    turns = [t for t in run.stdout.split(SEPARATOR + "\n") if t.strip()]
    assert len(turns) == len(lines)
    ordinary = turns[:27]
    notices = [i for i, t in enumerate(ordinary) if "انتظر دقيقة" in t]  # the budget's notice
    silent = [t for t in ordinary if t.strip() == t.splitlines()[0]]  # the line echoed, no reply
    assert notices and notices[0] <= 2 * limit, "the notice comes within the first two windows' budget"
    assert len(notices) <= 2, "one notice a minute, not one a message"
    assert len(silent) >= len(ordinary) - 2 * (limit + 1), "then silence for ordinary messages"
    for turn in turns[27:]:
        assert "Livslinien" in turn, turn  # the emergency page (in the language chosen earlier, or Arabic)
