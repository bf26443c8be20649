"""Invariants of the engine on the bundled data, the cross-check against PySAL access,
and the command line."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from synthetic import centres, population, regions, settlements

from coverage import settings
from coverage.accessibility import e2sfca
from coverage.grid import grid_cells
from coverage.population import demand_model, demand_points
from coverage.reach import town_km_of
from coverage.report import build_report
from coverage.report_format import report_json, report_table
from coverage.travel import haversine_km, minutes_from_km, travel_mode

T = list(settings.THRESHOLDS_MIN)


def test_regions_women_sum_to_the_national_figure(report, model):
    assert report.regions["women"].sum() == pytest.approx(10_118_282)
    assert report.areas["national"]["women"] == pytest.approx(10_118_282)
    assert report.areas["outside_almaty"]["women"] == pytest.approx(10_118_282 - 1_157_823)
    official = report.standards.set_index("region_id")["women"].drop("KZ")
    for points in model.variants().values():
        by_region = points.groupby("region_id")["women"].sum()
        assert by_region.reindex(official.index).to_numpy() == pytest.approx(
            official.to_numpy(), rel=1e-12)


def test_coverage_never_falls_as_the_threshold_rises(report):
    for a, b in itertools.pairwise(T):
        assert (report.regions[f"women_within_{b}"]
                >= report.regions[f"women_within_{a}"] - 1e-9).all()
        assert report.areas["national"]["women_within"][b] >= \
            report.areas["national"]["women_within"][a]


def test_adding_a_centre_never_lowers_any_region(bundled, model, report):
    towns = bundled.settlements
    # Oskemen (a region without a centre), Zhezkazgan, Stepnogorsk (one already there).
    for geonameid in (1_520_316, 1_516_589, 1_537_939):
        town = towns[towns["geonameid"] == geonameid]
        assert len(town) == 1
        extra = pd.DataFrame({"centre_id": ["new"], "name": ["new"],
                              "lon": town["lon"].to_numpy(), "lat": town["lat"].to_numpy(),
                              "region_id": town["region_id"].to_numpy(),
                              "beds": pd.array([pd.NA], dtype="Int64")})
        more = pd.concat([bundled.centres.drop(columns="geometry"), extra], ignore_index=True)
        after = build_report(bundled, centres=more, model=model)
        for t in T:
            assert (after.regions[f"women_within_{t}"]
                    >= report.regions[f"women_within_{t}"] - 1e-6).all()


def test_faster_travel_never_lowers_coverage(bundled, model, report):
    fast = build_report(bundled, model=model, travel=travel_mode("car", speed_kmh=80))
    slow = build_report(bundled, model=model, travel=travel_mode("winter"))
    for t in T:
        assert (fast.regions[f"share_within_{t}"] >= report.regions[f"share_within_{t}"]).all()
        assert (slow.regions[f"share_within_{t}"] <= report.regions[f"share_within_{t}"]).all()


def test_sensitivity_range_spans_both_extremes_and_the_default(bundled, report):
    extremes = [build_report(bundled, model=demand_model(
        bundled.regions, bundled.population, bundled.settlements, water=bundled.water,
        bandwidth_km=bw, weighting=w)) for bw, w in ((0.0, "equal"), (np.inf, "equal"),
                                                     (10.0, "population"))]
    for t in T:
        lo, hi = report.areas["national"]["share_within_range"][t]
        values = [report.areas["national"]["share_within"][t]] + \
            [e.areas["national"]["share_within"][t] for e in extremes]
        assert lo <= min(values) + 1e-12 and max(values) <= hi + 1e-12
        low, high = (report.regions[f"share_within_{t}_{s}"] for s in ("low", "high"))
        for e in extremes:
            assert (low <= e.regions[f"share_within_{t}"] + 1e-12).all()
            assert (e.regions[f"share_within_{t}"] <= high + 1e-12).all()


def test_bundled_figures_are_plausible(report):
    regions = report.regions.set_index("region_id")
    # Every woman of the three cities lives within 120 minutes of a centre in the city,
    # but not at 0 minutes: the way across the city counts (Almaty: about 32 min by car).
    cities = list(settings.CITY_REGIONS)
    assert (regions.loc[cities, "share_within_120"] == 1).all()
    assert (regions.loc[cities, "share_within_30"] < 1).all()
    assert (regions.loc[cities, "median_minutes"] > 15).all()
    # East Kazakhstan has no centre in the register, and Semey is far from most of it.
    assert regions.loc["KZ-63", "centres"] == 0
    assert regions.loc["KZ-63", "share_within_60"] < 0.05
    assert 0 < report.areas["national"]["share_within"][120] < 1


def test_e2sfca_equals_pysal_access_on_the_same_costs(bundled, model):
    import access
    for d, c in ((demand_points(regions(), population(), settlements(), bandwidth_km=0,
                                cells=grid_cells(regions())), centres()),
                 (model.default, bundled.centres)):
        mine = e2sfca(d, c, travel=travel_mode("car"))
        km = haversine_km(d["lon"].to_numpy()[:, None], d["lat"].to_numpy()[:, None],
                          c["lon"].to_numpy()[None], c["lat"].to_numpy()[None])
        minutes = minutes_from_km(km, travel_mode("car"), town_km_of(d)[:, None])
        i, j = np.nonzero(minutes <= 180)
        cost = pd.DataFrame({"origin": i, "dest": j, "cost": minutes[i, j]})
        supply = pd.DataFrame({"id": np.arange(len(c)),
                               "beds": c["beds"].astype("Float64").fillna(1).astype(float)})
        dem = pd.DataFrame({"id": np.arange(len(d)), "women": d["women"].to_numpy()})
        acc = access.Access(demand_df=dem, demand_index="id", demand_value="women",
                            supply_df=supply, supply_index="id", supply_value="beds",
                            cost_df=cost, cost_origin="origin", cost_dest="dest",
                            cost_name="cost")
        theirs = acc.enhanced_two_stage_fca(
            name="e2sfca", max_cost=180,
            weight_fn=access.weights.step_fn(settings.E2SFCA_ZONES))["e2sfca_beds"]
        theirs = theirs.reindex(np.arange(len(d))).fillna(0).to_numpy()
        assert np.abs(mine["places_per_10k"].to_numpy() / 10_000 - theirs).max() < 1e-9


def test_report_json_shape(report):
    j = json.loads(json.dumps(report_json(report)))
    assert set(j) >= {"params", "national", "outside_almaty",
                      "outside_almaty_astana_shymkent", "regions"}
    assert j["national"]["women"] == 10_118_282
    assert set(j["national"]["women_within"]) == {"30", "60", "120", "180"}
    assert all(0 <= v <= 1 for v in j["national"]["share_within"].values())
    assert len(j["regions"]) == 20
    almaty = next(r for r in j["regions"] if r["region_id"] == "KZ-75")
    assert almaty["name"] == "Almaty" and almaty["women"] == 1_157_823
    assert isinstance(almaty["median_minutes"], float) and almaty["median_minutes"] > 0
    assert sum(r["women"] for r in j["regions"]) == 10_118_282
    table = report_table(report)
    assert len(table) == 23 and table["women"].dtype == "Int64"


# ------------------------------------------------------------------ command line
def test_python_m_coverage_runs_as_a_command(report):
    """The one subprocess smoke test of the command line: ``python -m coverage`` starts,
    writes its report to standard output and exits 0. Every other command-line test
    calls ``coverage.cli.main`` in-process (the ``cli`` fixture), seconds faster."""
    res = subprocess.run([sys.executable, "-m", "coverage", "report", "--minutes", "120"],
                         capture_output=True, text=True, timeout=300,
                         cwd=settings.DATA_DIR.parent)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr and res.stderr == ""
    j = json.loads(res.stdout)
    assert j["params"]["minutes"] == [120] and j["params"]["scenario"] == "car"
    assert j["national"]["share_within"]["120"] == pytest.approx(
        report.areas["national"]["share_within"][120])


def test_cli_report_json_and_csv(tmp_path, report, cli):
    out = tmp_path / "r.json"
    res = cli("report", "--minutes", "60,120", "--out", str(out))
    assert res.returncode == 0, res.stderr
    j = json.loads(out.read_text())
    assert j["params"]["minutes"] == [60, 120] and j["params"]["scenario"] == "car"
    assert j["national"]["share_within"]["120"] == pytest.approx(
        report.areas["national"]["share_within"][120])
    res = cli("report", "--format", "csv", "--scenario", "winter")
    assert res.returncode == 0
    csv = pd.read_csv(pd.io.common.StringIO(res.stdout))
    assert len(csv) == 23 and "share_within_120" in csv


def test_cli_centres_file_replaces_the_register(tmp_path, cli):
    path = tmp_path / "mine.csv"
    path.write_text("name,lat,lon,beds\nOnly one,51.1801,71.44598,20\n", encoding="utf-8")
    res = cli("report", "--centres", str(path), "--minutes", "60")
    assert res.returncode == 0, res.stderr
    j = json.loads(res.stdout)
    assert j["params"]["centres"] == 1 and j["params"]["centres_source"] == "mine.csv"
    astana = next(r for r in j["regions"] if r["region_id"] == "KZ-71")
    assert astana["share_within"]["60"] == 1 and j["national"]["centres"] == 1


def test_cli_demand_csv(cli):
    res = cli("demand")
    assert res.returncode == 0
    d = pd.read_csv(pd.io.common.StringIO(res.stdout))
    assert list(d.columns) == ["lon", "lat", "region_id", "women", "town_km"]
    assert d["women"].sum() == pytest.approx(10_118_282, abs=1)
    assert (d["town_km"] > 0).any()
    flat = pd.read_csv(pd.io.common.StringIO(cli("demand", "--no-town-travel").stdout))
    assert (flat["town_km"] == 0).all() and len(flat) < len(d)
    assert flat["women"].sum() == pytest.approx(10_118_282, abs=1)


@pytest.mark.parametrize("args, words", [
    (["report", "--centres", "BAD"], "row 3, column 'lat'"),
    (["report", "--centres", "missing.csv"], "missing.csv: cannot open"),
    (["report", "--speed-kmh", "0"], "speed 0 km/h"),
    (["report", "--minutes", "sixty"], "not a list of whole minutes"),
    (["report", "--scenario", "plane"], "invalid choice"),
])
def test_cli_bad_input_exits_2_with_one_line(tmp_path, args, words, cli):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat,lon\nA,51.18,71.44\nB,fifty,71.4\n", encoding="utf-8")
    res = cli(*[str(bad) if a == "BAD" else a for a in args])
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], res.stderr
