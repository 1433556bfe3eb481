"""A real Rasa server, trained from the repository's data, through the bot's HTTP client."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from bot.nlu.client import NluClient, NluUnavailable

pytestmark = pytest.mark.rasa

QUESTIONS = [
    ("شو يعني عندي اقامة 7.3 ؟", "protection_status"),
    ("وصلني رفض من مجلس الطعون امبارح، لحد ايمتى فيني استأنف؟ احسبلي اخر يوم", "deadline_calculator"),
    ("وين بيكون مركز المغادرة كيرسهوفيدغورد ومين بيروح عليه", "return_centres"),
    ("bdi a7ki ma3 shakhs 7a2i2i msh bot", "human_handoff"),
    ("مرحبا", "greet"),
    ("ابني بلع حبوب كتير وما عم يفيق", "emergency"),
    ("كيف بجدد رخصة السواقة تبعي؟", "out_of_scope"),
]


@pytest.mark.parametrize(("text", "intent"), QUESTIONS)
async def test_arabic_questions_get_the_right_intent(rasa_url: str, text: str, intent: str) -> None:
    client = NluClient(rasa_url, timeout_s=10)
    try:
        parse = await client.parse(text)
    finally:
        await client.aclose()
    assert parse.top is not None
    assert parse.top[0] == intent, parse.ranking[:3]


def test_the_custom_normaliser_runs_inside_rasa(rasa_url: str) -> None:
    body = httpx.post(f"{rasa_url}/model/parse", json={"text": "إقامةٌ مؤقّتة ٧.٣؟"}, timeout=10).json()
    assert body["text"] == "اقامه موقته 7.3?"


def test_arabizi_words_reach_the_featurizers_with_their_arabic_guess(rasa_url: str) -> None:
    body = httpx.post(f"{rasa_url}/model/parse", json={"text": "Kif b2adem 3ala tamdid el i2ame?"}, timeout=10).json()
    assert body["text"] == "kif b2adem 3ala tamdid el i2ame? كيف بقدم علي تمديد ال اقامه"
    assert body["intent"]["name"] == "permit_duration_extension"


async def test_retrained_model_is_swapped_in_without_restart(rasa_url: str, settings) -> None:
    if os.environ.get("NLU_URL"):
        pytest.skip("swapping needs the model file on this machine")  # never the case under `make test`
    status = httpx.get(f"{rasa_url}/status", timeout=5).json()
    current = settings.nlu_dir / "models" / Path(status["model_file"]).name  # /status gives the file name
    replacement = current.with_name("sanad-swaptest.tar.gz")
    shutil.copy(current, replacement)
    client = NluClient(rasa_url, timeout_s=10)
    try:
        await client.replace_model(replacement.resolve())
        assert httpx.get(f"{rasa_url}/status", timeout=5).json()["model_file"].endswith("sanad-swaptest.tar.gz")
        assert (await client.parse("مرحبا")).top[0] == "greet"  # type: ignore[index]
        await client.replace_model(current.resolve())
    finally:
        await client.aclose()
        replacement.unlink(missing_ok=True)


async def test_unreachable_server_raises_nlu_unavailable() -> None:
    client = NluClient("http://127.0.0.1:9", timeout_s=1)
    try:
        with pytest.raises(NluUnavailable):
            await client.parse("مرحبا")
    finally:
        await client.aclose()


def test_evaluate_command_prints_the_documented_json(rasa_url: str, tmp_path: Path) -> None:
    test_file = tmp_path / "small.yml"
    test_file.write_text(
        'version: "3.1"\nnlu:\n'
        + "".join(f"- intent: {intent}\n  examples: |\n    - {text}\n" for text, intent in QUESTIONS),
        encoding="utf-8",
    )
    env = dict(os.environ, NLU_URL=rasa_url)
    run = subprocess.run(
        [sys.executable, "-m", "bot", "nlu", "evaluate", str(test_file), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(run.stdout)
    assert result["n"] == len(QUESTIONS)
    for key in (
        "intent_accuracy",
        "macro_f1",
        "answered_correct",
        "answered_wrong",
        "clarified_correct",
        "clarified_wrong",
        "fallback",
        "oos_recall",
        "emergency_recall",
    ):
        assert 0.0 <= result[key] <= 1.0, key
    assert result["emergency_recall"] == 1.0
    assert result["oos_recall"] == 1.0
    assert set(result["latency_ms"]) == {"p50", "p95"} and result["latency_ms"]["p50"] > 0
    in_scope = ("answered_correct", "answered_wrong", "clarified_correct", "clarified_wrong", "fallback")
    assert abs(sum(result[k] for k in in_scope) - 1.0) < 0.01


def test_train_skips_when_nothing_changed(rasa_url: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "bot", "nlu", "train"], capture_output=True, text=True, check=False, timeout=120
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("Unchanged, kept")
