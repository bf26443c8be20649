"""Load the bundled datasets of ``data/`` (or a user's files) as validated frames.

Every loader checks what later computations rely on and raises
:class:`~coverage.errors.DataError` naming the file, row and column otherwise, so a
damaged data folder is reported as clearly as a bad upload.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from . import settings
from .errors import DataError, Problem
from .io import Source, read_table
from .limits import INCIDENT_ROWS, REGISTER_ROWS
from .locations import to_settlement_level
from .validate import (
    NumberRule,
    cells_by_row,
    is_address_column,
    parse_numbers,
    validate_centres,
    validate_incidents,
)

REGION_KINDS = ("oblast", "city")


def _dir(data_dir: Path | str | None) -> Path:
    return Path(data_dir) if data_dir is not None else settings.DATA_DIR


def _read_bundled_csv(path: Path) -> pd.DataFrame:
    table = read_table(path)
    problems = [Problem(path.name, 1, c, key="address_column")
                for c in table.columns if is_address_column(c)]
    if problems:
        raise DataError(problems)
    return table


def _check_ids(ids: pd.Series, known: set[str], *, file: str, column: str = "region_id",
               problems: list[Problem]) -> None:
    for row, rid in cells_by_row(ids):
        if rid not in known:
            problems.append(Problem(file, row, column, key="unknown_region_id",
                                    values={"value": rid}))


def load_regions(*, data_dir: Path | str | None = None) -> gpd.GeoDataFrame:
    """Load the 20 first-level units with names in three languages and their shapes.

    Returns
    -------
    GeoDataFrame
        ``region_id`` (ISO 3166-2:KZ), ``name_en``, ``name_ru``, ``name_kk``, ``kind``
        (oblast or city), ``admin_centre``, ``admin_centre_geonameid`` (its GeoNames id),
        ``pre2022_region_id`` (unit in the 17-unit layout before 2022-06-08), ``source``;
        polygons in lon/lat (EPSG:4326).
    """
    folder = _dir(data_dir)
    table = _read_bundled_csv(folder / "regions.csv")
    shapes = gpd.read_file(folder / "regions.geojson")
    problems: list[Problem] = []
    if table["region_id"].duplicated().any():
        dup = table.index[table["region_id"].duplicated()].tolist()
        problems += [Problem("regions.csv", r, "region_id", key="duplicate_id") for r in dup]
    for row, kind in cells_by_row(table["kind"]):
        if kind not in REGION_KINDS:
            problems.append(Problem("regions.csv", row, "kind", key="bad_kind",
                                    values={"value": kind}))
    missing = sorted(set(table["region_id"]) ^ set(shapes["region_id"]))
    if missing:
        problems.append(Problem("regions.geojson", None, "region_id", key="ids_mismatch",
                                values={"ids": ", ".join(missing)}, fix_key="rebuild"))
    invalid = shapes.loc[~shapely.is_valid(shapes.geometry.values), "region_id"].tolist()
    if invalid:
        problems.append(Problem("regions.geojson", None, "geometry", key="invalid_shapes",
                                values={"ids": ", ".join(invalid)}, fix_key="rebuild"))
    if problems:
        raise DataError(problems)
    admin = parse_numbers(table["admin_centre_geonameid"], file="regions.csv",
                          column="admin_centre_geonameid", problems=problems,
                          rule=NumberRule(whole=True, minimum=1))
    if problems:
        raise DataError(problems)
    merged = table.assign(admin_centre_geonameid=admin.astype("int64")).merge(
        shapes[["region_id", "geometry"]], on="region_id", how="left")
    return gpd.GeoDataFrame(merged.reset_index(drop=True), geometry="geometry",
                            crs=settings.CRS_LONLAT)


def load_population(*, data_dir: Path | str | None = None,
                    regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Load the population by region and sex on 1 January 2023.

    Returns
    -------
    DataFrame
        ``region_id``, ``total``, ``male``, ``female`` (int64), ``date``, ``source``.
    """
    folder = _dir(data_dir)
    file = "population_2023.csv"
    table = _read_bundled_csv(folder / file)
    regions = regions if regions is not None else load_regions(data_dir=folder)
    problems: list[Problem] = []
    _check_ids(table["region_id"], set(regions["region_id"]), file=file, problems=problems)
    counts = {c: parse_numbers(table[c], file=file, column=c, problems=problems,
                               rule=NumberRule(whole=True, minimum=0, what="count"))
              for c in ("total", "male", "female")}
    if not problems:
        for row in table.index:
            if counts["male"][row] + counts["female"][row] != counts["total"][row]:
                problems.append(Problem(file, row, "total", key="sex_sum"))
    if set(regions["region_id"]) - set(table["region_id"]):
        problems.append(Problem(file, None, "region_id", key="regions_missing"))
    if problems:
        raise DataError(problems)
    out = table.copy()
    for c, values in counts.items():
        out[c] = values.astype("int64")
    return out.reset_index(drop=True)


