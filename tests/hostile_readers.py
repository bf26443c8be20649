"""Hostile files of the readers' security review (round 3), built by code (no binaries).

Each case is a :class:`ReaderCase`: a :class:`hostile.Case` (file name, bytes made on
demand, kind of table, the words the DataError must say or ``None`` when it must load)
plus, for files that load, the words of the notice they must carry. Shared by
``tests/test_bounded_reading.py`` and the before/after measurements of the report.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from hostile import _MAIN, Case, _sheet, xlsx

ASTANA = (51.1801, 71.44598)
KARAGANDA = (49.8047, 73.1094)


@dataclass(frozen=True)
class ReaderCase(Case):
    """A hostile file; ``notice``: words of the notice a file that loads must carry."""

    notice: str | None = None


# ------------------------------------------------------------------ GeoJSON
def _point(props: dict, lat: float = ASTANA[0], lon: float = ASTANA[1]) -> dict:
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "Point", "coordinates": [lon, lat]}}


def _collection(features: list) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features},
                      separators=(",", ":")).encode()


def many_names(n: int) -> bytes:
    """``n`` valid points, each with a property of its own name: a header of ``n`` names
    times ``n`` rows when the rows are built before the names are counted."""
    return _collection([_point({"name": f"c{i}", f"k{i}": "x"}) for i in range(n)])


def wide_feature(n: int = 20_000) -> bytes:
    """One point with ``n`` properties."""
    return _collection([_point({"name": "A", **{f"k{i}": i for i in range(n)}})])


def empty_lists(n: int = 3_000_000) -> bytes:
    """9 MB: one property holding ``n`` empty lists (about 250 MB once built)."""
    inner = ",".join(["[]"] * n)
    return (b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
            b'{"name":"A","x":[' + inner.encode() + b']},"geometry":{"type":"Point",'
            b'"coordinates":[71.4,51.1]}}]}')


def many_points(n: int) -> bytes:
    return _collection([_point({"name": f"c{i}"}) for i in range(n)])


# ------------------------------------------------------------------ XLSX
def _row(number: int, cells: list[tuple[str, str]]) -> str:
    """A row of (kind, value) cells from column A on: ``s`` a text, ``n`` a number."""
    out = []
    for j, (kind, value) in enumerate(cells):
        ref = f"{chr(65 + j)}{number}"
        out.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>' if kind == "s"
                   else f'<c r="{ref}"><v>{value}</v></c>')
    return f'<row r="{number}">{"".join(out)}</row>'


def long_sheet(n: int = 99_999) -> bytes:
    """A register sheet of ``n`` valid data rows (11 MB of XML, 1 MB zipped)."""
    rows = [_row(1, [("s", "name"), ("s", "lat"), ("s", "lon")])]
    rows += [_row(i + 2, [("s", f"c{i}"), ("n", str(ASTANA[0])), ("n", str(ASTANA[1]))])
             for i in range(n)]
    return xlsx(_sheet("".join(rows), f"A1:C{n + 1}"))


def long_incident_sheet(n: int = 99_999) -> bytes:
    """Incident figures: ``n`` valid rows, a set per 20 regions."""
    ids = ["KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33",
           "KZ-35", "KZ-39", "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62",
           "KZ-63", "KZ-71", "KZ-75", "KZ-79"]
    rows = [_row(1, [("s", "region_id"), ("s", "indicator"), ("s", "period"),
                     ("s", "value")])]
    rows += [_row(i + 2, [("s", ids[i % 20]), ("s", f"x{i // 20}"), ("s", "2023"),
                          ("n", str(i % 97))]) for i in range(n)]
    return xlsx(_sheet("".join(rows), f"A1:D{n + 1}"))


def _letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def long_cells(rows: int = 10_000, columns: int = 100) -> bytes:
    """``rows`` x ``columns`` cells (a million) that each show one text of 1,001
    characters (30 MB of XML, under 2 MB zipped)."""
    shared = f'<sst xmlns="{_MAIN}"><si><t>{"x" * 1001}</t></si></sst>'
    letters = [_letters(j + 1) for j in range(columns)]
    buf = io.StringIO()
    buf.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>')
    for i in range(1, rows + 1):
        buf.write(f'<row r="{i}">')
        buf.write("".join(f'<c r="{c}{i}" t="s"><v>0</v></c>' for c in letters))
        buf.write("</row>")
    buf.write("</sheetData></worksheet>")
    return xlsx(buf.getvalue(), shared=shared, level=9)


def odd_row_number() -> bytes:
    """A row numbered with a superscript two (``"²".isdigit()``, but ``int("²")`` fails)."""
    rows = _row(1, [("s", "name"), ("s", "lat"), ("s", "lon")]) + (
        '<row r="²"><c t="inlineStr"><is><t>A</t></is></c><c><v>51.18</v></c>'
        '<c><v>71.44</v></c></row>')
    return xlsx(_sheet(rows))


def odd_text_index() -> bytes:
    """A shared-text cell whose index is a superscript two."""
    shared = f'<sst xmlns="{_MAIN}"><si><t>name</t></si><si><t>A</t></si></sst>'
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>lat</t>'
            '</is></c><c r="C1" t="inlineStr"><is><t>lon</t></is></c></row>'
            '<row r="2"><c r="A2" t="s"><v>²</v></c><c r="B2"><v>51.18</v></c>'
            '<c r="C2"><v>71.44</v></c></row>')
    return xlsx(_sheet(rows), shared=shared)


def odd_cell_reference() -> bytes:
    """A cell whose reference ends in a superscript two (``A²``)."""
    rows = _row(1, [("s", "name"), ("s", "lat"), ("s", "lon")]) + (
        '<row r="2"><c r="A²" t="inlineStr"><is><t>A</t></is></c><c r="B2"><v>51.18</v>'
        '</c><c r="C2"><v>71.44</v></c></row>')
    return xlsx(_sheet(rows))


def unsupported_compression() -> bytes:
    """A workbook whose sheet says it is compressed by a method no reader knows (99)."""
    data = bytearray(xlsx(_sheet(_row(1, [("s", "name")]))))
    part = b"xl/worksheets/sheet1.xml"
    # The method is at byte 8 of an entry's local header, byte 10 of its central one.
    for signature, offset, name_at in ((b"PK\x03\x04", 8, 30), (b"PK\x01\x02", 10, 46)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            if data[at + name_at:at + name_at + len(part)] == part:
                data[at + offset] = 99
            at += 4
    return bytes(data)


# ------------------------------------------------------------------ CSV and encodings
def sniffer_trap() -> bytes:
    """``,"`` repeated: ``csv.Sniffer``'s regular expressions take seconds on it."""
    return (',"' * 10_000 + "\n").encode()


