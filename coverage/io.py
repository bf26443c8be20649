"""Read a table a user brings (CSV, XLSX or GeoJSON points) into text cells.

Encodings met in Kazakh offices are handled: UTF-8 with or without BOM, UTF-16 with or
without BOM (Excel's "Unicode text"), Windows-1251, and Western European text
(Windows-1252 / Latin-1, recognised when Windows-1251 would mix Latin and Cyrillic
letters in one word). Delimiters ``,``, ``;`` and tab are recognised. Every failure is a
:class:`~coverage.errors.DataError` that names the file.

Reading is bounded whatever the file holds (:mod:`coverage.settings`, "bounded
reading"): size, rows, columns, cells and characters per cell for every format, the zip
of an XLSX before it is unpacked (:mod:`coverage.xlsx`), and the nesting of JSON.

Cells stay text here: numbers are parsed by the validation, which can then say which
row and column holds a bad value. The index of the returned frame is the row number
as a spreadsheet shows it (header = row 1).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import IO, NoReturn

import pandas as pd

from . import settings
from .errors import DataError, Problem, shown
from .xlsx import xlsx_rows

Source = str | Path | bytes | IO[bytes]

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls, and password-protected .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
#: Words mixing Latin and Cyrillic letters: Western text read as Windows-1251 ("Mйnard").
_MIXED = re.compile(r"[A-Za-z][\u0400-\u04FF]|[\u0400-\u04FF][A-Za-z]")


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


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when every other byte of the start is NUL."""
    head = data[:2000]
    if len(head) < 4 or b"\x00" * 2 in head[:2]:
        return None
    if head[1::2].count(0) > 0.9 * len(head[1::2]) and head[0::2].count(0) == 0:
        return "utf-16-le"
    if head[0::2].count(0) > 0.9 * len(head[0::2]) and head[1::2].count(0) == 0:
        return "utf-16-be"
    return None


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode CSV bytes; returns the text and the encoding used.

    UTF-8 (BOM or not), UTF-16 (BOM or not), else Windows-1251, unless that mixes Latin
    and Cyrillic letters in a word where Windows-1252 does not (Western text).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    elif (wide := _utf16_without_bom(data)) is not None:
        try:
            return data.decode(wide), wide.upper()
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig"), "UTF-8"
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            text = None
        if text is not None and not _MIXED.search(text):
            return text, "Windows-1251"
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            western = None
        if western is not None and not _MIXED.search(western):
            return western, "Windows-1252"
        if text is not None:
            return text, "Windows-1251"
    raise DataError.single(name, key="not_text")


