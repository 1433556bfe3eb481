"""Runs Rasa from its own environment (``nlu/.venv``, Python 3.10): training and the HTTP server."""

from __future__ import annotations

import logging
import os
import subprocess
import time
from pathlib import Path

import httpx

from bot.processes import die_with_parent
from bot.settings import REPO_ROOT

log = logging.getLogger(__name__)


class RasaError(RuntimeError):
    pass


def rasa_python(nlu_dir: Path) -> Path:
    python = nlu_dir.resolve() / ".venv" / "bin" / "python"
    if not python.exists():
        raise RasaError(f"The Rasa environment is missing ({python}). Run `make nlu-env` (or `make run`) first.")
    return python


def rasa_env(nlu_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), str(nlu_dir)])
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        PYTHONWARNINGS="ignore",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        LOG_LEVEL="WARNING",
        # Rasa's training cache keys a step by its config and data, not by our components' code: after a change to
        # the normaliser or the Arabizi rules it would reuse the old features. Training is short enough to redo.
        RASA_MAX_CACHE_SIZE="0",
    )
    return env


def model_path(nlu_dir: Path, fingerprint: str) -> Path:
    return nlu_dir / "models" / f"sanad-{fingerprint}.tar.gz"


def train(
    nlu_dir: Path,
    data_dir: Path,
    fingerprint: str,
    force: bool = False,
    config: str = "config.yml",
    target: Path | None = None,
) -> tuple[Path, bool]:
    """Train the model for ``fingerprint`` unless it exists. Returns its path and whether it was trained.

    Rasa writes into a partial file that is renamed to ``target`` only when training succeeded, so an interrupted
    training, or two trainings of the same data at once (``make model`` while ``sanad nlu serve`` retrains), never
    leave a broken archive under the name that later runs take as trained. Raises ``RasaError`` when training
    fails."""
    target = target or model_path(nlu_dir, fingerprint)
    if target.exists() and not force:
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".partial-{os.getpid()}-{target.name}")  # not a model name: no one loads it
    log_file = nlu_dir / ".build" / "train.log"
    command = [
        str(rasa_python(nlu_dir)),
        "-m",
        "rasa",
        "train",
        "nlu",
        "--config",
        config,
        "--nlu",
        str(data_dir),
        "--out",
        str(target.parent),
        "--fixed-model-name",
        partial.name[: -len(".tar.gz")],
    ]
    try:
        with log_file.open("w") as out:
            result = subprocess.run(
                command, cwd=nlu_dir, env=rasa_env(nlu_dir), stdout=out, stderr=subprocess.STDOUT, check=False
            )
        if result.returncode != 0 or not partial.exists():
            raise RasaError(f"Rasa training failed; see {log_file}:\n{_tail(log_file)}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    for old in target.parent.glob("sanad-*.tar.gz") if target.name.startswith("sanad-") else ():
        if old != target and old.stat().st_mtime < target.stat().st_mtime - 1:
            old.unlink()
    return target, True


class RasaServer:
    """A Rasa HTTP server as a child process, listening on loopback."""

    def __init__(self, nlu_dir: Path, model: Path, port: int, log_file: Path | None = None) -> None:
        self.nlu_dir = nlu_dir.resolve()
        self.model = model.resolve()
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_file = log_file or nlu_dir / ".build" / f"rasa-{port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 180.0) -> RasaServer:
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        command = [
            str(rasa_python(self.nlu_dir)),
            "-m",
            "rasa",
            "run",
            "--enable-api",
            "--model",
            str(self.model),
            "--port",
            str(self.port),
            "--interface",
            "127.0.0.1",
            "--log-file",
            str(self.log_file),
        ]
        with self.log_file.open("ab") as out:
            self.process = subprocess.Popen(
                command,
                cwd=self.nlu_dir,
                env=rasa_env(self.nlu_dir),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in a terminal reaches the command, which stops Rasa in order
                preexec_fn=die_with_parent(),  # and Rasa stops when the command is killed outright
            )
        self.wait_ready(timeout_s)
        return self

    def wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RasaError(f"The Rasa server stopped while starting; see {self.log_file}:\n{_tail(self.log_file)}")
            try:
                status = httpx.get(f"{self.url}/status", timeout=2.0)
                if status.status_code == 200 and status.json().get("model_file"):
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RasaError(f"The Rasa server did not answer within {timeout_s:.0f} s; see {self.log_file}.")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def __enter__(self) -> RasaServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"
