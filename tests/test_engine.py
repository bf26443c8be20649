"""Population model, travel times, reach, E2SFCA and standards, worked out by hand on the
synthetic country of tests/synthetic.py."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod
from synthetic import KM_PER_DEGREE, centres, population, regions, settlements

from coverage import settings
from coverage.accessibility import e2sfca, zone_weights
from coverage.grid import grid_cells
from coverage.population import demand_points, town_weights
from coverage.reach import by_settlement, region_reach, summarise, travel_times, weighted_quantile
from coverage.standards import standards_table
from coverage.travel import (
    haversine_km,
    nearest,
    pairs_within,
    ring_factors,
    town_minutes,
    town_radius_km,
    travel_mode,
)

CAR = travel_mode("car")
MIN_PER_KM = 1.3 / 60 * 60  # car: detour 1.3 at 60 km/h


def demand(bandwidth_km: float, *, weighting: str = "equal", **kw) -> pd.DataFrame:
    """Point-to-point demand (one point per town) on the synthetic country."""
    return demand_points(regions(), population(), settlements(), bandwidth_km=bandwidth_km,
                         weighting=weighting, cells=grid_cells(regions()), town_travel=False,
                         **kw)


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
    assert set(d["kind"]) == {"settlement"} and (d["town_km"] == 0).all()


def test_population_weights_pull_by_size_with_a_floor_for_places_without_a_figure():
    assert town_weights(np.array([800.0, np.nan, 120.0]), "population").tolist() == [
        800, settings.TOWN_WEIGHT_FLOOR, settings.TOWN_WEIGHT_FLOOR]
    assert town_weights(np.array([800.0, np.nan]), "equal").tolist() == [1, 1]
    d = demand(0, weighting="population").set_index("name")
    # R-A's rest of 600 goes to a1 (800 people) and a2 (no figure: 500) as 800 : 500.
    assert d.loc["a1", "women"] == pytest.approx(400 + 600 * 800 / 1300)
    assert d.loc["a2", "women"] == pytest.approx(600 * 500 / 1300)
    with pytest.raises(ValueError):
        town_weights(np.array([1.0]), "area")


def test_infinite_bandwidth_spreads_the_rest_over_the_land():
    d = demand(math.inf)
    cells = d[d["kind"] == "cell"]
    assert set(cells["region_id"]) == {"R-A"}  # only R-A has a rest to spread
    land = grid_cells(regions()).query("region_id == 'R-A'")
    assert len(cells) == len(land) and len(land) > 60
    # In proportion to land area: whole cells alike, cut ones less.
    assert cells["women"].to_numpy() == pytest.approx(
        600 * land["land_km2"].to_numpy() / land["land_km2"].sum())
    assert cells["women"].max() == pytest.approx(600 * 400 / land["land_km2"].sum())
    towns = d[d["kind"] == "settlement"].set_index("name")["women"]
    assert towns["a1"] == pytest.approx(400) and "a2" not in towns  # a2 has no figure


@pytest.mark.parametrize("bw", [0, 5, 30, 100, math.inf])
@pytest.mark.parametrize("weighting", ["equal", "population"])
@pytest.mark.parametrize("town_travel", [False, True])
def test_women_per_region_equal_the_official_figures(bw, weighting, town_travel):
    d = demand_points(regions(), population(), settlements(), bandwidth_km=bw,
                      weighting=weighting, cells=grid_cells(regions()), town_travel=town_travel)
    sums = d.groupby("region_id")["women"].sum()
    assert sums.to_dict() == pytest.approx({"R-A": 1000, "R-B": 300, "R-C": 200})


def test_kernel_puts_more_women_near_settlements():
    cells = demand(30).query("kind == 'cell'")
    cells = cells[np.isclose(grid_cells(regions()).set_index(["lon", "lat"]).loc[
        list(zip(cells["lon"], cells["lat"])), "land_km2"].to_numpy(), 400)]  # whole cells
    near = haversine_km(cells["lon"], cells["lat"], 0.5, 0.0) < 30
    far = haversine_km(cells["lon"], cells["lat"], 0.5, 0.0) > 90
    assert cells.loc[near, "women"].min() > cells.loc[far, "women"].max()


def test_grid_pieces_cover_the_land_and_are_at_most_25_km():
    cells = grid_cells(regions(), cell_km=20)
    # The pieces of each 1° x 2° box add up to its area on the WGS 84 ellipsoid.
    box_km2 = abs(Geod(ellps="WGS84").geometry_area_perimeter(shapely.box(0, -1, 1, 1))[0]) / 1e6
    assert box_km2 == pytest.approx(111.32 * 2 * 110.57, rel=1e-3)
    land = cells.groupby("region_id")["land_km2"].sum()
    assert land.to_numpy() == pytest.approx([box_km2] * 3, rel=1e-4)
    assert cells["land_km2"].max() == pytest.approx(400)
    with pytest.raises(ValueError):
        grid_cells(regions(), cell_km=30)


def _lake(cell_box: shapely.Geometry) -> gpd.GeoDataFrame:
    """A lake drawn in the equal-area projection, as lon/lat polygons."""
    dense = shapely.segmentize(cell_box, 200.0)
    return gpd.GeoDataFrame(geometry=[dense], crs=settings.CRS_EQUAL_AREA).to_crs(
        settings.CRS_LONLAT)


def test_no_women_in_water():
    step = settings.GRID_CELL_KM * 1000
    whole = grid_cells(regions()).query("region_id == 'R-A' and land_km2 > 399.99")
    # Two whole cells of R-A, far from its border: one becomes half lake, one all lake.
    ea = gpd.GeoSeries(gpd.points_from_xy(whole["lon"], whole["lat"]), crs=settings.CRS_LONLAT
                       ).to_crs(settings.CRS_EQUAL_AREA)
    x0, y0 = (np.floor(ea.x.to_numpy() / step) * step, np.floor(ea.y.to_numpy() / step) * step)
    half = shapely.box(x0[10], y0[10], x0[10] + step / 2, y0[10] + step)
    full = shapely.box(x0[20] - 1, y0[20] - 1, x0[20] + step + 1, y0[20] + step + 1)
    water = pd.concat([_lake(half), _lake(full)], ignore_index=True)
    cells = grid_cells(regions(), water=water).query("region_id == 'R-A'")
    assert len(cells) == len(grid_cells(regions()).query("region_id == 'R-A'")) - 1
    d = demand_points(regions(), population(), settlements(), bandwidth_km=math.inf,
                      cells=grid_cells(regions(), water=water), town_travel=False
                      ).query("kind == 'cell'")
    women = d.set_index(["lon", "lat"])["women"]
    by_land = cells.set_index(["lon", "lat"])["land_km2"]
    halved = by_land[np.isclose(by_land, 200, rtol=1e-3)]
    assert len(halved) == 1  # the half-lake cell keeps 200 km² of land...
    assert women[halved.index[0]] == pytest.approx(women.max() / 2, rel=1e-3)  # ...half
    # ...and its point sits on its land, not in the lake.
    point = gpd.GeoSeries(gpd.points_from_xy([halved.index[0][0]], [halved.index[0][1]]),
                          crs=settings.CRS_LONLAT).to_crs(settings.CRS_EQUAL_AREA)[0]
    assert not _lake(half).to_crs(settings.CRS_EQUAL_AREA).geometry[0].contains(point)
    assert d["women"].sum() == pytest.approx(600)  # the rest of R-A, all on land


# ------------------------------------------------------------------ travel inside towns
def test_a_town_of_known_population_gets_the_documented_in_town_minutes():
    # 300,000 people at 3,000 per km²: a disc of 100 km², radius sqrt(100 / pi) = 5.642 km,
    # mean trip 2/3 of it = 3.761 km; by car at 25 km/h with detour 1.3: 11.74 minutes.
    radius = math.sqrt(100 / math.pi)
    assert town_radius_km(300_000, density=3_000) == pytest.approx(radius)
    expected = 2 / 3 * radius * 1.3 / 25 * 60
    assert expected == pytest.approx(11.735, abs=1e-3)
    assert town_minutes(300_000, CAR, density=3_000) == pytest.approx(expected)
    # Rings of equal area: distances average to 2/3 exactly, and grow outwards.
    factors = ring_factors(10)
    assert factors.mean() == pytest.approx(2 / 3) and np.all(np.diff(factors) > 0)
    assert ring_factors(1)[0] == pytest.approx(2 / 3)

    # The same town in a region: its women, with a centre at its point, travel on average
    # the documented minutes; their median is no longer 0.
    pop = pd.DataFrame({"region_id": ["R-A", "R-B", "R-C"], "total": [600_000, 600, 400],
                        "male": [300_000, 300, 200], "female": [300_000, 300, 200]})
    towns = settlements().assign(population=pd.array([300_000, None, 1000, 100], "Int64"))
    d = demand_points(regions(), pop, towns, bandwidth_km=0, cells=grid_cells(regions()))
    a1 = d[d["name"] == "a1"]
    assert len(a1) == settings.TOWN_RINGS
    assert a1["women"].to_numpy() == pytest.approx(
        [(150_000 + 150_000 / 2) / settings.TOWN_RINGS] * settings.TOWN_RINGS)
    ringed = a1["town_km"].to_numpy()
    # The disc holds the town's own people (its listed population), not the rest put on it.
    assert ringed == pytest.approx(radius * factors)
    timed = travel_times(d, centres(with_second=False), travel=CAR)
    mine = by_settlement(timed).set_index("name")
    assert mine.loc["a1", "minutes"] == pytest.approx(expected)
    assert mine.loc["a1", "women"] == pytest.approx(225_000)
    s = summarise(timed.query("name == 'a1'")["minutes"], timed.query("name == 'a1'")["women"],
                  thresholds=[expected])
    # Median: the 5th of 10 equal rings; 90th percentile: the 9th.
    assert s["median_minutes"] == pytest.approx(radius * factors[4] * 1.3 / 25 * 60)
    assert s["p90_minutes"] == pytest.approx(radius * factors[8] * 1.3 / 25 * 60)
    assert s["share_within"][expected] == pytest.approx(0.4)  # rings 1-4 of 10
    # Without town travel, the same women sit at 0 minutes.
    flat = travel_times(demand_points(regions(), pop, towns, bandwidth_km=0,
                                      cells=grid_cells(regions()), town_travel=False),
                        centres(with_second=False), travel=CAR)
    assert flat.query("name == 'a1'")["minutes"].tolist() == [0.0]


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


def test_travel_modes_and_overrides():
    assert CAR.speed_kmh == 60 and CAR.detour == 1.3 and CAR.wait_minutes == 0
    no_car, winter = travel_mode("no-car"), travel_mode("winter")
    assert no_car.wait_minutes > 0 and no_car.speed_kmh < CAR.speed_kmh
    assert winter.speed_kmh < CAR.speed_kmh
    assert travel_mode("car", speed_kmh=80, detour=1.1).detour == 1.1
    with pytest.raises(ValueError):
        travel_mode("plane")
    with pytest.raises(ValueError):
        travel_mode("car", speed_kmh=0)


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
