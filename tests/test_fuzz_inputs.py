"""A fuzzer of everything a user brings: registers, incident tables, scenario files and
share links, generated from a grammar that mixes template syntax, Markdown, HTML, control
and bidi characters, huge and tiny numbers, odd digits, encodings and formats.

Each input has one of two outcomes: it loads and every text shows as written (on the web
map: ``guarded`` fails on any template compiled from text that holds a Jinja tag), or it
is refused with a ``DataError`` whose message is one line in each language. Never
another exception, never more than ``BUDGET_S`` seconds or ``BUDGET_MB`` of memory for a
file. ``FUZZ_EXAMPLES`` sets how many inputs of each kind (80 by default).
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
import tracemalloc
from contextlib import contextmanager
from xml.sax.saxutils import escape

import branca.element
import folium
import pytest
from hostile import xlsx
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from coverage import DataError, load_centres, load_incidents
from coverage.i18n import LANGUAGES
from coverage.incidents import incident_sets, to_current_layout
from coverage.indicators import classes_of
from coverage.scenarios import SCHEMA, apply, from_json, parse_query
from coverage.webmap import _centre_layer, map_html
from coverage.webparts import legend_html
from tests import injection
from tests.test_template_text import _has_tags

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "80"))
FUZZ = {"max_examples": EXAMPLES, "deadline": None,
        "suppress_health_check": [HealthCheck.function_scoped_fixture,
                                  HealthCheck.too_slow, HealthCheck.data_too_large]}
#: What one input may cost to read (and refuse): the issue's bound for a file.
BUDGET_S, BUDGET_MB = 2.0, 300
#: How many inputs ran, by kind and outcome (printed at the end of a run).
RUNS: dict[str, int] = {}

# ------------------------------------------------------------------ the grammar
TEMPLATE = st.sampled_from(["{{ 7*7 }}", "{% for i in range(3) %}o{% endfor %}", "{#", "#}",
                            "{{ lipsum }}", "{{ config }}", "{%", "}}", "{{", "{% raw %}",
                            "{{ cycler.__init__.__globals__.os }}", injection.SPIN])
MARKUP = st.sampled_from(["[x](http://evil.example)", "![p](http://evil.example/p.png)",
                          "<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>",
                          "**b**", "$x$", ":red[r]", "<!--", "]]>", "&amp;", "&#123;", "`",
                          "=HYPERLINK(\"http://x\")", "@SUM(1)", "\\", "\"", "'", ",", ";",
                          "\t"])
CONTROL = st.sampled_from(["\x00", "\x07", "\x1b[31m", "\r", "\n", "\u2028", "\u0085",
                           "\ufeff", "\x7f", "\ufffd"])
BIDI = st.sampled_from(["\u202e", "\u2066", "\u2069", "\u200f", "\u061c", "\u202a", "\u200b"])
DIGITS = st.sampled_from(["²", "٣", "૩", "①", "１２", "𝟗", "¹⁰", "Ⅻ", "½", "߉", "᠕"])
NUMBERS = st.sampled_from(["1e308", "1e999", "-0", "NaN", "inf", "-inf", "0x10", "1_000",
                           "٣٤", "1,5", "4.2e-320", "99999999999999999999", " 12 ", "5",
                           "0", "-5", "999999", "1e30", "12.0", "51.18", "71.45"])
PLACES = st.sampled_from(["Алматы", "Қарағанды", "Өскемен", "Шымкент", "Астана",
                          "Zhan-Saya", "Ақтөбе", "Ұлытау"])
WORDS = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=6)
FRAGMENT = st.one_of(TEMPLATE, MARKUP, CONTROL, BIDI, DIGITS, NUMBERS, PLACES, WORDS)
CELL = st.lists(FRAGMENT, max_size=4).map("".join)
#: Text that a file can hold as a name: no control character, not blank. Mostly this, so
#: that many files load and their text reaches the outputs.
PRINTABLE = st.one_of(TEMPLATE, MARKUP, BIDI, DIGITS, NUMBERS, PLACES,
                      st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")),
                              max_size=6))
NAME_TEXT = st.lists(PRINTABLE, min_size=1, max_size=4).map("".join).filter(str.strip)
TEXT = st.one_of(*[NAME_TEXT] * 7, CELL)
#: Coordinates of real settlements, so that many registers load.
TOWNS = [(51.18, 71.45), (43.25, 76.91), (42.32, 69.59), (50.28, 57.17), (47.1, 51.9),
         (52.29, 76.95), (49.8, 73.1), (53.28, 69.39), (44.85, 65.5)]
_TOWN = st.sampled_from(TOWNS).map(lambda p: (str(p[0]), str(p[1])))
#: Mostly real places (so that many files load), sometimes anything.
LAT_LON = st.one_of(*[_TOWN] * 7, st.tuples(st.one_of(NUMBERS, CELL),
                                            st.one_of(NUMBERS, CELL)))
COUNT = st.integers(0, 5_000).map(str)
VALUE = st.one_of(*[COUNT] * 6, NUMBERS, DIGITS)
ENCODINGS = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le",
                             "cp1251", "kz1048", "cp1252"])
_REGIONS = ["KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35",
            "KZ-39", "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71",
            "KZ-75", "KZ-79"]
REGION = st.one_of(*[st.sampled_from(_REGIONS)] * 4,
                   st.sampled_from(["KZ", "Almaty", "Алматы", "Абай облысы", "Narnia"]), CELL)


@st.composite
def centre_rows(draw) -> tuple[list[str], list[list[str]]]:
    """A register's header and rows: names, places and numbers from the grammar."""
    extra = draw(st.lists(st.sampled_from(["settlement", "kind", "beds", "note", "region",
                                           "source_url", "name_local", "address"]),
                          unique=True, max_size=4))
    header = ["name", "lat", "lon", *extra]
    # Half the files well formed but for their text (which then reaches every output),
    # half with any value anywhere.
    clean = draw(st.booleans())
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        lat, lon = draw(_TOWN if clean else LAT_LON)
        row = [draw(NAME_TEXT), lat, lon]
        for col in extra:
            if col == "beds":
                row.append(draw(COUNT if clean else VALUE))
            else:
                row.append(draw(st.sampled_from(_REGIONS) if clean and col == "region"
                                else NAME_TEXT if clean else TEXT))
        rows.append(row)
    return header, rows


