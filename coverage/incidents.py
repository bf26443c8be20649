"""Reported incidents per 100,000 women, where regional figures exist.

Figures in the 17-unit layout used before 8 June 2022 are mapped to today's 20 units
through the crosswalk: a unit that was split (East Kazakhstan, Almaty Region, Karaganda)
gives each of its successors a share of its count equal to that successor's share of its
women in 2023, and such figures are marked as estimated. Counts under
:data:`SMALL_COUNT` are never shown as such ("<5").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .standards import NATIONAL_ID

#: Counts under this are shown as "<5" and not mapped, so no small group can be singled out.
SMALL_COUNT = 5
#: Units created on 8 June 2022; their presence marks a file in today's 20-unit layout.
NEW_UNITS = ("KZ-10", "KZ-33", "KZ-62")
#: Units split on that day; all three without any new unit marks the 17-unit layout.
SPLIT_UNITS = ("KZ-19", "KZ-35", "KZ-63")


def detect_layout(incidents: pd.DataFrame) -> int:
    """17 or 20: the layout of a table's regional rows without a ``layout`` column."""
    regional = set(incidents.loc[incidents["region_id"] != NATIONAL_ID, "region_id"])
    if regional & set(NEW_UNITS):
        return 20
    return 17 if set(SPLIT_UNITS) <= regional else 20


def to_current_layout(incidents: pd.DataFrame, crosswalk: pd.DataFrame, *,
                      layout: int | None = None) -> pd.DataFrame:
    """Every regional figure in today's 20 units.

    Parameters
    ----------
    incidents : DataFrame
        As validated by :func:`coverage.validate.validate_incidents`.
    crosswalk : DataFrame
        :func:`coverage.data.load_crosswalk`.
    layout : int, optional
        17 or 20 for rows whose ``layout`` is empty; detected when omitted.

    Returns
    -------
    DataFrame
        ``value`` as float, ``layout`` 20 on regional rows, ``estimated`` True where a
        count was split between successor units.
    """
    default = layout or detect_layout(incidents)
    rows = []
    shares = crosswalk.groupby("old_region_id")
    for r in incidents.to_dict("records"):
        row_layout = r["layout"] if pd.notna(r["layout"]) else default
        if r["region_id"] == NATIONAL_ID or row_layout == 20 or \
                r["region_id"] not in shares.groups:
            rows.append({**r, "value": float(r["value"]), "estimated": False,
                         "layout": pd.NA if r["region_id"] == NATIONAL_ID else 20})
            continue
        parts = shares.get_group(r["region_id"])
        split = len(parts) > 1
        for new_id, share in zip(parts["new_region_id"], parts["women_share"]):
            rows.append({**r, "region_id": new_id, "value": float(r["value"]) * share,
                         "estimated": split, "layout": 20})
    out = pd.DataFrame(rows, columns=[*incidents.columns, "estimated"])
    out["layout"] = out["layout"].astype("Int64")
    out.attrs = dict(incidents.attrs)
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class IncidentSet:
    """One indicator over one period, with the regions that report it."""

    indicator: str
    period: str
    rates: pd.Series          # per 100,000 women, indexed by region_id (only reporting ones)
    counts: pd.Series         # the reported figures
    qualifiers: pd.Series     # "", "at_least" or "approx"
    sources: pd.Series        # source URL per region
    estimated: pd.Series | None = None  # True where split from the 17-unit layout

    @property
    def suppressed(self) -> pd.Series:
        """Regions whose count is under :data:`SMALL_COUNT` (shown as "<5")."""
        return self.counts.astype(float) < SMALL_COUNT

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
    estimated = rows["estimated"] if "estimated" in rows else pd.Series(False, rows.index)
    return IncidentSet(indicator=indicator, period=period,
                       rates=counts / women.reindex(counts.index) * 100_000,
                       counts=rows["value"], qualifiers=rows["qualifier"],
                       sources=rows["source_url"], estimated=estimated.astype(bool))
