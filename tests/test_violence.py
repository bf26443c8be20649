"""Reported incidents for all 20 regions, silent zones, the 17-unit view and the national
series: rates by hand on tiny data, the rule on a hand-built case, the bundled figures."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from coverage import settings
from coverage.charts import chart_values, scatter_frame, series_charts, silence_chart
from coverage.cli import main as cli_main
from coverage.incidents import (
    default_set,
    full_year_rates,
    incident_rates,
    incident_records,
    incident_sets,
    regional_sets,
    to_17_units,
    to_current_layout,
)
from coverage.planning import plan_sites
from coverage.report_format import report_json, report_table
from coverage.series import by_year, figures, quarantine
from coverage.silence import quadrants, silent_zones, silent_zones_17
from coverage.tables import region_table, violence_table
from coverage.travel import travel_mode

FDS = "criminal_offences_family_domestic_sphere"


# --------------------------------------------------------------------- tiny data
def _table(rows, notes=None):
    """An incident table in today's layout: (region, indicator, value) rows, 2022."""
    df = pd.DataFrame(rows, columns=["region_id", "indicator", "value"])
    df["period"] = "2022"
    df["layout"] = pd.array([20] * len(df), dtype="Int64")
    df["qualifier"] = ""
    df["source_url"] = "https://example.org/" + df["region_id"]
    df["coverage_note"] = [(notes or {}).get(r, "") for r in df["region_id"]]
    df["estimated"] = False
    return df


POP = pd.DataFrame({"region_id": ["A", "B", "C"], "female": [200_000, 50_000, 250_000]})
# Before 8 June 2022, A held C's area: C counts from then, A includes it before.
CROSSWALK = pd.DataFrame({"old_region_id": ["A", "A", "B"],
                          "new_region_id": ["A", "C", "B"]})


def test_rates_per_100k_women_by_hand():
    s = incident_rates(_table([("A", FDS, 30), ("B", FDS, 4), ("C", FDS, 10)]), POP)
    # 30 / 200,000 * 100,000 = 15; 4 / 50,000 = 8; 10 / 250,000 = 4
    assert s.rates.to_dict() == pytest.approx({"A": 15.0, "B": 8.0, "C": 4.0})
    assert s.suppressed.to_dict() == {"A": False, "B": True, "C": False}
    # national: 44 / 500,000 * 100,000
    assert s.national_rate() == pytest.approx(8.8)


def test_the_pair_adds_up_to_one_full_year():
    notes = {"A": "includes_split_area_before_2022-06-08", "C": "from_2022-06-08"}
    s = incident_rates(_table([("A", FDS, 30), ("B", FDS, 4), ("C", FDS, 10)], notes), POP)
    merged = to_17_units(s, CROSSWALK).set_index("old_region_id")
    assert merged.loc["A", "members"] == "A,C"
    assert merged.loc["A", "count"] == 40          # 30 + 10
    assert merged.loc["A", "women"] == 450_000     # 200,000 + 250,000
    assert merged.loc["A", "per_100k_women"] == pytest.approx(40 / 450_000 * 100_000)
    assert merged.loc["B", "count"] == 4
    assert merged["count"].sum() == s.counts.sum()  # nothing lost or counted twice
    full = full_year_rates(s, CROSSWALK)
    assert full["A"] == full["C"] == pytest.approx(40 / 450_000 * 100_000)
    assert full["B"] == pytest.approx(8.0)  # no note: its own rate


def _regions(shares):
    ids = list(shares)
    women = POP.set_index("region_id").loc[ids, "female"].to_numpy(float)
    share = np.array([shares[r] for r in ids])
    return pd.DataFrame({"region_id": ids, "women": women, "share_within_120": share,
                         "women_within_120": women * share})


def test_silent_zone_rule_one_region_in_each_quadrant():
    # Rates 15 / 8 / 4 per 100,000 women, national 8.8; national share 0.5.
    s = incident_rates(_table([("A", FDS, 30), ("B", FDS, 4), ("C", FDS, 10)]), POP)
    zones = silent_zones(_regions({"A": 0.3, "B": 0.9, "C": 0.2}), s, CROSSWALK,
                         threshold=120, national_share=0.5).set_index("region_id")
    # A: high rate, low reach; B: low rate (8 < 8.8), high reach; C: low, low -> silent.
    assert zones["quadrant"].to_dict() == {"A": "reported_far", "B": "quiet_near",
                                           "C": "silent"}
    assert zones["silent"].to_dict() == {"A": False, "B": False, "C": True}
    rule = zones.attrs["rule"]
    assert rule["national_rate_per_100k_women"] == pytest.approx(8.8)
    assert rule["share_below"] == 0.5
    # The fourth quadrant, and the factors read at call time.
    assert list(quadrants([20.0], [0.9], national_rate=8.8, national_share=0.5)) == [
        "reported_near"]


