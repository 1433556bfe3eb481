"""Training data generated from the content, and the fingerprint that decides whether to retrain."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bot.content.loader import load_content
from bot.nlu import training_data
from bot.nlu.test_data import read_examples, read_labelled
from tests.support.near_duplicates import near_copies

REPO = Path(__file__).resolve().parents[2]


def copy_nlu(tmp_path: Path) -> Path:
    nlu = tmp_path / "nlu"
    shutil.copytree(REPO / "nlu", nlu, ignore=shutil.ignore_patterns(".venv", "models", ".build", ".rasa"))
    return nlu


def test_every_topic_becomes_an_intent_with_all_its_examples(tmp_path: Path) -> None:
    content = load_content(REPO / "content").content
    assert content is not None
    folder, _ = training_data.build(content, copy_nlu(tmp_path))
    generated = read_examples(folder / "topics.yml")
    intents = {intent for _, intent in generated}
    assert intents == set(content.topics)
    per_topic = content.examples()
    assert len(generated) == sum(len(v) for v in per_topic.values())
    assert {p.name for p in folder.glob("*.yml")} == {
        "topics.yml",
        "conversation.yml",
        "emergency.yml",
        "distress.yml",
        "out_of_scope.yml",
    }
    assert yaml.safe_load((folder / "topics.yml").read_text(encoding="utf-8"))["version"] == "3.1"


def test_fingerprint_changes_only_with_the_data(tmp_path: Path) -> None:
    content_dir = tmp_path / "content"
    shutil.copytree(REPO / "content", content_dir)
    nlu = copy_nlu(tmp_path)
    first = training_data.build(load_content(content_dir).content, nlu)[1]  # type: ignore[arg-type]
    assert training_data.build(load_content(content_dir).content, nlu)[1] == first  # type: ignore[arg-type]

    page = content_dir / "topics" / "ar" / "free_lawyer.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("examples:\n", 'examples:\n  - "محامي ببلاش؟ كيف"\n'), encoding="utf-8"
    )
    second = training_data.build(load_content(content_dir).content, nlu)[1]  # type: ignore[arg-type]
    assert second != first

    (nlu / "config.yml").write_text((nlu / "config.yml").read_text() + "\n# tuned\n")
    assert training_data.build(load_content(content_dir).content, nlu)[1] != second  # type: ignore[arg-type]


def test_test_sets_never_overlap_the_training_data() -> None:
    from bot.text.arabic import normalise

    content = load_content(REPO / "content").content
    assert content is not None
    training = {normalise(e) for examples in content.examples().values() for e in examples}
    for source in (REPO / "nlu" / "data").glob("*.yml"):
        training |= {normalise(t) for t, _ in read_examples(source)}
    for held_out in ("heldout.yml", "public.yml", "validation.yml"):
        overlap = {normalise(t) for t, _ in read_examples(REPO / "nlu" / "tests" / held_out)} & training
        assert not overlap, f"{held_out} repeats training examples: {sorted(overlap)}"


def test_no_held_out_message_is_a_near_copy_of_a_training_example() -> None:
    content = load_content(REPO / "content").content
    assert content is not None
    training = [e for examples in content.examples().values() for e in examples]
    for source in (REPO / "nlu" / "data").glob("*.yml"):
        training += [t for t, _ in read_examples(source)]
    held_out = [t for name in ("heldout.yml", "public.yml") for t, _ in read_examples(REPO / "nlu" / "tests" / name)]
    copies = near_copies(held_out, training)
    assert not copies, copies[:5]


def test_the_held_out_file_gives_a_style_for_every_message_and_twelve_a_topic() -> None:
    content = load_content(REPO / "content").content
    assert content is not None
    labelled = read_labelled(REPO / "nlu" / "tests" / "heldout.yml")
    assert all(style for _t, _i, style in labelled)
    per_topic = {topic: sum(intent == topic for _t, intent, _s in labelled) for topic in content.topics}
    assert min(per_topic.values()) >= 12, per_topic
