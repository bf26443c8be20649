"""The full picture in one object: reach, sensitivity, accessibility and standards.

:func:`build_report` funnels the datasets through the population model, the travel
model, the E2SFCA and the standards; :func:`report_json` and :func:`report_csv` give the
shapes the command line prints.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import settings
from .accessibility import e2sfca, region_access
from .data import Datasets
from .population import DemandModel, demand_model
from .reach import AREAS, area_reach, region_reach, travel_times
from .settings import TravelScenario
from .standards import standards_table
from .travel import scenario

#: JSON names of the groups of :data:`coverage.reach.AREAS`.
AREA_KEYS = {"national": "national", "outside_almaty": "outside_almaty",
             "outside_cities": "outside_almaty_astana_shymkent"}


@dataclass(frozen=True)
class Report:
    """Results of one run of the engine.

    Attributes
    ----------
    params : dict
        Every assumption the figures depend on.
    regions : DataFrame
        One row per region: names, reach per threshold with the sensitivity range
        (``share_within_<t>_low`` / ``_high``: lowest and highest share over the
        bandwidths of the population model's sweep and its default), minutes, E2SFCA
        places per 10,000 women, and the standards of :func:`coverage.standards.standards_table`.
    areas : dict
        ``national``, ``outside_almaty``, ``outside_cities``: summaries as in
        :func:`coverage.reach.summarise`, plus ``share_within_range`` and ``centres``.
    points : DataFrame
        Demand points (default model) with ``nearest_centre``, ``km``, ``minutes`` and
        ``places_per_10k``.
    standards : DataFrame
        Standards per region plus the national row ``KZ``.
    """

    params: dict
    regions: pd.DataFrame
    areas: dict
    points: pd.DataFrame
    standards: pd.DataFrame


def build_report(data: Datasets, *, centres: pd.DataFrame | None = None,
                 model: DemandModel | None = None,
                 thresholds: Sequence[int] = settings.THRESHOLDS_MIN,
                 travel: TravelScenario | None = None,
                 centres_source: str = "bundled register") -> Report:
    """Run the engine.

    Parameters
    ----------
    data : Datasets
        Bundled datasets (:func:`coverage.load_all`).
    centres : DataFrame, optional
        Centres to use instead of ``data.centres`` (a user's register, a scenario).
    model : DemandModel, optional
        Precomputed demand points; built with the default bandwidth when omitted.
    thresholds : sequence of int
        Minutes for the reach figures.
    travel : TravelScenario, optional
        Defaults to the car scenario.
    """
    centres = data.centres if centres is None else centres
    travel = travel or scenario()
    thresholds = sorted({int(t) for t in thresholds})
    if not thresholds or thresholds[0] <= 0:
        raise ValueError("thresholds must be positive minutes")
    model = model or demand_model(data.regions, data.population, data.settlements)
    region_ids = list(data.regions["region_id"])

    timed = {k: travel_times(v, centres, travel=travel) for k, v in model.variants().items()}
    reach = region_reach(timed["default"], region_ids=region_ids, thresholds=thresholds)
    areas = area_reach(timed["default"], thresholds=thresholds)
    # Sensitivity: lowest and highest share over the sweep and the default.
    region_shares = {t: [reach[f"share_within_{t}"].to_numpy()] for t in thresholds}
    area_shares = {name: {t: [s["share_within"][t]] for t in thresholds}
                   for name, s in areas.items()}
    for name, points in timed.items():
        if name == "default":
            continue
        r = region_reach(points, region_ids=region_ids, thresholds=thresholds)
        a = area_reach(points, thresholds=thresholds)
        for t in thresholds:
            region_shares[t].append(r[f"share_within_{t}"].to_numpy())
            for area in areas:
                area_shares[area][t].append(a[area]["share_within"][t])
    for t in thresholds:
        stacked = np.vstack(region_shares[t])
        reach[f"share_within_{t}_low"] = np.nanmin(stacked, axis=0)
        reach[f"share_within_{t}_high"] = np.nanmax(stacked, axis=0)
    for name, summary in areas.items():
        summary["share_within_range"] = {t: (min(area_shares[name][t]),
                                             max(area_shares[name][t])) for t in thresholds}
        summary["centres"] = int((~centres["region_id"].isin(AREAS[name])).sum())

    points = e2sfca(timed["default"], centres, travel=travel)
    standards = standards_table(data.regions, data.population, centres)
    names = data.regions[["region_id", "name_en", "name_ru", "name_kk", "kind"]]
    regions = (names.merge(reach, on="region_id")
               .merge(standards.drop(columns="women"), on="region_id"))
    regions["places_per_10k"] = region_access(points, region_ids=region_ids).to_numpy()
    national_access = float((points["women"] * points["places_per_10k"]).sum()
                            / points["women"].sum())
    areas["national"]["places_per_10k"] = national_access

    params = {
        "scenario": travel.name, "speed_kmh": travel.speed_kmh, "detour": travel.detour,
        "wait_minutes": travel.wait_minutes, "travel_model": travel.description,
        "minutes": thresholds,
        "bandwidth_km": model.bandwidth_km, "cell_km": model.cell_km,
        # Share of women not in listed settlements, spread by the kernel (an estimate).
        "women_spread_share": float((model.default["women"] - model.default["women_listed"])
                                    .sum() / model.default["women"].sum()),
        "sensitivity_bandwidths_km": [_num(b) if math.isfinite(b) else "inf"
                                      for b in [model.bandwidth_km, *model.sweep]],
        "e2sfca_zones": {f"{k:g}": v for k, v in settings.E2SFCA_ZONES.items()},
        "unknown_capacity_units": settings.UNKNOWN_CAPACITY_UNITS,
        "unknown_capacity_centres": points.attrs["unknown_capacity_centres"],
        "centres_source": centres_source, "centres": len(centres),
        "population_date": settings.POPULATION_DATE,
    }
    return Report(params=params, regions=regions, areas=areas, points=points,
                  standards=standards)


def _num(x: float) -> float | None:
    """JSON-safe float: NaN and inf become null."""
    return None if x is None or not math.isfinite(x) else float(x)


def _area_json(summary: dict, thresholds: Sequence[int]) -> dict:
    out = {
        "women": int(round(summary["women"])),
        "centres": summary["centres"],
        "women_within": {str(t): int(round(summary["women_within"][t])) for t in thresholds},
        "share_within": {str(t): _num(summary["share_within"][t]) for t in thresholds},
        "share_within_range": {str(t): [_num(v) for v in summary["share_within_range"][t]]
                               for t in thresholds},
        "median_minutes": _num(summary["median_minutes"]),
        "p90_minutes": _num(summary["p90_minutes"]),
    }
    if "places_per_10k" in summary:
        out["places_per_10k"] = _num(summary["places_per_10k"])
    return out


def report_json(report: Report) -> dict:
    """The report as JSON-ready dicts (minutes as string keys, shares from 0 to 1)."""
    t = report.params["minutes"]
    national_std = report.standards.set_index("region_id").loc["KZ"]
    out = {"params": report.params}
    for name, key in AREA_KEYS.items():
        out[key] = _area_json(report.areas[name], t)
    out["national"]["standards"] = _standards_json(national_std)
    regions = []
    for r in report.regions.to_dict("records"):
        regions.append({
            "region_id": r["region_id"], "name": r["name_en"], "name_ru": r["name_ru"],
            "name_kk": r["name_kk"], "kind": r["kind"],
            "women": int(round(r["women"])), "centres": int(r["centres"]),
            "women_within": {str(m): int(round(r[f"women_within_{m}"])) for m in t},
            "share_within": {str(m): _num(r[f"share_within_{m}"]) for m in t},
            "share_within_range": {str(m): [_num(r[f"share_within_{m}_low"]),
                                            _num(r[f"share_within_{m}_high"])] for m in t},
            "median_minutes": _num(r["median_minutes"]),
            "p90_minutes": _num(r["p90_minutes"]),
            "places_per_10k": _num(r["places_per_10k"]),
            "standards": _standards_json(r),
        })
    out["regions"] = regions
    return out


def _standards_json(r) -> dict:
    gap = r["shelter_places_gap"]
    return {
        "population": int(r["population"]), "has_centre": bool(r["has_centre"]),
        "shelter_places_needed": int(r["shelter_places_needed"]),
        "shelter_places_known": int(r["shelter_places_known"]),
        "centres_capacity_unknown": int(r["centres_capacity_unknown"]),
        "shelter_places_gap": None if pd.isna(gap) else int(gap),
        "shelter_places_gap_at_most": int(r["shelter_places_gap_at_most"]),
        "counselling_centres_needed": int(r["counselling_centres_needed"]),
        "counselling_gap": int(r["counselling_gap"]),
        "shelter_denominator": r["shelter_denominator"],
        "counselling_denominator": r["counselling_denominator"],
    }


def report_table(report: Report) -> pd.DataFrame:
    """Flat table: one row per region, then the national groups (``area`` column)."""
    t = report.params["minutes"]
    keep = (["region_id", "name_en", "kind", "women", "centres"]
            + [f"{p}_{m}" for m in t for p in ("women_within", "share_within")]
            + [f"share_within_{m}_{s}" for m in t for s in ("low", "high")]
            + ["median_minutes", "p90_minutes", "places_per_10k", "population",
               "shelter_places_needed", "shelter_places_known", "centres_capacity_unknown",
               "shelter_places_gap", "counselling_centres_needed", "counselling_gap"])
    table = report.regions[keep].copy()
    table.insert(0, "area", "region")
    rows = []
    labels = {"national": "Kazakhstan", "outside_almaty": "Kazakhstan outside Almaty",
              "outside_cities": "Kazakhstan outside Almaty, Astana and Shymkent"}
    for name, s in report.areas.items():
        row = {"area": AREA_KEYS[name], "region_id": "KZ", "name_en": labels[name],
               "women": s["women"], "centres": s["centres"],
               "median_minutes": s["median_minutes"], "p90_minutes": s["p90_minutes"]}
        for m in t:
            row[f"women_within_{m}"] = s["women_within"][m]
            row[f"share_within_{m}"] = s["share_within"][m]
            row[f"share_within_{m}_low"], row[f"share_within_{m}_high"] = \
                s["share_within_range"][m]
        rows.append(row)
    table = pd.concat([table, pd.DataFrame(rows)], ignore_index=True)
    for col in ["women"] + [f"women_within_{m}" for m in t]:
        table[col] = table[col].round().astype("int64")
    for col in ["population", "shelter_places_needed", "shelter_places_known",
                "centres_capacity_unknown", "shelter_places_gap",
                "counselling_centres_needed", "counselling_gap"]:
        table[col] = table[col].astype("Int64")  # empty on the national-group rows
    return table


def report_csv(report: Report) -> str:
    """:func:`report_table` as CSV text (infinite minutes written as ``inf``)."""
    buf = io.StringIO()
    report_table(report).replace({np.inf: "inf"}).to_csv(buf, index=False,
                                                         lineterminator="\n")
    return buf.getvalue()
