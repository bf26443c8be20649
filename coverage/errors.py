"""The one error type users see: a :class:`DataError` whose message they can act on."""

from __future__ import annotations

from dataclasses import dataclass

from . import settings


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    Attributes
    ----------
    file : str
        File name as the user knows it (never a temporary path).
    row : int or None
        Row as a spreadsheet shows it: the header is row 1, the first record row 2.
        ``None`` when the problem concerns the whole file.
    column : str or None
        Column name, or ``None`` when the problem concerns a whole row or the file.
    message : str
        What is wrong.
    fix : str
        How to fix it.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        """Write the problem on one line: where, what, and how to fix it."""
        where = [shown(self.file, 80)]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = f"{', '.join(where)}: {self.message}"
        text = f"{text} ({self.fix})" if self.fix else text
        return " ".join(text.split())  # one line, whatever a file's cells hold


def shown(value: object, limit: int = 60) -> str:
    """Quote a value from a file in a message: one line, at most ``limit`` characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DataError(ValueError):
    """Bad input data; the message names file, row and column of every problem.

    Parameters
    ----------
    problems : list of Problem
        Every problem found; validation collects them all before raising. The first
        :data:`~coverage.settings.MAX_PROBLEMS_KEPT` are kept in ``problems`` and
        ``total`` counts them all, so that a file of a million bad rows gives a short
        table and a short message.
    """

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("DataError needs at least one problem")
        self.total = len(problems)
        self.problems = list(problems[: settings.MAX_PROBLEMS_KEPT])
        super().__init__(self.summary("\n"))

    @property
    def more(self) -> int:
        """Problems found beyond those kept."""
        return self.total - len(self.problems)

    def summary(self, sep: str = "; ") -> str:
        """Write the first problems, then how many more there are.

        At most :data:`~coverage.settings.MAX_PROBLEMS_LISTED` are listed (on one line
        with ``sep="; "``).
        """
        listed = settings.MAX_PROBLEMS_LISTED
        lines = [str(p) for p in self.problems[:listed]]
        if self.total > listed:
            lines.append(f"... and {self.total - listed:,} more problems")
        return sep.join(lines)

    @classmethod
    def single(
        cls, file: str, message: str, *, row: int | None = None,
        column: str | None = None, fix: str = "",
    ) -> DataError:
        """Build an error with a single problem."""
        return cls([Problem(file, row, column, message, fix)])

    def records(self) -> list[dict]:
        """Return the problems as plain dicts, for a table shown to the user.

        The kept ones come first, then a last row counting the others.
        """
        rows = [{"file": p.file, "row": p.row, "column": p.column, "problem": p.message,
                 "fix": p.fix} for p in self.problems]
        if self.more:
            rows.append({"file": self.problems[0].file, "row": None, "column": None,
                         "problem": f"... and {self.more:,} more problems",
                         "fix": "fix the ones above first: they often repeat"})
        return rows
