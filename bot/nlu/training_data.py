"""Builds Rasa's training data from the content's example questions plus the hand-written ``nlu/data``.

The fingerprint covers everything that changes the trained model, so ``sanad nlu train`` can skip
training when nothing changed: the generated data, the pipeline config, the custom component and the
text rules they import (the Arabic normaliser, the Arabizi transliteration), and the pinned Rasa environment.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import yaml

from bot.content.model import Content
from bot.settings import REPO_ROOT

# The text rules the pipeline's own components import (nlu/components/).
PIPELINE_TEXT_SOURCES = tuple(
    REPO_ROOT / "bot" / "text" / name for name in ("arabic.py", "arabizi.py", "function_words.py")
)


def topic_examples_yaml(content: Content) -> str:
    """Rasa NLU YAML with one intent per topic, from the examples of every language."""
    intents = []
    for topic_id, examples in sorted(content.examples().items()):
        lines = "".join(f"- {' '.join(e.split())}\n" for e in examples)
        intents.append({"intent": topic_id, "examples": lines})
    header = "# Generated from content/topics by `sanad nlu train`. Do not edit: edit the content pages.\n"
    return header + yaml.safe_dump({"version": "3.1", "nlu": intents}, allow_unicode=True, sort_keys=False, width=1000)


def build(content: Content, nlu_dir: Path) -> tuple[Path, str]:
    """Write the training data under ``nlu/.build/train``; return its folder and the model fingerprint."""
    out = nlu_dir / ".build" / "train"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    digest = hashlib.sha256()
    generated = topic_examples_yaml(content)
    (out / "topics.yml").write_text(generated, encoding="utf-8")
    digest.update(generated.encode())
    for source in sorted((nlu_dir / "data").glob("*.yml")):
        shutil.copy(source, out / source.name)
        digest.update(source.name.encode() + source.read_bytes())
    for extra in [nlu_dir / "config.yml", nlu_dir / "constraints.txt", *_code_files(nlu_dir)]:
        digest.update(extra.name.encode() + extra.read_bytes())
    return out, digest.hexdigest()[:16]


def pipeline_code(nlu_dir: Path) -> str:
    """A digest (16 hex digits) of the code a Rasa server imports for the pipeline: the custom components and the
    text rules they use. A running server keeps the code it started with, so a model trained after this changed
    needs a new server, not a swap (``sanad nlu serve`` restarts it)."""
    digest = hashlib.sha256()
    for source in _code_files(nlu_dir):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:16]


def _code_files(nlu_dir: Path) -> list[Path]:
    return [*PIPELINE_TEXT_SOURCES, *sorted((nlu_dir / "components").glob("*.py"))]
