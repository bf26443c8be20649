"""Maximal covering location: hand-known optima, invariants, spopt's exact MCLP, the
command line, and scenarios."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from references import spopt_costs

from coverage import DataError
from coverage.candidates import Candidates, candidate_sites
from coverage.incidents import IncidentSet
from coverage.planning import plan_sites
from coverage.report import build_report
from coverage.scenarios import (
    Scenario,
    apply,
    at_click,
    at_point,
    at_settlement,
    compare,
    from_json,
    from_query,
    to_json,
    to_query,
)
from coverage.travel import haversine_km, minutes_from_km, travel_mode

CAR = travel_mode("car")


# ------------------------------------------------------------------ a tiny instance
# On the equator, 0.4° = 44.5 km = 57.8 min by car (within 60), 0.8° = 115.6 min (not).
#   women  a=5000 at 0.0, b=5000 at 0.8, c=4000 at -0.8, d=4000 at 1.6
#   sites  S1 at 0.4 reaches {a, b} = 10000; S2 at -0.4 {a, c} = 9000; S3 at 1.2 {b, d} = 9000
# Greedy takes S1 and then one of S2/S3: 14000. The optimum for k = 2 is S2 + S3: 18000.
def tiny():
    demand = pd.DataFrame({"lon": [0.0, 0.8, -0.8, 1.6], "lat": 0.0,
                           "region_id": ["R-A", "R-A", "R-B", "R-B"],
                           "women": [5000.0, 5000.0, 4000.0, 4000.0]})
    sites = pd.DataFrame({"name": ["S1", "S2", "S3"], "geonameid": [1, 2, 3],
                          "lon": [0.4, -0.4, 1.2], "lat": 0.0,
                          "region_id": ["R-A", "R-B", "R-B"]})
    far = pd.DataFrame({"centre_id": ["far"], "lon": [20.0], "lat": [0.0],
                        "region_id": ["R-C"], "beds": pd.array([5], dtype="Int64")})
    return demand, sites, far


def test_tiny_instance_by_hand():
    demand, sites, far = tiny()
    minutes = minutes_from_km(haversine_km(0, 0, 0.4, 0), CAR)
    assert 57 < minutes < 60
    one = plan_sites(demand, far, sites, k=1, minutes=60, travel=CAR)
    assert one.chosen["settlement"].tolist() == ["S1"] and one.optimal
    assert one.covered_after == pytest.approx(10_000)
    two = plan_sites(demand, far, sites, k=2, minutes=60, travel=CAR)
    assert sorted(two.chosen["settlement"]) == ["S2", "S3"] and two.optimal
    assert two.covered_after == pytest.approx(18_000) and two.share_after == pytest.approx(1)
    assert two.chosen["women_gained"].tolist() == pytest.approx([9_000, 9_000])
    greedy = plan_sites(demand, far, sites, k=2, minutes=60, travel=CAR, exact=False)
    assert greedy.chosen["settlement"].iloc[0] == "S1"
    assert greedy.covered_after == pytest.approx(14_000)
    # The LP relaxation cannot beat covering everyone: gap (18000 - 14000) / 18000.
    assert not greedy.optimal and greedy.gap == pytest.approx(4 / 18)


def test_per_region_minimum_and_exclusions_on_the_tiny_instance():
    demand, sites, far = tiny()
    # R-A has no centre: with a minimum of one per region, S1 (in R-A) must be chosen.
    plan = plan_sites(demand, far, sites, k=2, minutes=60, travel=CAR, per_region_min=1,
                      region_ids=("R-A", "R-B"))
    assert set(plan.chosen["region_id"]) == {"R-A", "R-B"}
    assert plan.covered_after == pytest.approx(14_000)
    with pytest.raises(ValueError, match="too few"):
        plan_sites(demand, far, sites, k=1, minutes=60, travel=CAR, per_region_min=1,
                   region_ids=("R-A", "R-B", "R-C"))
    excluded = plan_sites(demand, far, sites, k=2, minutes=60, travel=CAR,
                          exclude_regions=("R-B",))
    assert excluded.chosen["settlement"].tolist() == ["S1"]  # the only site left


def test_incident_weighting_needs_complete_figures():
    demand, sites, far = tiny()
    partial = IncidentSet("x", "2024", pd.Series({"R-A": 10.0}), pd.Series({"R-A": 1}),
                          pd.Series({"R-A": ""}), pd.Series({"R-A": ""}))
    with pytest.raises(ValueError, match="cover 1 of 2 regions"):
        plan_sites(demand, far, sites, k=1, minutes=60, travel=CAR, incidents=partial,
                   region_ids=("R-A", "R-B"))
    # R-B reports 3 times R-A's rate: S2 and S3 (in reach of R-B's women) now beat S1.
    full = IncidentSet("x", "2024", pd.Series({"R-A": 10.0, "R-B": 30.0}),
                       pd.Series({"R-A": 1, "R-B": 1}), pd.Series({"R-A": "", "R-B": ""}),
                       pd.Series({"R-A": "", "R-B": ""}))
    weighted = plan_sites(demand, far, sites, k=1, minutes=60, travel=CAR, incidents=full,
                          region_ids=("R-A", "R-B"))
    assert weighted.chosen["settlement"].iloc[0] in {"S2", "S3"}
    assert weighted.chosen["women_gained"].iloc[0] == pytest.approx(9_000)  # in women


# ------------------------------------------------------------------ bundled data
def test_k_zero_reproduces_the_baseline(bundled, model):
    plan = plan_sites(model.default, bundled.centres, bundled.settlements, k=0,
                      minutes=120, travel=CAR)
    report = build_report(bundled, model=model)
    assert plan.chosen.empty
    assert plan.share_after == plan.share_before == pytest.approx(
        report.areas["national"]["share_within"][120], rel=1e-12)


def test_gain_curve_never_rises_and_sums_up(bundled, model):
    plan = plan_sites(model.default, bundled.centres, bundled.settlements, k=10,
                      minutes=120, travel=CAR)
    gains = plan.chosen["women_gained"].to_numpy()
    assert (np.diff(gains) <= 1e-6).all() and (gains > 0).all()
    assert plan.covered_after - plan.covered_before == pytest.approx(gains.sum())
    # Adding the plan's sites as centres gives the plan's coverage.
    extra = plan.chosen.assign(centre_id=[f"n{i}" for i in range(10)], name="n",
                               beds=pd.array([pd.NA] * 10, dtype="Int64"))
    after = build_report(bundled, model=model, centres=pd.concat(
        [bundled.centres.drop(columns="geometry"), extra], ignore_index=True))
    assert after.areas["national"]["share_within"][120] == pytest.approx(plan.share_after)


def test_per_region_minimum_gives_every_region_a_centre(bundled, model):
    plan = plan_sites(model.default, bundled.centres, bundled.settlements, k=3,
                      minutes=120, travel=CAR, per_region_min=1,
                      region_ids=tuple(bundled.regions["region_id"]))
    have = set(bundled.centres["region_id"]) | set(plan.chosen["region_id"])
    assert have == set(bundled.regions["region_id"])


def test_candidates_are_settlements_without_a_centre(bundled):
    sites = candidate_sites(bundled.settlements, bundled.centres,
                            rule=Candidates(min_population=0))
    assert len(sites) == 329
    # The 22 settlements of the register are not candidates (Aktau city is not; the two
    # villages called Aktau in Karaganda Region are).
    assert not set(sites["geonameid"]) & set(bundled.centres["geonameid"].astype(int))
    assert {1526269, 1526601} <= set(sites["geonameid"])
    assert "KZ-75" not in set(candidate_sites(bundled.settlements, bundled.centres,
                                              rule=Candidates(min_population=0),
                                              exclude_regions=("KZ-75",))["region_id"])


@pytest.mark.slow
def test_equals_spopt_exact_mclp_for_k_1_to_5(bundled, model):
    import warnings

    import pulp
    from spopt.locate import MCLP

    demand = model.default
    sites = candidate_sites(bundled.settlements, bundled.centres)
    cost, existing = spopt_costs(demand, bundled.centres, sites, CAR)
    for k in range(1, 6):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = MCLP.from_cost_matrix(
                cost, demand["women"].to_numpy(), service_radius=120,
                p_facilities=len(bundled.centres) + k, predefined_facilities_arr=existing,
            ).solve(pulp.PULP_CBC_CMD(msg=False))
        ours = plan_sites(demand, bundled.centres, bundled.settlements, k=k, minutes=120,
                          travel=CAR)
        assert ours.optimal
        assert ours.covered_after == pytest.approx(pulp.value(theirs.problem.objective),
                                                   abs=1e-3), k


def test_cli_plan(bundled, cli):
    res = cli("plan", "--add", "3", "--minutes", "120")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert set(doc) >= {"chosen", "share_before", "share_after", "optimal"}
    assert len(doc["chosen"]) == 3 and doc["optimal"] is True
    first = doc["chosen"][0]
    assert set(first) >= {"settlement", "region_id", "lon", "lat", "women_gained"}
    assert doc["share_after"] > doc["share_before"]
    assert doc["sites_requested"] == 3 and doc["sites_with_gain"] == 3
    assert doc["message"] is None
    for args, words in ((["--add", "21"], "0 to 20"),
                        (["--add", "1", "--per-region-min", "1"], "too few"),
                        (["--add", "1", "--exclude", "KZ-99"], "unknown region")):
        res = cli("plan", *args)
        assert res.returncode == 2 and words in res.stderr
        assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


def test_cli_plan_objectives_reasons_and_stability(bundled, cli):
    res = cli("plan", "--add", "2", "--objective", "time", "--no-stability", "--lang", "kk")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    objective = doc["objective"]
    assert objective["name"] == "time" and objective["after"] < objective["before"]
    assert objective["minutes_per_woman_after"] < objective["minutes_per_woman_before"]
    assert {c["geonameid"] for c in doc["chosen"]} == {1519922, 1520316}
    kyzylorda = next(c for c in doc["chosen"] if c["geonameid"] == 1519922)
    assert kyzylorda["settlement"] == "Қызылорда" and kyzylorda["capital"] is True
    assert kyzylorda["reason"].startswith("Тізілімде дағдарыс орталығы жоқ облыс орталығы;")
    assert kyzylorda["towns_reached"][0]["name"] == "Қызылорда"
    assert len(kyzylorda["towns_reached"]) == 3 <= kyzylorda["towns_count"]
    assert "chosen_in_variants" not in kyzylorda and doc["stability_seconds"] is None

    res = cli("plan", "--add", "2")
    doc = json.loads(res.stdout)
    for site in doc["chosen"]:
        assert site["variants"] == 13 and 0 <= site["chosen_in_variants"] <= 13
        assert site["women_min"] <= site["women_gained"] <= site["women_max"]
    assert doc["objective"]["name"] == "coverage" and doc["params"]["candidate_rule"] == {
        "min_population": 5000, "capitals": True, "only": None}

    res = cli("plan", "--add", "1", "--objective", "capacity", "--places", "20",
              "--no-stability")
    objective = json.loads(res.stdout)["objective"]
    assert 0 < objective["after"] - objective["before"] <= 20 * 5000

    res = cli("plan", "--add", "1", "--min-population", "0", "--only", "1519922",
              "--format", "csv", "--no-stability")
    assert res.returncode == 0, res.stderr
    head, row = res.stdout.splitlines()[:2]
    assert head.startswith("order,settlement,geonameid,region_id,region,population,capital")
    assert "reason" in head and "towns_reached" in head and "Kyzylorda" in row

    for args, words in ((["--places", "5"], "--places applies to --objective capacity"),
                        (["--objective", "capacity", "--places", "0"], "at least 1 place"),
                        (["--objective", "fast"], "invalid choice"),
                        (["--min-population", "-1"], "give 0 or more"),
                        (["--only", "12x"], "GeoNames ids"),
                        (["--only", "999"], "no listed settlement has GeoNames id 999")):
        res = cli("plan", "--add", "1", "--no-stability", *args)
        assert res.returncode == 2 and words in res.stderr, (args, res.stderr)
        assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


def test_fewer_useful_sites_than_asked_are_said_so(bundled, cli):
    # Within 100,000 minutes every woman already reaches a centre: no site brings anyone.
    res = cli("plan", "--add", "5", "--minutes", "100000")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["chosen"] == [] and doc["sites_requested"] == 5
    assert doc["sites_with_gain"] == 0
    assert doc["message"].startswith("only 0 of the 5 new sites")
    assert doc["message"] in res.stderr


def test_fewer_useful_sites_on_the_tiny_instance():
    # S2 and S3 reach everyone; S4 stands where S3 does: once S3 is open, it brings nobody.
    demand, sites, far = tiny()
    sites = pd.concat([sites.iloc[1:], sites.iloc[[2]].assign(name="S4", geonameid=4)],
                      ignore_index=True)
    plan = plan_sites(demand, far, sites, k=3, minutes=60, travel=CAR)
    assert plan.sites_with_gain == 2 and len(plan.chosen) == 3
    assert plan.message.startswith("only 2 of the 3 new sites")
    assert plan.chosen["women_gained"].tolist() == pytest.approx([9_000, 9_000, 0])
    assert plan_sites(demand, far, sites, k=2, minutes=60, travel=CAR).message is None


# ------------------------------------------------------------------ scenarios
def test_scenario_apply_json_url_and_compare(bundled, model):
    s = Scenario().add(at_settlement(bundled.settlements, 1519395, beds=20))
    s = s.add(at_point(bundled.regions, 64.98, 45.05))
    s = replace(s, disabled=("kc-02",), beds=(("kc-03", 12),))
    centres = apply(bundled.centres, s)
    assert len(centres) == 29 - 1 + 2
    assert centres.set_index("centre_id").loc["kc-03", "beds"] == 12
    assert centres.set_index("centre_id").loc["new-1", "region_id"] == "KZ-63"
    assert len(bundled.centres) == 29  # the input is unchanged
    assert from_json(to_json(s), centres=bundled.centres, regions=bundled.regions) == s
    query = to_query(s)
    assert query == "g1519395_20~p45.0500_64.9800~-kc-02~=kc-03_12"
    assert from_query(query, settlements=bundled.settlements, regions=bundled.regions,
                      centres=bundled.centres) == s
    before = build_report(bundled, model=model)
    after = build_report(bundled, model=model, centres=centres)
    table = compare(before, after, threshold=120).set_index("region_id")
    assert table.loc["KZ-63", "women_newly_within"] > 0
    assert table.loc["KZ-63", "centres_after"] == 1 and table.loc["KZ-63", "centres_before"] == 0
    assert (table["share_after"] >= table["share_before"] - 1e-12).all()


def test_map_click_snaps_to_a_settlement(bundled):
    c = at_click(bundled.settlements, bundled.regions, 83.30, 49.69)
    assert c.geonameid == 1519395 and c.region_id == "KZ-63"
    far = at_click(bundled.settlements, bundled.regions, 62.0, 44.2)  # empty desert
    assert far is not None and far.geonameid is None and far.region_id == "KZ-43"
    assert at_click(bundled.settlements, bundled.regions, 37.6, 55.7) is None  # Moscow


def test_bad_scenario_files(bundled):
    with pytest.raises(DataError, match="not a JSON document"):
        from_json(b"\x00garbage", centres=bundled.centres, regions=bundled.regions)
    with pytest.raises(DataError, match="not a scenario"):
        from_json('{"a": 1}', centres=bundled.centres, regions=bundled.regions)
    bad = json.dumps({"schema": "kz-crisis-centres-scenario/1",
                      "added": [{"lon": 10, "lat": 10, "region_id": "KZ-99"}, {"lon": 70}],
                      "disabled": ["kc-99"], "beds": {"kc-01": -5}})
    with pytest.raises(DataError) as exc:
        from_json(bad, centres=bundled.centres, regions=bundled.regions, file="mine.json")
    text = str(exc.value)
    for words in ("added[0].region_id", "outside Kazakhstan", "added[1]",
                  "unknown centre 'kc-99'", "'-5' is not a number of places"):
        assert words in text
    assert text.startswith("mine.json")


def test_scenario_edits_are_methods_that_keep_the_rest(bundled):
    from coverage.scenarios import Scenario, at_settlement

    scn = Scenario().add(at_settlement(bundled.settlements, 1519395, beds=10))
    scn = scn.add(at_settlement(bundled.settlements, 1518203))
    capped = scn.with_capacity("kc-03", 12).with_capacity("kc-01", 4)
    assert capped.beds == (("kc-01", 4), ("kc-03", 12))  # sorted, one per centre
    assert capped.with_capacity("kc-03", 7).beds == (("kc-01", 4), ("kc-03", 7))
    assert capped.added == scn.added and scn.beds == ()  # the input is not changed
    assert scn.with_disabled(["kc-02"]).disabled == ("kc-02",)
    edited = scn.edit_added({0: {"places": 25}, "1": {"remove": True}})
    assert [c.beds for c in edited.added] == [25]
    assert edited.added[0].settlement == scn.added[0].settlement  # kept as data
    assert scn.edit_added({0: {"places": 0}}).added[0].beds is None  # 0: unknown