def load_settlements(*, data_dir: Path | str | None = None,
                     regions: pd.DataFrame | None = None) -> gpd.GeoDataFrame:
    """GeoNames places of Kazakhstan (cities500) with their region.

    Returns
    -------
    GeoDataFrame
        ``geonameid``, ``name``, ``lat``, ``lon``, ``region_id``, ``population``
        (nullable integer: ``<NA>`` where GeoNames has no figure), ``cyrillic_names``
        (``;``-separated); points in lon/lat.
    """
    folder = _dir(data_dir)
    file = "settlements.csv"
    table = _read_bundled_csv(folder / file)
    regions = regions if regions is not None else load_regions(data_dir=folder)
    problems: list[Problem] = []
    _check_ids(table["region_id"], set(regions["region_id"]), file=file, problems=problems)
    lat = parse_numbers(table["lat"], file=file, column="lat", problems=problems,
                        rule=NumberRule(minimum=-90, maximum=90))
    lon = parse_numbers(table["lon"], file=file, column="lon", problems=problems,
                        rule=NumberRule(minimum=-180, maximum=180))
    pop = parse_numbers(table["population"], file=file, column="population",
                        problems=problems,
                        rule=NumberRule(whole=True, minimum=0, required=False))
    ids = parse_numbers(table["geonameid"], file=file, column="geonameid",
                        problems=problems, rule=NumberRule(whole=True, minimum=1))
    if ids.duplicated().any():
        problems += [Problem(file, r, "geonameid", key="duplicate_id")
                     for r in ids.index[ids.duplicated()]]
    if problems:
        raise DataError(problems)
    out = table.assign(geonameid=ids.astype("int64"), lat=lat, lon=lon,
                       population=pd.array(pop, dtype="Int64"),  # type: ignore[call-overload]
                       ).reset_index(drop=True)
    return gpd.GeoDataFrame(out, geometry=gpd.points_from_xy(out["lon"], out["lat"]),
                            crs=settings.CRS_LONLAT)


def load_centres(source: Source | None = None, *, name: str | None = None,
                 regions: gpd.GeoDataFrame | None = None,
                 settlements: pd.DataFrame | None = None,
                 data_dir: Path | str | None = None) -> gpd.GeoDataFrame:
    """Load the crisis-centre register: bundled, or a user's CSV/XLSX/GeoJSON file.

    Parameters
    ----------
    source : path, bytes or file-like, optional
        A user's register; the bundled ``centres.csv`` when omitted.
    name : str, optional
        File name for messages.
    regions : GeoDataFrame, optional
        Regions to validate against; the bundled ones when omitted.
    settlements : DataFrame, optional
        Listed settlements a user's centres are moved to
        (:func:`coverage.locations.to_settlement_level`); the bundled ones when omitted.

    Returns
    -------
    GeoDataFrame
        See :func:`coverage.validate.validate_centres`. Never an address column; a
        user's centres at settlement level, never at the file's exact points.
    """
    regions = regions if regions is not None else load_regions(data_dir=data_dir)
    if source is None:
        return validate_centres(_read_bundled_csv(_dir(data_dir) / "centres.csv"),
                                regions=regions)
    centres = validate_centres(read_table(source, name=name, max_rows=REGISTER_ROWS),
                               regions=regions)
    if settlements is None:
        settlements = load_settlements(data_dir=data_dir, regions=regions)
    return to_settlement_level(centres, settlements)


