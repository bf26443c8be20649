"""Bounded reading (round 3 of the security review): every reader stops at the first row,
cell, feature or JSON value past a limit; digits and references in a workbook are ASCII;
the delimiter of a CSV is told from its first lines; encodings are told and what they lost
is a notice. Hostile files come from ``tests/hostile_readers.py``."""

from __future__ import annotations

import json
import sys
import time
import tracemalloc

import pytest
from conftest import ROOT, start_app
from hostile import run_measured, xlsx
from hostile_readers import (
    CASES,
    _row,
    _sheet,
    kz1048,
    long_sheet,
    lost_letters,
    many_names,
    many_points,
    sniffer_trap,
    stray_byte,
    wide_feature,
)
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import coverage
from coverage import DataError, settings
from coverage.charsets import decode
from coverage.csvread import delimiter
from coverage.io import load_json, read_table
from coverage.jsonread import load_bounded
from coverage.limits import INCIDENT_ROWS, REGISTER_ROWS, RowLimit
from coverage.safetext import md_escape
from coverage.scenarios import from_json

HEADER = [("s", "name"), ("s", "lat"), ("s", "lon")]


def only(exc: pytest.ExceptionInfo) -> tuple:
    (p,) = exc.value.problems
    return p.file, p.row, p.column, p.key


# ------------------------------------------------------------------ CSV
@pytest.mark.parametrize(("text", "sep"), [
    ("name,lat,lon\nA,51.1,71.4\n", ","),
    ("название;широта;долгота\nА;53,28;69,39\nБ;52,3;71,8\n", ";"),
    ("name\tlat\tlon\nA\t51.1\t71.4\n", "\t"),
    ('"name, full";lat;lon\nA;51,1;71,4\n', ";"),  # a comma inside quotes does not count
    ("name;lat, deg;lon\nA;51,1;71,4\n", ";"),  # the next lines repeat ';' twice
    ("name\nA\n", ","),
    ("", ","),
])
def test_the_delimiter_is_told_from_the_first_lines(text, sep):
    assert delimiter(text) == sep


def test_telling_the_delimiter_reads_a_fixed_sample():
    started = time.perf_counter()
    assert delimiter(sniffer_trap().decode() * 400) == ","  # csv.Sniffer: seconds
    assert time.perf_counter() - started < 0.2


def test_a_csv_is_refused_at_its_first_row_past_the_limit():
    data = b"name,lat,lon\n" + b"A,51.1,71.4\n" * 3
    with pytest.raises(DataError) as exc:
        read_table(data, name="t.csv", max_rows=2)
    assert only(exc) == ("t.csv", 4, None, "rows_over")
    assert "the table has more than 2 rows; the limit is 2" in str(exc.value)


@pytest.mark.parametrize(("limit", "rows", "words"), [
    (REGISTER_ROWS, settings.MAX_CENTRES, "a register of crisis centres may hold at most 1,000"),
    (INCIDENT_ROWS, settings.MAX_INCIDENT_ROWS, "incident figures may hold at most 2,100"),
])
def test_the_caller_gives_the_limit_and_its_message(limit, rows, words):
    data = b"a,b\n" + b"1,2\n" * rows
    assert len(read_table(data, name="t.csv", max_rows=limit)) == rows
    with pytest.raises(DataError) as exc:
        read_table(data + b"1,2\n", name="t.csv", max_rows=limit)
    assert only(exc)[1] == rows + 2 and words in str(exc.value)


def test_a_long_csv_cell_is_refused_at_that_cell_with_its_column():
    data = b"name,lat,lon\nA,51.1,71.4\nB," + b"5" * 1001 + b",71.4\nC,x,y\n"
    with pytest.raises(DataError) as exc:
        read_table(data, name="t.csv")
    assert only(exc) == ("t.csv", 3, "lat", "cell_over")
    assert "more than 1,000 characters" in str(exc.value)


def test_a_long_header_cell_is_named_by_its_letters():
    with pytest.raises(DataError) as exc:
        read_table(b"name,lat," + b"x" * 1001 + b"\nA,1,2\n", name="t.csv")
    assert only(exc) == ("t.csv", 1, "C", "cell_over")


def test_an_unclosed_quote_is_refused_at_its_row():
    data = b'name,lat,lon\nA,51.1,71.4\n"B,51.1,71.4\n' + b"x" * 5000
    with pytest.raises(DataError) as exc:
        read_table(data, name="t.csv")
    assert only(exc)[:2] == ("t.csv", 3) and "check quotes" in str(exc.value)


