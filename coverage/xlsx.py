"""A bounded reader of the first sheet of an XLSX workbook.

An XLSX file is a zip of XML parts. A hostile one can declare a giant sheet, hold
millions of empty rows compressed a thousand times, nest XML entities ("billion laughs")
or break its XML. This reader checks the zip before reading (entries, declared sizes,
compression ratio, encryption), then streams the sheet's XML through expat with every
size bounded as it goes (bytes, rows, columns, cells, characters), refuses any DOCTYPE
or entity declaration, and ignores the sheet's declared dimension. Rows go to a
:class:`~coverage.limits.TableBudget` as they end, so a sheet is refused at its first row
past the caller's limit and at its first cell past
:data:`~coverage.settings.MAX_CELL_CHARS`. Row numbers, cell references and indexes of
shared texts must be ASCII digits and letters (``"²".isdigit()`` is true, ``int("²")``
fails). Whatever the file, it ends in rows or in a
:class:`~coverage.errors.DataError` naming the file (and the row and column where there
is one).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any, NoReturn
from xml.parsers import expat

from . import settings
from .errors import DataError, Problem, shown
from .limits import TABLE_ROWS, RowLimit, TableBudget, column_letters

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: A cell reference (``B7``), a row number and an index of a shared text, as Excel writes
#: them: ASCII only (``\d`` and ``isdigit`` take other scripts' digits and superscripts).
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_NUMBER = re.compile(r"[0-9]{1,9}")
#: expat's handlers: an element's start (tag, attributes), its end (tag), its text.
_OnStart = Callable[[str, dict[str, str]], None]
_OnEnd = Callable[[str], None]
_OnText = Callable[[str], None]


class _RefusedError(Exception):
    """Raised inside a parser's handler to stop reading; carries the problem."""

    def __init__(self, error: DataError) -> None:
        super().__init__(str(error))
        self.error = error


def column_number(letters: str) -> int:
    """1 for A, 26 for Z, 27 for AA, 16,384 for XFD."""
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def _check_zip(book: zipfile.ZipFile, name: str) -> None:
    infos = book.infolist()
    if len(infos) > settings.MAX_ZIP_ENTRIES:
        raise DataError.single(name, key="zip_parts",
                               values={"n": len(infos), "limit": settings.MAX_ZIP_ENTRIES})
    declared = sum(i.file_size for i in infos)
    if declared > settings.MAX_UNZIPPED_BYTES:
        raise DataError.single(name, key="zip_size", fix_key="first_sheet_or_csv",
                               values={"size": declared / 1e6,
                                       "limit": settings.MAX_UNZIPPED_BYTES / 1e6})
    for info in infos:
        if info.flag_bits & 0x1:
            raise DataError.single(name, key="encrypted")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1_000_000 and ratio > settings.MAX_ZIP_RATIO:
            raise DataError.single(name, key="zip_ratio",
                                   values={"ratio": round(ratio), "limit": settings.MAX_ZIP_RATIO})