def test_silent_zone_factors_come_from_settings(monkeypatch):
    s = incident_rates(_table([("A", FDS, 30), ("B", FDS, 4), ("C", FDS, 10)]), POP)
    monkeypatch.setattr(settings, "SILENT_RATE_FACTOR", 0.4)  # below 3.52: none
    zones = silent_zones(_regions({"A": 0.3, "B": 0.9, "C": 0.2}), s, CROSSWALK,
                         threshold=120, national_share=0.5)
    assert not zones["silent"].any()


def test_split_regions_use_the_pairs_full_year_rate():
    notes = {"A": "includes_split_area_before_2022-06-08", "C": "from_2022-06-08"}
    s = incident_rates(_table([("A", FDS, 30), ("B", FDS, 4), ("C", FDS, 10)], notes), POP)
    zones = silent_zones(_regions({"A": 0.3, "B": 0.9, "C": 0.2}), s, CROSSWALK,
                         threshold=120, national_share=0.5).set_index("region_id")
    # C's own rate (4) covers part of the year; the pair's is 8.89 > 8.8: not silent.
    assert zones.loc["C", "rate"] == pytest.approx(4.0)
    assert zones.loc["C", "rule_rate"] == pytest.approx(40 / 4.5)
    assert not zones.loc["C", "silent"]
    z17 = silent_zones_17(_regions({"A": 0.3, "B": 0.9, "C": 0.2}), s, CROSSWALK,
                          threshold=120, national_share=0.5).set_index("region_id")
    # The pair: (60,000 + 50,000) of 450,000 women within; 40 offences.
    assert z17.loc["A", "share_within"] == pytest.approx(110_000 / 450_000)
    assert z17.loc["A", "count"] == 40


def test_an_incomplete_set_gives_no_silent_zones():
    s = incident_rates(_table([("A", FDS, 30), ("B", FDS, 4)]), POP)
    assert silent_zones(_regions({"A": 0.3, "B": 0.9, "C": 0.2}), s, CROSSWALK,
                        threshold=120, national_share=0.5) is None


def test_small_counts_are_shown_as_under_five_in_records():
    rec = incident_records(_table([("A", FDS, 30), ("B", FDS, 4), ("C", FDS, 10)]), POP)
    b = rec.set_index("region_id").loc["B"]
    assert b["shown_as"] == "<5" and pd.isna(b["value"]) and pd.isna(b["per_100k_women"])
    a = rec.set_index("region_id").loc["A"]
    assert a["shown_as"] == "30" and a["value"] == 30
    assert a["per_100k_women"] == pytest.approx(15.0)


def test_the_complete_set_comes_first():
    table = pd.concat([_table([("A", "protective_orders_issued", 9)]),
                       _table([("A", FDS, 30), ("B", FDS, 4), ("C", FDS, 10)])])
    sets = incident_sets(table, POP)
    assert sets[0].indicator == FDS and sets[0].regions == 3
    assert default_set(sets, ["A", "B", "C"]).indicator == FDS


# --------------------------------------------------------------------- bundled data
@pytest.fixture(scope="module")
def current(bundled):
    return to_current_layout(bundled.incidents, bundled.crosswalk)


def test_every_region_has_the_2022_family_domestic_figure(bundled, current):
    s = incident_rates(current, bundled.population, key=f"{FDS}@2022")
    ids = set(bundled.regions["region_id"])
    assert set(s.rates.index) == ids and s.rates.notna().all()
    assert int(s.counts.sum()) == 938  # the national figure of the series
    national = bundled.national_series.set_index(["indicator", "period"])
    assert national.loc[(FDS, "2022"), "value"] == 938
    # Every figure of the Form 1-M table names its source and sheet cell.
    form = current[current["cell"] != ""]
    assert len(form) == 8 * 20 and form["source_url"].str.startswith("https://").all()
    assert set(form.loc[form["coverage_note"] != "", "region_id"]) == {
        "KZ-10", "KZ-33", "KZ-62", "KZ-19", "KZ-35", "KZ-63"}
    first = regional_sets(current).iloc[0]
    assert (first["indicator"], first["period"], first["regions"]) == (FDS, "2022", 20)


