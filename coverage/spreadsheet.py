"""Cells of the exported tables: what kind each column holds, its rounding, and XLSX.

Every export rounds a figure by its kind, so the CSV, the workbook and the GeoJSON agree:

============  ==============================  ====================================
kind          stored (GeoJSON, XLSX)          written in CSV
============  ==============================  ====================================
``pct``       fraction, 4 decimals (0.5309)   percent, 1 decimal (53.1)
``minutes``   1 decimal                       whole minutes
``int``       whole number                    whole number
``num2``      2 decimals                      2 decimals
``num1``      1 decimal                       1 decimal
``num``       1 decimal                       1 decimal
``auto``      4 decimals                      up to 4 decimals (no trailing zeros)
``text``      as it is                        as it is
============  ==============================  ====================================

Text that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
``@``) gets a leading apostrophe, so a centre named ``=HYPERLINK(...)`` stays text.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

# openpyxl ships no type information (pyproject's mypy overrides do not list it yet).
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from .i18n import t

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: Decimals a figure keeps when stored as a number, per kind (``pct``: of the fraction).
DIGITS: dict[str, int] = {"pct": 4, "minutes": 1, "int": 0, "num2": 2, "num1": 1,
                          "num": 1, "auto": 4}

#: Excel number formats per kind; ``pct`` shows the fraction as a percentage.
NUMBER_FORMATS: dict[str, str] = {"pct": "0.0%", "minutes": "0", "int": "#,##0",
                                  "num2": "0.00", "num1": "0.0", "num": "0.0"}

#: Widest column, in characters: longer texts wrap rather than push the figures away.
MAX_WIDTH = 60

# Machine names of the report's figures (``coverage.report``, ``report_format``), first
# match wins: a share of women is a share, a rate per 100,000 women a rate.
_NAME_KINDS: tuple[tuple[str, str], ...] = (
    (r"share", "pct"),
    (r"minutes$", "minutes"),
    (r"per_100k|per_10k|(^|_)rate($|_)", "num2"),
    (r"^(women|population|centres|shelter_places|counselling|beds_reported|"
     r"clients_reported|reported_count)|_value$", "int"),
)


def safe_text(value: object) -> object:
    """Text that spreadsheets will not run as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def figure_kind(name: str) -> str | None:
    """Return the kind of a report figure from its machine name, ``None`` if unknown.

    ``share_within_120`` is ``pct``, ``median_minutes`` ``minutes``, ``reported_rate``
    and ``places_per_10k`` ``num2``, ``women_within_60`` and ``centres`` ``int``.
    """
    for pattern, kind in _NAME_KINDS:
        if re.search(pattern, name):
            return kind
    return None


def column_kinds(df: pd.DataFrame, kinds: dict[str, str] | None = None) -> dict[str, str]:
    """Return the kind of every column of ``df``.

    Parameters
    ----------
    df : DataFrame
        The table; ``df.attrs["kinds"]`` is used when ``kinds`` is ``None``.
    kinds : dict, optional
        Column -> kind; columns it leaves out are named by :func:`figure_kind`, else by
        their type (whole numbers ``int``, other numbers ``auto``, the rest ``text``).
    """
    given = df.attrs.get("kinds", {}) if kinds is None else kinds
    out = {}
    for col in df.columns:
        kind = given.get(col) or figure_kind(str(col))
        if kind is None:
            dtype = df[col].dtype
            kind = ("int" if pd.api.types.is_integer_dtype(dtype) else
                    "auto" if pd.api.types.is_float_dtype(dtype) else "text")
        out[col] = kind
    return out


def is_number(value: object) -> bool:
    """Whether ``value`` is a number (``True``/``False`` are not)."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_))


def is_missing(value: object) -> bool:
    """Whether ``value`` is unknown: ``None``, NaN, ``<NA>``, NaT or infinite."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return is_number(value) and not math.isfinite(float(value))  # type: ignore[arg-type]


