"""Bringing your own data: bad files through the loader, the command line and the
dashboard; good files in other layouts; exports; property-based robustness."""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import pytest
from bad_files import BAD_CENTRES, CP1251, OLD_LAYOUT
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from coverage import DataError, load_all, load_centres, load_incidents
from coverage.basis import basis_of, map_note, source_line
from coverage.brief import brief_pdf
from coverage.exports import regions_geojson, safe_text, table_csv, table_xlsx
from coverage.i18n import fmt_pct_floor, t
from coverage.incidents import detect_layout, incident_rates, to_current_layout
from coverage.indicators import classify, indicator_values
from coverage.labels import MapTexts, indicator_label, legend_items, value_text
from coverage.safetext import md_escape
from coverage.tables import region_table
from coverage.validate import template_csv
from tests.pageparts import map_legend

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ loader
@pytest.mark.parametrize("case", sorted(BAD_CENTRES))
def test_bad_register_through_the_loader(case, regions):
    name, data, words = BAD_CENTRES[case]
    with pytest.raises(DataError) as exc:
        load_centres(data, name=name, regions=regions)
    assert words in str(exc.value) and str(exc.value).startswith(name)


def test_templates_load(regions):
    assert len(load_centres(template_csv("centres"), name="t.csv", regions=regions)) == 1
    assert len(load_incidents(template_csv("incidents"), name="t.csv", regions=regions)) == 1


def test_old_17_unit_layout_is_split_and_marked_estimated(bundled):
    table = load_incidents(OLD_LAYOUT, name="old.csv", regions=bundled.regions)
    assert detect_layout(table) == 17
    current = to_current_layout(table, bundled.crosswalk).set_index("region_id")
    # East Kazakhstan's 1000 split by 2023 women: Abai 311,419 / 692,112 of them.
    assert current.loc["KZ-10", "value"] == pytest.approx(1000 * 311_419 / 692_112, rel=1e-5)
    assert current.loc["KZ-10", "value"] + current.loc["KZ-63", "value"] == pytest.approx(1000)
    assert current["estimated"].sum() == 6 and not current.loc["KZ-11", "estimated"]
    rates = incident_rates(current.reset_index(), bundled.population)
    assert rates.regions == 7
    assert rates.suppressed.to_dict()["KZ-11"]  # 3 reported: shown as "<5", not mapped
    # The same file, declared as today's layout, is taken as it is.
    as_20 = to_current_layout(table, bundled.crosswalk, layout=20)
    assert not as_20["estimated"].any() and len(as_20) == 4


def test_small_counts_are_never_shown(bundled, report):
    table = to_current_layout(load_incidents(OLD_LAYOUT, name="old.csv",
                                             regions=bundled.regions), bundled.crosswalk)
    inc = incident_rates(table, bundled.population)
    values = indicator_values(report.regions, "incidents_per_100k",
                              threshold=120, incidents=inc)
    c = classify(values, "incidents_per_100k", suppressed=inc.suppressed)
    assert c.region_class["KZ-11"] == -3 and value_text(c, "KZ-11", "en") == "<5 reported"
    assert c.region_class["KZ-75"] == -1  # no figure: no data
    assert ("#ececec", "<5 reported") in legend_items(c, "en")


# ------------------------------------------------------------------ command line
@pytest.mark.parametrize("case", sorted(BAD_CENTRES))
def test_bad_register_through_the_command_line(case, tmp_path, cli):
    name, data, words = BAD_CENTRES[case]
    path = tmp_path / name
    path.write_bytes(data)
    res = cli("report", "--centres", str(path), "--minutes", "60")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and words in res.stderr


