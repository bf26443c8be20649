"""The bundled datasets load and keep the invariants every computation relies on."""

from __future__ import annotations

import itertools
import json
import re

import geopandas as gpd
import pandas as pd
import shapely

from coverage import settings
from coverage.validate import is_address_column

DATA = settings.DATA_DIR
ISO_IDS = ["KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35",
           "KZ-39", "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71",
           "KZ-75", "KZ-79"]


def test_twenty_regions_with_names_in_three_languages(regions):
    assert sorted(regions["region_id"]) == ISO_IDS
    for col in ("name_en", "name_ru", "name_kk", "admin_centre"):
        assert regions[col].str.len().gt(0).all(), col
    assert (regions["kind"] == "city").sum() == 3
    assert set(regions.loc[regions["kind"] == "city", "region_id"]) == {"KZ-71", "KZ-75",
                                                                        "KZ-79"}
    # Cyrillic where it must be, Kazakh letters where Kazakh has them.
    assert regions["name_ru"].str.contains(r"[А-Яа-я]").all()
    assert regions["name_kk"].str.contains("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]").any()


def test_region_geometries_are_valid_and_form_a_coverage(regions):
    geoms = regions.geometry.values
    assert shapely.is_valid(geoms).all()
    assert set(regions.geom_type) <= {"Polygon", "MultiPolygon"}
    # Edge-matched and overlap-free: shared borders are identical on both sides.
    assert shapely.coverage_is_valid(geoms)


def test_no_gap_or_overlap_between_neighbours_larger_than_1_km2(regions):
    ea = regions.to_crs(settings.CRS_EQUAL_AREA).geometry.values
    for a, b in itertools.combinations(ea, 2):
        assert a.intersection(b).area < 1e6
    country = shapely.union_all(ea)
    holes = [shapely.Polygon(ring).area for part in shapely.get_parts(country)
             for ring in part.interiors]
    assert all(h < 1e6 for h in holes), max(holes)
    # Kazakhstan's official area is 2,724,900 km²; the simplified coverage keeps it.
    assert abs(country.area / 1e6 - 2_724_900) / 2_724_900 < 0.005


def test_boundaries_are_light():
    assert (DATA / "regions.geojson").stat().st_size <= 400 * 1024


def test_population_sums(bundled):
    pop = bundled.population
    assert len(pop) == 20
    assert pop["total"].sum() == 19_765_004
    assert pop["male"].sum() == 9_646_722
    assert pop["female"].sum() == 10_118_282
    assert (pop["male"] + pop["female"] == pop["total"]).all()
    almaty = pop.set_index("region_id").loc["KZ-75"]
    assert (almaty["total"], almaty["female"]) == (2_161_695, 1_157_823)
    assert pop["source"].str.contains("Bureau of National Statistics").all()


def test_every_settlement_lies_in_exactly_one_region(bundled):
    st = bundled.settlements
    assert len(st) == 351
    assert st["geonameid"].is_unique
    joined = gpd.sjoin(st[["geonameid", "geometry"]], bundled.regions[["region_id", "geometry"]],
                       predicate="within")
    assert joined.index.value_counts().eq(1).all() and len(joined) == 351
    assert (joined.sort_index()["region_id"].values == st["region_id"].values).all()
    # GeoNames' 0 ("unknown") is kept as no data, never as zero people.
    assert st["population"].isna().sum() == 50
    assert (st["population"].dropna() > 0).all()
    assert st["population"].sum() == 13_073_087


def test_every_centre_inside_its_region_with_a_source(bundled):
    centres, regions = bundled.centres, bundled.regions.set_index("region_id")
    assert len(centres) == 29
    assert centres["centre_id"].is_unique
    for c in centres.itertuples():
        assert regions.geometry[c.region_id].contains(c.geometry), c.centre_id
        assert re.match(r"^https?://", c.source_url), c.centre_id
    # Capacity is known for six entries (150 places); the rest stay unknown, not zero.
    assert centres["beds"].notna().sum() == 6
    assert centres["beds"].sum() == 150
    # None found in Almaty Region, Kyzylorda Region or East Kazakhstan Region.
    assert not {"KZ-19", "KZ-43", "KZ-63"} & set(centres["region_id"])
    assert centres["region_id"].nunique() == 17


def test_no_address_like_column_or_cell_anywhere(bundled):
    for path in sorted(DATA.glob("*.csv")):
        header = pd.read_csv(path, nrows=0).columns
        assert not [c for c in header if is_address_column(c)], path.name
    with open(DATA / "regions.geojson", encoding="utf-8") as f:
        props = {k for feat in json.load(f)["features"] for k in feat["properties"]}
    assert not [p for p in props if is_address_column(p)]
    street = re.compile(r"\b(ул\.|улиц|street|str\.|проспект|пр-т|көшесі|мкр\.?\s*\d|"
                        r"д\.\s*\d|house\s*\d)", re.IGNORECASE)
    text_cols = bundled.centres.select_dtypes("object").drop(columns="geometry",
                                                             errors="ignore")
    for col in text_cols:
        for value in text_cols[col].astype(str):
            if not value.startswith("http"):
                assert not street.search(value), (col, value)


