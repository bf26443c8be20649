"""Silent zones: where few incidents are reported and help is far away.

In 2019 only 7% of victims of domestic violence went to the police, so a low reported
rate is not evidence of safety. Where it comes with poor reach, it is more likely
silence. The rule (thresholds in :mod:`coverage.settings`, read at call time): a region
is a silent zone when

- its reported rate per 100,000 women is below ``SILENT_RATE_FACTOR`` times the national
  rate, and
- its share of women within the threshold is below ``SILENT_SHARE_FACTOR`` times the
  national share.

The rule needs an indicator that covers every region (else the national rate is not
national). For the units split or created on 8 June 2022, whose own 2022 figures cover
part of the year or an area larger than today's, the rate is the pair's full-year rate
(:func:`coverage.incidents.full_year_rates`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import settings
from .incidents import IncidentSet, full_year_rates, shown_counts

#: Quadrants of the scatter (reported rate against reach), in legend order.
QUADRANTS: tuple[str, ...] = ("silent", "reported_far", "quiet_near", "reported_near")


def quadrants(rate: np.ndarray, share: np.ndarray, *, national_rate: float,
              national_share: float) -> np.ndarray:
    """Return the quadrant of each unit.

    ``silent`` (low rate, low reach), ``reported_far`` (high rate, low reach),
    ``quiet_near`` (low rate, high reach), ``reported_near``.

    "Low" is below the factor of :mod:`coverage.settings` times the national figure.
    """
    low_rate = np.asarray(rate, float) < settings.SILENT_RATE_FACTOR * national_rate
    low_share = np.asarray(share, float) < settings.SILENT_SHARE_FACTOR * national_share
    return np.where(low_share, np.where(low_rate, "silent", "reported_far"),
                    np.where(low_rate, "quiet_near", "reported_near"))


def rule(incidents: IncidentSet, *, threshold: int, national_share: float) -> dict:
    """Return the rule with its thresholds, for the screen and the report's ``params``."""
    national_rate = incidents.national_rate()
    return {
        "rule": "reported rate per 100,000 women below rate_factor x the national rate, "
                "and share of women within the threshold below share_factor x the "
                "national share",
        "indicator": incidents.indicator, "period": incidents.period,
        "minutes": int(threshold),
        "rate_factor": settings.SILENT_RATE_FACTOR,
        "share_factor": settings.SILENT_SHARE_FACTOR,
        "national_rate_per_100k_women": national_rate,
        "national_share_within": float(national_share),
        "rate_below": settings.SILENT_RATE_FACTOR * national_rate,
        "share_below": settings.SILENT_SHARE_FACTOR * float(national_share),
        "full_year_pairs": sorted(incidents.marked.index),
    }


def silent_zones(regions: pd.DataFrame, incidents: IncidentSet, crosswalk: pd.DataFrame,
                 *, threshold: int, national_share: float) -> pd.DataFrame | None:
    """Every region's reported rate against its reach, and whether it is a silent zone.

    Parameters
    ----------
    regions : DataFrame
        :attr:`coverage.report.Report.regions` (``region_id``, ``women``,
        ``share_within_<threshold>``).
    incidents : IncidentSet
        The reported figures; ``None`` is returned unless they cover every region.
    crosswalk : DataFrame
        :func:`coverage.data.load_crosswalk` (the pairs split on 8 June 2022).
    threshold : int
        Minutes.
    national_share : float
        The national share of women within ``threshold``.

    Returns
    -------
    DataFrame or None
        ``region_id``, ``women``, ``share_within``, ``count``, ``shown_as`` ("<5" for
        small counts), ``rate`` (as reported), ``rule_rate`` (the rate the rule uses:
        the pair's full-year rate for marked regions), ``note``, ``quadrant``,
        ``silent``; ``attrs["rule"]`` holds :func:`rule`.
    """
    if not incidents.covers(regions["region_id"]):
        return None
    r = regions.set_index("region_id")
    ids = r.index
    rule_rate = full_year_rates(incidents, crosswalk).reindex(ids).to_numpy(float)
    share = r[f"share_within_{threshold}"].to_numpy(float)
    info = rule(incidents, threshold=threshold, national_share=national_share)
    quadrant = quadrants(rule_rate, share, national_rate=info["national_rate_per_100k_women"],
                         national_share=national_share)
    counts = incidents.counts.reindex(ids)
    notes = incidents.notes.reindex(ids).fillna("") if incidents.notes is not None else ""
    out = pd.DataFrame({
        "region_id": ids, "women": r["women"].to_numpy(float), "share_within": share,
        "count": counts.to_numpy(),
        "shown_as": shown_counts(counts),
        "rate": incidents.rates.reindex(ids).to_numpy(float),
        "rule_rate": rule_rate, "note": np.asarray(notes, dtype=object),
        "quadrant": quadrant, "silent": quadrant == "silent"}).reset_index(drop=True)
    out.attrs["rule"] = info
    return out


def silent_zones_17(regions: pd.DataFrame, incidents: IncidentSet,
                    crosswalk: pd.DataFrame, *, threshold: int,
                    national_share: float) -> pd.DataFrame | None:
    """Run :func:`silent_zones` on the 17-unit layout before 8 June 2022.

    Each pair's women, women within the threshold and counts are added up (one clean
    full year).

    Returns
    -------
    DataFrame or None
        As :func:`silent_zones`, ``region_id`` the old unit's and ``members`` today's
        units it holds.
    """
    if not incidents.covers(regions["region_id"]):
        return None
    r = regions.set_index("region_id")
    cw = crosswalk[["old_region_id", "new_region_id"]]
    rows = []
    for old, members in cw.groupby("old_region_id", sort=True)["new_region_id"]:
        ids = list(members)
        women = float(r.loc[ids, "women"].sum())
        count = float(incidents.counts.reindex(ids).astype(float).sum())
        assert incidents.women is not None, "a set made by incident_rates has its women"
        rows.append({"region_id": old, "members": ",".join(ids), "women": women,
                     "share_within": float(r.loc[ids, f"women_within_{threshold}"].sum())
                     / women,
                     "count": count,
                     "rate": count / float(incidents.women.reindex(ids).sum()) * 100_000})
    out = pd.DataFrame(rows)
    info = rule(incidents, threshold=threshold, national_share=national_share)
    out["shown_as"] = shown_counts(out["count"])
    out["rule_rate"] = out["rate"]
    out["note"] = ""
    out["quadrant"] = quadrants(out["rate"].to_numpy(), out["share_within"].to_numpy(),
                                national_rate=info["national_rate_per_100k_women"],
                                national_share=national_share)
    out["silent"] = out["quadrant"] == "silent"
    out.attrs["rule"] = info
    return out
