"""Population model, travel times, reach, E2SFCA and standards, worked out by hand on the
synthetic country of tests/synthetic.py."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from synthetic import CITIES, KM_PER_DEGREE, centres, population, regions, settlements

from coverage import settings
from coverage.accessibility import e2sfca, zone_weights
from coverage.population import demand_points, grid_cells
from coverage.reach import region_reach, summarise, travel_times, weighted_quantile
from coverage.standards import standards_table
from coverage.travel import haversine_km, nearest, pairs_within, scenario

CAR = scenario("car")
MIN_PER_KM = 1.3 / 60 * 60  # car: detour 1.3 at 60 km/h


def demand(bandwidth_km: float) -> pd.DataFrame:
    return demand_points(regions(), population(), settlements(), bandwidth_km=bandwidth_km,
                         city_regions=CITIES)


# ------------------------------------------------------------------ population model
def test_bandwidth_zero_puts_the_rest_on_the_settlements():
    d = demand(0).set_index("name")
    # R-A: a1 listed 800 x 1000/2000 = 400; rest 1000 - 400 = 600, split over a1 and a2.
    assert d.loc["a1", "women"] == pytest.approx(700)
    assert d.loc["a2", "women"] == pytest.approx(300)
    assert d.loc["a1", "women_listed"] == pytest.approx(400)
    # R-B: b1 lists 1000 x 300/600 = 500 > 300 women: scaled down to the official 300.
    assert d.loc["b1", "women"] == pytest.approx(300)
    # R-C is a city: c1's 100 x 0.5 = 50 scaled up to the official 200.
    assert d.loc["c1", "women"] == pytest.approx(200)
    assert set(d["kind"]) == {"settlement"}


def test_infinite_bandwidth_spreads_the_rest_evenly_over_cells():
    d = demand(math.inf)
    cells = d[d["kind"] == "cell"]
    assert set(cells["region_id"]) == {"R-A"}  # only R-A has a rest to spread
    n_cells = (grid_cells(regions())["region_id"] == "R-A").sum()
    assert len(cells) == n_cells and n_cells > 30
    assert np.allclose(cells["women"], 600 / n_cells)
    towns = d[d["kind"] == "settlement"].set_index("name")["women"]
    assert towns["a1"] == pytest.approx(400) and "a2" not in towns  # a2 has no figure


@pytest.mark.parametrize("bw", [0, 5, 30, 100, math.inf])
def test_women_per_region_equal_the_official_figures(bw):
    sums = demand(bw).groupby("region_id")["women"].sum()
    assert sums.to_dict() == pytest.approx({"R-A": 1000, "R-B": 300, "R-C": 200})


def test_kernel_puts_more_women_near_settlements():
    cells = demand(30).query("kind == 'cell'")
    near = haversine_km(cells["lon"], cells["lat"], 0.5, 0.0) < 30
    far = haversine_km(cells["lon"], cells["lat"], 0.5, 0.0) > 90
    assert cells.loc[near, "women"].min() > cells.loc[far, "women"].max()


def test_grid_cells_are_at_most_25_km():
    cells = grid_cells(regions(), cell_km=20)
    # A 1° x 2° box at the equator is 111 x 222 km: about 5.6 x 11.1 cells of 20 km.
    assert 50 <= (cells["region_id"] == "R-A").sum() <= 70
    with pytest.raises(ValueError):
        grid_cells(regions(), cell_km=30)


# ------------------------------------------------------------------ travel
def test_great_circle_and_nearest():
    assert haversine_km(0, 0, 1, 0) == pytest.approx(KM_PER_DEGREE)
    # Astana - Almaty, about 973 km as the crow flies.
    assert haversine_km(71.44598, 51.1801, 76.9115, 43.25249) == pytest.approx(972.7, abs=0.5)
    idx, km = nearest(np.array([0.2, 2.5]), np.array([0.0, 0.0]),
                      np.array([0.5, 1.5]), np.array([0.0, 0.0]))
    assert idx.tolist() == [0, 1]
    assert km == pytest.approx([0.3 * KM_PER_DEGREE, 1.0 * KM_PER_DEGREE])
    idx, km = nearest(np.array([0.0]), np.array([0.0]), np.array([]), np.array([]))
    assert idx.tolist() == [-1] and np.isinf(km).all()


def test_scenarios_and_overrides():
    assert CAR.speed_kmh == 60 and CAR.detour == 1.3 and CAR.wait_minutes == 0
    no_car, winter = scenario("no-car"), scenario("winter")
    assert no_car.wait_minutes > 0 and no_car.speed_kmh < CAR.speed_kmh
    assert winter.speed_kmh < CAR.speed_kmh
    assert scenario("car", speed_kmh=80, detour=1.1).detour == 1.1
    with pytest.raises(ValueError):
        scenario("plane")
    with pytest.raises(ValueError):
        scenario("car", speed_kmh=0)


def test_pairs_within_match_a_brute_force():
    rng = np.random.default_rng(1)
    lon, lat = rng.uniform(50, 80, 3000), rng.uniform(41, 55, 3000)
    clon, clat = rng.uniform(50, 80, 20), rng.uniform(41, 55, 20)
    p, c, km = pairs_within(lon, lat, clon, clat, 150.0)
    full = haversine_km(lon[:, None], lat[:, None], clon[None], clat[None])
    ii, jj = np.nonzero(full <= 150.0)
    assert sorted(zip(p.tolist(), c.tolist())) == sorted(zip(ii.tolist(), jj.tolist()))
    assert km == pytest.approx(full[p, c])


# ------------------------------------------------------------------ reach
def test_reach_by_hand():
    timed = travel_times(demand(0), centres(with_second=False), travel=CAR)
    by = timed.set_index("name")
    a2_min = 0.3 * KM_PER_DEGREE * MIN_PER_KM     # 43.37 min
    assert by.loc["a1", "minutes"] == pytest.approx(0)
    assert by.loc["a2", "minutes"] == pytest.approx(a2_min)
    assert by.loc["b1", "minutes"] == pytest.approx(1.0 * KM_PER_DEGREE * MIN_PER_KM)
    assert by.loc["c1", "minutes"] == pytest.approx(2.0 * KM_PER_DEGREE * MIN_PER_KM)
    reach = region_reach(timed, region_ids=["R-A", "R-B", "R-C"],
                         thresholds=[30, 60, 180]).set_index("region_id")
    assert reach.loc["R-A", "share_within_30"] == pytest.approx(0.7)   # a1's 700 of 1000
    assert reach.loc["R-A", "share_within_60"] == pytest.approx(1.0)
    assert reach.loc["R-B", "women_within_180"] == pytest.approx(300)  # 144.6 min
    assert reach.loc["R-C", "women_within_180"] == 0                   # 289.1 min
    assert reach.loc["R-C", "women_beyond_180"] == pytest.approx(200)
    assert reach.loc["R-A", "median_minutes"] == 0   # 700 of 1000 women at 0 min
    assert reach.loc["R-A", "p90_minutes"] == pytest.approx(a2_min)
    national = summarise(timed["minutes"], timed["women"], thresholds=[60, 180])
    assert national["women"] == pytest.approx(1500)
    assert national["share_within"][60] == pytest.approx(1000 / 1500)
    # Sorted: 0 (700), 43.4 (300), 144.6 (300), 289.1 (200); half of 1500 is reached at a2.
    assert national["median_minutes"] == pytest.approx(a2_min)
    assert national["p90_minutes"] == pytest.approx(2.0 * KM_PER_DEGREE * MIN_PER_KM)


def test_weighted_quantile_edges():
    assert weighted_quantile([5, 1, 3], [1, 1, 2], 0.5) == 3
    assert weighted_quantile([5, 1, 3], [1, 1, 2], 0.25) == 1
    assert math.isnan(weighted_quantile([1], [0], 0.5))
    assert weighted_quantile([np.inf, np.inf], [1, 1], 0.5) == np.inf


def test_no_centre_means_nobody_reaches():
    timed = travel_times(demand(0), centres().iloc[:0], travel=CAR)
    assert np.isinf(timed["minutes"]).all()
    s = summarise(timed["minutes"], timed["women"], thresholds=[180])
    assert s["share_within"][180] == 0 and s["median_minutes"] == np.inf


# ------------------------------------------------------------------ E2SFCA
def test_zone_weights_include_their_upper_bound():
    assert zone_weights(np.array([0, 60, 60.01, 120, 180, 180.01]),
                        settings.E2SFCA_ZONES).tolist() == [1, 1, 0.68, 0.68, 0.22, 0]


def test_e2sfca_by_hand():
    points = e2sfca(demand(0), centres(), travel=CAR).set_index("name")
    # Minutes to k1 (0.5, 0): a1 0, a2 43.4, b1 144.6, c1 289.1
    # Minutes to k2 (1.5, 0): a1 144.6, a2 187.9, b1 0, c1 144.6
    # k1: 10 beds / (700x1 + 300x1 + 300x0.22) = 10 / 1066
    # k2: unknown capacity -> 1 / (700x0.22 + 300x1 + 200x0.22) = 1 / 498
    r1, r2 = 10 / 1066, 1 / 498
    expected = {"a1": r1 + 0.22 * r2, "a2": r1, "b1": 0.22 * r1 + r2, "c1": 0.22 * r2}
    for name, value in expected.items():
        assert points.loc[name, "places_per_10k"] == pytest.approx(value * 10_000, rel=1e-12)
    assert points.attrs["unknown_capacity_centres"] == 1


# ------------------------------------------------------------------ standards
def test_standards_by_hand():
    table = standards_table(regions(), population(), centres()).set_index("region_id")
    a, b, c, kz = (table.loc[r] for r in ("R-A", "R-B", "R-C", "KZ"))
    assert a["shelter_places_needed"] == 1 and a["shelter_places_known"] == 10
    assert a["shelter_places_gap"] == 0 and a["counselling_gap"] == 0
    assert pd.isna(b["shelter_places_gap"]) and b["shelter_places_gap_at_most"] == 1
    assert b["centres_capacity_unknown"] == 1
    assert not c["has_centre"] and c["shelter_places_gap"] == 1
    assert kz["population"] == 3000 and kz["centres"] == 2 and pd.isna(kz["shelter_places_gap"])
    assert a["shelter_denominator"] == "population / 10,000"
    assert a["counselling_denominator"] == "women / 50,000"


def test_standards_on_the_bundled_data(bundled):
    table = standards_table(bundled.regions, bundled.population, bundled.centres)
    kz = table.set_index("region_id").loc["KZ"]
    # 19,765,004 people / 10,000 = 1,976.5 -> 1,977 places; 10,118,282 women / 50,000 -> 203.
    assert kz["shelter_places_needed"] == 1977
    assert kz["shelter_places_known"] == 150
    assert kz["counselling_centres_needed"] == 203
    assert (~table["has_centre"]).sum() == 3
