"""The one error hierarchy: every error a user can cause is a ScorecardsError.

The command line turns these into a message and a non-zero exit; anything
else escaping is a bug in Scorecards, not in the user's input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in one input file, located as precisely as we can."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f": {self.column}"
        return f"{where}: {self.message}"


class ScorecardsError(Exception):
    """An error the user can fix; its message says what and where."""


class ValidationFailed(ScorecardsError):
    """Input failed validation; carries every problem found, not just the first."""

    def __init__(self, what: str, issues: Iterable[Issue]) -> None:
        self.issues = sorted(set(issues), key=lambda i: (i.file, i.line or 0, i.column or "", i.message))
        count = len(self.issues)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{what}: {count} {noun}"] + [f"  {issue}" for issue in self.issues]
        super().__init__("\n".join(lines))