def test_command_line_map_and_export(tmp_path, cli):
    page = tmp_path / "map.html"
    assert cli("map", "--out", str(page), "--lang", "ru").returncode == 0
    text = html.unescape(page.read_text(encoding="utf-8"))
    assert "<script src=" not in text and 'rel="stylesheet" href=' not in text
    line = source_line(basis_of(load_all().centres), "ru", scenario_text=t("scenario_car", "ru"),
                       date="")
    assert line[:40] in text and "встроенный реестр (центров: 29" in text
    mine = tmp_path / "mine.csv"
    mine.write_text("name,lat,lon\nA,51.1801,71.44598\nB,43.25249,76.9115\n", encoding="utf-8")
    assert cli("map", "--centres", str(mine), "--out", str(page)).returncode == 0
    assert "your file “mine.csv” (centres: 2)" in html.unescape(page.read_text(encoding="utf-8"))
    geo = tmp_path / "regions.geojson"
    assert cli("export", "--format", "geojson", "--out", str(geo)).returncode == 0
    doc = json.loads(geo.read_text(encoding="utf-8"))
    assert len(doc["features"]) == 20
    props = {f["properties"]["region_id"]: f["properties"] for f in doc["features"]}
    assert props["KZ-75"]["women"] == pytest.approx(1_157_823)
    assert 0 <= props["KZ-43"]["share_within_120"] <= 1
    csv = tmp_path / "regions.csv"
    assert cli("export", "--format", "csv", "--out", str(csv)).returncode == 0
    assert csv.read_text(encoding="utf-8-sig").startswith("area,region_id")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD_CENTRES["outside Kazakhstan"][1])
    res = cli("map", "--centres", str(bad), "--out", str(tmp_path / "x.html"))
    assert res.returncode == 2 and "outside Kazakhstan" in res.stderr


# ------------------------------------------------------------------ exports
def test_spreadsheet_exports_never_hold_formulas(bundled, report):
    classes = classify(indicator_values(report.regions, "share_within", threshold=120),
                       "share_within")
    table = region_table(report, classes, lang="ru", threshold=120)
    table.loc[0, table.columns[2]] = "=HYPERLINK(\"http://x\")"
    assert safe_text("=1+1") == "'=1+1" and safe_text("Almaty") == "Almaty"
    assert "'=HYPERLINK" in table_csv(table, lang="ru").decode("utf-8-sig")
    book = load_workbook(io.BytesIO(table_xlsx(table)))
    cell = book.active.cell(row=2, column=3)
    assert cell.data_type == "s" and cell.value.startswith("'=")
    assert book.active.cell(row=1, column=3).value == table.columns[2]
    doc = json.loads(regions_geojson(bundled.regions, report))
    assert {f["properties"]["region_id"] for f in doc["features"]} == set(
        bundled.regions["region_id"])


def test_pdf_brief_holds_the_map_and_the_source_line(bundled, report):
    import pypdf

    classes = classify(indicator_values(report.regions, "share_within", threshold=120),
                       "share_within")
    source = source_line(report.basis, "en", scenario_text="by car", date="2026-11-24")
    texts = MapTexts(title="Brief", legend_title=indicator_label("share_within", "en",
                                                                  threshold=120),
                     note=map_note(report.basis, report.completeness, "en"),
                     source_line=source)
    pdf = brief_pdf(report, bundled.regions, classes, bundled.centres, lang="en",
                    threshold=120, texts=texts)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    text = " ".join(page.extract_text().split())
    assert "Sources: Bureau of National Statistics" in text and "2026-11-24" in text
    # The map: its region labels, legend, and the drawn shapes.
    assert "Kyzylorda Region" in text and "crisis centre, capacity unknown" in text
    assert page.get_contents().get_data().count(b" re") + \
        page.get_contents().get_data().count(b" l\n") > 1000
    # The national share within 120 min, a floor: 29 centres located of 69 reported.
    national = report.areas["national"]["share_within"][120]
    assert fmt_pct_floor(national, "en", floor=True).replace("\u00a0", " ") in text
    assert "29 located" in text and "29 located of 69 reported (2024)" in text
    assert "bundled register (centres: 29" in text


# ------------------------------------------------------------------ dashboard
APP = str(ROOT / "dashboard.py")


@pytest.fixture()
def app():
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    return at


def upload(at, key: str, name: str, data: bytes):
    at.file_uploader(key=key).set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("case", sorted(BAD_CENTRES))
def test_bad_register_in_the_dashboard(case, app, regions):
    name, data, _ = BAD_CENTRES[case]
    with pytest.raises(DataError) as exc:
        load_centres(data, name=name, regions=regions)
    expected = exc.value.records()
    upload(app, "up_centres", name, data)
    # The file's name and every cell of the problems table are shown as text: escaped
    # for Markdown (which AppTest shows as the escaped source).
    assert any(e.value == t("upload_rejected", "en", file=md_escape(name), n=len(expected))
               for e in app.error)
    shown = app.table[0].value
    assert list(shown.columns) == [t(k, "en") for k in ("prob_row", "prob_column",
                                                         "prob_problem", "prob_fix")]
    assert [str(x) for x in shown[t("prob_problem", "en")]] == [md_escape(r["problem"])
                                                                for r in expected]
    assert [str(x) for x in shown[t("prob_column", "en")]] == [
        md_escape("" if r["column"] is None else r["column"]) for r in expected]
    # The page keeps working on the bundled register.
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[t("head_centres", "en")] == "29"
    app.select_slider(key="t").set_value(60).run()
    assert not app.exception


