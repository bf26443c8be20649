"""Reported incidents per 100,000 women, where regional figures exist.

Figures in the 17-unit layout used before 8 June 2022 are mapped to today's 20 units
through the crosswalk: a unit that was split (East Kazakhstan, Almaty Region, Karaganda)
gives each of its successors a share of its count equal to that successor's share of its
women in 2023, and such figures are marked as estimated. Counts under
:data:`coverage.settings.SMALL_COUNT` are never shown as such ("<5").

In the 2022 Form 1-M table the three units created on 8 June 2022 (Abai, Jetisu, Ulytau)
count from that day and their parents include those areas before it (``coverage_note``);
:func:`to_17_units` adds each pair up into one clean full year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

from . import settings
from .standards import NATIONAL_ID

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


#: ``coverage_note`` of a unit counted only from its creation on 8 June 2022.
FROM_CREATION = "from_2022-06-08"
#: ``coverage_note`` of a unit that includes a split-off area before 8 June 2022.
INCLUDES_SPLIT = "includes_split_area_before_2022-06-08"


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
    notes: pd.Series | None = None      # coverage note per region ("" when none)
    women: pd.Series | None = None      # the rates' denominators

    @property
    def key(self) -> str:
        """``indicator@period``: names the set in a URL or a file."""
        return set_key(self.indicator, self.period)

    @property
    def suppressed(self) -> pd.Series:
        """Regions whose count is under :data:`~coverage.settings.SMALL_COUNT` ("<5")."""
        return self.counts.astype(float) < settings.SMALL_COUNT

    @property
    def regions(self) -> int:
        """How many regions report this set."""
        return len(self.rates)

    def covers(self, region_ids: Iterable[str]) -> bool:
        """Whether every one of ``region_ids`` has a figure."""
        return set(region_ids) <= set(self.rates.index)

    @property
    def marked(self) -> pd.Series:
        """Coverage note of the regions that have one, indexed by region_id.

        Those are the regions split or created on 8 June 2022.
        """
        notes = self.notes if self.notes is not None else pd.Series("", self.rates.index)
        return notes[notes.fillna("") != ""]

    def national_rate(self) -> float:
        """All reported figures per 100,000 women of the regions reporting them."""
        assert self.women is not None, "a set made by incident_rates has its women"
        women = self.women.reindex(self.counts.index).astype(float)
        return float(self.counts.astype(float).sum() / women.sum() * 100_000)


def set_key(indicator: str, period: str) -> str:
    """Return the key of an indicator-period pair (see :attr:`IncidentSet.key`)."""
    return f"{indicator}@{period}"


def _order(indicator: str) -> int:
    order = settings.INCIDENT_ORDER
    return order.index(indicator) if indicator in order else len(order)


def _regional(incidents: pd.DataFrame) -> pd.DataFrame:
    """Keep the rows of single regions in today's 20-unit layout (not the country's)."""
    return incidents[(incidents["region_id"] != NATIONAL_ID)
                     & (incidents["layout"].fillna(20) == 20)]


def shown_count(value: float, *, estimated: bool = False) -> str:
    """Write a count as shown.

    "<5" under :data:`~coverage.settings.SMALL_COUNT`, "~12" when estimated, "" when
    there is none.
    """
    if pd.isna(value):
        return ""
    if float(value) < settings.SMALL_COUNT:
        return f"<{settings.SMALL_COUNT}"
    return f"~{float(value):.0f}" if estimated else f"{float(value):.0f}"


def shown_counts(counts: pd.Series) -> list[str]:
    """Write counts as shown (:func:`shown_count`), one per value."""
    return [shown_count(v) for v in counts]


def regional_sets(incidents: pd.DataFrame) -> pd.DataFrame:
    """Indicator-period pairs with figures for regions of today's 20-unit layout.

    Returns
    -------
    DataFrame
        ``indicator``, ``period``, ``regions`` (count), ``key``: most regions first,
        then in the order of :data:`~coverage.settings.INCIDENT_ORDER`, latest first.
    """
    regional = _regional(incidents)
    out = (regional.groupby(["indicator", "period"])["region_id"].nunique()
           .rename("regions").reset_index())
    out["order"] = out["indicator"].map(_order)
    out = out.sort_values("period", ascending=False, kind="stable")
    out = out.sort_values(["regions", "order"], ascending=[False, True], kind="stable")
    out["key"] = [set_key(i, p) for i, p in zip(out["indicator"], out["period"])]
    return out.drop(columns="order").reset_index(drop=True)


def incident_rates(incidents: pd.DataFrame, population: pd.DataFrame, *,
                   indicator: str | None = None, period: str | None = None,
                   key: str | None = None) -> IncidentSet | None:
    """Return the figures of one set per 100,000 women.

    The first of :func:`regional_sets` by default.

    Parameters
    ----------
    incidents : DataFrame
        In today's layout (:func:`to_current_layout`).
    population : DataFrame
        ``region_id``, ``female``.
    indicator, period, key : str, optional
        Which set (``key`` is ``indicator@period``).

    Returns ``None`` when no regional figure exists (or none of the set asked for).
    Regions without a figure are absent from the result (shown as "no data", never as
    zero).
    """
    sets = regional_sets(incidents)
    if key is not None:
        sets = sets[sets["key"] == key]
    if indicator is not None:
        sets = sets[sets["indicator"] == indicator]
    if period is not None:
        sets = sets[sets["period"] == period]
    if sets.empty:
        return None
    indicator, period = sets.iloc[0]["indicator"], sets.iloc[0]["period"]
    regional = _regional(incidents)
    rows = regional[(regional["indicator"] == indicator) & (regional["period"] == period)]
    return _set_of(indicator, period, rows, _women(population))


def _women(population: pd.DataFrame) -> pd.Series:
    return population.set_index("region_id")["female"].astype(float)


def _set_of(indicator: str, period: str, rows: pd.DataFrame, women: pd.Series) -> IncidentSet:
    """One set from its rows (regional, today's layout) and the women of every region."""
    rows = rows.set_index("region_id")
    counts = rows["value"].astype(float)
    estimated = rows["estimated"] if "estimated" in rows else pd.Series(False, rows.index)
    notes = (rows["coverage_note"].fillna("").astype(str) if "coverage_note" in rows
             else pd.Series("", rows.index))
    return IncidentSet(indicator=indicator, period=period,
                       rates=counts / women.reindex(counts.index) * 100_000,
                       counts=rows["value"], qualifiers=rows["qualifier"],
                       sources=rows["source_url"], estimated=estimated.astype(bool),
                       notes=notes, women=women.reindex(counts.index))


def incident_sets(incidents: pd.DataFrame, population: pd.DataFrame) -> list[IncidentSet]:
    """Every regional set, in the order of :func:`regional_sets`.

    The rows are grouped once: the work grows with the rows, not with sets times rows.
    """
    regional = _regional(incidents)
    groups = regional.groupby(["indicator", "period"], sort=False).indices
    women = _women(population)
    sets = regional_sets(incidents)
    return [_set_of(i, p, regional.iloc[groups[(i, p)]], women)
            for i, p in zip(sets["indicator"], sets["period"], strict=True)]


def default_set(sets: list[IncidentSet], region_ids: Iterable[str]) -> IncidentSet | None:
    """Return the set shown unless another is chosen.

    That is the first that covers every region, else the first.
    """
    complete = [s for s in sets if s.covers(region_ids)]
    return next(iter(complete or sets), None)


def pair_ids(region_id: str, crosswalk: pd.DataFrame) -> list[str]:
    """List today's units that made up ``region_id``'s unit before 8 June 2022.

    The unit itself alone when it was not split.
    """
    old = crosswalk.loc[crosswalk["new_region_id"] == region_id, "old_region_id"]
    if old.empty:
        return [region_id]
    return list(crosswalk.loc[crosswalk["old_region_id"] == old.iloc[0], "new_region_id"])


def full_year_rates(incidents: IncidentSet, crosswalk: pd.DataFrame) -> pd.Series:
    """Each region's rate per 100,000 women over a full year of the same area.

    A region with a coverage note (created on 8 June 2022, or its parent holding that
    area before) gets its pair's rate: the pair's counts added up over the pair's women,
    the only full-year figure for either. Other regions keep their own rate.
    """
    out = incidents.rates.astype(float).copy()
    marked = set(incidents.marked.index)
    for rid in marked:
        pair = pair_ids(rid, crosswalk)
        if len(pair) > 1 and set(pair) <= set(out.index):
            counts = incidents.counts.reindex(pair).astype(float).sum()
            assert incidents.women is not None, "a set made by incident_rates has its women"
            out[rid] = counts / incidents.women.reindex(pair).astype(float).sum() * 100_000
    return out


def with_full_year_rates(incidents: IncidentSet, crosswalk: pd.DataFrame) -> IncidentSet:
    """Return the set with :func:`full_year_rates` as its rates.

    For weighting a plan: a region counted for part of 2022 would otherwise weigh too
    little, its parent too much.
    """
    return replace(incidents, rates=full_year_rates(incidents, crosswalk))


def to_17_units(incidents: IncidentSet, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Return the set on the 17-unit layout before 8 June 2022: each split pair added up.

    Returns
    -------
    DataFrame
        One row per old unit with a figure: ``old_region_id``, ``members`` (today's
        units, comma-separated), ``count``, ``women``, ``per_100k_women``; only units
        all of whose members report.
    """
    cw = crosswalk[["old_region_id", "new_region_id"]]
    rows = []
    for old, members in cw.groupby("old_region_id", sort=True)["new_region_id"]:
        ids = list(members)
        if not set(ids) <= set(incidents.counts.index):
            continue
        count = float(incidents.counts.reindex(ids).astype(float).sum())
        assert incidents.women is not None, "a set made by incident_rates has its women"
        women = float(incidents.women.reindex(ids).astype(float).sum())
        rows.append({"old_region_id": old, "members": ",".join(ids), "count": count,
                     "women": women, "per_100k_women": count / women * 100_000})
    return pd.DataFrame(rows, columns=["old_region_id", "members", "count", "women",
                                       "per_100k_women"])


#: What a coverage note means, in the report's words (the page says it in its language).
NOTE_TEXT = {
    FROM_CREATION: "counts from the region's creation on 8 June 2022 (part of the year)",
    INCLUDES_SPLIT: "includes, before 8 June 2022, the area of the region created then",
}
ESTIMATED_TEXT = ("estimated: a figure for the 17 units before June 2022, split by each "
                  "new unit's share of women (2023)")
QUALIFIER_TEXT = {"at_least": "at least this many", "approx": "approximate"}


def incident_records(incidents: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Every regional figure, one row each, as the report and exports give them.

    Parameters
    ----------
    incidents : DataFrame
        In today's layout (:func:`to_current_layout`).
    population : DataFrame
        ``region_id``, ``female``.

    Returns
    -------
    DataFrame
        ``region_id``, ``indicator``, ``period``, ``value`` (whole count; ``None`` under
        :data:`~coverage.settings.SMALL_COUNT` and where estimated), ``per_100k_women``
        (``None`` under the small count), ``shown_as`` ("<5", "~12" when estimated),
        ``source_url``, ``note`` (``None`` when there is nothing to add); sets in the
        order of :func:`regional_sets`.
    """
    order = {k: i for i, k in enumerate(regional_sets(incidents)["key"])}
    regional = _regional(incidents).copy()
    regional["key"] = [set_key(i, p) for i, p in zip(regional["indicator"],
                                                       regional["period"])]
    regional["order"] = regional["key"].map(order)
    regional = regional.sort_values(["order", "region_id"], kind="stable")
    women = population.set_index("region_id")["female"].astype(float)
    rows = []
    for r in regional.to_dict("records"):
        value = float(r["value"])
        small = value < settings.SMALL_COUNT
        estimated = bool(r.get("estimated", False))
        notes = [NOTE_TEXT.get(r.get("coverage_note") or "", r.get("coverage_note") or ""),
                 ESTIMATED_TEXT if estimated else "",
                 QUALIFIER_TEXT.get(r.get("qualifier") or "", "")]
        shown = shown_count(value, estimated=estimated)
        rows.append({
            "region_id": r["region_id"], "indicator": r["indicator"], "period": r["period"],
            "value": None if small or estimated else int(round(value)),
            "per_100k_women": None if small else value / women[r["region_id"]] * 100_000,
            "shown_as": shown, "source_url": r.get("source_url") or "",
            "note": "; ".join(n for n in notes if n) or None})
    out = pd.DataFrame(rows, columns=["region_id", "indicator", "period", "value",
                                      "per_100k_women", "shown_as", "source_url", "note"])
    out["value"] = out["value"].astype("Int64")
    return out
