"""What the field's references (PySAL spopt) are given: the same minutes as the engine."""

from __future__ import annotations

import numpy as np
import pandas as pd

from coverage.settings import TravelMode
from coverage.travel import haversine_km, minutes_from_km


def spopt_costs(demand: pd.DataFrame, centres: pd.DataFrame, sites: pd.DataFrame,
                travel: TravelMode) -> tuple[np.ndarray, np.ndarray]:
    """Minutes from every demand point to every centre, then every site (the way inside
    each woman's town included), and which columns are centres in place (1) or sites (0)."""
    lon = np.r_[centres["lon"].to_numpy(float), sites["lon"].to_numpy(float)]
    lat = np.r_[centres["lat"].to_numpy(float), sites["lat"].to_numpy(float)]
    cost = minutes_from_km(haversine_km(demand["lon"].to_numpy()[:, None],
                                        demand["lat"].to_numpy()[:, None],
                                        lon[None], lat[None]), travel,
                           demand["town_km"].to_numpy()[:, None])
    return cost, np.r_[np.ones(len(centres)), np.zeros(len(sites))].astype(int)