def test_good_uploads_in_the_dashboard(app, bundled):
    upload(app, "up_centres", "реестр.csv", CP1251)
    assert {m.label: m.value for m in app.metric}[t("head_centres", "en")] == "1"
    assert any("реестр\\.csv" in s.value for s in app.success)
    # Every figure now says it stands on the user's file, by name and number of centres;
    # officials still report 69, so the file locates 1 of 69.
    captions = " ".join(c.value for c in app.caption)
    assert "your file “реестр\\.csv” \\(centres\\: 1\\)" in captions
    assert "1 located of 69 reported (2024)" in captions
    upload(app, "up_incidents", "old.csv", OLD_LAYOUT)
    assert any(t("estimated_note", "en", n=6) == i.value for i in app.info)
    app.selectbox(key="ind").set_value("incidents_per_100k").run()
    assert "&lt;5 reported" in map_legend(app, raw=True)
    # A bad file now leaves the uploaded register in use.
    upload(app, "up_centres", "garbage.csv", BAD_CENTRES["binary garbage"][1])
    assert {m.label: m.value for m in app.metric}[t("head_centres", "en")] == "1"
    app.button(key="reset_centres").click().run()
    assert {m.label: m.value for m in app.metric}[t("head_centres", "en")] == "29"
    assert "bundled register" in " ".join(c.value for c in app.caption)


def test_address_columns_are_dropped_with_a_notice(app):
    data = "name,lat,lon,address\nA,51.1801,71.44598,ул. Абая 1\n".encode()
    upload(app, "up_centres", "with_address.csv", data)
    assert any(t("dropped_address", "en", columns="address") == w.value for w in app.warning)


# ------------------------------------------------------------------ robustness
@hsettings(max_examples=150, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_nothing_but_data_error(regions, data):
    for loader in (load_centres, load_incidents):
        try:
            loader(data, name="fuzz.csv", regions=regions)
        except DataError:
            pass


cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@hsettings(max_examples=150, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(cells, min_size=1, max_size=6), min_size=1, max_size=8),
       st.sampled_from([",", ";", "\t"]),
       st.sampled_from([["name", "lat", "lon"], ["region", "indicator", "period", "value"],
                        []]))
def test_arbitrary_csv_raise_nothing_but_data_error(regions, rows, sep, header):
    text = "\n".join(sep.join(r) for r in ([header] if header else []) + rows)
    for loader in (load_centres, load_incidents):
        for encoding in ("utf-8", "utf-16"):
            try:
                loader(text.encode(encoding), name="fuzz.csv", regions=regions)
            except DataError:
                pass


def test_a_users_complete_incident_table_shows_as_text_with_its_own_source(app, bundled):
    evil = "[x](https://evil.example/p.png) <b>bold</b>"
    rows = ["region_id,indicator,period,value,source_url"] + [
        f'{r},"{evil}","**2023**",{10 + i},"javascript:alert(1)"'
        for i, r in enumerate(bundled.regions["region_id"])]
    upload(app, "up_incidents", "mine.csv", ("\n".join(rows) + "\n").encode())
    app.selectbox(key="region").set_value("KZ-43").run()
    assert not app.exception
    text = " ".join(m.value for m in app.markdown if "map-legend" not in m.value)
    # The file's indicator and period are escaped: no link, no image, no bold, no tag.
    assert "](https://evil" not in text and "<b>" not in text and "**2023**" not in text
    assert "\\[x\\]" in text  # the same text, escaped
    assert "javascript:" not in text  # a non-web address never becomes a link
    app.session_state["tab"] = t("tab_violence", "en")
    app.run()
    assert not app.exception
    captions = " ".join(c.value for c in app.caption)
    # The table says what it stands on: the file's own (missing) source, not Form 1-M.
    assert t("form1m_source", "en") not in captions
    assert "javascript" in captions  # its one "source", shown as text


# ------------------------------------------------------------------ scenario sizes and values
def scenario_doc(**centre) -> str:
    added = {"lon": 83.30, "lat": 49.69, "region_id": "KZ-63", **centre}
    return json.dumps({"schema": "kz-crisis-centres-scenario/1", "added": [added]})