# ------------------------------------------------------------------ XLSX
def _book(*rows: str, shared: str | None = None) -> bytes:
    return xlsx(_sheet(_row(1, HEADER) + "".join(rows)), shared=shared)


@pytest.mark.parametrize(("row", "where", "key"), [
    ('<row r="²"><c><v>1</v></c></row>', ("b.xlsx", 2, None), "bad_row_number"),
    ('<row r="١"><c><v>1</v></c></row>', ("b.xlsx", 2, None), "bad_row_number"),
    ('<row r="2"><c r="A²"><v>1</v></c></row>', ("b.xlsx", 2, None), "bad_cell_reference"),
    ('<row r="2"><c r="a2"><v>1</v></c></row>', ("b.xlsx", 2, None), "bad_cell_reference"),
    ('<row r="2"><c r="A2" t="s"><v>²</v></c></row>', ("b.xlsx", 2, "A"), "bad_text_index"),
    ('<row r="2"><c r="B2" t="s"><v>7</v></c></row>', ("b.xlsx", 2, "B"), "bad_text_index"),
    ('<row r="2"><c r="A2" t="s"><v>-1</v></c></row>', ("b.xlsx", 2, "A"), "bad_text_index"),
])
def test_odd_digits_in_a_workbook_are_a_damaged_workbook(row, where, key):
    with pytest.raises(DataError) as exc:
        read_table(_book(row), name="b.xlsx")
    assert only(exc) == (*where, key)
    assert "the workbook is damaged" in str(exc.value)
    assert "open it in Excel and save it again" in str(exc.value)


def test_a_row_number_of_ten_digits_is_beyond_the_sheet():
    with pytest.raises(DataError, match="rows beyond row 400,000"):
        read_table(_book('<row r="99999999999999999999999"><c><v>1</v></c></row>'),
                   name="b.xlsx")


def test_rows_and_cells_without_references_are_placed_in_order():
    table = read_table(_book('<row><c t="inlineStr"><is><t>A</t></is></c><c><v>51.1</v></c>'
                             '<c r=""><v>71.4</v></c></row>'), name="b.xlsx")
    assert table.loc[2].tolist() == ["A", "51.1", "71.4"]


def test_a_long_workbook_cell_is_refused_at_that_cell_with_its_column():
    long = "x" * 1001
    shared = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              f"<si><t>{long}</t></si></sst>")
    rows = (_row(2, [("s", "A"), ("n", "51.1"), ("n", "71.4")])
            + '<row r="3"><c r="A3" t="s"><v>0</v></c></row>'
            + _row(4, [("s", long)]))
    with pytest.raises(DataError) as exc:
        read_table(_book(rows, shared=shared), name="b.xlsx")
    assert only(exc) == ("b.xlsx", 3, "name", "cell_over")


def test_a_register_sheet_is_refused_at_its_first_row_past_1000():
    with pytest.raises(DataError) as exc:
        read_table(long_sheet(1_001), name="r.xlsx", max_rows=REGISTER_ROWS)
    assert only(exc) == ("r.xlsx", 1_002, None, "centres_over")
    assert len(read_table(long_sheet(1_000), name="r.xlsx", max_rows=REGISTER_ROWS)) == 1_000


def test_a_workbook_compressed_by_an_unknown_method_is_a_data_error():
    with pytest.raises(DataError, match="cannot be unpacked"):
        read_table(CASES["XLSX, unknown compression"].data(), name="m.xlsx")


# ------------------------------------------------------------------ JSON
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False,
                                                                  allow_infinity=False),
              st.text(max_size=10)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=25)


@hsettings(max_examples=200, deadline=None)
@given(json_values, st.sampled_from([None, 1, "\t"]), st.booleans())
def test_the_bounded_parser_reads_what_json_reads(doc, indent, ascii_only):
    text = json.dumps(doc, indent=indent, ensure_ascii=ascii_only)
    assert load_bounded(text, "d.json") == json.loads(text)
    assert load_bounded(text.encode("utf-16"), "d.json") == json.loads(text.encode("utf-16"))