def stored(value: object, kind: str) -> object:
    """Return ``value`` as a number rounded for its kind (see :data:`DIGITS`).

    Whole numbers stay whole; unknown or infinite values are ``None``; text and flags are
    returned unchanged (NumPy scalars as plain Python).
    """
    if is_missing(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if not is_number(value) or isinstance(value, int):
        return value
    number = float(value)  # type: ignore[arg-type]
    digits = DIGITS.get(kind, DIGITS["auto"])
    return int(round(number)) if digits == 0 else round(number, digits)


def sheet_title(name: str) -> str:
    """Return ``name`` as Excel takes a sheet name: 31 characters, no ``[]:*?/`` or backslash."""
    return re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Sheet"


def _cell_text(value: str) -> str:
    # Control characters make an invalid workbook (openpyxl refuses them).
    return str(safe_text(ILLEGAL_CHARACTERS_RE.sub("", value)))


def _shown(value: object, kind: str) -> str:
    """Approximate the text Excel shows for a cell, to fit the column's width."""
    if not is_number(value):
        return "" if value is None else str(value)
    number = float(value)  # type: ignore[arg-type]
    if kind == "pct":
        return f"{number * 100:.1f}%"
    return f"{number:,.{DIGITS.get(kind, 4)}f}"


def _fit(sheet: Worksheet, texts: Iterable[list[str]]) -> None:
    """Set each column's width to its longest line, at most :data:`MAX_WIDTH`."""
    for i, column in enumerate(texts, start=1):
        longest = max((len(line) for text in column for line in text.split("\n")), default=0)
        sheet.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, longest + 2)


def _set(sheet: Worksheet, row: int, col: int, value: object) -> None:
    if isinstance(value, str):
        cell = sheet.cell(row=row, column=col, value=_cell_text(value))
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    else:
        sheet.cell(row=row, column=col, value=value)


def _write_table(sheet: Worksheet, df: pd.DataFrame, kinds: dict[str, str]) -> None:
    """Header in bold, frozen and filtered; numbers as numbers in their kind's format."""
    texts = []
    for col_no, col in enumerate(df.columns, start=1):
        kind = kinds[col]
        _set(sheet, 1, col_no, str(col))
        sheet.cell(row=1, column=col_no).font = Font(bold=True)
        # Room for the filter's button beside the header.
        shown = [str(col) + "   "]
        for row_no, value in enumerate(df[col].tolist(), start=2):
            number = stored(value, kind)
            _set(sheet, row_no, col_no, number)
            if is_number(number) and kind in NUMBER_FORMATS:
                sheet.cell(row=row_no, column=col_no).number_format = NUMBER_FORMATS[kind]
            shown.append(_shown(number, kind))
        texts.append(shown)
    sheet.freeze_panes = "A2"
    if len(df.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{len(df) + 1}"
    _fit(sheet, texts)


def _write_about(sheet: Worksheet, about: dict[str, str]) -> None:
    """One row per label and text; labels in bold, long texts wrapped."""
    for row_no, (label, text) in enumerate(about.items(), start=1):
        _set(sheet, row_no, 1, str(label))
        _set(sheet, row_no, 2, "" if is_missing(text) else str(text))
        sheet.cell(row=row_no, column=1).font = Font(bold=True)
        sheet.cell(row=row_no, column=1).alignment = Alignment(vertical="top")
        sheet.cell(row=row_no, column=2).alignment = Alignment(wrap_text=True,
                                                               vertical="top")
    _fit(sheet, [[str(k) for k in about], [str(v) for v in about.values()]])


def table_xlsx(df: pd.DataFrame, *, about: dict[str, str] | None = None, lang: str = "en",
               kinds: dict[str, str] | None = None, sheet: str | None = None) -> bytes:
    """Return a workbook of ``df`` that opens ready to read, sort and filter.

    Parameters
    ----------
    df : DataFrame
        The table; it is not changed.
    about : dict, optional
        Label -> text (see :func:`coverage.exports.about_rows`), written on a second
        sheet "About" in ``lang``.
    lang : str
        Language of the sheets' default names.
    kinds : dict, optional
        Column -> kind (see :func:`column_kinds`); ``df.attrs["kinds"]`` when ``None``.
    sheet : str, optional
        Name of the table's sheet; "Regions" in ``lang`` when ``None``.

    Returns
    -------
    bytes
        XLSX: numbers stored as numbers with their kind's format (shares as fractions
        shown as ``53.1%``), unknown values as empty cells, text never a formula, the
        header row bold, frozen and with a filter, columns as wide as their content.
    """
    book = Workbook()
    table = book.active
    assert table is not None  # a new workbook always has its first sheet
    table.title = sheet_title(t("sheet_regions", lang) if sheet is None else sheet)
    _write_table(table, df, column_kinds(df, kinds))
    if about:
        _write_about(book.create_sheet(sheet_title(t("sheet_about", lang))), about)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
