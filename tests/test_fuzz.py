"""Property-based robustness of the readers beyond bytes and CSV: generated XLSX
workbooks (cells of every type, stray references, shared strings, broken XML) and
GeoJSON structures (any JSON in features, geometries and properties). Whatever they
hold, reading ends in data or in a DataError."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from hostile import xlsx
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from coverage import DataError, load_centres, load_incidents

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
FUZZ = {"max_examples": 120, "deadline": None,
        "suppress_health_check": [HealthCheck.function_scoped_fixture]}

text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=15)
kinds = st.sampled_from(["s", "n", "b", "str", "inlineStr", "e", "x", None])
refs = st.one_of(st.sampled_from(["A1", "B2", "C3", "AA10", "XFD1", "ZZZ9", "", "1A", "a1"]),
                 st.from_regex(r"[A-Z]{1,3}[0-9]{1,7}", fullmatch=True))
cell = st.tuples(refs, kinds, text, st.booleans())
rows = st.lists(st.tuples(st.one_of(st.none(), st.integers(-5, 2_000_000)),
                          st.lists(cell, max_size=5)), min_size=1, max_size=8)


def sheet_xml(rows_, broken: bool) -> str:
    body = []
    for number, cells in rows_:
        attr = "" if number is None else f' r="{number}"'
        parts = []
        for ref, kind, value, formula in cells:
            t_attr = f' t="{kind}"' if kind else ""
            inner = f"<f>{escape(value)}</f>" if formula else ""
            if kind == "inlineStr":
                inner += f"<is><t>{escape(value)}</t></is>"
            elif not formula or value:
                inner += f"<v>{escape(value)}</v>"
            parts.append(f'<c r="{escape(ref)}"{t_attr}>{inner}</c>')
        body.append(f"<row{attr}>{''.join(parts)}</row>")
    xml = f'<worksheet xmlns="{MAIN}"><sheetData>{"".join(body)}</sheetData></worksheet>'
    return xml[: len(xml) // 2] if broken else xml


@hsettings(**FUZZ)
@given(rows, st.lists(text, max_size=5), st.booleans())
def test_generated_workbooks_raise_nothing_but_data_error(regions, rows_, strings, broken):
    shared = (f'<sst xmlns="{MAIN}">' + "".join(f"<si><t>{escape(s)}</t></si>"
                                                for s in strings) + "</sst>")
    data = xlsx(sheet_xml(rows_, broken), shared=shared)
    for loader in (load_centres, load_incidents):
        try:
            loader(data, name="fuzz.xlsx", regions=regions)
        except DataError:
            pass


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), text),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(text, inner, max_size=4)),
    max_leaves=20)
geometry = st.one_of(
    json_values,
    st.fixed_dictionaries({"type": st.sampled_from(["Point", "LineString", "point", ""]),
                           "coordinates": st.one_of(
                               st.lists(st.floats(allow_nan=False), max_size=3),
                               json_values)}))
feature = st.one_of(json_values, st.fixed_dictionaries({
    "type": st.just("Feature"), "geometry": geometry,
    "properties": st.one_of(json_values, st.dictionaries(
        st.sampled_from(["name", "lat", "lon", "beds", "region", "x"]), json_values,
        max_size=5))}))


@hsettings(**FUZZ)
@given(st.one_of(json_values, st.fixed_dictionaries({
    "type": st.just("FeatureCollection"),
    "features": st.one_of(json_values, st.lists(feature, max_size=5))})))
def test_generated_geojson_raises_nothing_but_data_error(regions, doc):
    data = json.dumps(doc).encode()
    for name in ("fuzz.geojson", "fuzz.json"):
        try:
            load_centres(data, name=name, regions=regions)
        except DataError:
            pass
