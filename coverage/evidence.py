"""Which placement of rural women does the data support? A held-out check.

The women outside listed settlements live in villages that GeoNames does not list. The
listed places under a few thousand people are the nearest thing to them in the data. So:
hold those small places out, spread their people with a placement built on the larger
places only (:func:`coverage.population.spread_weights`, times land area), and compare
with where the small places really are:

* ``loglik``: mean log-probability (weighted by people) of the grid piece in which each
  held-out place lies; higher is better (undefined at bandwidth 0);
* ``err_<t>``: predicted minus actual share of the held-out people within ``t`` minutes
  of a centre of the register; ``mean_abs_err`` averages them over the thresholds.

The default placement in :mod:`coverage.settings` is the one with the smallest error
averaged over the cut-offs of :data:`CUTOFFS`; ``tests/test_evidence.py`` checks it stays
so. The check has a limit: GeoNames may list small places that are not typical of
unlisted villages (railway stations in the steppe, for one).
"""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from . import settings
from .grid import grid_cells
from .population import placement_key, spread_weights, town_weights
from .settings import TravelMode
from .travel import minutes_from_km, nearest

#: Places under these numbers of people are held out, one cut-off at a time.
CUTOFFS: tuple[int, ...] = (3_000, 5_000, 10_000)
THRESHOLDS: tuple[int, ...] = (60, 120, 180)


def _region_probabilities(cells: pd.DataFrame, kept: pd.DataFrame, *, weighting: str,
                          bandwidth_km: float) -> np.ndarray:
    """Share of its region's spread that each grid piece gets."""
    codes = {r: i for i, r in enumerate(sorted(set(cells["region_id"])))}
    c_region = cells["region_id"].map(codes).to_numpy()
    t_region = kept["region_id"].map(codes).fillna(-1).astype(int).to_numpy()
    pull = town_weights(kept["population"].astype("Float64").to_numpy(float, na_value=np.nan),
                        weighting)
    w = cells["land_km2"].to_numpy(float) * spread_weights(
        cells[["lon", "lat"]].to_numpy(float), c_region, kept[["lon", "lat"]].to_numpy(float),
        t_region, bandwidth_km, pull)
    total = np.bincount(c_region, weights=w)[c_region]
    return np.divide(w, total, out=np.zeros_like(w), where=total > 0)


def _score(held: pd.DataFrame, kept: pd.DataFrame, cells: pd.DataFrame,
           centres: pd.DataFrame, travel: TravelMode, *, weighting: str,
           bandwidth_km: float) -> dict:
    """Errors of one placement on one hold-out; ``cells`` carry their ``minutes``."""
    people = held["population"].astype(float).to_numpy()
    _, km = nearest(held["lon"].to_numpy(float), held["lat"].to_numpy(float),
                    centres["lon"].to_numpy(float), centres["lat"].to_numpy(float))
    actual = {t: float(people[minutes_from_km(km, travel) <= t].sum() / people.sum())
              for t in THRESHOLDS}
    predicted = dict.fromkeys(THRESHOLDS, 0.0)
    loglik = 0.0
    if bandwidth_km == 0:  # everyone on the kept places, by their pull
        p = town_weights(kept["population"].astype("Float64").to_numpy(
            float, na_value=np.nan), weighting)
        _, k_km = nearest(kept["lon"].to_numpy(float), kept["lat"].to_numpy(float),
                          centres["lon"].to_numpy(float), centres["lat"].to_numpy(float))
        where, minutes, loglik = kept["region_id"].to_numpy(), minutes_from_km(k_km, travel), \
            math.nan
    else:
        p = _region_probabilities(cells, kept, weighting=weighting, bandwidth_km=bandwidth_km)
        where, minutes = cells["region_id"].to_numpy(), cells["minutes"].to_numpy()
    for rid, group in held.groupby("region_id"):
        mine = where == rid
        share = p[mine] / p[mine].sum()
        n = group["population"].astype(float).sum()
        for t in THRESHOLDS:
            predicted[t] += n * float(share[minutes[mine] <= t].sum())
        if bandwidth_km != 0:
            idx, _ = nearest(group["lon"].to_numpy(float), group["lat"].to_numpy(float),
                             cells.loc[mine, "lon"].to_numpy(float),
                             cells.loc[mine, "lat"].to_numpy(float))
            loglik += float((group["population"].astype(float).to_numpy()
                             * np.log(np.maximum(share[idx], 1e-12))).sum())
    out = {"loglik": loglik / people.sum() if bandwidth_km != 0 else math.nan}
    for t in THRESHOLDS:
        out[f"err_{t}"] = predicted[t] / people.sum() - actual[t]
    out["mean_abs_err"] = float(np.mean([abs(out[f"err_{t}"]) for t in THRESHOLDS]))
    return out


