"""The one error type users see: a :class:`DataError` whose message they can act on."""

from __future__ import annotations

from dataclasses import dataclass


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
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = f"{', '.join(where)}: {self.message}"
        return f"{text} ({self.fix})" if self.fix else text


class DataError(ValueError):
    """Bad input data; the message names file, row and column of every problem.

    Parameters
    ----------
    problems : list of Problem
        Every problem found; validation collects them all before raising.
    """

    #: Problems listed in the message; the rest are counted, all stay in ``problems``.
    MAX_LISTED = 20

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("DataError needs at least one problem")
        self.problems = list(problems)
        lines = [str(p) for p in self.problems[: self.MAX_LISTED]]
        extra = len(self.problems) - self.MAX_LISTED
        if extra > 0:
            lines.append(f"... and {extra} more problems")
        super().__init__("\n".join(lines))

    @classmethod
    def single(
        cls, file: str, message: str, *, row: int | None = None,
        column: str | None = None, fix: str = "",
    ) -> DataError:
        """Build an error with a single problem."""
        return cls([Problem(file, row, column, message, fix)])

    def records(self) -> list[dict]:
        """Problems as plain dicts, for a table shown to the user."""
        return [
            {"file": p.file, "row": p.row, "column": p.column, "problem": p.message, "fix": p.fix}
            for p in self.problems
        ]