@pytest.mark.parametrize("text", [
    "", " ", "{", "[1,]", '{"a" 1}', '{"a":1,}', "[1 2]", '{"a":1} x', "tru", '"\x01"',
    '{1: 2}', "[01]", "-", '"\\x"', "[1.]", '["a"', '\ufeff{}', "1" * 5000,
])
def test_a_broken_document_gets_jsons_own_words(text):
    try:
        json.loads(text)
    except ValueError as exc:
        expected = str(exc)
    else:
        expected = None
    with pytest.raises(DataError) as caught:
        load_json(text, "d.json")
    if expected and not expected.startswith("Exceeds"):
        assert expected[:60] in str(caught.value), (expected, str(caught.value))


@pytest.mark.parametrize("word", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(word):
    with pytest.raises(DataError, match=f"{word} is not a number in JSON"):
        load_json(f'{{"a": [1, {word}]}}', "d.json")


def test_json_is_refused_at_its_first_value_past_the_limit():
    doc = "[" + ",".join(["[]"] * 3_000_000) + "]"  # json.loads: some 250 MB
    started = time.perf_counter()
    with pytest.raises(DataError) as exc:
        load_json(doc, "d.json")
    assert time.perf_counter() - started < 2
    assert only(exc) == ("d.json", None, None, "json_values")
    assert "more than 200,000 values" in str(exc.value)
    tracemalloc.start()
    try:
        with pytest.raises(DataError):
            load_json(doc, "d.json")
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert peak < 60


def test_deep_json_is_refused_at_the_21st_level():
    with pytest.raises(DataError, match="nested deeper than 20 levels"):
        load_json("[" * 100_000 + "]" * 100_000, "d.json")
    assert load_json("[" * 20 + "]" * 20, "d.json") == json.loads("[" * 20 + "]" * 20)


def test_scenario_files_get_the_same_bounds(bundled):
    doc = ('{"schema": "kz-crisis-centres-scenario/1", "added": ['
           + ",".join(["{}"] * 300_000) + "]}")
    with pytest.raises(DataError):
        from_json(doc, centres=bundled.centres, regions=bundled.regions, file="s.json")


# ------------------------------------------------------------------ GeoJSON
def test_new_property_names_are_refused_at_the_101st():
    with pytest.raises(DataError) as exc:
        read_table(many_names(200), name="g.geojson")
    # Feature 1 brings name, k0, lon and lat; each next one a name: the 101st at feature 98.
    assert only(exc) == ("g.geojson", 99, None, "too_many_names")
    assert "more than 100 different names" in str(exc.value)


def test_a_point_of_many_properties_is_refused_while_it_is_parsed():
    with pytest.raises(DataError) as exc:
        read_table(wide_feature(500), name="g.geojson")
    assert only(exc) == ("g.geojson", 2, None, "too_many_properties")


def test_a_feature_of_many_values_is_refused_while_it_is_parsed():
    with pytest.raises(DataError) as exc:
        read_table(CASES["GeoJSON, 3 million empty lists"].build(), name="g.geojson")
    assert only(exc) == ("g.geojson", 2, None, "feature_too_big")


def test_features_past_the_limit_are_refused_at_the_first_one():
    with pytest.raises(DataError) as exc:
        read_table(many_points(5), name="g.geojson", max_rows=3)
    assert only(exc) == ("g.geojson", 5, None, "rows_over")
    assert len(read_table(many_points(3), name="g.geojson", max_rows=3)) == 3


def test_a_long_property_is_refused_with_its_name():
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "A", "note": "x" * 1001},
         "geometry": {"type": "Point", "coordinates": [71.4, 51.1]}}]}
    with pytest.raises(DataError) as exc:
        read_table(json.dumps(doc).encode(), name="g.geojson")
    assert only(exc) == ("g.geojson", 2, "note", "cell_over")


def test_geojson_rows_are_as_before():
    doc = {"type": "FeatureCollection", "name": "x", "features": [
        {"type": "Feature", "properties": {"name": "A", "beds": 5.0},
         "geometry": {"type": "Point", "coordinates": [71.4, 51.1]}},
        {"type": "Feature", "properties": {"name": "B", "note": None, "tags": [1, 2]},
         "geometry": {"type": "Point", "coordinates": [71.5, 51.2]}}]}
    table = read_table(json.dumps(doc).encode(), name="g.geojson")
    assert list(table.columns) == ["name", "beds", "lon", "lat", "note", "tags"]
    assert table.loc[2].tolist() == ["A", "5", "71.4", "51.1", "", ""]
    assert table.loc[3].tolist() == ["B", "", "71.5", "51.2", "", "[1, 2]"]