@st.composite
def incident_rows(draw) -> tuple[list[str], list[list[str]]]:
    """An incident table: regions, indicator and period from the grammar."""
    header = ["region_id", "indicator", "period", "value",
              *draw(st.lists(st.sampled_from(["coverage_note", "qualifier", "layout",
                                              "source_url"]), unique=True, max_size=2))]
    sets = draw(st.lists(st.tuples(NAME_TEXT, NAME_TEXT), min_size=1, max_size=3))
    clean = draw(st.booleans())  # as for registers: half well formed but for their text
    rows = []
    for indicator, period in sets:
        regions = st.sampled_from(_REGIONS) if clean else REGION
        for rid in draw(st.lists(regions, min_size=1, max_size=5, unique=True)):
            rows.append([rid, indicator, period, draw(COUNT if clean else VALUE),
                         *[draw(NAME_TEXT if clean and col == "coverage_note" else TEXT)
                           if col not in ("qualifier", "layout") or not clean else ""
                           for col in header[4:]]])
    return header, rows


def as_csv(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    return buf.getvalue().encode(encoding, errors="replace")


def as_xlsx(header: list[str], rows: list[list[str]]) -> bytes:
    """A workbook of inline strings (text that XML cannot hold makes it broken: refused)."""
    def row_xml(n: int, values: list[str]) -> str:
        cells = "".join(f'<c r="{chr(65 + i)}{n}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
                        for i, v in enumerate(values))
        return f'<row r="{n}">{cells}</row>'

    body = "".join(row_xml(i + 1, r) for i, r in enumerate([header, *rows]))
    return xlsx('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                f'main"><sheetData>{body}</sheetData></worksheet>')


def as_geojson(header: list[str], rows: list[list[str]]) -> bytes:
    features = []
    for row in rows:
        props = dict(zip(header, row, strict=True))
        lat, lon = props.pop("lat"), props.pop("lon")
        coords = [_number_or_text(lon), _number_or_text(lat)]
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point", "coordinates": coords}})
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def _number_or_text(text: str) -> object:
    try:
        value = float(text)
    except ValueError:
        return text
    return value if value == value and abs(value) != float("inf") else text


@st.composite
def files(draw, rows_strategy, formats=("csv", "xlsx", "geojson")) -> tuple[str, bytes]:
    header, rows = draw(rows_strategy)
    fmt = draw(st.sampled_from(formats))
    name = draw(st.one_of(st.just("fuzz"), CELL.map(lambda s: s[:60] or "fuzz")))
    if fmt == "csv":
        data = as_csv(header, rows, draw(st.sampled_from([",", ";", "\t"])), draw(ENCODINGS))
    elif fmt == "xlsx":
        data = as_xlsx(header, rows)
    else:
        data = as_geojson(header, rows)
    return f"{name}.{fmt}", data


# ------------------------------------------------------------------ outcomes
@contextmanager
def bounded(kind: str):
    """Measure one input's reading: time and peak memory within the budget."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        RUNS[kind] = RUNS.get(kind, 0) + 1
    assert seconds < BUDGET_S and peak < BUDGET_MB, (kind, seconds, peak)


def refused_in_one_line(error: DataError) -> None:
    assert error.problems
    for lang in LANGUAGES:
        line = error.summary(lang=lang)
        assert line and "\n" not in line and "\r" not in line, line[:300]
        assert "Traceback" not in line


@pytest.fixture
def guarded(monkeypatch):
    """Fail on any template compiled from text that holds a Jinja tag (before it runs)."""
    real = branca.element.Template

    def checked(source: str, *args, **kwargs):
        assert not _has_tags(source), f"text compiled as a template: {source[:300]!r}"
        return real(source, *args, **kwargs)

    monkeypatch.setattr(branca.element, "Template", checked)


def shown_on_the_map(centres) -> None:
    """Draw the centres' layer as the map does; each name shows as written (one line)."""
    m = folium.Map(tiles=None)
    _centre_layer(centres, "en").add_to(m)
    seen = injection.visible(map_html(m))
    for name in centres["name"]:
        assert injection.one_line(name) in seen, repr(name)[:200]


# ------------------------------------------------------------------ the fuzzers
@hsettings(**FUZZ)
@given(files(centre_rows()))
def test_any_register_loads_as_written_or_is_refused_in_one_line(bundled, guarded, file):
    name, data = file
    try:
        with bounded("register"):
            centres = load_centres(data, name=name, regions=bundled.regions,
                                   settlements=bundled.settlements)
    except DataError as error:
        RUNS["register refused"] = RUNS.get("register refused", 0) + 1
        refused_in_one_line(error)
        return
    RUNS["register loaded"] = RUNS.get("register loaded", 0) + 1
    shown_on_the_map(centres)


@hsettings(**FUZZ)
@given(files(incident_rows(), formats=("csv", "xlsx")))
def test_any_incident_table_loads_as_written_or_is_refused_in_one_line(bundled, report,
                                                                        guarded, file):
    name, data = file
    try:
        with bounded("incidents"):
            table = load_incidents(data, name=name, regions=bundled.regions)
    except DataError as error:
        RUNS["incidents refused"] = RUNS.get("incidents refused", 0) + 1
        refused_in_one_line(error)
        return
    RUNS["incidents loaded"] = RUNS.get("incidents loaded", 0) + 1
    try:
        current = to_current_layout(table, bundled.crosswalk)
    except DataError as error:  # a layout that cannot be told apart: said in one line
        refused_in_one_line(error)
        return
    for s in incident_sets(current, bundled.population):
        classes = classes_of(report.regions, "incidents_per_100k", threshold=120, incidents=s)
        legend = legend_html(classes, "en", s.indicator, False)
        assert injection.one_line(s.indicator) in injection.visible(legend)


JSON_VALUE = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30),
                       st.floats(allow_nan=False, allow_infinity=False), CELL, NUMBERS,
                       DIGITS)