def long_csv(n: int = 650_000) -> bytes:
    """9 MB of ``n`` valid short rows."""
    return b"name,lat,lon\n" + b"a,51.18,71.44\n" * n


def long_csv_cells(n: int = 9_000) -> bytes:
    """9 MB: ``n`` rows whose name is 1,001 characters long."""
    return b"name,lat,lon\n" + (b"x" * 1001 + b",51.18,71.44\n") * n


def _register(names: list[str], at: tuple[float, float] = KARAGANDA) -> str:
    return "name,settlement,lat,lon\n" + "".join(
        f"{n},{n},{at[0]},{at[1]}\n" for n in names)


KAZAKH_NAMES = ["Қарағанды орталығы", "Дағдарыс орталығы «Үміт»", "Көмек"]


def lost_letters() -> bytes:
    """Kazakh names saved as Windows-1251, which has no ә ғ қ ң ө ұ ү һ: each is ``?``."""
    return _register(KAZAKH_NAMES).encode("cp1251", errors="replace")


def kz1048() -> bytes:
    """The same register in KZ-1048, Kazakhstan's own code page."""
    return _register(KAZAKH_NAMES).encode("kz1048")


def kz1048_incidents() -> bytes:
    """Incident figures whose regions are named in Kazakh, in KZ-1048."""
    return ("өңір;көрсеткіш;кезең;мәні\nҚарағанды облысы;x;2023;12\n"
            "Қостанай облысы;x;2023;7\nАқмола облысы;x;2023;5\n").encode("kz1048")


def stray_byte() -> bytes:
    """A UTF-8 register with one Windows-1251 byte pasted into row 3 ("Қарағанд\xe0")."""
    text = _register(["Дағдарыс орталығы", "Қарағанды"]).encode()
    return text.replace("Қарағанды,Қарағанды".encode(), "Қарағанды,Қарағанд".encode()
                        + "а".encode("cp1251"), 1)