# ------------------------------------------------------------------ encodings
REGISTER = "name,settlement,lat,lon\nҚарағанды орталығы,Қарағанды,49.8,73.1\n"


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf" + REGISTER.encode("utf-16-be"),
    b"\xef\xbb\xbf" + REGISTER.encode("utf-16-be") + b"\n",  # a byte left over
    b"\xef\xbb\xbf" + REGISTER.encode("utf-16"),
    b"\xef\xbb\xbf" + REGISTER.encode("utf-16-le"),
    REGISTER.encode("utf-16-le"),  # no BOM, Kazakh letters: high bytes 4
])
def test_utf16_behind_a_utf8_bom_or_without_a_bom(data):
    assert decode(data, "u.csv").text.lstrip("\ufeff") == REGISTER


def test_kz1048_is_read_as_kz1048_with_a_notice(regions):
    assert decode(kz1048(), "k.csv").encoding == "KZ-1048"
    centres = coverage.load_centres(kz1048(), name="k.csv", regions=regions)
    assert centres["name"].tolist()[0] == "Қарағанды орталығы"
    assert centres.attrs["notices"][0].key == "kz1048_text"


@pytest.mark.parametrize("text", [
    "название,область\nКризисный центр «Шанс»,Акмолинская область\n",
    "назва,місто\nЦентр «Надія»,Київ\nЄвген Ґудзь,Їжакевичі\n",  # Ukrainian: є ї ґ
])
def test_russian_and_ukrainian_windows_1251_stay_windows_1251(text):
    decoded = decode(text.encode("cp1251"), "r.csv")
    assert (decoded.encoding, decoded.text) == ("Windows-1251", text)


def test_windows_1251_cyrillic_is_not_taken_for_utf8():
    text = "название;область\n" + "Кризисный центр «Шанс»;Жамбыл\n" * 50
    assert decode(text.encode("cp1251"), "r.csv").encoding == "Windows-1251"


def test_letters_lost_to_question_marks_are_a_notice_naming_the_cell():
    table = read_table(lost_letters(), name="lost.csv")
    (notice,) = table.attrs["notices"]
    assert (notice.row, notice.column, notice.key) == (2, "name", "lost_letters")
    assert notice.values == {"n": 6, "word": "?ара?анды"}
    assert "CSV UTF-8" in notice.fix_text("en") and "Сохранить как" in notice.fix_text("ru")


def test_a_question_is_not_a_lost_letter():
    table = read_table("name,note\nA,Почему так? Потому что.\n".encode("cp1251"), name="q.csv")
    assert table.attrs["notices"] == []


def test_a_stray_byte_in_utf8_is_a_notice_naming_the_cell():
    decoded = decode(stray_byte(), "s.csv")
    assert (decoded.encoding, decoded.unreadable) == ("UTF-8", 1)
    assert "Дағдарыс орталығы" in decoded.text
    (notice,) = read_table(stray_byte(), name="s.csv").attrs["notices"]
    assert (notice.row, notice.column, notice.key) == (3, "settlement", "unreadable_bytes")


def test_notices_reach_validated_registers_and_incident_figures(regions):
    centres = coverage.load_centres(lost_letters(), name="lost.csv", regions=regions)
    assert "lost_letters" in [n.key for n in centres.attrs["notices"]]
    figures = coverage.load_incidents(CASES["KZ-1048 incident figures"].data(),
                                      name="i.csv", regions=regions)
    assert [n.key for n in figures.attrs["notices"]] == ["kz1048_text"]
    assert sorted(figures["region_id"]) == ["KZ-11", "KZ-35", "KZ-39"]


def test_the_command_line_shows_the_notice_in_the_language(tmp_path, cli):
    path = tmp_path / "lost.csv"
    path.write_bytes(lost_letters())
    res = cli("export", "--centres", str(path), "--format", "geojson", "--lang", "ru",
              "--out", str(tmp_path / "out.geojson"))
    assert res.returncode == 0, res.stderr
    assert "примечание: lost.csv, строка 2, столбец «name»: в 6 ячейках знак вопроса " \
        "стоит внутри слова, например «?ара?анды»" in res.stderr, res.stderr


