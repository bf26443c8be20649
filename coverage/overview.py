"""Plain counts per region: women, centres and known shelter places."""

from __future__ import annotations

import pandas as pd


def region_overview(regions: pd.DataFrame, population: pd.DataFrame,
                    centres: pd.DataFrame) -> pd.DataFrame:
    """One row per region with its women, centres and known beds.

    Parameters
    ----------
    regions, population, centres : DataFrame
        As returned by the loaders of :mod:`coverage.data`.

    Returns
    -------
    DataFrame
        ``region_id``, ``name_en``, ``name_ru``, ``name_kk``, ``kind``, ``population``,
        ``women``, ``centres``, ``beds_known`` (sum over centres with a known capacity),
        ``centres_capacity_unknown``; sorted by ``region_id``.
    """
    by_region = centres.groupby("region_id").agg(
        centres=("region_id", "size"),
        beds_known=("beds", "sum"),
        centres_capacity_unknown=("beds", lambda b: int(b.isna().sum())),
    )
    out = (regions[["region_id", "name_en", "name_ru", "name_kk", "kind"]]
           .merge(population[["region_id", "total", "female"]], on="region_id")
           .rename(columns={"total": "population", "female": "women"})
           .merge(by_region, left_on="region_id", right_index=True, how="left"))
    for col in ("centres", "beds_known", "centres_capacity_unknown"):
        out[col] = out[col].fillna(0).astype("int64")
    return out.sort_values("region_id").reset_index(drop=True)
