"""Council of Europe service standards, per region and nationally.

* Shelters: one family place per 10,000 inhabitants (denominator: total population).
* Specialised women's shelter: at least one per region.
* Women's counselling centres: one per 50,000 women (denominator: women; "as cited").

Known places are the sum of capacities that reports give. Where any centre of a region
has no reported capacity, the gap is unknown (``<NA>``), never a guess; the largest the
gap can be is still given.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from . import settings
from .completeness import is_planned

NATIONAL_ID = settings.NATIONAL_ID


def _ceil_div(a: ArrayLike, b: int) -> np.ndarray:
    return -(-np.asarray(a, dtype=np.int64) // b)


def standards_table(regions: pd.DataFrame, population: pd.DataFrame,
                    centres: pd.DataFrame, *, national: bool = True) -> pd.DataFrame:
    """Each region's standing against the standards.

    Parameters
    ----------
    regions, population, centres : DataFrame
        As loaded by :mod:`coverage.data` (centres need ``region_id`` and ``beds``).
    national : bool
        Append a row ``KZ`` for the whole country (computed from national totals).

    Returns
    -------
    DataFrame
        ``region_id``, ``population``, ``women``, ``centres`` (all in use, planned
        ones included), ``centres_planned``, ``has_centre`` (a located centre: planned
        ones do not count),
        ``shelter_places_needed`` (ceil(population / 10,000)), ``shelter_places_known``,
        ``centres_capacity_unknown``, ``shelter_places_gap`` (needed - known, floored at
        0; ``<NA>`` where some capacity is unknown), ``shelter_places_gap_at_most``,
        ``counselling_centres_needed`` (ceil(women / 50,000)), ``counselling_gap``
        (needed - centres, floored at 0: every listed centre counted as counselling),
        ``shelter_denominator``, ``counselling_denominator``.
    """
    pop = population.set_index("region_id").loc[list(regions["region_id"])]
    rows = pd.DataFrame({"region_id": list(regions["region_id"]),
                         "population": pop["total"].to_numpy(dtype=np.int64),
                         "women": pop["female"].to_numpy(dtype=np.int64)})
    if national:
        rows = pd.concat([rows, pd.DataFrame({
            "region_id": [NATIONAL_ID], "population": [int(rows["population"].sum())],
            "women": [int(rows["women"].sum())]})], ignore_index=True)
    beds = centres["beds"].astype("Float64")
    by = pd.DataFrame({"region_id": centres["region_id"], "known": beds.fillna(0),
                       "unknown": beds.isna().astype(int),
                       "planned": is_planned(centres).astype(int)})
    if national:
        by = pd.concat([by, by.assign(region_id=NATIONAL_ID)], ignore_index=True)
    agg = by.groupby("region_id").agg(centres=("known", "size"), known=("known", "sum"),
                                      unknown=("unknown", "sum"), planned=("planned", "sum"))
    agg = agg.reindex(rows["region_id"]).fillna(0)
    out = rows.copy()
    out["centres"] = agg["centres"].to_numpy(dtype=np.int64)
    out["centres_planned"] = agg["planned"].to_numpy(dtype=np.int64)
    out["has_centre"] = out["centres"] - out["centres_planned"] > 0
    out["shelter_places_needed"] = _ceil_div(out["population"],
                                             settings.SHELTER_PLACES_PER)
    out["shelter_places_known"] = agg["known"].to_numpy(dtype=np.int64)
    out["centres_capacity_unknown"] = agg["unknown"].to_numpy(dtype=np.int64)
    at_most = np.maximum(out["shelter_places_needed"] - out["shelter_places_known"], 0)
    out["shelter_places_gap"] = pd.array(at_most, dtype="Int64")
    out.loc[out["centres_capacity_unknown"] > 0, "shelter_places_gap"] = pd.NA
    out["shelter_places_gap_at_most"] = at_most
    out["counselling_centres_needed"] = _ceil_div(out["women"],
                                                  settings.COUNSELLING_CENTRE_PER_WOMEN)
    out["counselling_gap"] = np.maximum(out["counselling_centres_needed"] - out["centres"], 0)
    out["shelter_denominator"] = f"population / {settings.SHELTER_PLACES_PER:,}"
    out["counselling_denominator"] = f"women / {settings.COUNSELLING_CENTRE_PER_WOMEN:,}"
    return out
