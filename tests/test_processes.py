"""Clean shutdown (issue 14, item 7): a ``sanad`` command that started a Rasa server or the embedded Redis stops
it when it is stopped by SIGTERM or SIGINT, and when it is killed outright (SIGKILL). Real commands, real
signals, real servers; afterwards no server of theirs is left and the port is free."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import psutil
import pytest

from bot.nlu.model import free_port
from tests.support.processes import (
    alive,
    command_env,
    port_free,
    rasa_answers,
    redis_servers_in,
    start,
    wait_until,
)

pytestmark = [pytest.mark.rasa, pytest.mark.redis]

RASA_START_S = 240  # two cores shared with other work: Rasa can take long to load


def _serve(tmp_path: Path) -> tuple[psutil.Popen, int, list[psutil.Process]]:
    """``sanad nlu serve`` on a free port, once Rasa answers; its Rasa process(es)."""
    port = free_port()
    command = start(["nlu", "serve", "--port", str(port)], command_env(STATE_DIR=str(tmp_path / "state")), tmp_path)
    try:
        wait_until(lambda: rasa_answers(port) or command.poll() is not None, RASA_START_S, "Rasa to answer")
        assert command.poll() is None, (tmp_path / "output.log").read_text()
        children = command.children(recursive=True)
        assert children, "sanad nlu serve runs Rasa as its child"
    except BaseException:
        command.kill()
        raise
    return command, port, children


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_nlu_serve_stopped_by_a_signal_stops_rasa_and_frees_the_port(tmp_path: Path, stop: signal.Signals) -> None:
    command, port, rasa = _serve(tmp_path)
    command.send_signal(stop)
    assert command.wait(timeout=60) == 0, "a requested stop is a clean end"
    wait_until(lambda: not alive(rasa), 30, "Rasa to stop")
    assert port_free(port)


def test_nlu_serve_killed_outright_takes_rasa_with_it(tmp_path: Path) -> None:
    command, port, rasa = _serve(tmp_path)
    command.kill()  # SIGKILL: no handler, no finally, no atexit
    command.wait(timeout=10)
    wait_until(lambda: not alive(rasa), 60, "Rasa to stop after its parent died")
    assert port_free(port)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_chat_stopped_by_a_signal_stops_the_embedded_redis(tmp_path: Path, rasa_url: str, stop: signal.Signals) -> None:
    state = tmp_path / "state"
    env = command_env(STATE_DIR=str(state), NLU_URL=rasa_url)
    command = start(["chat"], env, tmp_path, stdin=subprocess.PIPE)
    try:
        assert command.stdin is not None
        command.stdin.write(b"/start\n")
        command.stdin.flush()  # the pipe stays open: the chat waits for the next line when the signal comes
        wait_until(lambda: "─" * 40 in (tmp_path / "output.log").read_text(), 60, "the first reply")
        servers = redis_servers_in(state)
        assert servers, "the chat runs an embedded Redis server"
        command.send_signal(stop)
        assert command.wait(timeout=30) == 0, (tmp_path / "output.log").read_text()[-2000:]
    finally:
        if command.poll() is None:
            command.kill()
        if command.stdin is not None:
            command.stdin.close()
    wait_until(lambda: not alive(servers), 20, "the embedded Redis to stop")
