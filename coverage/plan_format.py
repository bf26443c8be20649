"""A plan as people read it: one row per site with its reason, and the objective's values.

The same rows feed the page's table, the command line's JSON and CSV; names are in the
reader's language (:mod:`coverage.names`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .explain import TOWNS_NAMED, reason
from .i18n import fmt_pct, t
from .names import settlement_names
from .planning import Plan

#: What each objective measures, for the JSON: name of the value and its unit.
OBJECTIVE_UNITS: dict[str, str] = {"coverage": "women within the threshold",
                                   "time": "woman-minutes to the nearest centre",
                                   "capacity": "women with a place within the threshold"}


def plan_rows(plan: Plan, settlements: pd.DataFrame, *, lang: str,
              region_names: dict[str, str], stability: pd.DataFrame | None = None
              ) -> pd.DataFrame:
    """Return one row per suggested site, in the plan's order.

    Columns: ``order``, ``settlement`` (in ``lang``), ``geonameid``, ``region_id``,
    ``region``, ``population``, ``capital``, ``gain``, ``women_gained``, ``women_closer``,
    ``minutes_saved_per_woman``, ``towns_reached`` (the largest three: ``{geonameid, name,
    women}``, names in ``lang``), ``towns_count``, ``reason`` (in ``lang``) and, with
    ``stability``, ``chosen_in_variants``, ``variants`` (tried), ``women_min``,
    ``women_max``.
    """
    names = settlement_names(settlements, lang)
    minutes = float(plan.params["minutes"])
    chosen = plan.chosen.reset_index(drop=True)
    closer = chosen["women_closer"].to_numpy(float)
    saved = chosen["minutes_saved"].to_numpy(float)
    out = pd.DataFrame({
        "order": np.arange(1, len(chosen) + 1),
        "settlement": [names.get(int(g), s) for g, s in
                       zip(chosen["geonameid"], chosen["settlement"])],
        "geonameid": chosen["geonameid"].astype("int64").to_numpy(),
        "region_id": chosen["region_id"].to_numpy(),
        "region": chosen["region_id"].map(region_names).to_numpy(),
        "population": chosen["population"].array, "capital": chosen["capital"].to_numpy(bool),
        "gain": chosen["gain"].to_numpy(float),
        "women_gained": chosen["women_gained"].to_numpy(float),
        "women_closer": closer,
        "minutes_saved_per_woman": np.divide(saved, closer, out=np.full(len(closer), np.nan),
                                             where=closer > 0),
        "towns_reached": [[{**x, "name": names.get(int(x["geonameid"]), x["name"])}
                           for x in towns[:TOWNS_NAMED]] for towns in chosen["towns_reached"]],
        "towns_count": chosen["towns_count"].to_numpy(int),
        "reason": [reason(row, lang=lang, minutes=minutes, town_names=names)
                   for row in chosen.to_dict("records")]})
    if stability is not None:
        by_id = stability.set_index("geonameid")
        for column in ("chosen_in_variants", "variants", "women_min", "women_max"):
            out[column] = by_id.loc[out["geonameid"], column].to_numpy()
    return out


def limit_notes(plan: Plan, stability: pd.DataFrame | None, *, lang: str,
                budget_s: float | None = None) -> list[str]:
    """Say, in ``lang``, where a time limit stopped the plan or its stability test.

    "Stopped at the time limit of 10 s: the best plan found, within 0.4% of the best
    possible", and "… after 5 of 13 variants" (``budget_s``: the stability's budget).
    """
    notes = []
    if plan.stopped:
        notes.append(t("plan_stopped", lang, limit=_seconds(plan.params["time_limit_s"], lang),
                       gap=fmt_pct(plan.gap, lang), solver=plan.solver,
                       seconds=_seconds(round(plan.seconds, 2), lang)))
    if stability is not None and len(stability):
        tried, every = int(stability["variants"].iloc[0]), int(stability["variants_all"].iloc[0])
        if tried < every:
            notes.append(t("plan_stability_stopped", lang, m=tried, n=every,
                           limit=_seconds(budget_s, lang) if budget_s is not None else "?"))
    return notes


def _seconds(value: float, lang: str) -> str:
    """Write seconds as the language writes a decimal: ``0.5`` in English, ``0,5`` else."""
    text = f"{value:g}"
    return text if lang == "en" else text.replace(".", ",")


def objective_values(plan: Plan) -> dict[str, object]:
    """Return the objective's name, unit and value before and after the new sites.

    For ``time`` also the minutes per woman; for every objective the share of women within
    the threshold before and after.
    """
    out: dict[str, object] = {"name": plan.objective, "unit": OBJECTIVE_UNITS[plan.objective],
                              "before": plan.value_before, "after": plan.value_after}
    if plan.objective == "time":
        out["minutes_per_woman_before"] = plan.mean_minutes(plan.value_before)
        out["minutes_per_woman_after"] = plan.mean_minutes(plan.value_after)
    out["share_within_before"] = plan.share_before
    out["share_within_after"] = plan.share_after
    return out


def plan_csv(rows: pd.DataFrame) -> str:
    """Write :func:`plan_rows` as CSV, each site's towns in one cell ("Name women; ...")."""
    flat = rows.assign(towns_reached=[
        "; ".join(f"{x['name']} {math.floor(x['women'] + 0.5)}" for x in towns)
        for towns in rows["towns_reached"]])
    for column in ("gain", "women_gained", "women_closer", "women_min", "women_max"):
        if column in flat:
            flat[column] = flat[column].round().astype("Int64")
    flat["minutes_saved_per_woman"] = flat["minutes_saved_per_woman"].round(1)
    return flat.to_csv(index=False, lineterminator="\n")
