"""Limits of a table while it is read: rows, cells, characters; refused at the first over.

Every reader (CSV, XLSX, GeoJSON) hands its non-blank rows to a :class:`TableBudget` as it
reads them, so that a register of 100,000 rows is refused at its 1,001st row, and a cell
of a million characters at that cell, never after the whole file is in memory. The
caller says how many data rows its kind of table may hold (:class:`RowLimit`).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import settings
from .errors import DataError, shown


def column_letters(n: int) -> str:
    """Return the spreadsheet letters of column ``n`` (1 is A, 27 is AA)."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


@dataclass(frozen=True)
class RowLimit:
    """How many data rows (header not counted) a table may hold, and the message beyond.

    Attributes
    ----------
    limit : int
        Data rows allowed.
    key, fix_key : str
        The message (``err_<key>``, with ``{limit}``) and its fix (``fix_<fix_key>``).
    """

    limit: int
    key: str = "rows_over"
    fix_key: str = "split"

    def refuse(self, name: str, row: int) -> DataError:
        """Return the error for ``row``, the first data row past the limit."""
        return DataError.single(name, key=self.key, fix_key=self.fix_key, row=row,
                                values={"limit": self.limit})


#: Any table: :data:`~coverage.settings.MAX_ROWS` rows.
TABLE_ROWS = RowLimit(settings.MAX_ROWS, key="rows_over", fix_key="split")
#: A register of crisis centres: :data:`~coverage.settings.MAX_CENTRES` rows.
REGISTER_ROWS = RowLimit(settings.MAX_CENTRES, key="centres_over",
                         fix_key="too_many_centres")
#: A table of incident figures: :data:`~coverage.settings.MAX_INCIDENT_ROWS` rows.
INCIDENT_ROWS = RowLimit(settings.MAX_INCIDENT_ROWS, key="incident_rows_over",
                         fix_key="incident_rows_over")


def as_row_limit(limit: int | RowLimit | None) -> RowLimit:
    """Return ``limit`` as a :class:`RowLimit` (a number keeps the generic message)."""
    if limit is None:
        return TABLE_ROWS
    return limit if isinstance(limit, RowLimit) else RowLimit(limit)


def cell_over(name: str, row: int, column: str) -> DataError:
    """Return the error for a cell longer than :data:`~coverage.settings.MAX_CELL_CHARS`."""
    return DataError.single(name, key="cell_over", fix_key="cell_too_long", row=row,
                            column=column, values={"limit": settings.MAX_CELL_CHARS})


def too_wide(name: str, row: int, width: int) -> DataError:
    """Return the error for a row of more cells than :data:`~coverage.settings.MAX_COLUMNS`."""
    return DataError.single(name, key="too_wide", row=row,
                            values={"n": width, "limit": settings.MAX_COLUMNS})


class TableBudget:
    """The rows of a table as a reader finds them, refused at the first one over a limit.

    Parameters
    ----------
    name : str
        File name for messages.
    rows : RowLimit
        Data rows allowed.
    """

    def __init__(self, name: str, rows: RowLimit) -> None:
        self.name, self.limit = name, rows
        self.header: list[str] | None = None
        self.rows: list[tuple[int, list[str]]] = []
        self.cells = 0

    def column(self, index: int) -> str:
        """Name column ``index`` (0-based) by its header, else by its letters."""
        if self.header is not None and index < len(self.header) and self.header[index].strip():
            return shown(self.header[index].strip())
        return column_letters(index + 1)

    def check_cell(self, row: int, index: int, text: str) -> None:
        """Refuse a cell longer than :data:`~coverage.settings.MAX_CELL_CHARS`."""
        if len(text) > settings.MAX_CELL_CHARS:
            raise cell_over(self.name, row, self.column(index))

    def add(self, row: int, cells: list[str]) -> None:
        """Take a non-blank row: the first is the header, the others data rows."""
        if len(cells) > settings.MAX_COLUMNS:
            raise too_wide(self.name, row, len(cells))
        for index, text in enumerate(cells):
            self.check_cell(row, index, text)
        if self.header is None:
            self.header = cells
            return
        if len(self.rows) >= self.limit.limit:
            raise self.limit.refuse(self.name, row)
        self.cells += len(cells)
        if self.cells > settings.MAX_CELLS:
            raise DataError.single(self.name, key="too_many_cells", fix_key="split", row=row,
                                   values={"limit": settings.MAX_CELLS})
        self.rows.append((row, cells))
