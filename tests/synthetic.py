"""Tiny synthetic country for hand-computed tests: three regions, four settlements.

Three 1° x 2° boxes side by side on the equator, so that the distance between two points
on the equator is simply |Δlon| x 111.1951 km (2π x 6371.0088 / 360).

    region  kind    people  women   settlements (lon, people)          admin centre
    R-A     oblast  2000    1000    a1 (0.5, 800), a2 (0.2, no figure)  a2
    R-B     oblast   600     300    b1 (1.5, 1000)   -> listed 500 > 300: scaled down
    R-C     city     400     200    c1 (2.5, 100)    -> city: scaled up to 200

Officials report 3 centres in R-A (the register locates 1, k1 at a1), 1 in R-B (k2) and
5 in the whole country.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from coverage.data import Datasets

KM_PER_DEGREE = 111.19508372419142
CITIES = ("R-C",)


def regions() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({
        "region_id": ["R-A", "R-B", "R-C"], "name_en": ["Alpha", "Beta", "Gamma City"],
        "name_ru": ["Альфа", "Бета", "город Гамма"], "name_kk": ["Альфа", "Бета", "Гамма"],
        "kind": ["oblast", "oblast", "city"], "admin_centre_geonameid": [2, 3, 4]},
        geometry=[shapely.box(0, -1, 1, 1), shapely.box(1, -1, 2, 1), shapely.box(2, -1, 3, 1)],
        crs="EPSG:4326")


def population() -> pd.DataFrame:
    return pd.DataFrame({"region_id": ["R-A", "R-B", "R-C"], "total": [2000, 600, 400],
                         "male": [1000, 300, 200], "female": [1000, 300, 200]})


def settlements() -> pd.DataFrame:
    return pd.DataFrame({
        "geonameid": [1, 2, 3, 4], "name": ["a1", "a2", "b1", "c1"],
        "lon": [0.5, 0.2, 1.5, 2.5], "lat": [0.0, 0.0, 0.0, 0.0],
        "region_id": ["R-A", "R-A", "R-B", "R-C"],
        "population": pd.array([800, None, 1000, 100], dtype="Int64")})


def centres(with_second: bool = True) -> pd.DataFrame:
    rows = {"centre_id": ["k1", "k2"], "name": ["K1", "K2"], "lon": [0.5, 1.5],
            "lat": [0.0, 0.0], "region_id": ["R-A", "R-B"],
            "beds": pd.array([10, None], dtype="Int64")}
    df = pd.DataFrame(rows)
    return df if with_second else df.iloc[:1].copy()


def centre_counts() -> pd.DataFrame:
    return pd.DataFrame({
        "region_id": ["R-A", "R-B", "KZ"], "measure": ["crisis_centres_reported"] * 3,
        "period": ["2025", "2025", "2024"], "value": [3, 1, 5], "qualifier": ["", "", ""],
        "source_url": ["https://example.org/a", "https://example.org/b",
                       "https://example.org/kz"], "note": ["", "", ""]})


def no_water() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"source": []}, geometry=[], crs="EPSG:4326")


def datasets() -> Datasets:
    """The synthetic country as :class:`coverage.Datasets` (no incidents, no water)."""
    incidents = pd.DataFrame({c: pd.Series(dtype=object) for c in (
        "indicator", "period", "region_id", "value", "qualifier", "source_url",
        "coverage_note", "cell")}).assign(layout=pd.Series(dtype="Int64"))
    crosswalk = pd.DataFrame({"old_region_id": [], "new_region_id": [], "women_share": []})
    series = pd.DataFrame({c: [] for c in ("indicator", "period", "value", "qualifier",
                                           "source_url", "note")})
    return Datasets(regions=regions(), population=population(), settlements=settlements(),
                    centres=centres(), incidents=incidents, crosswalk=crosswalk,
                    centre_counts=centre_counts(), water=no_water(), national_series=series)