class _ConstantError(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity`` in a JSON file: not numbers in JSON."""


def load_json(text: str | bytes, name: str) -> object:
    """Parse JSON strictly and within bounds.

    No ``NaN`` or ``Infinity``, nesting at most :data:`~coverage.settings.MAX_JSON_DEPTH`
    levels.
    """
    def refuse_constant(word: str) -> NoReturn:
        raise _ConstantError(word)

    try:
        doc = json.loads(text, parse_constant=refuse_constant)
    except RecursionError:
        doc = None
        depth = settings.MAX_JSON_DEPTH + 1
    except _ConstantError as exc:
        raise DataError.single(name, key="json_constant",
                               values={"word": str(exc)}, fix_key="bad_json") from None
    except (ValueError, UnicodeDecodeError) as exc:
        # The parser's own words (English) are a value: where the file breaks.
        raise DataError.single(name, key="bad_json",
                               values={"detail": shown(exc, 120)}) from None
    else:
        depth = _depth(doc, settings.MAX_JSON_DEPTH)
    if depth > settings.MAX_JSON_DEPTH:
        raise DataError.single(name, key="json_deep",
                               values={"levels": settings.MAX_JSON_DEPTH})
    return doc


def _depth(doc: object, limit: int) -> int:
    """Nesting depth of ``doc``, counted without recursion and only up to ``limit + 1``."""
    deepest, stack = 0, [(doc, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, level)
            if level > limit:
                return level
            items = value.values() if isinstance(value, dict) else value
            stack.extend((v, level + 1) for v in items)
    return deepest


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:4096]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return control > max(2, len(sample) // 100)


def read_table(source: Source, *, name: str | None = None,
               max_bytes: int | None = None,
               max_rows: int | None = None) -> pd.DataFrame:
    """Read a CSV or XLSX table into text cells.

    Parameters
    ----------
    source : path, bytes or binary file-like
        The table. XLSX is recognised by its content, not only by its name.
    name : str, optional
        File name for messages.
    max_bytes : int
        Larger files are refused.
    max_rows : int
        Tables with more data rows are refused.

    Returns
    -------
    pandas.DataFrame
        One ``str`` column per header cell (names stripped), cells stripped, blank
        rows dropped; the index is the spreadsheet row number. ``attrs["file"]``
        holds the file name.

    Raises
    ------
    DataError
        Empty, binary, unreadable or oversized file; duplicate or missing header
        names; rows with more cells than the header.
    """
    max_bytes = settings.MAX_FILE_BYTES if max_bytes is None else max_bytes
    max_rows = settings.MAX_ROWS if max_rows is None else max_rows
    data, name = read_bytes(source, name=name, max_bytes=max_bytes)
    if not data.strip():
        raise DataError.single(name, key="empty_file")
    if data.startswith(_OLE_MAGIC) and _ENCRYPTED in data:
        raise DataError.single(name, key="password")
    if data.startswith(_OLE_MAGIC) or name.lower().endswith(".xls"):
        raise DataError.single(name, key="old_xls")
    encoding = None
    if data.startswith(_XLSX_MAGIC):
        header, rows = xlsx_rows(data, name)
    elif _looks_geojson(data, name):
        header, rows = _geojson_rows(data, name)
    else:
        text, encoding = decode_text(data, name)
        if _looks_binary(text):
            raise DataError.single(name, key="binary")
        header, rows = _csv_rows(text, name)
    frame = _frame(header, rows, name, max_rows)
    frame.attrs["encoding"] = encoding
    return frame


def _looks_geojson(data: bytes, name: str) -> bool:
    head = data.lstrip()[:1]
    return name.lower().endswith((".geojson", ".json")) or (
        head == b"{" and b"Feature" in data[:4096])


def _geojson_rows(data: bytes, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Point features as rows: their properties plus ``lat`` and ``lon``.

    The row number of feature *n* (counted from 1) is *n* + 1, as if the features were
    rows under a header, so that messages read the same as for a spreadsheet.
    """
    doc = load_json(decode_text(data, name)[0], name)
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list) or not features:
        raise DataError.single(name, key="no_features")
    if len(features) > settings.MAX_ROWS:
        raise DataError.single(name, key="too_many_features", fix_key="split",
                               values={"n": len(features), "limit": settings.MAX_ROWS})
    problems: list[Problem] = []
    records = []
    for i, f in enumerate(features):
        geom = (f or {}).get("geometry") if isinstance(f, dict) else None
        coords = geom.get("coordinates") if isinstance(geom, dict) else None
        if not isinstance(geom, dict) or geom.get("type") != "Point" or not isinstance(
                coords, list) or len(coords) < 2:
            problems.append(Problem(name, i + 2, "geometry", key="not_point"))
            continue
        props = f.get("properties") or {}
        if not isinstance(props, dict):
            props = {}
        records.append((i + 2, {**{str(k): "" if v is None else _cell_text(v)
                                   for k, v in props.items()},
                                "lon": _cell_text(coords[0]), "lat": _cell_text(coords[1])}))
    if problems:
        raise DataError(problems)
    header = list(dict.fromkeys(k for _, r in records for k in r))
    return header, [(n, [r.get(h, "") for h in header]) for n, r in records]


def _csv_rows(text: str, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    sample = text[:20_000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    csv.field_size_limit(settings.MAX_CELL_CHARS * 4)
    numbered = []
    try:
        for i, record in enumerate(csv.reader(io.StringIO(text, newline=""),
                                              delimiter=delimiter)):
            if i >= settings.MAX_RAW_ROWS:
                raise DataError.single(name, key="too_many_lines", fix_key="split",
                                       values={"limit": settings.MAX_RAW_ROWS})
            if len(record) > settings.MAX_COLUMNS:
                _too_wide(name, i + 1, len(record))
            if any(c.strip() for c in record):
                numbered.append((i + 1, record))
    except csv.Error as exc:
        raise DataError.single(name, key="csv_parse",
                               values={"detail": shown(exc, 120),
                                       "limit": settings.MAX_CELL_CHARS}) from None
    if not numbered:
        raise DataError.single(name, key="empty_file")
    (_, header), rest = numbered[0], numbered[1:]
    return header, rest


def _too_wide(name: str, row: int, width: int) -> None:
    raise DataError.single(name, key="too_wide", row=row,
                           values={"n": width, "limit": settings.MAX_COLUMNS})


def _cell_text(value: object) -> str:
    # JSON numbers such as 50.0 are written "50" so that counts stay counts.
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[: settings.MAX_CELL_CHARS + 1]
    return str(value)


def _frame(header: list[str], rows: list[tuple[int, list[str]]], name: str,
           max_rows: int) -> pd.DataFrame:
    if len(rows) > max_rows:
        raise DataError.single(name, key="too_many_rows", fix_key="split",
                               values={"n": len(rows), "limit": max_rows})
    if len(header) > settings.MAX_COLUMNS:
        _too_wide(name, 1, len(header))
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
