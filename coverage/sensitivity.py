"""How far each share of women within reach moves with the biggest unknowns.

Three assumptions, varied one at a time around the default:

* ``rural``: where the women outside listed settlements live (kernel bandwidths and
  weightings of :func:`coverage.population.demand_model`);
* ``register``: centres officials report but the register does not locate, placed by
  :func:`coverage.completeness.unlocated_centres`;
* ``town``: the way inside towns, with towns half and twice as dense as the default
  (:data:`~coverage.settings.TOWN_DENSITY_FACTORS`).

Every variant gives a share per region and per area; the range of a figure is the lowest
and highest over the default and all variants, and the assumption that "moves it most"
is the one whose own range is widest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from . import settings
from .population import DemandModel
from .reach import AREAS, nearest_minutes
from .settings import TravelMode

ASSUMPTIONS: tuple[str, ...] = ("rural", "register", "town")


@dataclass(frozen=True)
class Variant:
    """One way the world could differ from the default."""

    name: str
    assumption: str
    demand: pd.DataFrame
    centres: pd.DataFrame


def variants(model: DemandModel, centres: pd.DataFrame, unlocated: pd.DataFrame
             ) -> list[Variant]:
    """Build the variants of :data:`ASSUMPTIONS` for this register (see the module text)."""
    out = [Variant(f"rural: {key}", "rural", points, centres)
           for key, points in model.sweep.items()]
    cols = ["centre_id", "lon", "lat", "region_id"]
    with_unlocated = pd.concat([centres[cols], unlocated[cols]], ignore_index=True)
    out.append(Variant("register: unlocated centres placed", "register", model.default,
                       with_unlocated))
    if model.town_travel:
        for factor in settings.TOWN_DENSITY_FACTORS:
            # Radii scale with 1 / sqrt(density).
            demand = model.default.assign(town_km=model.default["town_km"] / np.sqrt(factor))
            out.append(Variant(f"town: density x{factor:g}", "town", demand, centres))
    return out


def shares(demand: pd.DataFrame, minutes: np.ndarray, *, region_ids: Sequence[str],
           thresholds: Sequence[int]) -> pd.DataFrame:
    """Share of women within each threshold, per region and per area.

    The areas are those of :data:`~coverage.reach.AREAS`; long format: ``unit``,
    ``threshold``, ``share``.
    """
    code = {r: i for i, r in enumerate(region_ids)}
    region = demand["region_id"].map(code).to_numpy()
    women = demand["women"].to_numpy(float)
    total = np.bincount(region, weights=women, minlength=len(region_ids))
    rows = []
    for t in thresholds:
        within = np.bincount(region, weights=women * (minutes <= t), minlength=len(region_ids))
        share = np.divide(within, total, out=np.full(len(total), np.nan), where=total > 0)
        rows += [(rid, t, s) for rid, s in zip(region_ids, share)]
        for area, excluded in AREAS.items():
            keep = ~np.isin(region_ids, excluded)
            rows.append((area, t, within[keep].sum() / total[keep].sum()))
    return pd.DataFrame(rows, columns=["unit", "threshold", "share"])


def sweep(default_minutes: np.ndarray, model: DemandModel, centres: pd.DataFrame,
          unlocated: pd.DataFrame, *, travel: TravelMode, region_ids: Sequence[str],
          thresholds: Sequence[int]) -> pd.DataFrame:
    """Shares under the default and every variant, long format.

    Returns
    -------
    DataFrame
        ``variant``, ``assumption`` (``default`` for the default), ``unit`` (region id
        or area name), ``threshold``, ``share``.
    """
    frames = [shares(model.default, default_minutes, region_ids=region_ids,
                     thresholds=thresholds).assign(variant="default", assumption="default")]
    for v in variants(model, centres, unlocated):
        frames.append(shares(v.demand, nearest_minutes(v.demand, v.centres, travel),
                             region_ids=region_ids, thresholds=thresholds)
                      .assign(variant=v.name, assumption=v.assumption))
    out = pd.concat(frames, ignore_index=True)
    return out[["variant", "assumption", "unit", "threshold", "share"]]


def ranges(table: pd.DataFrame) -> pd.DataFrame:
    """Lowest and highest share per unit and threshold, overall and per assumption.

    Also the assumption that moves the figure most.

    Returns
    -------
    DataFrame
        Indexed by (``unit``, ``threshold``): ``low``, ``high``, ``<assumption>_low`` and
        ``<assumption>_high`` (each with the default), and ``driver`` (``None`` when no
        assumption moves the figure by more than 0.05 points).
    """
    keys = ["unit", "threshold"]
    # Named aggregations give a frame (pandas-stubs types this as a Series).
    out = cast(pd.DataFrame, table.groupby(keys)["share"].agg(low="min", high="max"))
    default = table[table["assumption"] == "default"]
    spans = {}
    for a in ASSUMPTIONS:
        part = pd.concat([default, table[table["assumption"] == a]])
        r = part.groupby(keys)["share"].agg(["min", "max"])
        out[f"{a}_low"], out[f"{a}_high"] = r["min"], r["max"]
        spans[a] = (r["max"] - r["min"]).fillna(0.0)
    span = pd.DataFrame(spans)
    driver = span.idxmax(axis=1)
    out["driver"] = driver.where(span.max(axis=1) > 5e-4, None)
    return out
