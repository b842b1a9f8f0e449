"""Problems a contributor can act on: file, line, field, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass

from .characters import shown


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the archive root, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str  # the front-matter field or catalogue key ('-' when none applies)
    message: str  # what is wrong, then what was expected

    # A path or value quoted in a message may hold what a terminal would obey (an ANSI
    # escape, a carriage return, a bidi override): every part is shown escaped, one line.
    def __str__(self) -> str:
        return f"{shown(self.path)}:{self.line}: {shown(self.field)}: {shown(self.message)}"

    def as_dict(self) -> dict:
        """For JSON: the same visible text (no lone surrogate, which JSON cannot encode as UTF-8)."""
        return {
            "path": shown(self.path),
            "line": self.line,
            "field": shown(self.field),
            "message": shown(self.message),
        }


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