def test_report_gives_incidents_and_silent_zones(report):
    doc = report_json(report)
    assert doc["params"]["silent_zones"]["available"]
    assert doc["params"]["silent_zones"]["indicator"] == FDS
    keys = {"indicator", "period", "value", "per_100k_women", "shown_as", "source_url", "note"}
    for region in doc["regions"]:
        assert isinstance(region["silent_zone"], bool)
        assert all(set(f) == keys for f in region["incidents"])
        fds = [f for f in region["incidents"] if f["indicator"] == FDS
               and f["period"] == "2022"]
        assert len(fds) == 1 and fds[0]["per_100k_women"] is not None
        for f in region["incidents"]:  # "<5" wherever a count is under 5
            if f["value"] is not None:
                assert f["value"] >= 5 and f["shown_as"] == str(f["value"])
            if f["shown_as"] == "<5":
                assert f["value"] is None and f["per_100k_women"] is None
    under_five = [f for r in doc["regions"] for f in r["incidents"] if f["shown_as"] == "<5"]
    assert under_five  # murders in several regions
    flat = report_table(report)
    cols = [c for c in flat.columns if c.endswith("_shown_as")]
    assert (flat[cols] == "<5").any().any()
    assert not any(str(v).isdigit() and int(v) < 5 for v in flat[
        [c for c in flat.columns if c.startswith("incidents_") and c.endswith("_value")]
    ].stack())


def test_bundled_silent_zones_match_the_rule(report, bundled):
    r = report.regions.set_index("region_id")
    rule = report.params["silent_zones"]
    national = report.areas["national"]["share_within"][120]
    expected = (r["rule_rate"].fillna(np.inf) < rule["national_rate_per_100k_women"]) & (
        r["share_within_120"] < national)
    assert (r["silent_zone_120"] == expected).all()
    assert r["silent_zone_120"].any()


def test_ranking_shows_reported_rate_and_silent_zone(report):
    from coverage.indicators import classify, indicator_values

    classes = classify(indicator_values(report.regions, "share_within", threshold=120),
                       "share_within")
    table = region_table(report, classes, lang="ru", threshold=120)
    silent = [c for c in table.columns if c.startswith("Зона молчания")]
    assert silent and (table[silent[0]] == "да").sum() == int(
        report.regions["silent_zone_120"].sum())
    assert table["Регион"].str.endswith("†").sum() == 6


def test_violence_table_shows_small_counts_as_under_five(report, bundled, current):
    sets = [s for s in incident_sets(current, bundled.population)
            if s.covers(bundled.regions["region_id"])][:3]
    zones = silent_zones(report.regions, report.incident_set, bundled.crosswalk,
                         threshold=120,
                         national_share=report.areas["national"]["share_within"][120])
    names = dict(zip(bundled.regions["region_id"], bundled.regions["name_en"]))
    table = violence_table(zones, sets, bundled.crosswalk, names=names, lang="en",
                           threshold=120)
    murders = table["Domestic murders: Count"]
    small = murders == "<5"
    assert small.any()
    assert table.loc[small, "Domestic murders: per 100,000 women"].isna().all()
    assert not murders[~small].astype(int).lt(5).any()


# --------------------------------------------------------------------- charts
def test_scatter_data_are_the_report_figures(report, bundled):
    zones = silent_zones(report.regions, report.incident_set, bundled.crosswalk,
                         threshold=120,
                         national_share=report.areas["national"]["share_within"][120])
    names = dict(zip(bundled.regions["region_id"], bundled.regions["name_kk"]))
    points = scatter_frame(zones, names, lang="kk")
    chart = silence_chart(points, zones.attrs["rule"], lang="kk", threshold=120)
    drawn = [v for v in chart_values(chart) if "region_id" in v]
    assert {v["region_id"] for v in drawn} == set(report.regions["region_id"])
    r = report.regions.set_index("region_id")
    for v in drawn:
        assert v["share_pct"] == pytest.approx(r.loc[v["region_id"], "share_within_120"] * 100)
        assert v["women"] == pytest.approx(r.loc[v["region_id"], "women"])
    labels = {v["label"] for v in drawn}
    assert "Қызылорда" in labels and "Абай †" in labels  # every region named, in Kazakh


