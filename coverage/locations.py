"""Settlement level, always: a user's register is never drawn or exported at its exact points.

Shelter addresses are confidential. A centre from an uploaded register is moved to the
nearest listed settlement of its region (within
:data:`~coverage.settings.SETTLEMENT_SNAP_KM`), or, where no listed settlement is near,
to its coordinates rounded to :data:`~coverage.settings.ROUND_DEGREES`. Figures, the map
and every export then use that point, and a notice says so.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from . import settings
from .errors import Problem
from .travel import nearest


def to_settlement_level(centres: gpd.GeoDataFrame, settlements: pd.DataFrame
                        ) -> gpd.GeoDataFrame:
    """Move every centre of the register to its settlement (see the module's text).

    Parameters
    ----------
    centres : GeoDataFrame
        A validated register (``lon``, ``lat``, ``region_id``, ``settlement``).
    settlements : DataFrame
        Listed settlements (``name``, ``lon``, ``lat``, ``region_id``).

    Returns
    -------
    GeoDataFrame
        A copy: ``lon`` and ``lat`` moved, ``settlement`` filled where the file left it
        empty, ``location_precision`` ``settlement`` or ``rounded``; ``attrs["notices"]``
        gains one notice saying how many centres were moved.
    """
    out = centres.copy()
    lon, lat = out["lon"].to_numpy(float).copy(), out["lat"].to_numpy(float).copy()
    place = out["settlement"].fillna("").astype(str).to_numpy(dtype=object)
    precision = np.full(len(out), "settlement", dtype=object)
    for rid in pd.unique(out["region_id"]):
        rows = np.flatnonzero((out["region_id"] == rid).to_numpy())
        towns = settlements[settlements["region_id"] == rid]
        idx, km = nearest(lon[rows], lat[rows], towns["lon"].to_numpy(float),
                          towns["lat"].to_numpy(float))
        near = km <= settings.SETTLEMENT_SNAP_KM
        snap, far = rows[near], rows[~near]
        lon[snap] = towns["lon"].to_numpy(float)[idx[near]]
        lat[snap] = towns["lat"].to_numpy(float)[idx[near]]
        empty = place[snap] == ""
        place[snap[empty]] = towns["name"].to_numpy(dtype=object)[idx[near]][empty]
        step = settings.ROUND_DEGREES
        lon[far], lat[far] = np.round(lon[far] / step) * step, np.round(lat[far] / step) * step
        precision[far] = "rounded"
    out["lon"], out["lat"] = np.round(lon, 5), np.round(lat, 5)
    out["settlement"], out["location_precision"] = place, precision
    out = out.set_geometry(gpd.points_from_xy(out["lon"], out["lat"]), crs=centres.crs)
    rounded = int((precision == "rounded").sum())
    file = centres.attrs.get("file", "centres")
    notice = Problem(file, None, "lat/lon", key="placed",
                     values={"placed": len(out) - rounded, "rounded": rounded,
                             "step": settings.ROUND_DEGREES})
    out.attrs = {**centres.attrs, "notices": [*centres.attrs.get("notices", []), notice]}
    return out