def holdout_check(regions: gpd.GeoDataFrame, settlements: pd.DataFrame,
                  centres: pd.DataFrame, *, travel: TravelMode,
                  water: gpd.GeoDataFrame | None = None,
                  placements: list[tuple[str, float]] | None = None,
                  cutoffs: tuple[int, ...] = CUTOFFS) -> pd.DataFrame:
    """Score placements of rural women against the listed places held out.

    Parameters
    ----------
    regions, settlements, centres : DataFrame
        As loaded by :mod:`coverage.data` (cities are left out: they have no rural rest).
    travel : TravelMode
        For the share within each threshold (point to point: small places).
    placements : list of (weighting, bandwidth_km), optional
        Default: the sensitivity sweep of :mod:`coverage.settings` and the default.

    Returns
    -------
    DataFrame
        One row per placement and cut-off: ``placement``, ``weighting``,
        ``bandwidth_km``, ``cutoff``, ``held_out`` (places), ``loglik``, ``err_<t>``,
        ``mean_abs_err``.
    """
    if placements is None:
        placements = [(settings.KERNEL_WEIGHTING, settings.KERNEL_BANDWIDTH_KM)] + [
            (w, bw) for w in settings.SENSITIVITY_WEIGHTINGS
            for bw in settings.SENSITIVITY_BANDWIDTHS_KM]
    oblasts = set(regions.loc[regions["kind"] != "city", "region_id"])
    places = settlements[settlements["region_id"].isin(oblasts)]
    land = grid_cells(regions[regions["region_id"].isin(oblasts)], water=water)
    _, km = nearest(land["lon"].to_numpy(float), land["lat"].to_numpy(float),
                    centres["lon"].to_numpy(float), centres["lat"].to_numpy(float))
    land = land.assign(minutes=minutes_from_km(km, travel))
    rows, seen = [], set()
    for weighting, bw in placements:
        key = placement_key(weighting, bw)
        if key in seen:
            continue
        seen.add(key)
        for cutoff in cutoffs:
            small = places["population"].notna() & (places["population"].astype(float)
                                                    < cutoff)
            held, kept = places[small], places[~small]
            rows.append({"placement": key, "weighting": weighting, "bandwidth_km": bw,
                         "cutoff": cutoff, "held_out": len(held),
                         **_score(held, kept, land, centres, travel,
                                  weighting=weighting, bandwidth_km=bw)})
    return pd.DataFrame(rows)


def summary(check: pd.DataFrame) -> pd.DataFrame:
    """Mean over the cut-offs per placement, best (smallest mean error) first."""
    cols = ["loglik", *(f"err_{t}" for t in THRESHOLDS), "mean_abs_err"]
    out = check.groupby(["placement", "weighting", "bandwidth_km"], as_index=False)[cols].mean()
    return out.sort_values("mean_abs_err", kind="stable").reset_index(drop=True)


#: The summary bundled in ``data/`` by ``scripts/build_data.py`` (read by the method text).
EVIDENCE_FILE = "kernel_evidence.csv"


def load_evidence(*, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load the bundled :func:`summary` of the held-out check (best placement first)."""
    folder = Path(data_dir) if data_dir is not None else settings.DATA_DIR
    return pd.read_csv(folder / EVIDENCE_FILE)


def evidence_table(regions: gpd.GeoDataFrame, settlements: pd.DataFrame,
                   centres: pd.DataFrame, water: gpd.GeoDataFrame,
                   travel: TravelMode) -> pd.DataFrame:
    """:func:`summary` of :func:`holdout_check` rounded for a bundled file."""
    out = summary(holdout_check(regions, settlements, centres, travel=travel, water=water))
    cols = ["loglik", *(f"err_{t}" for t in THRESHOLDS), "mean_abs_err"]
    out[cols] = out[cols].round(4)
    return out
