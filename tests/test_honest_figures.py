"""Honest figures: the register's completeness, the unlocated-centres variant, the
sensitivity range over every unknown, strict JSON, a CSV that carries every figure, and
the basis (register, file or scenario) that every view and export states."""

from __future__ import annotations

import html
import io
import json
import math
import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from synthetic import datasets

from coverage import settings
from coverage.basis import basis_of, map_note, register_cell
from coverage.brief import brief_pdf
from coverage.completeness import register_completeness, unattributed_missing
from coverage.exports import regions_geojson
from coverage.i18n import t
from coverage.indicators import classify, indicator_values
from coverage.labels import MapTexts
from coverage.population import demand_model
from coverage.report import build_report
from coverage.report_format import dumps, report_csv, report_json, report_table
from coverage.scenarios import Scenario, apply, at_settlement
from coverage.sensitivity import ASSUMPTIONS
from coverage.staticmap import Marks, static_map
from coverage.webmap import map_html, region_map


def _strict_loads(text: str):
    def refuse(name):
        raise ValueError(f"not JSON: {name}")
    return json.loads(text, parse_constant=refuse)


# ------------------------------------------------------------------ synthetic, by hand
@pytest.fixture(scope="module")
def tiny():
    data = datasets()
    model = demand_model(data.regions, data.population, data.settlements, water=None,
                         bandwidth_km=0, town_travel=False)
    return data, build_report(data, model=model, thresholds=[30, 60])


def test_more_reported_than_located_is_flagged(tiny):
    _, report = tiny
    c = report.completeness.set_index("region_id")
    # R-A: 3 reported, 1 located (k1); R-B: 1 and 1; R-C: no count; the country: 5 and 2.
    assert c.loc["R-A", ["centres_located", "centres_reported", "centres_missing"]].tolist() \
        == [1, 3, 2]
    assert c["register_incomplete"].to_dict() == {"R-A": True, "R-B": False, "R-C": False,
                                                  "KZ": True}
    assert pd.isna(c.loc["R-C", "centres_reported"])
    # 5 - 2 = 3 missing nationally, 2 of them in R-A: 1 reported without a region.
    assert unattributed_missing(report.completeness) == 1
    assert report.params["variants"]["register"]["unattributed"] == 1


def test_the_variant_puts_the_missing_centre_at_the_administrative_centre(tiny):
    _, report = tiny
    # R-A's administrative centre is a2 (no centre yet); a1 has k1 already, so of the two
    # missing centres only one can be placed: one per town without a centre.
    placed = report.unlocated
    assert placed[["region_id", "settlement", "geonameid"]].values.tolist() == [
        ["R-A", "a2", 2]]
    assert placed[["lon", "lat"]].values.tolist() == [[0.2, 0.0]]
    # By hand, bandwidth 0, point to point: R-A has a1 (700 women, 0 min) and a2 (300 women,
    # 0.3° = 43.4 min from k1). Within 30 min: 0.7 in the register, 1.0 with a centre at a2.
    s = report.sensitivity.set_index(["variant", "unit", "threshold"])["share"]
    assert s["default", "R-A", 30] == pytest.approx(0.7)
    assert s["register: unlocated centres placed", "R-A", 30] == pytest.approx(1.0)
    r = report.regions.set_index("region_id")
    assert r.loc["R-A", "share_within_30_high"] == pytest.approx(1.0)
    assert r.loc["R-A", "share_within_30_low"] <= 0.7
    # The variant only adds centres: no figure falls.
    register = report.sensitivity.query("assumption == 'register'").set_index(
        ["unit", "threshold"])["share"]
    default = report.sensitivity.query("assumption == 'default'").set_index(
        ["unit", "threshold"])["share"]
    assert (register >= default.reindex(register.index) - 1e-12).all()


def test_ranges_span_every_variant_and_name_what_moves_a_figure_most(tiny):
    _, report = tiny
    table = report.sensitivity
    assert set(table["assumption"]) == {"default", "rural", "register"}  # no town travel
    for area, summary in report.areas.items():
        for t_ in (30, 60):
            shares = table.loc[(table["unit"] == area) & (table["threshold"] == t_), "share"]
            assert summary["share_within_range"][t_] == pytest.approx(
                (shares.min(), shares.max()))
            spans = {a: hi - lo for a, (lo, hi) in
                     summary["share_within_by_assumption"][t_].items()}
            driver = summary["moved_most_by"][t_]
            assert driver is None or spans[driver] == max(spans.values())


