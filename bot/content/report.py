"""``sanad content check``: every problem in the content, for volunteers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.content.loader import load_content


def check(content_dir: Path, today: dt.date | None = None) -> int:
    result = load_content(content_dir, today)
    for problem in sorted(result.problems):
        print(problem.format())
    errors, warnings = len(result.problems.errors), len(result.problems.warnings)
    if result.content is not None:
        topics = len(result.content.topics)
        languages = len(result.content.languages.languages)
        print(f"\nContent OK: {topics} topics in {languages} languages, {warnings} warning(s).")
        return 0
    print(
        f"\n{errors} error(s), {warnings} warning(s). The bot keeps using the last good content "
        "until the errors are fixed."
    )
    return 1
