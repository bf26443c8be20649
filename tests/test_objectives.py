"""The planner's three objectives, its candidates, reasons and stability.

Tiny instances on the equator, worked by hand in units of ``DEG``: the minutes a car
needs for one degree of longitude there (111.2 km x 1.3 detour at 60 km/h = 144.5 min).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely
from references import spopt_costs

from coverage.candidates import Candidates, candidate_sites
from coverage.explain import reason
from coverage.planning import plan_sites
from coverage.sensitivity import Variant
from coverage.stability import plan_variants, stability
from coverage.travel import haversine_km, minutes_from_km, travel_mode

CAR = travel_mode("car")
DEG = float(minutes_from_km(haversine_km(0.0, 0.0, 1.0, 0.0), CAR))


def _demand(**points: tuple[float, float]) -> pd.DataFrame:
    """Demand points by name: (longitude, women), on the equator, in region R."""
    return pd.DataFrame({"lon": [p[0] for p in points.values()], "lat": 0.0,
                         "region_id": "R", "women": [float(p[1]) for p in points.values()],
                         "kind": "settlement", "name": list(points),
                         "geonameid": range(100, 100 + len(points))})


def _sites(**lons: float) -> pd.DataFrame:
    return pd.DataFrame({"name": list(lons), "geonameid": range(1, len(lons) + 1),
                         "lon": list(lons.values()), "lat": 0.0, "region_id": "R"})


def _centre(lon: float = 0.0, beds: int | None = None) -> pd.DataFrame:
    return pd.DataFrame({"centre_id": ["E"], "lon": [lon], "lat": [0.0], "region_id": ["R"],
                         "beds": pd.array([beds], dtype="Int64")})


def test_units():
    assert 144 < DEG < 145


# ------------------------------------------------------------------ coverage or time
# A (1000 women) lies 0.5 DEG from the centre, just beyond 60 min; S1 at 0.4 brings her
# within 0.1 DEG. C (500 women) lies 3 DEG away; S2 at -1.5 halves her trip but not to 60.
#   coverage, k=1: S1 (+1000 within 60 min); S2 brings nobody within 60.
#   time, k=1:     S1 saves 1000 x 0.4 DEG = 400 DEG; S2 saves 500 x 1.5 DEG = 750 DEG.
def _coverage_or_time():
    return _demand(A=(0.5, 1000), C=(-3.0, 500)), _sites(S1=0.4, S2=-1.5), _centre()


def test_coverage_and_travel_time_choose_differently():
    demand, sites, centre = _coverage_or_time()
    cover = plan_sites(demand, centre, sites, k=1, minutes=60, travel=CAR)
    assert cover.chosen["settlement"].tolist() == ["S1"] and cover.optimal
    assert cover.value_before == pytest.approx(0) and cover.value_after == pytest.approx(1000)
    quick = plan_sites(demand, centre, sites, k=1, minutes=60, travel=CAR, objective="time")
    assert quick.chosen["settlement"].tolist() == ["S2"] and quick.optimal
    # Women-weighted minutes: 1000 x 0.5 + 500 x 3 = 2000 DEG before, 2000 - 750 after.
    assert quick.value_before == pytest.approx(2000 * DEG)
    assert quick.value_after == pytest.approx(1250 * DEG)
    assert quick.chosen["gain"].tolist() == pytest.approx([750 * DEG])
    assert quick.chosen["women_gained"].tolist() == [0.0]  # nobody within 60 min
    assert quick.chosen["women_closer"].tolist() == [500.0]
    assert quick.mean_minutes(quick.value_after) == pytest.approx(1250 * DEG / 1500)
    both = plan_sites(demand, centre, sites, k=2, minutes=60, travel=CAR, objective="time")
    assert both.chosen["settlement"].tolist() == ["S2", "S1"]  # the larger saving first
    assert both.chosen["gain"].tolist() == pytest.approx([750 * DEG, 400 * DEG])


def test_travel_time_needs_a_centre_in_place():
    demand, sites, _ = _coverage_or_time()
    with pytest.raises(ValueError, match="at least one centre"):
        plan_sites(demand, _centre().iloc[:0], sites, k=1, minutes=60, travel=CAR,
                   objective="time")


# ------------------------------------------------------------------ capacity
# The centre has 1 place (5,000 women, settings.PLAN_WOMEN_PER_PLACE). A: 8000 women near
# it; D: 1000 women 2 DEG away, near nobody. A new centre with 1 place near A serves 3000
# more of A; near D, 1000.
def test_capacity_fills_places_where_women_wait():
    demand = _demand(A=(0.1, 8000), D=(2.0, 1000))
    sites, centre = _sites(S1=0.2, S2=2.1), _centre(beds=1)
    cap = plan_sites(demand, centre, sites, k=1, minutes=60, travel=CAR, objective="capacity",
                     places=1)
    assert cap.chosen["settlement"].tolist() == ["S1"]
    assert (cap.value_before, cap.value_after) == pytest.approx((5000, 8000))
    cover = plan_sites(demand, centre, sites, k=1, minutes=60, travel=CAR)
    assert cover.chosen["settlement"].tolist() == ["S2"]  # D is the only woman out of reach
    two = plan_sites(demand, centre, sites, k=2, minutes=60, travel=CAR, objective="capacity",
                     places=1)
    assert two.value_after == pytest.approx(9000)
    assert two.chosen["gain"].tolist() == pytest.approx([3000, 1000])


def test_capacity_ties_go_to_women_out_of_reach():
    # A: 20,000 women near the centre (15,000 wait); D: 6000 women near nobody. One place
    # serves 5000 at either site; at S2 they are women who had no centre at all.
    demand = _demand(A=(0.1, 20_000), D=(2.0, 6000))
    plan = plan_sites(demand, _centre(beds=1), _sites(S1=0.2, S2=2.1), k=1, minutes=60,
                      travel=CAR, objective="capacity", places=1)
    assert plan.chosen["settlement"].tolist() == ["S2"]
    assert plan.value_after - plan.value_before == pytest.approx(5000)


def test_bad_objective_options():
    demand, sites, centre = _coverage_or_time()
    with pytest.raises(ValueError, match="objective 'speed'"):
        plan_sites(demand, centre, sites, k=1, minutes=60, travel=CAR, objective="speed")
    with pytest.raises(ValueError, match="at least 1"):
        plan_sites(demand, centre, sites, k=1, minutes=60, travel=CAR, objective="capacity",
                   places=0)


# ------------------------------------------------------------------ reasons
def test_each_site_is_explained_in_three_languages():
    # From the centre at 0: A 0.45, C 0.5, D 0.42 and E 0.48 DEG lie beyond 60 min (0.415
    # DEG); B at 0.35 is within already. S1 at 0.4 brings A, C, D and E within (each 0.1 DEG
    # or less from it) and every one of them 0.40 DEG closer; B 0.30 DEG closer.
    demand = _demand(A=(0.45, 1000), B=(0.35, 300), C=(0.5, 20), D=(0.42, 5), E=(0.48, 2),
                     Far=(-3.0, 50))
    plan = plan_sites(demand, _centre(), _sites(S1=0.4), k=1, minutes=60, travel=CAR)
    site = plan.chosen.iloc[0]
    assert [x["name"] for x in site["towns_reached"]] == ["A", "C", "D", "E"]
    assert site["women_gained"] == 1027 and site["towns_count"] == 4
    assert site["women_closer"] == 1327
    assert site["minutes_saved"] == pytest.approx((1027 * 0.40 + 300 * 0.30) * DEG)
    en = reason(site.to_dict(), lang="en", minutes=60)
    assert en == ("Brings A (1,000 women), C (20 women), D (5 women) and 1 more settlement "
                  "within 60 min; in all, 1,027 women newly within 60 min; 1,327 women "
                  f"{round(500.8 * DEG / 1327)} min closer to a centre on average.")
    ru = reason(site.to_dict(), lang="ru", minutes=60, town_names={100: "Ака"})
    assert ru.startswith("В пределах 60\u00a0мин: Ака (1\u00a0000 женщин), C (20 женщин), "
                         "D (5 женщин) и ещё 1 населённый пункт; итого впервые в пределах "
                         "60\u00a0мин: 1\u00a0027 женщин; для 1\u00a0327 женщин путь")
    kk = reason({**site.to_dict(), "capital": True}, lang="kk", minutes=60)
    assert kk.startswith("Тізілімде дағдарыс орталығы жоқ облыс орталығы;")
    assert "барлығы 1\u00a0027 әйел қосылады" in kk


# ------------------------------------------------------------------ candidates
def test_candidates_respect_the_floor_and_keep_every_capital_without_a_centre(bundled):
    rule = Candidates.of(bundled.regions)
    sites = candidate_sites(bundled.settlements, bundled.centres, rule=rule)
    people = pd.to_numeric(sites["population"], errors="coerce").fillna(0)
    assert ((people >= 5000) | sites["capital"]).all()
    capitals = set(bundled.regions["admin_centre_geonameid"].astype(int))
    with_centre = set(bundled.centres["geonameid"].dropna().astype(int))
    # Kyzylorda and Oskemen, capitals with no located centre, are candidates.
    assert {1519922, 1520316} <= set(sites["geonameid"])
    only_capitals = candidate_sites(bundled.settlements, bundled.centres,
                                    rule=Candidates.of(bundled.regions,
                                                       min_population=10**8))
    assert set(only_capitals["geonameid"]) == capitals - with_centre
    assert only_capitals["capital"].all()
    everything = candidate_sites(bundled.settlements, bundled.centres,
                                 rule=Candidates(min_population=0))
    assert len(everything) == 329 > len(sites)
    listed = candidate_sites(bundled.settlements, bundled.centres,
                             rule=Candidates(only=(1519922, 1526273)))
    assert listed["geonameid"].tolist() == [1519922]  # Astana has a centre


def test_candidates_lie_on_land_inside_the_country(bundled):
    sites = candidate_sites(bundled.settlements, bundled.centres,
                            rule=Candidates(min_population=0))
    points = shapely.points(sites["lon"].to_numpy(), sites["lat"].to_numpy())
    country = shapely.union_all(bundled.regions.geometry.to_numpy())
    assert shapely.contains(country, points).all()
    water = shapely.union_all(bundled.water.geometry.to_numpy())
    assert not shapely.contains(water, points).any()


# ------------------------------------------------------------------ how sure
# k=2. Default: P (1000) near R, Q (800) near N. Variant "same": the default again.
# Variant "moved": Q lives 1 DEG further out, near M only. R is chosen in both variants
# and adds 1000 women in each; N in one of two, and adds 800 or nothing.
def test_stability_counts_a_robust_and_a_fragile_site():
    sites, centre = _sites(R=1.05, N=-1.05, M=-2.05), _centre()
    default = _demand(P=(1.0, 1000), Q=(-1.0, 800))
    moved = _demand(P=(1.0, 1000), Q=(-2.0, 800))
    plan = plan_sites(default, centre, sites, k=2, minutes=60, travel=CAR)
    assert plan.chosen["settlement"].tolist() == ["R", "N"]
    tried = [Variant("same", "rural", default, centre), Variant("moved", "rural", moved, centre)]
    sure = stability(plan, tried, sites)
    assert sure["geonameid"].tolist() == [1, 2]
    assert sure["chosen_in_variants"].tolist() == [2, 1]
    assert sure["variants"].tolist() == [2, 2]
    assert sure["women_min"].tolist() == [1000, 0] and sure["women_max"].tolist() == [1000, 800]
    assert sure["variant_names"].tolist() == [["same", "moved"], ["same"]]


def test_plan_variants_are_the_rural_placements_and_the_unlocated_centres(bundled, model):
    tried = plan_variants(model, bundled.centres, settlements=bundled.settlements,
                          regions=bundled.regions, centre_counts=bundled.centre_counts)
    assert len(tried) == len(model.sweep) + 1
    assert {v.assumption for v in tried} == {"rural", "register"}
    register = next(v for v in tried if v.assumption == "register")
    assert len(register.centres) > len(bundled.centres)


# ------------------------------------------------------------------ the bundled data
def test_travel_time_prefers_the_cities_without_a_centre(bundled, model):
    plan = plan_sites(model.default, bundled.centres, bundled.settlements, k=2, minutes=120,
                      travel=CAR, objective="time", candidates=Candidates.of(bundled.regions))
    assert plan.optimal
    assert set(plan.chosen["geonameid"]) == {1519922, 1520316}  # Kyzylorda, Oskemen
    assert plan.value_after < plan.value_before
    # The figures add up: gains in woman-minutes, and in women within 120 min.
    assert plan.value_before - plan.value_after == pytest.approx(plan.chosen["gain"].sum())
    assert plan.covered_after - plan.covered_before == pytest.approx(
        plan.chosen["women_gained"].sum())
    assert np.all(np.diff(plan.chosen["gain"].to_numpy()) <= 1e-6)


@pytest.mark.slow
def test_travel_time_equals_spopt_p_median_for_k_1_to_3(bundled, model):
    import warnings

    import pulp
    from spopt.locate import PMedian

    # Kyzylorda and Ulytau regions (the demand), every centre of the country in place, the
    # candidates of those regions: small enough for CBC through PuLP (spopt builds one
    # variable per woman's place and centre: the whole country would be 2 million).
    regions = ("KZ-43", "KZ-62")
    demand = model.default[model.default["region_id"].isin(regions)].reset_index(drop=True)
    settlements = bundled.settlements[bundled.settlements["region_id"].isin(regions)]
    rule = Candidates.of(bundled.regions)
    sites = candidate_sites(settlements, bundled.centres, rule=rule)
    cost, existing = spopt_costs(demand, bundled.centres, sites, CAR)
    for k in (1, 2, 3):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = PMedian.from_cost_matrix(
                cost, demand["women"].to_numpy(), p_facilities=len(bundled.centres) + k,
                predefined_facilities_arr=existing,
            ).solve(pulp.PULP_CBC_CMD(msg=False))
        ours = plan_sites(demand, bundled.centres, settlements, k=k, minutes=120, travel=CAR,
                          objective="time", candidates=rule)
        assert ours.optimal
        assert ours.value_after == pytest.approx(pulp.value(theirs.problem.objective),
                                                 rel=1e-6), k


@pytest.mark.parametrize(("lang", "sep"), [("en", ","), ("ru", "\u00a0"), ("kk", "\u00a0")])
def test_the_gain_curve_writes_numbers_as_the_language_does(lang, sep):
    from coverage.charts import chart_values, gain_chart

    chart = gain_chart(pd.Series([218_058.3, 1_000.0]), lang=lang)
    assert [row["shown"] for row in chart_values(chart)] == [f"218{sep}058", f"1{sep}000"]
    assert chart.to_dict()["encoding"]["y"]["axis"]["labelExpr"].endswith(f"/,/g, '{sep}')")