def test_series_charts_draw_the_bundled_figures(bundled):
    series = bundled.national_series
    charts = series_charts(series, lang="en")
    years = {v["year"]: v["value"] for v in chart_values(charts["years"]) if "year" in v}
    annual = series[(series["indicator"] == FDS) & series["period"].str.fullmatch(r"\d{4}")]
    for period, value in zip(annual["period"], annual["value"]):
        assert years[int(period)] == value
    assert years[2016] is None or np.isnan(years[2016])  # no data, not zero
    q = quarantine(series).set_index(["window", "year"])["value"]
    assert q[("2020-03-16..2020-07-31", "2019")] == 168
    assert q[("2020-03-16..2020-07-31", "2020")] == 237
    change = quarantine(series).dropna(subset=["change"]).set_index("window")["change"]
    assert round(change["2020-03-16..2020-07-31"] * 100) == 41
    orders = figures(series, "protective_orders_issued")
    drawn = [v["value"] for v in chart_values(charts["orders"]) if "value" in v]
    assert drawn == list(orders["value"])
    assert not by_year(series).set_index("year").loc[2024, "comparable"]


# --------------------------------------------------------------------- planning
def test_incident_weighting_changes_the_chosen_site():
    # Two towns, 400 km apart, no centre: W has 1,000 women, E 800. Each site covers
    # only its own town. By women W wins; with E's region reporting three times W's rate,
    # E wins (800 x 3 > 1,000 x 1).
    demand = pd.DataFrame({"lon": [60.0, 65.0], "lat": [45.0, 45.0],
                           "region_id": ["W", "E"], "women": [1000.0, 800.0],
                           "town_km": [0.0, 0.0]})
    centres = pd.DataFrame({"lon": [80.0], "lat": [52.0], "region_id": ["X"]})
    settlements = pd.DataFrame({"name": ["W town", "E town"], "geonameid": [1, 2],
                                "lon": [60.0, 65.0], "lat": [45.0, 45.0],
                                "region_id": ["W", "E"]})
    pop = pd.DataFrame({"region_id": ["W", "E"], "female": [100_000, 100_000]})
    weights = incident_rates(_table([("W", FDS, 10), ("E", FDS, 30)]).assign(
        region_id=["W", "E"]), pop)
    travel = travel_mode("car")
    plain = plan_sites(demand, centres, settlements, k=1, minutes=60, travel=travel,
                       region_ids=("W", "E"))
    weighted = plan_sites(demand, centres, settlements, k=1, minutes=60, travel=travel,
                          region_ids=("W", "E"), incidents=weights)
    assert list(plain.chosen["settlement"]) == ["W town"]
    assert list(weighted.chosen["settlement"]) == ["E town"]
    assert weighted.chosen["women_gained"].iloc[0] == pytest.approx(800)  # still women


def test_cli_plan_weight_incidents(capsys):
    assert cli_main(["plan", "--add", "3", "--weight", "incidents"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["params"]["weighted_by_incidents"]
    assert doc["params"]["incident_set"] == f"{FDS}@2022"
    assert cli_main(["plan", "--add", "3"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert [c["settlement"] for c in doc["chosen"]] != [c["settlement"]
                                                         for c in plain["chosen"]]


def test_cli_report_with_a_users_incident_table(tmp_path, capsys, bundled):
    rows = ["region_id,indicator,period,value"] + [
        f"{r},my_count,2023,{10 + i}" for i, r in enumerate(bundled.regions["region_id"])]
    path = tmp_path / "mine.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert cli_main(["report", "--incidents", str(path), "--minutes", "120"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["params"]["silent_zones"]["indicator"] == "my_count"
    assert doc["params"]["incidents_source"] == "mine.csv"
    first = doc["regions"][0]["incidents"]
    assert [f["indicator"] for f in first] == ["my_count"]
    assert cli_main(["report", "--incident-set", "nothing@1"]) == 2
    assert "not among the regional figures" in capsys.readouterr().err
