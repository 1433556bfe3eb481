"""Problems found in content files, worded for volunteers rather than programmers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    severity: Severity
    message: str
    fix: str

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}\n    How to fix: {self.fix}"


class ProblemList(list[Problem]):
    """Collects problems while loading; the content is usable only when it holds no error."""

    def error(self, path: str, line: int, message: str, fix: str) -> None:
        self.append(Problem(path, line, Severity.ERROR, message, fix))

    def warning(self, path: str, line: int, message: str, fix: str) -> None:
        self.append(Problem(path, line, Severity.WARNING, message, fix))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.WARNING]
