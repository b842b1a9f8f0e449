"""Problems a contributor can act on: file, line, field, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the archive root, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str  # the front-matter field or catalogue key ('-' when none applies)
    message: str  # what is wrong, then what was expected

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "field": self.field, "message": self.message}


class ArchiveError(Exception):
    """Raised with every problem found, so the build fails once with all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} in the archive")
        return "\n".join(lines)
