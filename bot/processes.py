"""Child servers stop with the command that started them.

Every ``sanad`` command that starts a server of its own (Rasa: ``bot.nlu.rasa_process.RasaServer``; the embedded
Redis: ``bot.store.server.EmbeddedRedis``) stops it again, whichever way the command ends:

- **a normal end, Ctrl-C (SIGINT), or an error**: the ``finally`` blocks and ``atexit`` handlers of the command
  stop the child (Python turns SIGINT into ``KeyboardInterrupt``);
- **SIGTERM and SIGHUP** (``systemctl stop``, ``docker stop``, a closed terminal): ``exit_on_signals`` makes them
  end the command the same way, as ``SystemExit(128 + signal number)``, instead of killing it on the spot, which
  would skip every ``finally`` and leave the child running (holding its port and its memory). Commands with an
  event loop of their own (``sanad run`` on Telegram) set their own handlers for a graceful stop on top of this;
- **the command killed outright** (SIGKILL, the out-of-memory killer, a crash of the interpreter): a child started
  with ``die_with_parent`` as its ``preexec_fn`` gets SIGTERM from the Linux kernel when its parent dies
  (``PR_SET_PDEATHSIG``). Elsewhere than on Linux this last safeguard is absent.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Stopped(SystemExit):
    """The command was asked to stop by a signal; its exit code is 128 + the signal's number, as a shell reports."""


def _exit(signum: int, _frame: FrameType | None) -> None:
    raise Stopped(128 + signum)


def exit_on_signals(signals: tuple[signal.Signals, ...] = STOP_SIGNALS) -> None:
    """Make ``signals`` end this (main-thread) process by raising ``Stopped``, so that cleanup code runs.
    A signal someone already handles (not the default action) is left alone."""
    for sig in signals:
        if signal.getsignal(sig) is signal.SIG_DFL:
            signal.signal(sig, _exit)


def die_with_parent() -> Callable[[], None]:
    """A ``preexec_fn`` for ``subprocess.Popen``: the child gets SIGTERM when the process that starts it dies.

    Call it in the parent (``preexec_fn=die_with_parent()``): the parent's pid is taken now, so that a parent that
    died between the fork and the ``prctl`` is noticed too. The kernel ties the signal to the starting *thread*:
    start children from a thread that lives as long as they should (the main thread, or the event loop's default
    executor, which lives until the loop closes). Does nothing outside Linux."""
    parent = os.getpid()

    def preexec() -> None:
        if not sys.platform.startswith("linux"):
            return
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the parent is gone already
            os.kill(os.getpid(), signal.SIGTERM)

    return preexec
