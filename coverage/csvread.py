"""CSV text into rows: the delimiter told from the first lines, every row bounded as read.

``csv.Sniffer`` tries regular expressions that take quadratic time on crafted text (a
sample of ``,"`` repeated keeps it busy for seconds), so the delimiter is told here by
counting ``,`` ``;`` and tab outside quotes in the first lines of the file
(:data:`~coverage.settings.DELIMITER_SAMPLE_CHARS` characters at most): the one the header
holds and the next lines repeat. Rows then go to a :class:`~coverage.limits.TableBudget`
one at a time, so reading stops at the first row or cell past a limit.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from . import settings
from .errors import DataError, shown
from .limits import RowLimit, TableBudget, too_wide

DELIMITERS = ",;\t"
#: A quoted field on one line (``""`` inside it reads as two quoted fields: same count).
_QUOTED = re.compile(r'"[^"\n]*"')
#: Lines of the sample compared with the header.
_SAMPLE_LINES = 10
#: A line with its end (``\r\n``, ``\n`` or ``\r``, as ``newline=""`` keeps them).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def delimiter(text: str) -> str:
    """Tell the delimiter of CSV ``text`` from its first lines (``,`` when none is found).

    The delimiter is the candidate the header line holds (outside quotes) that the most of
    the next lines hold as many times; then the one the header holds most often.
    """
    sample = text[: settings.DELIMITER_SAMPLE_CHARS]
    lines = [line for line in sample.splitlines() if line.strip()]
    if len(text) > len(sample) and len(lines) > 1:
        lines.pop()  # cut by the sample's end
    counts = [[_QUOTED.sub("", line).count(d) for d in DELIMITERS]
              for line in lines[:_SAMPLE_LINES]]
    if not counts:
        return ","
    header, rest = counts[0], counts[1:]

    def score(k: int) -> tuple[bool, int, int]:
        return header[k] > 0, sum(c[k] == header[k] for c in rest), header[k]

    best = max(range(len(DELIMITERS)), key=score)
    return DELIMITERS[best] if header[best] else ","


def _lines(text: str) -> Iterator[str]:
    """Yield the lines of ``text`` one at a time.

    ``io.StringIO`` would keep a copy of the whole text at 4 bytes a character.
    """
    for line in _LINE.finditer(text):
        if line.group():
            yield line.group()


def csv_rows(text: str, name: str, rows: RowLimit) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and numbered non-blank rows of CSV ``text``.

    Raises
    ------
    DataError
        At the first line past :data:`~coverage.settings.MAX_RAW_ROWS`, the first row
        wider than :data:`~coverage.settings.MAX_COLUMNS` cells, the first data row past
        ``rows``, the first cell longer than :data:`~coverage.settings.MAX_CELL_CHARS`;
        a field the parser cannot end (an unclosed quote) at its row.
    """
    # A field four times a cell's limit stops the parser; between the two, the table
    # names the cell's column.
    csv.field_size_limit(settings.MAX_CELL_CHARS * 4)
    table = TableBudget(name, rows)
    read = 0
    try:
        for record in csv.reader(_lines(text), delimiter=delimiter(text)):
            read += 1
            if read > settings.MAX_RAW_ROWS:
                raise DataError.single(name, key="too_many_lines", fix_key="split",
                                       values={"limit": settings.MAX_RAW_ROWS})
            if len(record) > settings.MAX_COLUMNS:
                raise too_wide(name, read, len(record))
            if any(c.strip() for c in record):
                table.add(read, record)
    except csv.Error as exc:
        raise DataError.single(name, key="csv_parse", row=read + 1,
                               values={"detail": shown(exc, 120),
                                       "limit": settings.MAX_CELL_CHARS}) from None
    if table.header is None:
        raise DataError.single(name, key="empty_file")
    return table.header, table.rows