def load_incidents(source: Source | None = None, *, name: str | None = None,
                   regions: pd.DataFrame | None = None,
                   data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load the reported domestic-violence figures: bundled, or a user's CSV/XLSX file.

    Returns
    -------
    DataFrame
        See :func:`coverage.validate.validate_incidents`.
    """
    regions = regions if regions is not None else load_regions(data_dir=data_dir)
    if source is None:
        table = _read_bundled_csv(_dir(data_dir) / "incidents.csv")
    else:
        table = read_table(source, name=name, max_rows=INCIDENT_ROWS)
    return validate_incidents(table, regions=regions)


def load_crosswalk(*, data_dir: Path | str | None = None) -> pd.DataFrame:
    """From the 17-unit layout (before 2022-06-08) to today's 20 units.

    Returns
    -------
    DataFrame
        ``old_region_id``, ``new_region_id``, ``population_share``, ``women_share``
        (each old unit's shares sum to 1), ``basis``.
    """
    file = "crosswalk_17_to_20.csv"
    table = _read_bundled_csv(_dir(data_dir) / file)
    problems: list[Problem] = []
    shares = {c: parse_numbers(table[c], file=file, column=c, problems=problems,
                               rule=NumberRule(minimum=0, maximum=1))
              for c in ("population_share", "women_share")}
    if problems:
        raise DataError(problems)
    out = table.assign(**shares).reset_index(drop=True)
    sums = out.groupby("old_region_id")[list(shares)].sum()
    if ((sums - 1).abs() > 1e-5).any().any():
        raise DataError.single(file, key="shares_sum", column="population_share")
    return out


#: What ``centre_counts.csv`` may hold: centres, beds and clients that officials report.
COUNT_MEASURES = ("crisis_centres_reported", "crisis_centre_beds_reported",
                  "crisis_centre_clients")


def load_centre_counts(*, data_dir: Path | str | None = None,
                       regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many crisis centres (and beds, and clients) officials report, without places.

    Returns
    -------
    DataFrame
        ``region_id`` (``KZ`` for the whole country), ``measure`` (one of
        :data:`COUNT_MEASURES`), ``period``, ``value`` (int64), ``qualifier`` (empty or
        ``at_least``), ``source_url``, ``note``.
    """
    folder = _dir(data_dir)
    file = "centre_counts.csv"
    table = _read_bundled_csv(folder / file)
    regions = regions if regions is not None else load_regions(data_dir=folder)
    problems: list[Problem] = []
    _check_ids(table["region_id"], {"KZ", *regions["region_id"]}, file=file,
               problems=problems)
    value = parse_numbers(table["value"], file=file, column="value", problems=problems,
                          rule=NumberRule(whole=True, minimum=0, what="count"))
    for row, measure in cells_by_row(table["measure"]):
        if measure not in COUNT_MEASURES:
            problems.append(Problem(file, row, "measure", key="unknown_measure",
                                    values={"value": measure,
                                            "measures": ", ".join(COUNT_MEASURES)}))
    for row, q in cells_by_row(table["qualifier"]):
        if q not in ("", "at_least"):
            problems.append(Problem(file, row, "qualifier", key="unknown_qualifier",
                                    values={"value": q}, fix_key="qualifier_at_least"))
    for row, url in cells_by_row(table["source_url"]):
        if not url.startswith(("https://", "http://")):
            problems.append(Problem(file, row, "source_url", key="no_source"))
    if problems:
        raise DataError(problems)
    return table.assign(value=value.astype("int64")).reset_index(drop=True)


def load_water(*, data_dir: Path | str | None = None) -> gpd.GeoDataFrame:
    """Lakes and seas in and around Kazakhstan, where nobody lives (polygons, lon/lat)."""
    path = _dir(data_dir) / "water.geojson"
    try:
        water = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises its own types for a damaged file
        raise DataError.single(path.name, key="cannot_read", values={"detail": str(exc)},
                               fix_key="rebuild") from None
    if not shapely.is_valid(water.geometry.values).all():
        raise DataError.single(path.name, key="invalid_polygons", column="geometry",
                               fix_key="rebuild")
    return water.set_crs(settings.CRS_LONLAT, allow_override=True)


#: Qualifiers of a national figure: exact, at least, approximate.
SERIES_QUALIFIERS = ("", "at_least", "approx")


def load_national_series(*, data_dir: Path | str | None = None) -> pd.DataFrame:
    """National figures by period (:mod:`coverage.series` charts them).

    Returns
    -------
    DataFrame
        ``indicator``, ``period`` (``YYYY``, ``YYYY-MM``, or ``start..end``), ``value``
        (int64), ``qualifier`` (empty, ``at_least`` or ``approx``), ``source_url`` (a
        URL, or the citation of a source without one), ``note``.
    """
    file = "national_series.csv"
    table = _read_bundled_csv(_dir(data_dir) / file)
    problems: list[Problem] = []
    value = parse_numbers(table["value"], file=file, column="value", problems=problems,
                          rule=NumberRule(whole=True, minimum=0, what="count"))
    for row, q in cells_by_row(table["qualifier"]):
        if q not in SERIES_QUALIFIERS:
            problems.append(Problem(file, row, "qualifier", key="unknown_qualifier",
                                    values={"value": q}))
    for row, url in cells_by_row(table["source_url"]):
        if not url:
            problems.append(Problem(file, row, "source_url", key="empty",
                                    fix_key="name_source"))
    if problems:
        raise DataError(problems)
    return table.assign(value=value.astype("int64")).reset_index(drop=True)


@dataclass(frozen=True)
class Datasets:
    """All bundled datasets, loaded together."""

    regions: gpd.GeoDataFrame
    population: pd.DataFrame
    settlements: gpd.GeoDataFrame
    centres: gpd.GeoDataFrame
    incidents: pd.DataFrame
    crosswalk: pd.DataFrame
    centre_counts: pd.DataFrame
    water: gpd.GeoDataFrame
    national_series: pd.DataFrame


def load_all(*, data_dir: Path | str | None = None) -> Datasets:
    """Load and validate every bundled dataset (regions are read once)."""
    regions = load_regions(data_dir=data_dir)
    return Datasets(
        regions=regions,
        population=load_population(data_dir=data_dir, regions=regions),
        settlements=load_settlements(data_dir=data_dir, regions=regions),
        centres=load_centres(regions=regions, data_dir=data_dir),
        incidents=load_incidents(regions=regions, data_dir=data_dir),
        crosswalk=load_crosswalk(data_dir=data_dir),
        centre_counts=load_centre_counts(data_dir=data_dir, regions=regions),
        water=load_water(data_dir=data_dir),
        national_series=load_national_series(data_dir=data_dir),
    )