@pytest.mark.slow
def test_the_page_shows_the_reading_notices_of_both_kinds():
    at = start_app(lang="ru")
    at.file_uploader(key="up_centres").set_value(("lost.csv", lost_letters(), "text/csv")).run()
    at.file_uploader(key="up_incidents").set_value(
        ("kz.csv", CASES["KZ-1048 incident figures"].data(), "text/csv")).run()
    assert not at.exception
    tables = " ".join(tb.value.to_string() for tb in at.table)
    assert "знак вопроса стоит внутри слова" in tables
    # Cells are escaped for Markdown (KZ\\-1048).
    assert md_escape("прочитано как казахский текст в кодировке KZ-1048") in tables


# ------------------------------------------------------------------ the corpus
BIG = {"GeoJSON, 40,000 property names", "GeoJSON, 3 million empty lists",
       "GeoJSON, 80,000 points", "XLSX, 99,999 rows", "XLSX, 99,999 incident rows",
       "XLSX, 1,000,000 cells of 1,001 characters", "CSV, 650,000 rows",
       "CSV, 9,000 cells of 1,001 characters"}


def _load(case, data, bundled):
    if case.kind == "centres":
        return coverage.load_centres(data, name=case.file, regions=bundled.regions,
                                     settlements=bundled.settlements)
    return coverage.load_incidents(data, name=case.file, regions=bundled.regions)


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in BIG else n
                                  for n in CASES])
def test_through_the_loader(name, bundled):
    case = CASES[name]
    data = case.data()
    assert len(data) < settings.MAX_FILE_BYTES
    tracemalloc.start()
    started = time.perf_counter()
    try:
        if case.words is None:
            frame = _load(case, data, bundled)
            assert len(frame) > 0
            lines = [n.line() for n in frame.attrs["notices"]]
            assert case.notice is None or any(case.notice in line for line in lines), lines
        else:
            with pytest.raises(DataError) as exc:
                _load(case, data, bundled)
            assert len(exc.value.problems) == 1, str(exc.value)
            assert case.words in str(exc.value) and str(exc.value).startswith(case.file)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    # tracemalloc slows every allocation: generous, still far below the old minutes and GB.
    assert seconds < 5 and peak < 100, (seconds, peak)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> dict:
    """The command line on a file of each kind refused at once (a missing column): what
    the bundled data cost before the file is read (for incident figures the population
    model is built first)."""
    folder = tmp_path_factory.mktemp("base")
    runs = {}
    for kind, option, text in (("centres", "--centres", b"name,lat\nA,51.1\n"),
                               ("incidents", "--incidents", b"region,value\nKZ-11,1\n")):
        path = folder / f"{kind}.csv"
        path.write_bytes(text)
        runs[kind] = run_measured([sys.executable, "-m", "coverage", "report", option,
                                   str(path), "--minutes", "120"], cwd=str(ROOT), timeout=120)
        assert runs[kind].returncode == 2, runs[kind].stderr
    return runs


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_through_the_command_line(name, baseline, tmp_path):
    case = CASES[name]
    path = tmp_path / case.file
    path.write_bytes(case.data())
    option = "--centres" if case.kind == "centres" else "--incidents"
    run = run_measured([sys.executable, "-m", "coverage", "report", option, str(path),
                        "--minutes", "120", "--lang", "ru"], cwd=str(ROOT), timeout=120,
                       limit_mb=2_000)
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    lines = run.stderr.strip().splitlines()
    if case.words is None:
        assert run.returncode == 0, run.stderr[-2000:]
    else:
        assert run.returncode == 2 and len(lines) == 1, run.stderr[-2000:]
        assert lines[0].startswith(f"ошибка: {case.file}")
        # Reading adds little to what the bundled data cost (the report is not built).
        base = baseline[case.kind]
        assert run.peak_mb < base.peak_mb + 60, (run.peak_mb, base.peak_mb)
        # Two seconds of reading at most, and some slack for a busy machine.
        assert run.seconds < base.seconds + 3, (run.seconds, base.seconds)


def test_the_row_limits_are_documented_settings():
    assert REGISTER_ROWS.limit == settings.MAX_CENTRES == 1_000
    assert INCIDENT_ROWS.limit == settings.MAX_INCIDENT_ROWS == settings.MAX_INCIDENT_SETS * 21
    assert RowLimit(5).key == "rows_over"
