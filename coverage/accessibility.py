"""Capacity-aware accessibility: the enhanced two-step floating catchment (E2SFCA).

Step 1, every centre *j*: ``R_j = S_j / sum_i P_i W(t_ij)``, its places per woman in
its catchment. Step 2, every demand point *i*: ``A_i = sum_j R_j W(t_ij)``. ``W`` is a
step function of travel minutes (zones of :data:`coverage.settings.E2SFCA_ZONES`, each
inclusive of its upper bound) and 0 beyond the last zone. The result is reported as
shelter places per 10,000 women. Centres of unknown capacity count as
:data:`~coverage.settings.UNKNOWN_CAPACITY_UNITS` places, and the output says how many.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from . import settings
from .reach import town_km_of
from .settings import TravelMode
from .travel import km_from_minutes, minutes_from_km, pairs_within


def zone_weights(minutes: np.ndarray, zones: dict[float, float]) -> np.ndarray:
    """Weight of each travel time: the weight of the first zone whose bound it meets."""
    bounds = np.array(sorted(zones))
    values = np.array([zones[b] for b in bounds] + [0.0])
    return values[np.searchsorted(bounds, np.asarray(minutes, float), side="left")]


def e2sfca_arrays(point: np.ndarray, centre: np.ndarray, minutes: np.ndarray,
                  demand: np.ndarray, supply: np.ndarray, *,
                  zones: dict[float, float] | None = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """E2SFCA on a sparse cost list (the numeric core).

    Parameters
    ----------
    point, centre : array of int
        Positions of each (demand point, centre) pair in ``demand`` and ``supply``.
    minutes : array of float
        Travel time of each pair; pairs beyond the last zone weigh 0.
    demand, supply : array of float
        Women per demand point; places per centre.

    Returns
    -------
    access : array of float
        ``A_i``, places per woman, one per demand point.
    ratio : array of float
        ``R_j``, places per weighted woman, one per centre (0 where no woman is in reach).
    """
    zones = settings.E2SFCA_ZONES if zones is None else zones
    w = zone_weights(minutes, zones)
    reached = np.bincount(centre, weights=demand[point] * w, minlength=len(supply))
    ratio = np.divide(supply, reached, out=np.zeros(len(supply)), where=reached > 0)
    access = np.bincount(point, weights=ratio[centre] * w, minlength=len(demand))
    return access, ratio


def _beds(centres: pd.DataFrame) -> pd.Series:
    return (centres["beds"].astype("Float64") if "beds" in centres
            else pd.Series(np.nan, index=centres.index, dtype="Float64"))


def supply_places(centres: pd.DataFrame, *, unknown: float | None = None) -> np.ndarray:
    """Return each centre's places, a centre of unknown capacity counted as ``unknown``.

    ``unknown`` defaults to :data:`~coverage.settings.UNKNOWN_CAPACITY_UNITS` (read now).
    """
    unknown = settings.UNKNOWN_CAPACITY_UNITS if unknown is None else unknown
    return _beds(centres).fillna(unknown).to_numpy(dtype=float)


def e2sfca(demand: pd.DataFrame, centres: pd.DataFrame, *, travel: TravelMode,
           zones: dict[float, float] | None = None,
           unknown_capacity: float | None = None) -> pd.DataFrame:
    """Shelter places per 10,000 women within reach of every demand point.

    Parameters
    ----------
    demand : DataFrame
        ``lon``, ``lat``, ``women``, optionally ``town_km`` (the way inside the town).
    centres : DataFrame
        ``lon``, ``lat``, ``beds`` (``<NA>``: unknown, counted as ``unknown_capacity``).

    Returns
    -------
    DataFrame
        A copy of ``demand`` with ``places_per_10k``. ``attrs`` holds
        ``unknown_capacity_centres`` (how many centres counted as ``unknown_capacity``)
        and ``centre_ratio`` (R_j per centre, in the order of ``centres``).
    """
    zones = settings.E2SFCA_ZONES if zones is None else zones
    # The way inside a town only adds minutes: pairs found without it are a superset.
    max_km = km_from_minutes(max(zones), travel)
    point, centre, km = pairs_within(demand["lon"].to_numpy(float),
                                     demand["lat"].to_numpy(float),
                                     centres["lon"].to_numpy(float),
                                     centres["lat"].to_numpy(float), max_km)
    supply = supply_places(centres, unknown=unknown_capacity)
    minutes = minutes_from_km(km, travel, town_km_of(demand)[point])
    access, ratio = e2sfca_arrays(point, centre, minutes,
                                  demand["women"].to_numpy(float), supply, zones=zones)
    out = demand.copy()
    out["places_per_10k"] = access * 10_000
    out.attrs = {**demand.attrs,
                 "unknown_capacity_centres": int(np.sum(_beds(centres).isna())),
                 "centre_ratio": ratio}
    return out


def region_access(points: pd.DataFrame, *, region_ids: Iterable[str]) -> pd.Series:
    """Women-weighted mean places per 10,000 women, per region (NaN without women)."""
    w = points["women"] * points["places_per_10k"]
    num = w.groupby(points["region_id"]).sum()
    den = points["women"].groupby(points["region_id"]).sum()
    return (num / den.where(den > 0)).reindex(list(region_ids))