ADDED = st.fixed_dictionaries(
    {"lat": st.one_of(st.sampled_from([t[0] for t in TOWNS]), JSON_VALUE),
     "lon": st.one_of(st.sampled_from([t[1] for t in TOWNS]), JSON_VALUE),
     "region_id": st.one_of(st.sampled_from(["KZ-71", "KZ-75", "KZ-35"]), JSON_VALUE)},
    optional={"name": st.one_of(CELL, JSON_VALUE), "settlement": CELL,
              "beds": st.one_of(st.integers(-5, 10**6), JSON_VALUE),
              "geonameid": st.one_of(st.sampled_from([1526384, 1526273]), JSON_VALUE)})
#: Added centres that a scenario can hold (a point in its region), named from the grammar.
CLEAN_ADDED = st.builds(
    lambda place, name, settlement, beds: {"lat": place[0], "lon": place[1],
                                           "region_id": place[2], "name": name,
                                           "settlement": settlement, "beds": beds},
    st.sampled_from([(51.18, 71.45, "KZ-71"), (43.25, 76.91, "KZ-75"),
                     (49.8, 73.1, "KZ-35")]),
    NAME_TEXT, NAME_TEXT, st.integers(0, 10_000))
CLEAN_SCENARIO = st.fixed_dictionaries({"schema": st.just(SCHEMA),
                                        "added": st.lists(CLEAN_ADDED, max_size=4)})
