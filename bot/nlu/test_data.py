"""Reads Rasa NLU YAML test files into (text, intent) pairs."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

_ENTITY = re.compile(r"\[([^\]]+)\](\{[^}]*\}|\([^)]*\))")


def read_examples(path: Path) -> list[tuple[str, str]]:
    """(text, intent) pairs from Rasa NLU YAML, in either form: the block of ``- text`` lines, or the long form
    (a list of ``{text, metadata}``)."""
    return [(text, intent) for text, intent, _style in read_labelled(path)]


def read_labelled(path: Path) -> list[tuple[str, str, str]]:
    """(text, intent, style) triples; ``style`` comes from an example's ``metadata: {style: ...}`` in the long
    form (``""`` when the file does not give one). Raises ``OSError`` and ``yaml.YAMLError`` for a broken file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = []
    for block in data.get("nlu", []):
        intent = block.get("intent")
        if not intent:
            continue
        examples = block.get("examples", "")
        if isinstance(examples, list):
            for item in examples:
                metadata = item.get("metadata") or {}
                text = _ENTITY.sub(r"\1", str(item.get("text", "")).strip())
                if text:
                    found.append((text, intent, str(metadata.get("style", ""))))
            continue
        for line in str(examples).splitlines():
            text = line.strip()
            if text.startswith("- "):
                found.append((_ENTITY.sub(r"\1", text[2:].strip()), intent, ""))
    return found
