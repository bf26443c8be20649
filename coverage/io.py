"""Read a table a user brings (CSV, XLSX or GeoJSON points) into text cells.

Encodings met in Kazakh offices are handled: UTF-8 with or without BOM, UTF-16 with
BOM (Excel's "Unicode text"), and Windows-1251. Delimiters ``,``, ``;`` and tab are
recognised. Every failure is a :class:`~coverage.errors.DataError` that names the file.

Cells stay text here: numbers are parsed by the validation, which can then say which
row and column holds a bad value. The index of the returned frame is the row number
as a spreadsheet shows it (header = row 1).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import IO

import pandas as pd

from . import settings
from .errors import DataError, Problem

Source = str | Path | bytes | IO[bytes]

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls


def read_bytes(source: Source, *, name: str | None = None,
               max_bytes: int = settings.MAX_FILE_BYTES) -> tuple[bytes, str]:
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
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise DataError.single(name, f"cannot open the file ({exc.strerror or exc})",
                                   fix="check the path") from None
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
    return DataError.single(
        name, f"the file is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB",
        fix="split it or remove unused columns")


def decode_text(data: bytes, name: str) -> str:
    """Decode CSV bytes: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1251."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                return data.decode("cp1251")
            except UnicodeDecodeError:
                pass
    raise DataError.single(name, "the file is not text in UTF-8, UTF-16 or Windows-1251",
                           fix="save it as CSV UTF-8 or as XLSX")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:4096]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return control > max(2, len(sample) // 100)


def read_table(source: Source, *, name: str | None = None,
               max_bytes: int = settings.MAX_FILE_BYTES,
               max_rows: int = settings.MAX_ROWS) -> pd.DataFrame:
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
    data, name = read_bytes(source, name=name, max_bytes=max_bytes)
    if not data.strip():
        raise DataError.single(name, "the file is empty",
                               fix="add a header row and at least one data row")
    if data.startswith(_OLE_MAGIC) or name.lower().endswith(".xls"):
        raise DataError.single(name, "old Excel .xls files are not read",
                               fix="save it as .xlsx or as CSV UTF-8")
    if data.startswith(_XLSX_MAGIC):
        header, rows = _xlsx_rows(data, name)
    elif _looks_geojson(data, name):
        header, rows = _geojson_rows(data, name)
    else:
        text = decode_text(data, name)
        if _looks_binary(text):
            raise DataError.single(name, "the file is not a text table",
                                   fix="upload a CSV or XLSX file")
        header, rows = _csv_rows(text, name)
    return _frame(header, rows, name, max_rows)


def _looks_geojson(data: bytes, name: str) -> bool:
    head = data.lstrip()[:1]
    return name.lower().endswith((".geojson", ".json")) or (
        head == b"{" and b"Feature" in data[:4096])


def _geojson_rows(data: bytes, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Point features as rows: their properties plus ``lat`` and ``lon``.

    The row number of feature *n* (counted from 1) is *n* + 1, as if the features were
    rows under a header, so that messages read the same as for a spreadsheet.
    """
    import json

    try:
        doc = json.loads(decode_text(data, name))
    except ValueError as exc:
        raise DataError.single(name, f"not valid JSON ({exc})",
                               fix="export the layer again as GeoJSON") from None
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list) or not features:
        raise DataError.single(name, "no features: not a GeoJSON FeatureCollection",
                               fix="export the layer as a GeoJSON FeatureCollection")
    problems: list[Problem] = []
    records = []
    for i, f in enumerate(features):
        geom = (f or {}).get("geometry") if isinstance(f, dict) else None
        coords = geom.get("coordinates") if isinstance(geom, dict) else None
        if not isinstance(geom, dict) or geom.get("type") != "Point" or not isinstance(
                coords, list) or len(coords) < 2:
            problems.append(Problem(name, i + 2, "geometry", "not a point",
                                    "each centre must be a Point with its coordinates"))
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
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise DataError.single(name, f"the CSV cannot be parsed ({exc})",
                               fix="check quotes and delimiters") from None
    numbered = [(i + 1, r) for i, r in enumerate(records)]
    numbered = [(n, r) for n, r in numbered if any(c.strip() for c in r)]
    if not numbered:
        raise DataError.single(name, "the file is empty",
                               fix="add a header row and at least one data row")
    (_, header), rest = numbered[0], numbered[1:]
    return header, rest


def _xlsx_rows(data: bytes, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        raw = [(i + 1, ["" if v is None else _cell_text(v) for v in r])
               for i, r in enumerate(sheet.iter_rows(values_only=True))]
        book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError) as exc:
        raise DataError.single(name, f"the Excel file cannot be read ({type(exc).__name__})",
                               fix="open it in Excel and save it again as .xlsx") from None
    raw = [(n, r) for n, r in raw if any(c.strip() for c in r)]
    if not raw:
        raise DataError.single(name, "the first sheet is empty",
                               fix="put the table on the first sheet")
    return raw[0][1], raw[1:]


def _cell_text(value: object) -> str:
    # Excel stores whole numbers as floats; show 50.0 as "50" so counts stay counts.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _frame(header: list[str], rows: list[tuple[int, list[str]]], name: str,
           max_rows: int) -> pd.DataFrame:
    if len(rows) > max_rows:
        raise DataError.single(name, f"the table has {len(rows):,} rows; the limit is "
                               f"{max_rows:,}", fix="split it into smaller files")
    header = [h.strip() for h in header]
    # Spreadsheets often carry empty trailing columns; ignore those without data.
    width = len(header)
    while width and not header[width - 1] and all(
            len(r) < width or not r[width - 1].strip() for _, r in rows):
        width -= 1
    header = header[:width]
    problems: list[Problem] = []
    for i, h in enumerate(header):
        if not h:
            problems.append(Problem(name, 1, None, f"column {i + 1} has no name",
                                    "give every column a name in the first row"))
        elif h.casefold() in [x.casefold() for x in header[:i]]:
            problems.append(Problem(name, 1, h, "this column name appears twice",
                                    "rename or delete one of the two columns"))
    cells = []
    for number, row in rows:
        extra = [c for c in row[width:] if c.strip()]
        if extra:
            problems.append(Problem(name, number, None,
                                    f"the row has {width + len(extra)} cells but the header "
                                    f"has {width}", "check for unquoted delimiters"))
        cells.append([c.strip() for c in (row + [""] * width)[:width]])
    if problems:
        raise DataError(problems)
    df = pd.DataFrame(cells, columns=header, index=[n for n, _ in rows], dtype=object)
    df.attrs["file"] = name
    return df