ANY_SCENARIO = st.fixed_dictionaries(
    {"schema": st.one_of(st.just(SCHEMA), CELL)},
    optional={"added": st.one_of(st.lists(ADDED, max_size=4), JSON_VALUE),
              "disabled": st.one_of(st.lists(st.one_of(st.sampled_from(["kc-01", "kc-02"]),
                                                        CELL), max_size=3), JSON_VALUE),
              "beds": st.one_of(st.dictionaries(st.one_of(st.just("kc-01"), CELL),
                                                JSON_VALUE, max_size=3), JSON_VALUE)})


SCENARIO = st.one_of(CLEAN_SCENARIO, ANY_SCENARIO)


@hsettings(**FUZZ)
@given(SCENARIO, st.sampled_from(["utf-8", "utf-16", "cp1251"]))
def test_any_scenario_file_applies_as_written_or_is_refused_in_one_line(bundled, guarded,
                                                                        doc, encoding):
    data = json.dumps(doc, ensure_ascii=False).encode(encoding, errors="replace")
    try:
        with bounded("scenario"):
            scenario = from_json(data, centres=bundled.centres, regions=bundled.regions,
                                 file="fuzz.json")
    except DataError as error:
        RUNS["scenario refused"] = RUNS.get("scenario refused", 0) + 1
        refused_in_one_line(error)
        return
    RUNS["scenario applied"] = RUNS.get("scenario applied", 0) + 1
    shown_on_the_map(apply(bundled.centres, scenario))


LINK_PART = st.one_of(
    st.tuples(st.sampled_from(["g", "p", "-", "=", ""]),
              st.lists(st.one_of(st.sampled_from(["1526384", "1526273", "51.18", "71.45",
                                                  "kc-01", "_", "20"]), NUMBERS, DIGITS,
                                 TEMPLATE, CELL), max_size=4).map("_".join)).map("".join),
    CELL)


@hsettings(**FUZZ)
@given(st.lists(LINK_PART, max_size=6).map("~".join))
def test_any_share_link_opens_the_valid_part_and_counts_the_rest(bundled, guarded, text):
    with bounded("link"):
        scenario, ignored = parse_query(text, settlements=bundled.settlements,
                                        regions=bundled.regions, centres=bundled.centres)
    assert 0 <= ignored <= len([p for p in text.split("~") if p])
    for c in scenario.added:
        assert c.beds is None or 0 <= c.beds <= 10_000
    shown_on_the_map(apply(bundled.centres, scenario))


@pytest.fixture(scope="module", autouse=True)
def _count(request):
    """Say how many inputs each fuzzer ran, when the module is done (for the record)."""
    yield
    capman = request.config.pluginmanager.getplugin("capturemanager")
    with capman.global_and_fixture_disabled():
        print(f"\nfuzzed inputs: {json.dumps(RUNS, sort_keys=True)}")