def test_incidents_keep_every_reported_figure(bundled):
    inc = bundled.incidents
    reference = pd.read_csv(DATA / "incidents.csv")
    # 59 figures from public text (a 60th, West Kazakhstan 2022, is the Form 1-M table's
    # own figure: 25 in the news, 26 in the table, which is kept) and 8 x 20 from Form 1-M.
    assert len(inc) == len(reference) == 59 + 160
    west = inc[(inc["region_id"] == "KZ-27") & (inc["period"] == "2022")
               & (inc["indicator"] == "criminal_offences_family_domestic_sphere")]
    assert list(west["value"]) == [26] and list(west["cell"]) == ["R1!AF7"]
    assert set(inc["layout"].dropna()) == {17, 20}
    assert inc.loc[inc["region_id"] == "KZ", "layout"].isna().all()
    assert set(inc["qualifier"]) == {"", "at_least", "approx"}
    assert inc["source_url"].str.match(r"^https?://").all()
    row = inc[(inc["indicator"] == "protective_orders_issued") & (inc["period"] == "2023")
              & (inc["region_id"] == "KZ")].iloc[0]
    assert (row["value"], row["qualifier"]) == (87_000, "at_least")
    # The largest set found in public text: 6 of 20 regions, January-August 2024.
    six = inc[(inc["period"] == "2024-01..2024-08") & (inc["region_id"] != "KZ")]
    assert len(six) == 6 and (six["layout"] == 20).all()


def test_crosswalk_splits_the_three_divided_units(bundled):
    cw = bundled.crosswalk
    assert cw["old_region_id"].nunique() == 17
    assert cw["new_region_id"].nunique() == 20
    split = cw.groupby("old_region_id")["new_region_id"].apply(sorted)
    assert split["KZ-63"] == ["KZ-10", "KZ-63"]
    assert split["KZ-19"] == ["KZ-19", "KZ-33"]
    assert split["KZ-35"] == ["KZ-35", "KZ-62"]
    # Abai's share of old East Kazakhstan: 610,189 / (610,189 + 730,172) people.
    abai = cw[(cw["old_region_id"] == "KZ-63") & (cw["new_region_id"] == "KZ-10")].iloc[0]
    assert abs(abai["population_share"] - 610_189 / 1_340_361) < 1e-6
    assert abs(abai["women_share"] - 311_419 / (311_419 + 380_693)) < 1e-6


def test_centre_counts_keep_every_official_figure_with_its_source(bundled):
    counts = bundled.centre_counts
    reference = pd.read_csv(DATA / "centre_counts.csv")
    assert len(counts) == len(reference) == 16
    assert counts["source_url"].str.match(r"^https?://").all()
    reported = counts[counts["measure"] == "crisis_centres_reported"].set_index(
        ["region_id", "period"])["value"]
    assert reported["KZ", "2024"] == 69 and reported["KZ", "2020"] == 41
    assert reported["KZ-63", "2025"] == 4 and reported["KZ-11", "2025"] == 9
    kyzylorda = counts[(counts["region_id"] == "KZ-43")
                       & (counts["measure"] == "crisis_centres_reported")].iloc[0]
    assert (kyzylorda["value"], kyzylorda["qualifier"]) == (1, "at_least")
    clients = counts[counts["measure"] == "crisis_centre_clients"]
    assert clients.set_index("region_id").loc["KZ", "value"] == 4386


def test_water_bodies_and_administrative_centres(bundled):
    water = bundled.water
    assert len(water) == 49 and water.geometry.is_valid.all()
    assert set(water.geometry.geom_type) <= {"Polygon", "MultiPolygon"}
    # Lake Balkhash is water: a point in its middle lies in a polygon.
    assert water.contains(shapely.Point(74.5, 46.3)).any()
    towns = bundled.settlements.set_index("geonameid")
    for r in bundled.regions.itertuples():
        town = towns.loc[r.admin_centre_geonameid]
        assert town["region_id"] == r.region_id, r.region_id
    admin = bundled.regions.set_index("region_id")["admin_centre_geonameid"]
    assert towns.loc[admin["KZ-63"], "name"] == "Ust-Kamenogorsk"  # Oskemen
    assert towns.loc[admin["KZ-47"], "population"] > 100_000  # Aktau city, not a village
