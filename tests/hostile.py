"""Hostile and broken files, built by code (no binaries are committed).

Each case is a file name, its bytes (made on demand: some are large), the kind of table
(``centres`` or ``incidents``), and what must happen: ``words`` the DataError must say,
or ``None`` when the file is valid and must load. Shared by the loader, command-line,
page and browser tests, and by ``bench/bench_hostile.py``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

ASTANA = "51.1801,71.44598"
#: Markdown, HTML and a script in one piece of text: links and images to another host.
INJECTED = ("[click](http://evil.example/x) ![p](http://evil.example/p.png) "
            "<img src=http://evil.example/q.png onerror=alert(1)> **bold** $x$ :red[red]")
INJECTED_FILE = "[evil](http://evil.example) ![p](http://evil.example/f.png).csv"

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    f'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.'
    f'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.'
    f'worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.'
    'sharedStrings+xml"/></Types>')
#: The parts every workbook has besides its sheet: what Excel (and openpyxl) look for.
_WORKBOOK = {
    "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
                   f'<Relationship Id="rId1" Type="{_OD}/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" '
                       f'xmlns:r="{_OD}"><sheets><sheet name="Sheet1" sheetId="1" '
                       'r:id="rId1"/></sheets></workbook>',
}


def _workbook_rels(shared: bool) -> str:
    extra = (f'<Relationship Id="rId2" Type="{_OD}/sharedStrings" '
             'Target="sharedStrings.xml"/>') if shared else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_OD}/worksheet" '
            f'Target="worksheets/sheet1.xml"/>{extra}</Relationships>')


@dataclass(frozen=True)
class Case:
    """A file and what must come of it."""

    file: str
    build: Callable[[], bytes]
    kind: str = "centres"
    words: str | None = None  # None: valid, must load

    def data(self) -> bytes:
        return self.build()


def xlsx(sheet_xml: str | bytes, *, shared: str | None = None,
         extra: dict[str, bytes] | None = None, level: int = 6) -> bytes:
    """A minimal workbook Excel and openpyxl open: one sheet (its XML as given),
    optional shared strings."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        for name, part in _WORKBOOK.items():
            z.writestr(name, part)
        z.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(True))
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        z.writestr("xl/sharedStrings.xml", shared if shared is not None
                   else f'<sst xmlns="{_MAIN}"/>')
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def _inline_row(number: int, values: list[str]) -> str:
    cells = "".join(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
                    for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


def _sheet(rows: str, dimension: str = "A1:C2") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
            f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>')


def _valid_rows() -> str:
    return _inline_row(1, ["name", "lat", "lon"]) + _inline_row(2, ["A", *ASTANA.split(",")])


def giant_dimension() -> bytes:
    """A small valid table whose sheet declares the whole Excel grid (1,048,576 rows by
    16,384 columns): the declaration is ignored."""
    return xlsx(_sheet(_valid_rows(), "A1:XFD1048576"))


def giant_cell() -> bytes:
    """1.5 KB: a table and one cell at the very last row and column of the grid."""
    last = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx(_sheet(_valid_rows() + last, "A1:XFD1048576"))


def empty_rows(n: int = 30_000_000) -> bytes:
    """A header and ``n`` empty rows (480 MB of XML), compressed about a thousand times."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        for name, part in _WORKBOOK.items():
            z.writestr(name, part)
        z.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(True))
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}"/>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            f.write(_inline_row(1, ["name", "lat", "lon"]).encode())
            block = b"<row><c/></row>" * 100_000
            for _ in range(n // 100_000):
                f.write(block)
            f.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">'
        for i in range(1, 10))
    sheet = (f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]><worksheet xmlns="{_MAIN}">'
             '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
             '</row></sheetData></worksheet>')
    return xlsx(sheet)


def broken_xml() -> bytes:
    return xlsx(f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
                '<is><t>name</t></is></c><c r="B1"')


def formula_without_value() -> bytes:
    rows = _inline_row(1, ["name", "lat", "lon"]) + (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c>'
        '<c r="B2"><f>50+1.18</f></c><c r="C2"><v>71.44598</v></c></row>')
    return xlsx(_sheet(rows))


def many_parts() -> bytes:
    return xlsx(_sheet(_valid_rows()), extra={f"xl/media/p{i}.xml": b"<a/>" for i in range(300)})


def password_protected() -> bytes:
    """The start of an encrypted Office file: an OLE container with an EncryptedPackage."""
    return (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
            + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1000)


def deep_geojson(depth: int = 100_000) -> bytes:
    return ('{"type": "FeatureCollection", "features": ' + "[" * depth + "]" * depth
            + "}").encode()


def nan_geojson() -> bytes:
    return (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            b'{"name": "A"}, "geometry": {"type": "Point", "coordinates": [NaN, Infinity]}}]}'
            )


def wide_csv(columns: int) -> bytes:
    header = "name,lat,lon," + ",".join(f"c{i}" for i in range(columns - 3))
    return f"{header}\nA,{ASTANA}{',' * (columns - 3)}\n".encode()


def bad_rows(n: int = 100_000) -> bytes:
    """Incident figures of one set, every row wrong twice: ``2 n`` problems."""
    return ("region_id,indicator,period,value\n"
            + "".join("Narnia,x,2023,lots\n" for _ in range(n))).encode()


def bad_centres(n: int = 1_000) -> bytes:
    return ("name,lat,lon\n" + "".join(f"r{i},north,east\n" for i in range(n))).encode()


def too_many_centres(n: int = 1_001) -> bytes:
    return ("name,lat,lon\n" + "".join(f"c{i},{ASTANA}\n" for i in range(n))).encode()


def injected_register() -> bytes:
    """Valid: Markdown and HTML in every text field and in a column's name."""
    return ("name,lat,lon,settlement,kind,note,"
            f'"{INJECTED}"\n"{INJECTED}",{ASTANA},"{INJECTED}","{INJECTED}","{INJECTED}",x\n'
            ).encode()


def injected_bad_register() -> bytes:
    """Invalid: the injected text in the cells that problems quote."""
    return f'name,lat,lon,region\n"{INJECTED}",{INJECTED[:20]},71.4,"{INJECTED}"\n'.encode()


def injected_incidents() -> bytes:
    """Valid: an indicator name and a period made of Markdown and HTML."""
    rows = "".join(f'{r},"{INJECTED}","{INJECTED[:40]}",{100 + i}\n'
                   for i, r in enumerate(["KZ-11", "KZ-15", "KZ-75"]))
    return ("region_id,indicator,period,value\n" + rows).encode()


CASES: dict[str, Case] = {
    "giant declared sheet, small table": Case("giant.xlsx", giant_dimension),
    "a cell at the end of the grid": Case("grid_end.xlsx", giant_cell,
                                          words="rows beyond row"),
    "30 million empty rows": Case("empty_rows.xlsx", empty_rows, words="unpacks to"),
    "beds 1e19": Case("beds.csv", lambda: f"name,lat,lon,beds\nA,{ASTANA},1e19\n".encode(),
                      words="1e19 is above 10,000"),
    "beds 1e308 and 1e999": Case(
        "beds2.csv", lambda: f"name,lat,lon,beds\nA,{ASTANA},1e308\nB,{ASTANA},1e999\n"
        .encode(), words="is above 10,000"),
    "billion laughs": Case("laughs.xlsx", billion_laughs, words="declares XML entities"),
    "broken XML": Case("broken.xlsx", broken_xml, words="XML is damaged"),
    "GeoJSON nested 100,000 levels": Case("deep.geojson", deep_geojson,
                                          words="nested deeper than 20 levels"),
    "NaN and infinity in GeoJSON": Case("nan.geojson", nan_geojson,
                                        words="NaN is not a number in JSON"),
    "NaN and infinity in a CSV": Case(
        "nan.csv", lambda: b"name,lat,lon\nA,nan,71.4\nB,51.1,inf\n",
        words="'nan' is not a latitude"),
    "10,000 columns": Case("wide.csv", lambda: wide_csv(10_000), words="limit is 100 columns"),
    "200,000 columns": Case("wider.csv", lambda: wide_csv(200_000),
                            words="limit is 100 columns"),
    "NUL bytes": Case("nul.csv", lambda: b"\x00" * 10_000, words="not a text table"),
    "UTF-16 without BOM": Case("utf16.csv", lambda: f"name,lat,lon\nA,{ASTANA}\n"
                               .encode("utf-16-le")),
    "XLSX bytes named .csv": Case("sheet.csv", lambda: xlsx(_sheet(_valid_rows()))),
    "duplicate column names": Case("dup.csv", lambda: f"name,lat,lon,name\nA,{ASTANA},B\n"
                                   .encode(), words="appears twice"),
    # Refused at the first row past the limit, before any row is checked.
    "100,000 bad rows": Case("bad_rows.csv", bad_rows, kind="incidents",
                             words="may hold at most 2,100"),
    # As many rows as a table may hold, each wrong twice: 4,200 problems, 200 kept.
    "2,100 bad rows": Case("bad_rows.csv", lambda: bad_rows(2_100), kind="incidents",
                           words="more problems"),
    "1,000 bad centres": Case("bad_centres.csv", bad_centres, words="more problems"),
    "1,001 centres": Case("many.csv", too_many_centres, words="may hold at most 1,000"),
    "password-protected XLSX": Case("secret.xlsx", password_protected,
                                    words="protected by a password"),
    "formula without a value": Case("formula.xlsx", formula_without_value,
                                    words="a formula without a computed value"),
    "300 parts in a workbook": Case("parts.xlsx", many_parts, words="holds 306 parts"),
    "Latin-1 text": Case("latin1.csv", lambda: f"name,lat,lon\nMénard,{ASTANA}\n"
                         .encode("latin-1")),
    "Markdown and HTML everywhere": Case(INJECTED_FILE, injected_register),
    "Markdown and HTML in a bad file": Case(INJECTED_FILE, injected_bad_register,
                                            words="is not a latitude"),
    "incident count 1e19": Case(
        "count.csv", lambda: b"region_id,indicator,period,value\nKZ-11,x,2023,1e19\n",
        kind="incidents", words="1e19 is above"),
    "Markdown and HTML in incident figures": Case("inc " + INJECTED_FILE, injected_incidents,
                                                  kind="incidents"),
}

#: Scenario files that must each end in a DataError (never another exception).
BAD_SCENARIOS: dict[str, bytes] = {
    "nested": ('{"schema": "kz-crisis-centres-scenario/1", "added": ' + "[" * 50_000
               + "]" * 50_000 + "}").encode(),
    "not an object": b"[1, 2, 3]",
    "added is not a list": b'{"schema": "kz-crisis-centres-scenario/1", "added": 5}',
    "added entries are not objects": b'{"schema": "kz-crisis-centres-scenario/1", '
                                     b'"added": [1, "x", null]}',
    "huge capacity": b'{"schema": "kz-crisis-centres-scenario/1", "beds": '
                     b'{"kc-01": 99999999999999999999}}',
    "NaN coordinates": b'{"schema": "kz-crisis-centres-scenario/1", "added": [{"lon": NaN, '
                       b'"lat": 51, "region_id": "KZ-71"}]}',
    "huge coordinates": b'{"schema": "kz-crisis-centres-scenario/1", "added": [{"lon": 1e999, '
                        b'"lat": 51, "region_id": "KZ-71"}]}',
    "beds not a map": b'{"schema": "kz-crisis-centres-scenario/1", "beds": [1, 2]}',
    "binary": bytes(range(256)),
}

#: Share links that must open the default view (values left out) with a notice.
BAD_LINKS: dict[str, dict[str, str]] = {
    "negative capacity": {"scn": "=kc-02_-7"},
    "huge capacity": {"scn": "=kc-03_99999999999999999999"},
    "scenario garbage": {"scn": "g<script>~p1e999_nan~=~-~gx_y"},
    "bad threshold": {"t": "abc"},
    "bad region": {"region": "<img src=x onerror=alert(1)>"},
    "bad language": {"lang": "xx"},
}



@dataclass(frozen=True)
class Run:
    """A command's outcome with its wall time and its peak resident memory."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def run_measured(args: list[str], *, cwd: str, timeout: float = 120.0,
                 limit_mb: int | None = None) -> Run:
    """Run ``args``; its own peak memory comes from ``wait4`` (this child's rusage).

    ``limit_mb`` caps the child's address space (for old code that would not stop).
    """
    import os
    import resource
    import subprocess
    import tempfile
    import threading
    import time

    def cap() -> None:
        if limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb << 20, limit_mb << 20))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=err, preexec_fn=cap)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, out.read().decode(errors="replace"),
                   err.read().decode(errors="replace"), seconds, usage.ru_maxrss / 1024)
