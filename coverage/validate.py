"""Validate centre registers and incident tables, bundled or brought by a user.

Every check runs on the whole table and every problem is collected; one
:class:`~coverage.errors.DataError` then lists them all with file, row and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import geopandas as gpd
import numpy as np
import pandas as pd

from . import settings
from .errors import DataError, Problem, shown
from .regions import (
    NATIONAL_ID,
    NATIONAL_NAMES,
    distance_to_region_km,
    locate,
    normalise,
    region_aliases,
    resolve_region,
)

#: Accepted header spellings for each column (compared after :func:`_header_key`).
CENTRE_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "centre", "center", "название", "наименование", "атауы"),
    "lat": ("lat", "latitude", "широта", "ендік"),
    "lon": ("lon", "lng", "long", "longitude", "долгота", "бойлық"),
    "settlement": ("settlement", "town", "city", "village", "населенный_пункт", "город",
                   "елді_мекен"),
    "region_id": ("region_id", "region", "oblast", "регион", "область", "облыс", "өңір"),
    "kind": ("kind", "type", "тип", "вид", "түрі"),
    "beds": ("beds", "capacity", "places", "места", "мест", "койки", "орын"),
    "source_url": ("source_url", "source", "url", "link", "источник", "ссылка", "дереккөз"),
    # Columns of the bundled register; accepted in uploads too.
    "centre_id": ("centre_id", "center_id", "id"),
    "name_local": ("name_local",),
    "geonameid": ("geonameid",),
    "location_precision": ("location_precision",),
    "source_year": ("source_year", "year", "год", "жыл"),
    "status": ("status",),
    "note": ("note", "notes", "comment", "примечание"),
}
CENTRE_REQUIRED = ("name", "lat", "lon")

INCIDENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "region_id": ("region_id", "region", "region_name", "oblast", "регион", "область",
                  "облыс", "өңір"),
    "indicator": ("indicator", "показатель", "көрсеткіш"),
    "period": ("period", "период", "кезең", "year", "год"),
    "value": ("value", "count", "number", "значение", "количество", "саны", "мәні"),
    "layout": ("layout", "region_layout"),
    "qualifier": ("qualifier",),
    "source_url": ("source_url", "source", "url", "источник", "дереккөз"),
    "coverage_note": ("coverage_note", "note", "примечание", "ескертпе"),
    "cell": ("cell", "ячейка"),
}
INCIDENT_REQUIRED = ("region_id", "indicator", "period", "value")

QUALIFIERS = {"": "", "at_least": "at_least", "at least": "at_least", ">=": "at_least",
              "≥": "at_least", "more than": "at_least", "не менее": "at_least",
              "approx": "approx", "approximately": "approx", "about": "approx",
              "~": "approx", "≈": "approx", "около": "approx", "примерно": "approx"}


def _header_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", normalise(text))


def is_address_column(name: str) -> bool:
    """Tell whether a column name suggests a street address (never shown or kept)."""
    tokens = re.split(r"[^\w]+|_", normalise(name))
    return any(t in settings.ADDRESS_WORDS or t.startswith(("addr", "адрес"))
               for t in tokens if t)


def _map_columns(df: pd.DataFrame, schema: dict[str, tuple[str, ...]],
                 required: tuple[str, ...], file: str) -> tuple[pd.DataFrame, list[str],
                                                                  list[str]]:
    """Rename recognised headers to canonical names; drop address-like and unknown ones."""
    lookup = {_header_key(a): canon for canon, aliases in schema.items() for a in aliases}
    rename: dict[str, str] = {}
    dropped_address: list[str] = []
    ignored: list[str] = []
    for col in df.columns:
        canon = lookup.get(_header_key(col))
        if is_address_column(col):
            dropped_address.append(col)
        elif canon and canon not in rename.values():
            rename[col] = canon
        else:
            ignored.append(col)
    out = df[list(rename)].rename(columns=rename)
    missing = [c for c in required if c not in out.columns]
    if missing:
        found = shown(", ".join(f"'{c}'" for c in df.columns), 200)
        raise DataError([Problem(file, 1, c, key="missing_column",
                                 values={"column": c, "found": found},
                                 fix_key=None if found else "missing_column_none")
                         for c in missing])
    return out, dropped_address, ignored


def cells_by_row(values: pd.Series) -> Iterator[tuple[int, Any]]:
    """Iterate over (row, cell) of a column whose index is the spreadsheet row number."""
    return cast("Iterator[tuple[int, Any]]", iter(values.items()))


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class NumberRule:
    """What the cells of a numeric column may hold (see :func:`parse_numbers`).

    Attributes
    ----------
    whole : bool
        Only whole numbers.
    minimum, maximum : float, optional
        The smallest and largest value allowed.
    required : bool
        An empty cell is a problem (else it is NaN and nothing more).
    what : str
        The value as messages name it: ``number``, ``lat`` (a latitude in degrees),
        ``lon``, ``beds`` or ``count`` (messages ``err_not_<what>``, ``fix_enter_<what>``).
    """

    whole: bool = False
    minimum: float | None = None
    maximum: float | None = None
    required: bool = True
    what: str = "number"


def parse_numbers(values: pd.Series, *, file: str, column: str, problems: list[Problem],
                  rule: NumberRule) -> pd.Series:
    """Parse text cells into floats, appending a problem for every bad cell.

    Accepts a decimal comma (``43,25``) and thin/normal spaces as thousands
    separators (``1 234``). Empty cells become NaN, a problem when ``rule.required``.
    """
    out = pd.Series(np.nan, index=values.index, dtype=float)
    for row, raw in cells_by_row(values):
        text = str(raw).strip().replace("\u202f", "").replace("\u00a0", "")
        if re.fullmatch(r"\d{1,3}( \d{3})+", text):
            text = text.replace(" ", "")
        if not text:
            if rule.required:
                problems.append(Problem(file, row, column, key="empty",
                                        fix_key=f"enter_{rule.what}"))
            continue
        wrong = _wrong_number(text, rule)
        if wrong is None:
            out[row] = float(text.replace(",", "."))
            continue
        # The cell is the user's text: a value of the message, never translated.
        cell: dict[str, object] = {"value": shown(raw), "minimum": rule.minimum or 0}
        if rule.maximum is not None:
            cell["maximum"] = rule.maximum
        problems.append(Problem(file, row, column, key=wrong[0], values=cell,
                                fix_key=wrong[1]))
    return out


def _wrong_number(text: str, rule: NumberRule) -> tuple[str, str | None] | None:
    """Return what is wrong with a number cell (message and fix keys), or ``None``."""
    if not _NUMBER.match(text):
        return f"not_{rule.what}", None
    value = float(text.replace(",", "."))
    minimum, maximum = rule.minimum, rule.maximum
    if maximum is not None and not value <= maximum:  # inf and 1e308 too
        return "above", "range"
    if rule.whole and not value.is_integer():
        return "not_whole", None
    if minimum is not None and value < minimum:
        if minimum == 0:
            return "below", "negative"
        return "below", "range" if maximum is not None else "at_least"
    return None


def _duplicates(keys: pd.Series, *, file: str, column: str, what: str,
                problems: list[Problem]) -> None:
    """Add a problem for every repeated key; ``what`` names it: ``id``, ``name``, ``figure``."""
    first: dict[str, int] = {}
    for row, key in cells_by_row(keys):
        if not key:
            continue
        if key in first:
            problems.append(Problem(file, row, column, key=f"dup_{what}",
                                    values={"first": first[key]}, fix_key="duplicate"))
        else:
            first[key] = row


def _regions_column(values: pd.Series, aliases: dict[str, str], *, file: str,
                    problems: list[Problem], allow_national: bool) -> pd.Series:
    out = pd.Series(None, index=values.index, dtype=object)
    resolved: dict[str, str | None] = {}  # a file repeats the same few names
    for row, raw in cells_by_row(values):
        if not raw:
            continue
        if raw not in resolved:
            resolved[raw] = (NATIONAL_ID if allow_national and normalise(raw) in NATIONAL_NAMES
                             else resolve_region(raw, aliases))
        rid = resolved[raw]
        if rid == NATIONAL_ID:
            out[row] = NATIONAL_ID
            continue
        if rid is None:
            problems.append(Problem(
                file, row, "region_id", key="unknown_region", values={"value": shown(raw)},
                fix_key="unknown_region_kz" if allow_national else None))
        out[row] = rid
    return out


def validate_centres(table: pd.DataFrame, *, regions: gpd.GeoDataFrame,
                     file: str | None = None) -> gpd.GeoDataFrame:
    """Check a centre register and return it as points.

    Parameters
    ----------
    table : DataFrame
        Text cells as read by :func:`coverage.io.read_table`; index = spreadsheet row.
        Required columns ``name``, ``lat``, ``lon``; optional ``settlement``,
        ``region_id`` (id or name in any of the three languages), ``kind``, ``beds``,
        ``source_url`` and the bundled register's other columns.
    regions : GeoDataFrame
        The region table (ids, names, shapes) to check against.
    file : str, optional
        Name for messages; defaults to ``table.attrs["file"]``.

    Returns
    -------
    GeoDataFrame
        Canonical columns, ``beds`` as nullable integers (``<NA>`` = unknown),
        ``region_id`` filled from the coordinates where not given.
        ``attrs["dropped_address_columns"]`` and ``attrs["ignored_columns"]`` list
        what was left out.

    Raises
    ------
    DataError
        Listing every problem: missing column, text in a number column, coordinates
        out of range or outside Kazakhstan, duplicate ids or names, unknown region,
        region contradicting the coordinates, negative or fractional beds.
    """
    file = file or table.attrs.get("file", "centres")
    df, dropped, ignored = _map_columns(table, CENTRE_COLUMNS, CENTRE_REQUIRED, file)
    problems: list[Problem] = []
    if df.empty:
        raise DataError.single(file, key="no_rows", row=2, fix_key="no_rows_centres")
    if len(df) > settings.MAX_CENTRES:
        raise DataError.single(file, key="too_many_centres",
                               values={"n": len(df), "limit": settings.MAX_CENTRES})
    for row, name in cells_by_row(df["name"]):
        if not name:
            problems.append(Problem(file, row, "name", key="empty_name"))
    lat = parse_numbers(df["lat"], file=file, column="lat", problems=problems,
                        rule=NumberRule(minimum=-90, maximum=90, what="lat"))
    lon = parse_numbers(df["lon"], file=file, column="lon", problems=problems,
                        rule=NumberRule(minimum=-180, maximum=180, what="lon"))
    beds = (parse_numbers(df["beds"], file=file, column="beds", problems=problems,
                          rule=NumberRule(whole=True, minimum=0, maximum=settings.MAX_BEDS,
                                          required=False, what="beds"))
            if "beds" in df else pd.Series(np.nan, index=df.index))
    aliases = region_aliases(regions)
    stated = (_regions_column(df["region_id"], aliases, file=file, problems=problems,
                              allow_national=False)
              if "region_id" in df else pd.Series(None, index=df.index, dtype=object))
    ok = lat.notna() & lon.notna()
    found, notices = _locate_rows(lat[ok], lon[ok], stated[ok], regions, file=file,
                                  problems=problems)
    found = found.reindex(df.index)
    _region_mismatches(lat, lon, stated, found, regions, file=file, problems=problems)
    _centre_columns(df, file=file, problems=problems)
    if problems:
        raise DataError(problems)

    out = df.copy()
    out["lat"], out["lon"] = lat, lon
    out["beds"] = pd.array(beds.round(), dtype="Int64")  # type: ignore[call-overload]
    out["region_id"] = stated.where(stated.notna(), found)
    if "centre_id" not in out:
        out.insert(0, "centre_id", [f"u-{i + 1:03d}" for i in range(len(out))])
    for col in ("settlement", "kind", "source_url"):
        if col not in out:
            out[col] = ""
    out = out.reset_index(drop=True)
    gdf = gpd.GeoDataFrame(out, geometry=gpd.points_from_xy(out["lon"], out["lat"]),
                           crs=settings.CRS_LONLAT)
    gdf.attrs = {"file": file, "dropped_address_columns": dropped, "ignored_columns": ignored,
                 "notices": encoding_notices(table, file) + notices}
    return gdf


def encoding_notices(table: pd.DataFrame, file: str) -> list[Problem]:
    """Give the notices of how the table's text was read.

    The reader's (letters lost in the encoding, KZ-1048, bytes not read as UTF-8), and one
    when a CSV was read as Western European text, which is guessed.
    """
    notices = list(table.attrs.get("notices", []))
    if table.attrs.get("encoding") == "Windows-1252":
        notices.append(Problem(file, None, None, key="western_text"))
    return notices


def _region_mismatches(lat: pd.Series, lon: pd.Series, stated: pd.Series, found: pd.Series,
                       regions: gpd.GeoDataFrame, *, file: str,
                       problems: list[Problem]) -> None:
    """Add a problem where the stated region lies far from the coordinates.

    Far is farther than :data:`~coverage.settings.REGION_MISMATCH_KM`.
    """
    shapes = regions.set_index("region_id").geometry
    for row in found.index[stated.notna() & found.notna()]:
        if stated[row] != found[row]:
            d = distance_to_region_km(lon[row], lat[row], shapes[stated[row]])
            if d > settings.REGION_MISMATCH_KM:
                problems.append(Problem(file, row, "region_id", key="region_mismatch",
                                        values={"found": found[row], "km": d,
                                                "stated": stated[row]}))


def _centre_columns(df: pd.DataFrame, *, file: str, problems: list[Problem]) -> None:
    """Check for duplicate ids and names, and sources that are not web addresses.

    Links are made only from http(s) addresses: never javascript:, data: or another
    scheme.
    """
    if "centre_id" in df:
        _duplicates(df["centre_id"].map(normalise), file=file, column="centre_id",
                    what="id", problems=problems)
    _duplicates(df["name"].map(normalise), file=file, column="name",
                what="name", problems=problems)
    if "source_url" in df:
        for row, url in cells_by_row(df["source_url"]):
            if url and not re.match(r"^https?://\S+$", url):
                problems.append(Problem(file, row, "source_url", key="not_url",
                                        values={"value": shown(url)}))


def _km(d: float) -> float:
    """Round a distance for a message: 1.5 km, but 15 km (written ``{km:,}``)."""
    return round(d, 1) if d < 10 else int(round(d))


def _locate_rows(lat: pd.Series, lon: pd.Series, stated: pd.Series,
                 regions: gpd.GeoDataFrame, *, file: str,
                 problems: list[Problem]) -> tuple[pd.Series, list[Problem]]:
    """Find the region of each row's coordinates.

    Farther than :data:`~coverage.settings.OUTSIDE_COUNTRY_KM` outside the country is a
    problem; closer is put in the nearest region, with a notice.
    """
    found = pd.Series(None, index=lat.index, dtype=object)
    notices: list[Problem] = []
    if lat.empty:
        return found, notices
    tolerance = settings.OUTSIDE_COUNTRY_KM
    rid, dist = locate(lon.to_numpy(), lat.to_numpy(), regions, tolerance_km=tolerance,
                       prefer=stated.to_numpy())
    found[:] = rid
    for row, r, d in zip(lat.index, rid, dist):
        where = {"lat": lat[row], "lon": lon[row], "km": _km(d), "region": r,
                 "tolerance": tolerance}
        if r is None:
            swapped, _ = locate(np.array([lat[row]]), np.array([lon[row]]), regions)
            problems.append(Problem(file, row, "lat/lon", key="outside", values=where,
                                    fix_key="swapped" if swapped[0] is not None
                                    else "degrees"))
        elif d > 0:
            notices.append(Problem(file, row, "lat/lon", key="near_border", values=where))
    return found, notices


def validate_incidents(table: pd.DataFrame, *, regions: pd.DataFrame,
                       file: str | None = None) -> pd.DataFrame:
    """Check an incident table: one reported figure per row.

    Parameters
    ----------
    table : DataFrame
        Text cells; required ``region_id`` (or a region name column), ``indicator``,
        ``period``, ``value``; optional ``layout`` (17 or 20), ``qualifier``
        (``at_least`` / ``approx``), ``source_url``, ``coverage_note`` (e.g.
        ``from_2022-06-08`` for a unit counted from its creation) and ``cell``.
    regions : DataFrame
        The region table, for the names.
    file : str, optional
        Name for messages.

    Returns
    -------
    DataFrame
        ``region_id`` as ISO id (``KZ`` for the whole country), ``value`` as integer.

    Raises
    ------
    DataError
        Listing every problem: missing column, text or a negative count in ``value``,
        unknown region, a figure given twice for the same region, indicator and period.
    """
    file = file or table.attrs.get("file", "incidents")
    df, dropped, ignored = _map_columns(table, INCIDENT_COLUMNS, INCIDENT_REQUIRED, file)
    if df.empty:
        raise DataError.single(file, key="no_rows", row=2, fix_key="no_rows_incidents")
    _check_set_count(df, file)
    problems: list[Problem] = []
    for col in ("indicator", "period"):
        for row, v in cells_by_row(df[col]):
            if not v:
                problems.append(Problem(file, row, col, key="empty", fix_key=f"enter_{col}"))
    for row, v in cells_by_row(df["region_id"]):
        if not v:
            problems.append(Problem(file, row, "region_id", key="empty",
                                    fix_key="enter_region"))
    rid = _regions_column(df["region_id"], region_aliases(regions), file=file,
                          problems=problems, allow_national=True)
    value = parse_numbers(df["value"], file=file, column="value", problems=problems,
                          rule=NumberRule(whole=True, minimum=0, maximum=settings.MAX_COUNT,
                                          what="count"))
    qualifier, layout = _qualifiers_and_layouts(df, file=file, problems=problems)
    keys = rid.fillna("") + "|" + df["indicator"].map(normalise) + "|" + \
        df["period"].map(normalise)
    _duplicates(keys.where(rid.notna(), ""), file=file, column="value",
                what="figure", problems=problems)
    if problems:
        raise DataError(problems)
    out = pd.DataFrame({
        "indicator": df["indicator"], "period": df["period"], "region_id": rid,
        "layout": layout, "value": value.astype("int64"), "qualifier": qualifier,
        "source_url": df["source_url"] if "source_url" in df else "",
        "coverage_note": df["coverage_note"] if "coverage_note" in df else "",
        "cell": df["cell"] if "cell" in df else "",
    }).reset_index(drop=True)
    out.attrs = {"file": file, "dropped_address_columns": dropped, "ignored_columns": ignored,
                 "notices": encoding_notices(table, file)}
    return out


def _check_set_count(df: pd.DataFrame, file: str) -> None:
    """Refuse a table of more sets (indicator and period) than the page can offer.

    The row where the first set past the limit starts is named.
    """
    seen: set[tuple[str, str]] = set()
    # Row by row, so that a long table costs no more than its rows up to the refusal.
    for row, indicator, period in zip(df.index, df["indicator"], df["period"], strict=True):
        seen.add((normalise(indicator), normalise(period)))
        if len(seen) > settings.MAX_INCIDENT_SETS:
            raise DataError.single(file, key="too_many_sets", row=int(row), column="indicator",
                                   values={"limit": settings.MAX_INCIDENT_SETS})


def _qualifiers_and_layouts(df: pd.DataFrame, *, file: str, problems: list[Problem]
                            ) -> tuple[pd.Series, pd.Series]:
    """Read the optional ``qualifier`` (at_least / approx) and ``layout`` (17 or 20)."""
    qualifier = pd.Series("", index=df.index, dtype=object)
    for row, q in (cells_by_row(df["qualifier"]) if "qualifier" in df else ()):
        key = normalise(q)
        if key not in QUALIFIERS:
            problems.append(Problem(file, row, "qualifier", key="unknown_qualifier",
                                    values={"value": shown(q)}))
        qualifier[row] = QUALIFIERS.get(key, "")
    layout = pd.Series(pd.NA, index=df.index, dtype="Int64")
    for row, v in (cells_by_row(df["layout"]) if "layout" in df else ()):
        if v in ("17", "20"):
            layout[row] = int(v)
        elif v:
            problems.append(Problem(file, row, "layout", key="bad_layout",
                                    values={"value": shown(v)}))
    return qualifier, layout


#: Example files a user can download, fill in and upload (one valid row each).
TEMPLATES: dict[str, str] = {
    "centres": "name,lat,lon,settlement,region_id,kind,beds,source_url\n"
               "Example crisis centre,51.1801,71.44598,Astana,KZ-71,NGO,12,"
               "https://example.org/report\n",
    "incidents": "region_id,indicator,period,value,qualifier,layout,source_url\n"
                 "KZ-11,protective_orders_issued,2023,1500,at_least,20,"
                 "https://example.org/report\n",
}


def template_csv(kind: str) -> bytes:
    """Return a template to fill in, as UTF-8 CSV with BOM (Excel opens it correctly)."""
    return TEMPLATES[kind].encode("utf-8-sig")
