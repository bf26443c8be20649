"""Region names and locations: match what users write, find the region of a point."""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import settings

#: Words that qualify a unit's name ("Akmola Region", "город Астана", "Абай облысы").
_GENERIC = re.compile(
    r"\b(region|oblast|oblysy|city|of|облысы|область|обл\.?|город|г\.|қаласы|каласы)(?=\s|$)")

#: How users write the whole country (incident figures for Kazakhstan as a whole).
NATIONAL_ID = settings.NATIONAL_ID
NATIONAL_NAMES = ("kz", "kaz", "kazakhstan", "republic of kazakhstan", "казахстан",
                  "республика казахстан", "қазақстан", "қазақстан республикасы")


def normalise(text: str) -> str:
    """Case-fold, unify ё/е and dashes, and collapse white space."""
    text = str(text).casefold().replace("ё", "е").replace("\u00a0", " ")
    text = re.sub(r"[‐-―−]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def region_aliases(regions: pd.DataFrame) -> dict[str, str]:
    """Map every accepted spelling of a region to its ISO 3166-2:KZ id.

    Accepted: the id itself (``KZ-11``, also ``kz11``), and the English, Russian and
    Kazakh names with or without words such as "Region", "область", "облысы". Bare
    names that two units share (Kazakh "Алматы" for the city and the region) mean the
    city, as in everyday use; the region then needs its full name.
    """
    full: dict[str, str] = {}
    short: dict[str, list[str]] = {}
    kinds = dict(zip(regions["region_id"], regions["kind"]))
    for row in regions.itertuples():
        rid = str(row.region_id)
        full[normalise(rid)] = rid
        full[normalise(rid.replace("-", ""))] = rid
        for col in ("name_en", "name_ru", "name_kk"):
            name = normalise(getattr(row, col))
            full[name] = rid
            bare = normalise(_GENERIC.sub(" ", name))
            if bare and bare != name:
                short.setdefault(bare, []).append(rid)
    aliases = dict(full)
    for bare, ids in short.items():
        ids = sorted(set(ids))
        cities = [i for i in ids if kinds[i] == "city"]
        chosen = ids[0] if len(ids) == 1 else (cities[0] if len(cities) == 1 else None)
        if chosen and bare not in aliases:
            aliases[bare] = chosen
    return aliases


def resolve_region(text: str, aliases: dict[str, str]) -> str | None:
    """Return the region id for a user's spelling, or ``None`` when unknown."""
    key = normalise(text)
    return aliases.get(key) or aliases.get(normalise(_GENERIC.sub(" ", key)))


def _pick(candidates: list[str], preferred: object) -> str:
    """Pick the region of a point that two regions share (on their border, or as near).

    The documented rule: the region the file states, if it is one of them, else the
    first by id.
    """
    return preferred if preferred in candidates else min(candidates)


def locate(lon: np.ndarray, lat: np.ndarray, regions: gpd.GeoDataFrame, *,
           tolerance_km: float = 0.0,
           prefer: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Region containing each point, and the distance to it.

    Parameters
    ----------
    lon, lat : array of float
        Coordinates in degrees (WGS 84).
    regions : GeoDataFrame
        With ``region_id`` and polygon geometry in lon/lat.
    tolerance_km : float
        A point outside every region but within this distance of one (borders are
        simplified) is given the nearest region.
    prefer : array of object, optional
        A region per point (the one a file states) that wins when the point lies on the
        border of several regions, or equally near them; otherwise the first by id wins.

    Returns
    -------
    region_id : array of object
        ``None`` where no region contains the point within the tolerance.
    distance_km : array of float
        0 inside a region or on its border, else the distance to the nearest region
        (equal-area projection; adequate at the few-km scale this is used for).
    """
    points = gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs=settings.CRS_LONLAT)
    prefer = np.full(len(points), None, dtype=object) if prefer is None else np.asarray(
        prefer, dtype=object)
    ids = regions["region_id"].to_numpy()
    # "intersects" includes the border, where a point belongs to both neighbours.
    pidx, ridx = shapely.STRtree(regions.geometry.values).query(points.values,
                                                                predicate="intersects")
    out = np.full(len(points), None, dtype=object)
    for i in np.unique(pidx):
        out[i] = _pick(sorted(ids[ridx[pidx == i]]), prefer[i])
    dist = np.zeros(len(points))
    outside = np.flatnonzero(pd.isna(out))
    if len(outside):
        projected = regions.to_crs(settings.CRS_EQUAL_AREA).geometry.values
        pts = points.iloc[outside].to_crs(settings.CRS_EQUAL_AREA).values
        near_p, near_r = shapely.STRtree(projected).query_nearest(pts, all_matches=True)
        d = shapely.distance(pts[near_p], projected[near_r]) / 1000.0
        for k in np.unique(near_p):
            i = outside[k]
            dist[i] = float(d[near_p == k].min())
            if dist[i] <= tolerance_km:
                out[i] = _pick(sorted(ids[near_r[near_p == k]]), prefer[i])
    return out, dist


def distance_to_region_km(lon: float, lat: float, region: shapely.Geometry) -> float:
    """Distance in km from a point to one region's shape (0 when inside)."""
    pt = gpd.GeoSeries([shapely.Point(lon, lat)], crs=settings.CRS_LONLAT)
    shape = gpd.GeoSeries([region], crs=settings.CRS_LONLAT)
    return float(pt.to_crs(settings.CRS_EQUAL_AREA).distance(
        shape.to_crs(settings.CRS_EQUAL_AREA)).iloc[0]) / 1000.0


#: The word that makes a name a region's or a city's, per language, and where it stands.
_SHORT_DROP = {"en": (" Region",), "ru": (" область", "город "), "kk": (" облысы", " қаласы")}


def short_name(name: str, lang: str) -> str:
    """Return a region's name without "Region" or "city" (labels on a map or a chart).

    "East Kazakhstan Region" -> "East Kazakhstan", "город Астана" -> "Астана",
    "Абай облысы" -> "Абай".
    """
    for word in _SHORT_DROP.get(lang, ()):
        name = name.replace(word, "")
    return name.strip()
