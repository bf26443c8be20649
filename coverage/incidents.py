"""Reported incidents per 100,000 women, where regional figures exist."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .standards import NATIONAL_ID


@dataclass(frozen=True)
class IncidentSet:
    """One indicator over one period, with the regions that report it."""

    indicator: str
    period: str
    rates: pd.Series          # per 100,000 women, indexed by region_id (only reporting ones)
    counts: pd.Series         # the reported figures
    qualifiers: pd.Series     # "", "at_least" or "approx"
    sources: pd.Series        # source URL per region

    @property
    def regions(self) -> int:
        """How many regions report this set."""
        return len(self.rates)


def regional_sets(incidents: pd.DataFrame) -> pd.DataFrame:
    """Indicator-period pairs with figures for regions of today's 20-unit layout.

    Returns
    -------
    DataFrame
        ``indicator``, ``period``, ``regions`` (count), most regions first.
    """
    regional = incidents[(incidents["region_id"] != NATIONAL_ID)
                         & (incidents["layout"].fillna(20) == 20)]
    out = (regional.groupby(["indicator", "period"])["region_id"].nunique()
           .rename("regions").reset_index())
    return out.sort_values(["regions", "period"], ascending=[False, False],
                           kind="stable").reset_index(drop=True)


def incident_rates(incidents: pd.DataFrame, population: pd.DataFrame, *,
                   indicator: str | None = None, period: str | None = None) -> IncidentSet | None:
    """Figures of one set per 100,000 women; the set with most regions by default.

    Returns ``None`` when no regional figure exists. Regions without a figure are absent
    from the result (shown as "no data", never as zero).
    """
    sets = regional_sets(incidents)
    if indicator is not None:
        sets = sets[sets["indicator"] == indicator]
    if period is not None:
        sets = sets[sets["period"] == period]
    if sets.empty:
        return None
    indicator, period = sets.iloc[0]["indicator"], sets.iloc[0]["period"]
    rows = incidents[(incidents["indicator"] == indicator) & (incidents["period"] == period)
                     & (incidents["region_id"] != NATIONAL_ID)
                     & (incidents["layout"].fillna(20) == 20)].set_index("region_id")
    women = population.set_index("region_id")["female"]
    counts = rows["value"].astype(float)
    return IncidentSet(indicator=indicator, period=period,
                       rates=counts / women.reindex(counts.index) * 100_000,
                       counts=rows["value"], qualifiers=rows["qualifier"],
                       sources=rows["source_url"])
