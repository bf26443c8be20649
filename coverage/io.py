"""Read a table a user brings (CSV, XLSX or GeoJSON points) into text cells.

Encodings met in Kazakh offices are handled (:mod:`coverage.charsets`): UTF-8 with or
without BOM, UTF-16 with or without BOM (Excel's "Unicode text"), Windows-1251, KZ-1048
and Western European text; what may have been lost in the encoding is told as notices.
Delimiters ``,``, ``;`` and tab are recognised (:mod:`coverage.csvread`). Every failure is
a :class:`~coverage.errors.DataError` that names the file.

Reading is bounded whatever the file holds (:mod:`coverage.settings`, "bounded
reading"): size, rows, columns, cells and characters per cell for every format, checked
as each row is read (:mod:`coverage.limits`); the zip of an XLSX before it is unpacked
(:mod:`coverage.xlsx`); the values, nesting and features of JSON while it is parsed
(:mod:`coverage.jsonread`, :mod:`coverage.geojson`).

Cells stay text here: numbers are parsed by the validation, which can then say which
row and column holds a bad value. The index of the returned frame is the row number
as a spreadsheet shows it (header = row 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pandas as pd

from . import settings
from .charsets import Decoded, decode, reading_notices
from .csvread import csv_rows
from .errors import DataError, Problem, shown
from .geojson import geojson_rows
from .jsonread import load_bounded
from .limits import RowLimit, as_row_limit, too_wide
from .xlsx import xlsx_rows

Source = str | Path | bytes | IO[bytes]

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls, and password-protected .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def read_bytes(source: Source, *, name: str | None = None,
               max_bytes: int | None = None) -> tuple[bytes, str]:
    """Return the raw bytes of ``source`` and the file name to use in messages.

    Parameters
    ----------
    source : path, bytes or binary file-like
        A file-like object with ``getvalue`` (Streamlit's ``UploadedFile``) or ``read``.
    name : str, optional
        Name shown in messages; defaults to the path's or the object's ``name``.
    max_bytes : int
        Larger inputs are refused before they are read whole.
    """
    max_bytes = settings.MAX_FILE_BYTES if max_bytes is None else max_bytes
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise DataError.single(name, key="cannot_open",
                                   values={"reason": str(exc.strerror or exc)}) from None
        if size > max_bytes:
            raise _too_large(name, size, max_bytes)
        return path.read_bytes(), name
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    elif hasattr(source, "getvalue"):
        data = source.getvalue()
    else:
        data = source.read(max_bytes + 1)
    name = name or Path(str(getattr(source, "name", "") or "uploaded file")).name
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    return data, name


def _too_large(name: str, size: int, limit: int) -> DataError:
    return DataError.single(name, key="file_too_large",
                            values={"size": size / 1e6, "limit": limit / 1e6})


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode CSV bytes; returns the text and the encoding used.

    See :func:`coverage.charsets.decode`, which also counts the bytes it could not read.
    """
    decoded = decode(data, name)
    return decoded.text, decoded.encoding


def load_json(text: str | bytes, name: str) -> object:
    """Parse JSON strictly and within bounds, counting while it parses.

    No ``NaN`` or ``Infinity``, nesting at most :data:`~coverage.settings.MAX_JSON_DEPTH`
    levels, at most :data:`~coverage.settings.MAX_JSON_VALUES` values: parsing stops at the
    first past a limit (:mod:`coverage.jsonread`).
    """
    return load_bounded(text, name)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:4096]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return control > max(2, len(sample) // 100)


def read_table(source: Source, *, name: str | None = None,
               max_bytes: int | None = None,
               max_rows: int | RowLimit | None = None) -> pd.DataFrame:
    """Read a CSV, XLSX or GeoJSON table into text cells.

    Parameters
    ----------
    source : path, bytes or binary file-like
        The table. XLSX is recognised by its content, not only by its name.
    name : str, optional
        File name for messages.
    max_bytes : int
        Larger files are refused.
    max_rows : int or RowLimit
        Data rows the table may hold, and the message past them
        (:data:`coverage.limits.REGISTER_ROWS`, :data:`coverage.limits.INCIDENT_ROWS`);
        reading stops at the first row past them. A number keeps the generic message;
        :data:`~coverage.settings.MAX_ROWS` when omitted.

    Returns
    -------
    pandas.DataFrame
        One ``str`` column per header cell (names stripped), cells stripped, blank
        rows dropped; the index is the spreadsheet row number. ``attrs["file"]``
        holds the file name, ``attrs["encoding"]`` how a text file was decoded (``None``
        for XLSX) and ``attrs["notices"]`` what may have been lost in its encoding
        (:func:`coverage.charsets.reading_notices`).

    Raises
    ------
    DataError
        Empty, binary, unreadable or oversized file; duplicate or missing header
        names; rows with more cells than the header.
    """
    max_bytes = settings.MAX_FILE_BYTES if max_bytes is None else max_bytes
    limit = as_row_limit(max_rows)
    data, name = read_bytes(source, name=name, max_bytes=max_bytes)
    if not data.strip():
        raise DataError.single(name, key="empty_file")
    if data.startswith(_OLE_MAGIC) and _ENCRYPTED in data:
        raise DataError.single(name, key="password")
    if data.startswith(_OLE_MAGIC) or name.lower().endswith(".xls"):
        raise DataError.single(name, key="old_xls")
    decoded: Decoded | None = None
    if data.startswith(_XLSX_MAGIC):
        header, rows = xlsx_rows(data, name, limit)
    elif _looks_geojson(data, name):
        decoded = decode(data, name)
        header, rows = geojson_rows(decoded.text, name, limit)
    else:
        decoded = decode(data, name)
        if _looks_binary(decoded.text):
            raise DataError.single(name, key="binary")
        header, rows = csv_rows(decoded.text, name, limit)
    frame = _frame(header, rows, name)
    frame.attrs["encoding"] = decoded.encoding if decoded else None
    frame.attrs["notices"] = reading_notices(decoded, header, rows, name)
    return frame


def _looks_geojson(data: bytes, name: str) -> bool:
    head = data.lstrip()[:1]
    return name.lower().endswith((".geojson", ".json")) or (
        head == b"{" and b"Feature" in data[:4096])


def _frame(header: list[str], rows: list[tuple[int, list[str]]], name: str) -> pd.DataFrame:
    # Rows, cells and their lengths were bounded as they were read (coverage.limits).
    if len(header) > settings.MAX_COLUMNS:
        raise too_wide(name, 1, len(header))
    if sum(len(r) for _, r in rows) > settings.MAX_CELLS:
        raise DataError.single(name, key="too_many_cells", fix_key="split",
                               values={"limit": settings.MAX_CELLS})
    header = [h.strip() for h in header]
    # Spreadsheets often carry empty trailing columns; ignore those without data.
    width = len(header)
    while width and not header[width - 1] and all(
            len(r) < width or not r[width - 1].strip() for _, r in rows):
        width -= 1
    header = header[:width]
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, h in enumerate(header):
        if not h:
            problems.append(Problem(name, 1, None, key="unnamed_column", values={"n": i + 1}))
        elif h.casefold() in seen:
            problems.append(Problem(name, 1, shown(h), key="column_twice"))
        seen.add(h.casefold())
    cells = []
    for number, row in rows:
        extra = [c for c in row[width:] if c.strip()]
        if extra:
            problems.append(Problem(name, number, None, key="row_too_long",
                                    values={"cells": width + len(extra), "width": width}))
        for j, c in enumerate(row[:width]):
            if len(c) > settings.MAX_CELL_CHARS:
                problems.append(Problem(name, number, shown(header[j]), key="cell_too_long",
                                        values={"n": len(c),
                                                "limit": settings.MAX_CELL_CHARS}))
        cells.append([c.strip() for c in (row + [""] * width)[:width]])
    if problems:
        raise DataError(problems)
    df = pd.DataFrame(cells, columns=header, index=[n for n, _ in rows], dtype=object)
    df.attrs["file"] = name
    return df