def _parser(on_start: _OnStart, on_end: _OnEnd | None, on_text: _OnText | None,
            name: str) -> expat.XMLParserType:
    """Make an expat parser that refuses DTDs and entities (no "billion laughs")."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def refuse(*_args: object) -> None:
        raise _RefusedError(DataError.single(name, key="xml_entities", fix_key="resave"))

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.CharacterDataHandler = on_text
    return parser


def _feed(book: zipfile.ZipFile, part: str, parser: expat.XMLParserType, name: str,
          budget: list[int]) -> None:
    """Stream one part into ``parser``; ``budget`` holds the bytes still allowed."""
    try:
        with book.open(part) as stream:
            while chunk := stream.read(1 << 16):
                budget[0] -= len(chunk)
                if budget[0] < 0:
                    raise DataError.single(
                        name, key="zip_budget", fix_key="first_sheet_or_csv",
                        values={"limit": settings.MAX_UNZIPPED_BYTES / 1e6})
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _RefusedError as stop:
        raise stop.error from None
    except DataError:
        raise
    except expat.ExpatError as exc:
        # The parser's and the unpacker's own words (English) are values: where it breaks.
        raise DataError.single(name, key="xml_damaged", fix_key="resave",
                               values={"part": part, "line": exc.lineno,
                                       "detail": str(expat.ErrorString(exc.code))}) from None
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError,
            ValueError) as exc:  # a damaged entry, an unknown compression method
        raise DataError.single(name, key="unzip", fix_key="resave",
                               values={"detail": str(exc)}) from None


def _local(tag: str) -> str:
    return tag.rsplit(" ", 1)[-1]


def _first_sheet(book: zipfile.ZipFile, name: str, budget: list[int]) -> str:
    """Find the part of the workbook's first sheet (by the workbook's order)."""
    names = set(book.namelist())
    first: dict[str, str] = {}
    targets: dict[str, str] = {}

    def on_book(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "sheet" and "id" not in first:
            first["id"] = attrs.get(f"{_REL} id", "")

    def on_rels(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "Relationship":
            targets[attrs.get("Id", "")] = attrs.get("Target", "")

    if "xl/workbook.xml" in names and "xl/_rels/workbook.xml.rels" in names:
        _feed(book, "xl/workbook.xml", _parser(on_book, None, None, name), name, budget)
        _feed(book, "xl/_rels/workbook.xml.rels", _parser(on_rels, None, None, name), name,
              budget)
        target = targets.get(first.get("id", ""), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if part in names:
            return part
    if "xl/worksheets/sheet1.xml" in names:
        return "xl/worksheets/sheet1.xml"
    raise DataError.single(name, key="no_sheet", fix_key="first_sheet")


def _shared_strings(book: zipfile.ZipFile, name: str, budget: list[int]) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    strings: list[str] = []
    state: dict[str, Any] = {"in_si": False, "in_t": False, "text": []}
    limit = settings.MAX_CELL_CHARS + 1  # longer ones are refused by the row check

    def on_start(tag: str, _attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "si":
            state["in_si"], state["text"] = True, []
        elif local == "t" and state["in_si"]:
            state["in_t"] = True

    def on_end(tag: str) -> None:
        local = _local(tag)
        if local == "t":
            state["in_t"] = False
        elif local == "si":
            strings.append("".join(state["text"])[:limit])
            state["in_si"] = False
            if len(strings) > settings.MAX_CELLS:
                raise _RefusedError(DataError.single(
                    name, key="too_many_texts", fix_key="first_sheet_only",
                    values={"limit": settings.MAX_CELLS}))

    def on_text(data: str) -> None:
        if state["in_t"] and sum(map(len, state["text"])) < limit:
            state["text"].append(data)

    _feed(book, "xl/sharedStrings.xml", _parser(on_start, on_end, on_text, name), name,
          budget)
    return strings


class _SheetReader:
    """Handlers that turn a sheet's XML into rows, refusing what is too large or damaged."""

    def __init__(self, name: str, strings: list[str], rows: RowLimit) -> None:
        self.name, self.strings = name, strings
        self.table = TableBudget(name, rows)
        self.problems: list[Problem] = []
        self.raw_rows = self.cells = 0
        self.row_number = 0
        self.row: dict[int, str] = {}
        self.cell: dict = {}
        self.text: list[str] | None = None

    def refuse(self, key: str, values: dict[str, object], row: int | None = None,
               fix_key: str | None = None, column: str | None = None) -> NoReturn:
        raise _RefusedError(DataError([Problem(self.name, row, column, key=key,
                                               values=values, fix_key=fix_key)]))

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "row":
            self.start_row(attrs)
        elif local == "c":
            self.start_cell(attrs)
        elif local in ("v", "t") and self.cell:
            self.text = []
        elif local == "f" and self.cell:
            self.cell["formula"] = True

    def start_row(self, attrs: dict[str, str]) -> None:
        self.raw_rows += 1
        number = attrs.get("r", "")
        if not number:
            self.row_number += 1
        elif _NUMBER.fullmatch(number):
            self.row_number = int(number)
        elif number.isascii() and number.isdigit():  # ten digits or more
            self.row_number = settings.MAX_RAW_ROWS + 1
        else:
            self.refuse("bad_row_number", {"value": shown(number, 20)}, fix_key="resave",
                        row=self.row_number + 1)
        if self.raw_rows > settings.MAX_RAW_ROWS or self.row_number > settings.MAX_RAW_ROWS:
            self.refuse("rows_beyond", {"limit": settings.MAX_RAW_ROWS})
        self.row = {}

    def start_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r", "")
        found = _CELL_REF.fullmatch(ref)
        if ref and not found:
            self.refuse("bad_cell_reference", {"value": shown(ref, 20)}, fix_key="resave",
                        row=self.row_number)
        col = column_number(found.group(1)) if found else len(self.row) + 1
        if col > settings.MAX_COLUMNS:
            self.refuse("column_beyond", {"letters": column_letters(col), "n": col,
                                          "limit": settings.MAX_COLUMNS}, row=self.row_number)
        self.cells += 1
        if self.cells > settings.MAX_CELLS:
            self.refuse("sheet_cells", {"limit": settings.MAX_CELLS}, fix_key="split_table")
        self.cell = {"col": col, "type": attrs.get("t", "n"), "value": None}

    def chars(self, data: str) -> None:
        if self.text is not None and sum(map(len, self.text)) <= settings.MAX_CELL_CHARS:
            self.text.append(data)

    def end(self, tag: str) -> None:
        local = _local(tag)
        if local in ("v", "t") and self.text is not None:
            self.cell["value"] = (self.cell["value"] or "") + "".join(self.text)
            self.text = None
            self.check(self.cell["value"])
        elif local == "c" and self.cell:
            self.end_cell()
        elif local == "row":
            values = [self.row.get(i, "") for i in range(1, max(self.row, default=0) + 1)]
            if any(v.strip() for v in values):
                try:
                    self.table.add(self.row_number, values)
                except DataError as exc:
                    raise _RefusedError(exc) from None

    def check(self, text: str) -> None:
        """Refuse the cell now when its text is longer than a cell may be."""
        try:
            self.table.check_cell(self.row_number, self.cell["col"] - 1, text)
        except DataError as exc:
            raise _RefusedError(exc) from None

    def end_cell(self) -> None:
        cell, value = self.cell, self.cell["value"]
        if value is None:
            self.cell = {}
            if cell.get("formula"):
                self.problems.append(Problem(self.name, self.row_number,
                                             column_letters(cell["col"]), key="formula"))
            return
        text = self.cell_text(cell["type"], value)
        self.check(text)
        self.cell = {}
        self.row[cell["col"]] = text

    def cell_text(self, kind: str, value: str) -> str:
        if kind == "s":
            index = value.strip()
            if not _NUMBER.fullmatch(index) or int(index) >= len(self.strings):
                self.refuse("bad_text_index", {"value": shown(index, 20)}, fix_key="resave",
                            row=self.row_number, column=column_letters(self.cell["col"]))
            return self.strings[int(index)]
        if kind == "b":
            return "TRUE" if value.strip() == "1" else "FALSE"
        if kind == "n":
            try:
                number = float(value)
            except ValueError:
                return value
            # Excel stores whole numbers as floats; show 50.0 as "50" so counts stay counts.
            return str(int(number)) if number.is_integer() and abs(number) < 1e15 else value
        return value  # inline and formula strings, errors such as #N/A


def xlsx_rows(data: bytes, name: str, rows: RowLimit = TABLE_ROWS,
              ) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and numbered rows of the first sheet (see the module's text).

    Parameters
    ----------
    data : bytes
        The workbook.
    name : str
        File name for messages.
    rows : RowLimit
        Data rows the sheet may hold; it is refused at the first row past them.

    Returns
    -------
    header : list of str
        The first non-empty row.
    rows : list of (int, list of str)
        The other non-empty rows with their row number as Excel shows it.
    """
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError,
            NotImplementedError, EOFError) as exc:
        raise DataError.single(name, key="bad_xlsx", fix_key="resave",
                               values={"detail": str(exc)}) from None
    with book:
        _check_zip(book, name)
        budget = [settings.MAX_UNZIPPED_BYTES]
        strings = _shared_strings(book, name, budget)
        part = _first_sheet(book, name, budget)
        reader = _SheetReader(name, strings, rows)
        _feed(book, part, _parser(reader.start, reader.end, reader.chars, name), name, budget)
    if reader.problems:
        raise DataError(reader.problems)
    if reader.table.header is None:
        raise DataError.single(name, key="empty_sheet", fix_key="first_sheet")
    return reader.table.header, reader.table.rows