def test_strict_json_with_an_infinite_bandwidth():
    data = datasets()
    model = demand_model(data.regions, data.population, data.settlements, water=None,
                         bandwidth_km=math.inf)
    doc = report_json(build_report(data, model=model, thresholds=[60]))
    text = dumps(doc)
    assert "Infinity" not in text and "NaN" not in text
    parsed = _strict_loads(text)
    assert parsed["params"]["bandwidth_km"] is None  # infinite: null
    assert None in parsed["params"]["sensitivity_bandwidths_km"]
    with pytest.raises(ValueError):
        dumps({"x": float("inf")}) and json.dumps({"x": float("inf")}, allow_nan=False)


def test_cli_report_with_an_infinite_bandwidth_is_strict_json(cli):
    res = cli("report", "--bandwidth-km", "inf", "--minutes", "120")
    assert res.returncode == 0, res.stderr
    doc = _strict_loads(res.stdout)
    assert doc["params"]["bandwidth_km"] is None
    assert doc["national"]["centres_reported"]["value"] == 69


# ------------------------------------------------------------------ bundled data
def test_east_kazakhstan_is_flagged_with_4_reported_centres(report):
    j = report_json(report)
    east = next(r for r in j["regions"] if r["region_id"] == "KZ-63")
    assert east["centres_reported"]["value"] == 4
    assert east["centres_reported"]["period"] == "2025"
    assert east["centres_reported"]["source_url"].startswith("https://")
    assert east["register_incomplete"] and east["centres_located"] == 0
    assert east["beds_reported"] == 65
    kyzylorda = next(r for r in j["regions"] if r["region_id"] == "KZ-43")
    assert kyzylorda["centres_reported"]["qualifier"] == "at_least"
    assert kyzylorda["clients_reported"]["value"] == 331
    assert j["national"]["centres_reported"] == {
        "value": 69, "period": "2024", "qualifier": None,
        "source_url": j["national"]["centres_reported"]["source_url"]}
    assert j["national"]["register_incomplete"] and j["national"]["centres_located"] == 29
    # Regions without an official count: null, not a guess.
    astana = next(r for r in j["regions"] if r["region_id"] == "KZ-71")
    assert astana["centres_reported"] is None and not astana["register_incomplete"]
    assert register_cell(report.regions.set_index("region_id").loc["KZ-63"], "en") == "0 / 4 ⚠"
    assert register_cell(report.regions.set_index("region_id").loc["KZ-43"], "ru") == "0 / ≥1 ⚠"


def test_unlocated_centres_go_to_administrative_centres_then_largest_towns(report, bundled):
    placed = report.unlocated.groupby("region_id")["geonameid"].apply(list)
    admin = bundled.regions.set_index("region_id")["admin_centre_geonameid"]
    assert placed["KZ-63"][0] == admin["KZ-63"]  # Oskemen (Ust-Kamenogorsk)
    assert placed["KZ-43"] == [admin["KZ-43"]]   # Kyzylorda
    assert len(placed["KZ-63"]) == 4 and len(placed["KZ-11"]) == 7
    # Kokshetau, Akmola's centre, has a centre: the 7 go to the largest towns without one.
    towns = bundled.settlements.set_index("geonameid")["population"]
    akmola = towns[placed["KZ-11"]].to_numpy(dtype=float)
    assert admin["KZ-11"] not in placed["KZ-11"] and np.all(np.diff(akmola) <= 0)
    assert "KZ-27" not in placed  # West Kazakhstan: 2 reported, 2 located
    # In East Kazakhstan the register is what moves the figure most.
    r = report.regions.set_index("region_id")
    assert r.loc["KZ-63", "share_within_120_driver"] == "register"
    assert r.loc["KZ-63", "share_within_120_high"] > r.loc["KZ-63", "share_within_120"] + 0.5


def test_national_range_spans_rural_register_and_town_variants(report):
    national = report.areas["national"]
    for t_ in settings.THRESHOLDS_MIN:
        lo, hi = national["share_within_range"][t_]
        by = national["share_within_by_assumption"][t_]
        assert set(by) == set(ASSUMPTIONS)
        assert lo == pytest.approx(min(v[0] for v in by.values()))
        assert hi == pytest.approx(max(v[1] for v in by.values()))
        assert lo <= national["share_within"][t_] <= hi
    variants = set(report.sensitivity["variant"])
    assert {"register: unlocated centres placed", "town: density x0.5", "town: density x2",
            "rural: population 30 km", "rural: even"} <= variants
    assert report.params["variants"]["rural"]["default"] == "equal 100 km"


