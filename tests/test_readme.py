"""The README stays true: every setting documented, every path it names exists, the two commands present."""

from __future__ import annotations

import re

from bot.settings import REPO_ROOT, Settings

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    for name in Settings.model_fields:
        assert f"`{name.upper()}`" in README, name


def test_the_two_setup_commands() -> None:
    assert "make run" in README and "make test" in README


def test_paths_named_in_the_readme_exist() -> None:
    for path in set(re.findall(r"`((?:bot|nlu|content|tests)/[\w./-]*)`", README)):
        assert (REPO_ROOT / path.split(" ")[0]).exists(), path
