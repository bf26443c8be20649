"""Reach: how long women travel to the nearest centre, and how many arrive in time."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from . import settings
from .settings import TravelMode
from .travel import km_from_minutes, minutes_from_km, nearest, pairs_within

#: Groups of regions reported beside the national figure.
AREAS: dict[str, tuple[str, ...]] = {
    "national": (),
    "outside_almaty": ("KZ-75",),
    "outside_cities": ("KZ-71", "KZ-75", "KZ-79"),
}


def weighted_quantile(values: ArrayLike, weights: ArrayLike, q: float) -> float:
    """Smallest value ``v`` such that at least a share ``q`` of the weight has ``<= v``.

    Returns NaN when the weights sum to 0. Inf values stay inf (nobody reaches).
    """
    values, weights = np.asarray(values, dtype=float), np.asarray(weights, dtype=float)
    if weights.sum() <= 0:
        return float("nan")
    # Relative tolerance: cumulative float sums may fall a hair short of the share q.
    return float(np.quantile(values, q * (1 - 1e-12), weights=weights, method="inverted_cdf"))


def travel_times(demand: pd.DataFrame, centres: pd.DataFrame, *,
                 travel: TravelMode) -> pd.DataFrame:
    """Nearest centre and travel time of every demand point.

    Parameters
    ----------
    demand : DataFrame
        ``lon``, ``lat``, optionally ``town_km`` (the way inside the woman's town), and
        any other columns (kept).
    centres : DataFrame
        ``centre_id``, ``lon``, ``lat``.

    Returns
    -------
    DataFrame
        A copy of ``demand`` with ``nearest_centre`` (id, empty without centres), ``km``
        (great-circle, from the town's point) and ``minutes`` (including the way inside
        the town; inf without centres).
    """
    idx, km = nearest(demand["lon"].to_numpy(float), demand["lat"].to_numpy(float),
                      centres["lon"].to_numpy(float), centres["lat"].to_numpy(float))
    ids = centres["centre_id"].to_numpy(dtype=object)
    out = demand.copy()
    out["nearest_centre"] = np.where(idx >= 0, ids[np.maximum(idx, 0)] if len(ids) else "",
                                     "")
    out["km"] = km
    out["minutes"] = minutes_from_km(km, travel, town_km_of(demand))
    return out


def town_km_of(demand: pd.DataFrame) -> np.ndarray:
    """Return the way inside each point's town (0 where the frame has no ``town_km``)."""
    return (demand["town_km"].to_numpy(float) if "town_km" in demand
            else np.zeros(len(demand)))


def nearest_minutes(demand: pd.DataFrame, centres: pd.DataFrame, travel: TravelMode
                    ) -> np.ndarray:
    """Return the minutes from every demand point to its nearest centre (inf: none).

    The way inside the point's town included, as in :func:`travel_times`.
    """
    _, km = nearest(demand["lon"].to_numpy(float), demand["lat"].to_numpy(float),
                    centres["lon"].to_numpy(float), centres["lat"].to_numpy(float))
    return minutes_from_km(km, travel, town_km_of(demand))


def pairs_in_time(demand: pd.DataFrame, lon: np.ndarray, lat: np.ndarray, *, minutes: float,
                  travel: TravelMode) -> tuple[np.ndarray, np.ndarray]:
    """Return every (demand point, place) pair within ``minutes``, the town's way included.

    Places at ``lon``, ``lat`` (centres or candidate sites); positions into ``demand`` and
    into the places.
    """
    point, place, km = pairs_within(demand["lon"].to_numpy(float),
                                    demand["lat"].to_numpy(float), lon, lat,
                                    km_from_minutes(minutes, travel))
    # The way inside a town only adds minutes: keep the pairs that still arrive in time.
    in_time = minutes_from_km(km, travel, town_km_of(demand)[point]) <= minutes
    return point[in_time], place[in_time]


def by_settlement(timed: pd.DataFrame) -> pd.DataFrame:
    """One row per listed settlement: its rings added up.

    Returns
    -------
    DataFrame
        ``name``, ``geonameid``, ``region_id``, ``lon``, ``lat``, ``women`` (sum),
        ``minutes`` (women-weighted mean over the rings: the mean trip, including the way
        inside the town) and ``nearest_centre``, for every ``kind == "settlement"`` point.
    """
    towns = timed[timed["kind"] == "settlement"].copy()
    towns.attrs = {}  # arrays in attrs (E2SFCA's) cannot be compared when pandas merges
    keys = ["geonameid", "name", "region_id", "lon", "lat"]
    weighted = towns.assign(_wm=towns["women"] * towns["minutes"])
    out = weighted.groupby(keys, sort=False, dropna=False).agg(
        women=("women", "sum"), _wm=("_wm", "sum"), nearest_centre=("nearest_centre", "first"))
    out["minutes"] = np.where(out["women"] > 0, out["_wm"] / out["women"].where(
        out["women"] > 0, 1.0), towns.groupby(keys, sort=False, dropna=False)["minutes"].min())
    return out.drop(columns="_wm").reset_index()


def summarise(minutes: ArrayLike, women: ArrayLike, *,
              thresholds: Sequence[float]) -> dict:
    """Reach figures of one group of demand points.

    Returns
    -------
    dict
        ``women`` (float), ``women_within`` and ``share_within`` (dicts keyed by the
        thresholds), ``median_minutes`` and ``p90_minutes`` (women-weighted; inf when
        women cannot reach any centre, NaN without women).
    """
    minutes, women = np.asarray(minutes, float), np.asarray(women, float)
    total = float(women.sum())
    within = {t: float(women[minutes <= t].sum()) for t in thresholds}
    return {
        "women": total,
        "women_within": within,
        "share_within": {t: (w / total if total > 0 else float("nan"))
                         for t, w in within.items()},
        "median_minutes": weighted_quantile(minutes, women, 0.5),
        "p90_minutes": weighted_quantile(minutes, women, 0.9),
    }


def region_reach(timed: pd.DataFrame, *, region_ids: Sequence[str],
                 thresholds: Sequence[float] | None = None) -> pd.DataFrame:
    """Reach figures per region.

    Parameters
    ----------
    timed : DataFrame
        Demand points with ``region_id``, ``women`` and ``minutes``.
    region_ids : sequence of str
        Regions to report, in order (a region without points gets zeros).

    Returns
    -------
    DataFrame
        One row per region: ``region_id``, ``women``, ``women_within_<t>``,
        ``share_within_<t>``, ``women_beyond_<t>`` for every threshold,
        ``median_minutes``, ``p90_minutes``.
    """
    thresholds = settings.THRESHOLDS_MIN if thresholds is None else thresholds
    rows = []
    groups = {rid: g for rid, g in timed.groupby("region_id", sort=False)}
    for rid in region_ids:
        g = groups.get(rid)
        s = summarise(g["minutes"].to_numpy() if g is not None else [],
                      g["women"].to_numpy() if g is not None else [], thresholds=thresholds)
        row = {"region_id": rid, "women": s["women"]}
        for t in thresholds:
            row[f"women_within_{t:g}"] = s["women_within"][t]
            row[f"share_within_{t:g}"] = s["share_within"][t]
            row[f"women_beyond_{t:g}"] = s["women"] - s["women_within"][t]
        row["median_minutes"] = s["median_minutes"]
        row["p90_minutes"] = s["p90_minutes"]
        rows.append(row)
    return pd.DataFrame(rows)


def area_reach(timed: pd.DataFrame, *,
               thresholds: Sequence[float] | None = None) -> dict[str, dict]:
    """Reach figures for the country and the groups of :data:`AREAS`."""
    thresholds = settings.THRESHOLDS_MIN if thresholds is None else thresholds
    out = {}
    for area, excluded in AREAS.items():
        keep = ~timed["region_id"].isin(excluded).to_numpy()
        out[area] = summarise(timed["minutes"].to_numpy()[keep],
                              timed["women"].to_numpy()[keep], thresholds=thresholds)
    return out