def test_almaty_median_minutes_are_above_zero(report, bundled):
    r = report.regions.set_index("region_id")
    assert r.loc["KZ-75", "median_minutes"] > 0
    flat = demand_model(bundled.regions, bundled.population, bundled.settlements,
                        water=bundled.water, town_travel=False)
    point_to_point = build_report(bundled, model=flat).regions.set_index("region_id")
    assert point_to_point.loc["KZ-75", "median_minutes"] == 0
    assert point_to_point.loc["KZ-75", "share_within_30"] == 1


def test_csv_carries_every_figure_of_the_json_report(report):
    doc = report_json(report)
    table = pd.read_csv(io.StringIO(report_csv(report)), keep_default_na=False)
    entries = doc["regions"] + [doc[k] for k in ("national", "outside_almaty",
                                                   "outside_almaty_astana_shymkent")]

    def leaves(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from leaves(v)
        elif isinstance(value, list):
            for v in value:
                yield from leaves(v)
        else:
            yield value

    def norm(v) -> str:
        if v is None or v == "":
            return ""
        if isinstance(v, bool) or v in ("True", "False"):
            return str(v in (True, "True"))
        try:
            return f"{float(v):.9g}"
        except (TypeError, ValueError):
            return str(v)

    assert len(table) == len(entries)
    extra = {"area", "basis", "name"}
    for (_, row), entry in zip(table.iterrows(), entries):
        # Cells a row does not have (a region's national standards) are empty: compare
        # the figures themselves, each as often as it occurs.
        # An incident figure's indicator and period name its columns in the CSV.
        figures = [{k: v for k, v in f.items() if k not in ("indicator", "period")}
                   for f in entry.get("incidents", [])]
        json_values = Counter(norm(v) for k, v in {**entry, "incidents": figures}.items()
                              if k != "name" for v in leaves(v) if norm(v) != "")
        csv_values = Counter(norm(v) for k, v in row.items() if k not in extra
                             and norm(v) != "" and (k in entry or k != "region_id"))
        assert csv_values == json_values, (entry.get("region_id"), csv_values - json_values,
                                           json_values - csv_values)
    national = table[table["area"] == "national"].iloc[0]
    assert float(national["places_per_10k"]) == pytest.approx(
        doc["national"]["places_per_10k"])
    assert int(national["shelter_places_gap_at_most"]) == \
        doc["national"]["standards"]["shelter_places_gap_at_most"]
    assert int(national["centres_reported"]) == 69
    assert (table["basis"] == report.params["basis"]["text"]).all()
    assert {"share_within_120_low", "share_within_120_register_high",
            "moved_most_by_120"} <= set(table.columns)
    assert report_table(report)["women"].dtype == "Int64"


# ------------------------------------------------------------------ what figures stand on
@pytest.fixture(scope="module")
def planned(bundled, model):
    scn = Scenario(disabled=("kc-02",))
    for gid in (1520316, 1519922):  # Ust-Kamenogorsk, Kyzylorda
        scn = scn.add(at_settlement(bundled.settlements, gid))
    centres = apply(bundled.centres, scn)
    return centres, build_report(bundled, model=model, centres=centres,
                                 basis=basis_of(centres, disabled=len(scn.disabled)))


def test_basis_of_register_file_and_scenario(bundled, planned):
    assert basis_of(bundled.centres).text("en") == \
        "bundled register (centres: 29, from public reports 2017–2026)"
    mine = basis_of(bundled.centres.head(3), file="mine.csv")
    assert mine.text("en") == "your file “mine.csv” (centres: 3)"
    assert mine.text("ru") == "ваш файл «mine.csv» (центров: 3)"
    _, report = planned
    basis = report.basis
    assert (basis.located, basis.planned, basis.disabled) == (28, 2, 1)
    assert basis.text("en").endswith(
        "+ scenario: 2 planned (Ust-Kamenogorsk, Kyzylorda), 1 disabled")
    assert basis.planned_places == ("Ust-Kamenogorsk", "Kyzylorda")
    assert basis.count_text("en") == "28 located + 2 planned"
    # Regions without a centre count located ones only: East Kazakhstan still has none.
    std = report.standards.set_index("region_id")
    assert not std.loc["KZ-63", "has_centre"] and std.loc["KZ-63", "centres_planned"] == 1
    # Completeness counts what is located: 28 of 69.
    assert report.completeness.set_index("region_id").loc["KZ", "centres_located"] == 28


def test_a_scenario_export_names_its_planned_centres(bundled, planned):
    import pypdf

    centres, report = planned
    classes = classify(indicator_values(report.regions, "share_within", threshold=120),
                       "share_within")
    doc = _strict_loads(regions_geojson(bundled.regions, report))
    assert doc["properties"]["basis"]["planned"] == 2
    assert doc["properties"]["basis"]["planned_places"] == ["Ust-Kamenogorsk", "Kyzylorda"]
    assert "2 planned (Ust-Kamenogorsk, Kyzylorda)" in doc["properties"]["basis"]["text"]
    assert "2 planned (Ust-Kamenogorsk, Kyzylorda), 1 disabled" in \
        report_csv(report).splitlines()[1]
    note = map_note(report.basis, report.completeness, "en")
    texts = MapTexts(title="T", legend_title="L", note=note, source_line="S")
    pdf = brief_pdf(report, bundled.regions, classes, centres, lang="en", threshold=120,
                    texts=texts)
    text = " ".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "28 located + 2 planned" in text and "planned centre (scenario)" in text
    assert "2 planned (Ust-Kamenogorsk, Kyzylorda), 1 disabled" in text
    assert "Crisis centres known" not in text
    incomplete = set(report.regions.loc[report.regions["register_incomplete"], "region_id"])
    fig = static_map(bundled.regions, classes, centres, lang="en", texts=texts,
                     marks=Marks(incomplete=frozenset(incomplete)))
    legend = " ".join(x.get_text() for x in fig.legends[0].get_texts()).replace("\n", " ")
    assert t("legend_planned", "en") in legend and t("legend_incomplete", "en") in legend
    page = map_html(region_map(bundled.regions, report.regions, classes, centres=centres,
                               lang="en", threshold=120, asset_base="x"))
    assert page.count('"className": "kz-planned-icon"') == 2
    tooltips = [html.unescape(json.loads(m.group(1))) for m in re.finditer(
        r'\.bindTooltip\(("(?:[^"\\]|\\.)*")', page)]
    assert "planned (scenario): New centre, Ust-Kamenogorsk" in tooltips


def test_the_register_line_under_a_static_map(report):
    note = map_note(report.basis, report.completeness, "en")
    assert note.startswith("Figures stand on: bundled register (centres: 29")
    assert note.endswith("Register: 29 centres located of 69 reported (2024).")
    ru = map_note(report.basis, report.completeness, "ru")
    assert "центров на карте — 29, по официальным данным (2024) — 69" in ru


def test_completeness_of_a_users_register(bundled):
    mine = bundled.centres[bundled.centres["region_id"] == "KZ-75"]
    c = register_completeness(mine, bundled.centre_counts,
                              list(bundled.regions["region_id"])).set_index("region_id")
    assert c.loc["KZ", "centres_located"] == 3 and c.loc["KZ", "centres_missing"] == 66
    assert c.loc["KZ-11", "centres_missing"] == 9


def test_the_web_map_marks_incomplete_registers_and_says_so(bundled, report):
    classes = classify(indicator_values(report.regions, "share_within", threshold=120),
                       "share_within")
    page = map_html(region_map(bundled.regions, report.regions, classes,
                               centres=bundled.centres, lang="en", threshold=120,
                               asset_base="x"))
    # One style case per group of features: Akmola and Kostanay share a fill colour.
    dashed = re.findall(r'((?:case "\d+": )+)\s*return \{[^}]*"dashArray": "6 4"', page)
    ids = sorted(int(i) for group in dashed for i in re.findall(r'"(\d+)"', group))
    incomplete = report.regions.index[report.regions["register_incomplete"]].tolist()
    assert ids == sorted(incomplete)  # feature ids are row positions of the regions
    # The tooltip of East Kazakhstan reads its share as a floor (JSON-escaped "≥ 0.1%").
    east = report.regions.set_index("region_id").loc["KZ-63", "share_within_120"]
    assert json.dumps(f"≥\u00a0{east * 100:.1f}%")[1:-1] in page
    from coverage.webmap import legend_html
    legend = legend_html(classes, "en", "L", False, incomplete=True)
    assert t("legend_incomplete_web", "en") in html.unescape(legend)