def bom_then_utf16(names: tuple[str, ...] = ("Көмек",), tail: bytes = b"") -> bytes:
    """A UTF-8 BOM before UTF-16 text (big-endian, no BOM of its own). With Latin text
    and a byte after it (an even length), it was read as UTF-16 little-endian: a column
    named ``믯¿name``."""
    return b"\xef\xbb\xbf" + _register(list(names), ASTANA).encode("utf-16-be") + tail


#: Today's 20 regions (the incident sets' rows).
REGION_IDS = ["KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33",
              "KZ-35", "KZ-39", "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62",
              "KZ-63", "KZ-71", "KZ-75", "KZ-79"]


def incident_sets(sets: int, regions: int = 20) -> bytes:
    """``sets`` indicators of 2023, each with a figure for the first ``regions`` regions
    (5,000 sets of 20 took four minutes of CPU before sets were bounded)."""
    rows = "".join(f"{rid},ind{i},2023,{100 + i % 50}\n" for i in range(sets)
                   for rid in REGION_IDS[:regions])
    return ("region_id,indicator,period,value\n" + rows).encode()


CASES: dict[str, ReaderCase] = {
    "GeoJSON, 20,000 property names": ReaderCase(
        "names20k.geojson", lambda: many_names(20_000), words="different names"),
    "GeoJSON, 40,000 property names": ReaderCase(
        "names40k.geojson", lambda: many_names(40_000), words="different names"),
    "GeoJSON, a point with 20,000 properties": ReaderCase(
        "props.geojson", wide_feature, words="more than 100 properties"),
    "GeoJSON, 3 million empty lists": ReaderCase(
        "lists.geojson", empty_lists, words="more than 1,000 values"),
    "GeoJSON, 80,000 points": ReaderCase(
        "points.geojson", lambda: many_points(80_000), words="may hold at most 1,000"),
    "XLSX, 99,999 rows": ReaderCase("rows.xlsx", long_sheet, words="may hold at most 1,000"),
    "XLSX, 99,999 incident rows": ReaderCase(
        "incident_rows.xlsx", long_incident_sheet, kind="incidents",
        words="may hold at most 2,100"),
    "XLSX, 1,000,000 cells of 1,001 characters": ReaderCase(
        "cells.xlsx", long_cells, words="more than 1,000 characters"),
    "XLSX, row number ²": ReaderCase("row2.xlsx", odd_row_number,
                                     words="'²', which is not a row number"),
    "XLSX, shared-text index ²": ReaderCase("text2.xlsx", odd_text_index,
                                            words="text number '²'"),
    "XLSX, cell reference A²": ReaderCase("ref2.xlsx", odd_cell_reference,
                                          words="'A²', which is not a cell reference"),
    "XLSX, unknown compression": ReaderCase("method.xlsx", unsupported_compression,
                                            words="cannot be unpacked"),
    "CSV that keeps csv.Sniffer busy": ReaderCase("sniff.csv", sniffer_trap,
                                                  words="limit is 100 columns"),
    "CSV, 650,000 rows": ReaderCase("long.csv", long_csv, words="may hold at most 1,000"),
    "CSV, 9,000 cells of 1,001 characters": ReaderCase(
        "long_cells.csv", long_csv_cells, words="more than 1,000 characters"),
    "UTF-8 BOM before UTF-16": ReaderCase("bom16.csv", bom_then_utf16),
    "UTF-8 BOM before UTF-16, Latin names and a stray newline": ReaderCase(
        "bom16_latin.csv", lambda: bom_then_utf16(("Komek", "Umit"), tail=b"\n")),
    "Kazakh letters lost in Windows-1251": ReaderCase(
        "lost.csv", lost_letters, notice="question mark inside a word, such as '?ара?анды'"),
    "KZ-1048": ReaderCase("kz1048.csv", kz1048, notice="KZ-1048"),
    "KZ-1048 incident figures": ReaderCase("kz1048_inc.csv", kz1048_incidents,
                                           kind="incidents", notice="KZ-1048"),
    "UTF-8 with one Windows-1251 byte": ReaderCase(
        "stray.csv", stray_byte, notice="row 3, column 'settlement': 1 byte is not UTF-8"),
    "5,000 incident sets of 20 regions": ReaderCase(
        "sets.csv", lambda: incident_sets(5_000), kind="incidents",
        words="may hold at most 2,100"),
    "2,000 incident sets of one region": ReaderCase(
        "sets1.csv", lambda: incident_sets(2_000, regions=1), kind="incidents",
        words="beyond the first 100"),
}