@pytest.mark.parametrize("field", ["name", "settlement"])
def test_a_scenarios_names_are_capped_like_a_registers_cells(field, bundled):
    from coverage.scenarios import from_json
    from coverage.settings import MAX_CELL_CHARS

    ok = from_json(scenario_doc(**{field: "n" * MAX_CELL_CHARS}), centres=bundled.centres,
                   regions=bundled.regions)
    assert len(getattr(ok.added[0], field)) == MAX_CELL_CHARS
    with pytest.raises(DataError) as exc:
        from_json(scenario_doc(**{field: "n" * 9_000_000}), centres=bundled.centres,
                  regions=bundled.regions, file="big.json")
    (problem,) = exc.value.problems
    assert problem.column == f"added[0].{field}"
    assert str(exc.value) == (f"big.json, column 'added[0].{field}': the text has 9,000,000 "
                              "characters; the limit is 1,000 (shorten it)")
    assert "9\u00a0000\u00a0000 символов" in problem.text("ru")
    assert len(str(exc.value)) < 200  # the name itself is never repeated


@pytest.mark.parametrize("beds", [-5, 10_001, 10**30, 2.5, True, "12", [1]])
def test_a_scenarios_places_are_whole_numbers_in_range(beds, bundled):
    from coverage.scenarios import from_json

    for doc in (scenario_doc(beds=beds), json.dumps(
            {"schema": "kz-crisis-centres-scenario/1", "beds": {"kc-01": beds}})):
        with pytest.raises(DataError, match="is not a number of places"):
            from_json(doc, centres=bundled.centres, regions=bundled.regions)
    assert from_json(scenario_doc(beds=10.0), centres=bundled.centres,
                     regions=bundled.regions).added[0].beds == 10


@pytest.mark.parametrize("gid", [10**40, -1, 0, True, "abc", 1.5])
def test_a_scenarios_settlement_ids_are_checked(gid, bundled):
    from coverage.scenarios import from_json

    with pytest.raises(DataError, match=r"added\[0\]\.geonameid"):
        from_json(scenario_doc(geonameid=gid), centres=bundled.centres, regions=bundled.regions)


def test_a_centre_disabled_or_given_places_twice_counts_once(bundled):
    from coverage.scenarios import from_json, parse_query

    doc = json.dumps({"schema": "kz-crisis-centres-scenario/1",
                      "disabled": ["kc-01", "kc-01", "kc-02"]})
    assert from_json(doc, centres=bundled.centres,
                     regions=bundled.regions).disabled == ("kc-01", "kc-02")
    scn, ignored = parse_query("-kc-01~-kc-01~=kc-03_5~=kc-03_6",
                               settlements=bundled.settlements, regions=bundled.regions,
                               centres=bundled.centres)
    assert ignored == 0 and scn.disabled == ("kc-01",) and scn.beds == (("kc-03", 6),)


def test_table_edits_out_of_range_change_nothing(bundled):
    from coverage.scenarios import Scenario, at_settlement, places_of

    scn = Scenario().add(at_settlement(bundled.settlements, 1519395, beds=10))
    for bad in (10**30, -5, 999_999, 2.5, "12", True):
        with pytest.raises(ValueError):
            scn.edit_added({0: {"places": bad}})
    with pytest.raises(ValueError):
        scn.edit_added({0: {"remove": "yes"}})
    assert scn.edit_added({0: {"places": 10_000}}).added[0].beds == 10_000
    assert scn.edit_added({"0": {"places": None}}).added[0].beds is None  # cleared: unknown
    assert places_of(7.0) == 7 and places_of(None) is None
    with pytest.raises(ValueError):
        scn.with_capacity("kc-01", 10_001)


def test_only_small_scenarios_are_shared_by_every_session(bundled):
    from app.engine import BUNDLED, shareable
    from app.inputs import Inputs
    from app.state import View
    from coverage.scenarios import NewCentre, Scenario, at_settlement
    from coverage.settings import SHARED_SCENARIO_CHARS

    small = Scenario().add(at_settlement(bundled.settlements, 1519395, beds=10))
    named = Scenario().add(NewCentre(83.3, 49.69, "KZ-63", "n" * 1000, settlement="s" * 1000))
    big = Scenario(added=named.added * 3)
    assert small.text_chars < SHARED_SCENARIO_CHARS < big.text_chars
    assert shareable(("car", small, "", BUNDLED)) and shareable(())
    assert not shareable(("car", big, "", BUNDLED))
    assert not shareable((View(scn=big), "x", 600, BUNDLED))  # inside a view too
    assert not shareable(("car", small, "", Inputs(centres="abc")))
