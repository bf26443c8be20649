"""The full picture in one object: reach, sensitivity, completeness, accessibility and
standards.

:func:`build_report` funnels the datasets through the population model, the travel
model, the register's completeness, the sensitivity variants, the E2SFCA and the
standards. :mod:`coverage.report_format` gives the shapes the command line prints.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from . import settings
from .accessibility import e2sfca, region_access
from .basis import Basis, basis_of
from .completeness import (
    NATIONAL_ID,
    register_completeness,
    unattributed_missing,
    unlocated_centres,
)
from .data import Datasets
from .population import DemandModel, demand_model
from .reach import AREAS, area_reach, region_reach, travel_times
from .sensitivity import ASSUMPTIONS, ranges, sweep
from .settings import TravelScenario
from .standards import standards_table
from .travel import scenario


@dataclass(frozen=True)
class Report:
    """Results of one run of the engine.

    Attributes
    ----------
    params : dict
        Every assumption the figures depend on, the variants of the sensitivity range,
        and the basis (which centres).
    regions : DataFrame
        One row per region: names, reach per threshold with the sensitivity range
        (``share_within_<t>_low`` / ``_high``: lowest and highest share over every
        variant; ``share_within_<t>_<assumption>_low`` / ``_high``: over one assumption's
        variants and the default; ``share_within_<t>_driver``: the assumption that moves
        it most),
        minutes, E2SFCA places per 10,000 women, the register's completeness
        (:func:`coverage.completeness.register_completeness`) and the standards of
        :func:`coverage.standards.standards_table`.
    areas : dict
        ``national``, ``outside_almaty``, ``outside_cities``: summaries as in
        :func:`coverage.reach.summarise`, plus ``share_within_range``,
        ``share_within_by_assumption``, ``moved_most_by``, ``centres``,
        ``centres_located``, ``centres_planned``, ``register_incomplete``.
    points : DataFrame
        Demand points (default model) with ``nearest_centre``, ``km``, ``minutes`` and
        ``places_per_10k``.
    standards : DataFrame
        Standards per region plus the national row ``KZ``.
    completeness : DataFrame
        Centres located against reported, per region and ``KZ``.
    unlocated : DataFrame
        The centres the unlocated-centres variant places.
    sensitivity : DataFrame
        Every variant's share per region and area (long format, see
        :func:`coverage.sensitivity.sweep`).
    basis : Basis
        Which centres the figures count (also in ``params["basis"]``, as JSON).
    """

    params: dict
    regions: pd.DataFrame
    areas: dict
    points: pd.DataFrame
    standards: pd.DataFrame
    completeness: pd.DataFrame
    unlocated: pd.DataFrame
    sensitivity: pd.DataFrame
    basis: Basis


def build_report(data: Datasets, *, centres: pd.DataFrame | None = None,
                 model: DemandModel | None = None,
                 thresholds: Sequence[int] | None = None,
                 travel: TravelScenario | None = None,
                 basis: Basis | None = None) -> Report:
    """Run the engine.

    Parameters
    ----------
    data : Datasets
        Bundled datasets (:func:`coverage.load_all`).
    centres : DataFrame, optional
        Centres to use instead of ``data.centres`` (a user's register, a scenario:
        ``status == "planned"`` rows are a scenario's new centres).
    model : DemandModel, optional
        Precomputed demand points; built with the defaults when omitted.
    thresholds : sequence of int, optional
        Minutes for the reach figures (default :data:`~coverage.settings.THRESHOLDS_MIN`).
    travel : TravelScenario, optional
        Defaults to the car scenario.
    basis : Basis, optional
        What the centres are; the bundled register (or its scenario) when omitted.
    """
    centres = data.centres if centres is None else centres
    travel = travel or scenario()
    thresholds = sorted({int(t) for t in (thresholds or settings.THRESHOLDS_MIN)})
    if thresholds[0] <= 0:
        raise ValueError("thresholds must be positive minutes")
    model = model or demand_model(data.regions, data.population, data.settlements,
                                  water=data.water)
    basis = basis or basis_of(centres)
    region_ids = list(data.regions["region_id"])

    timed = travel_times(model.default, centres, travel=travel)
    reach = region_reach(timed, region_ids=region_ids, thresholds=thresholds)
    areas = area_reach(timed, thresholds=thresholds)

    completeness = register_completeness(centres, data.centre_counts, region_ids)
    unlocated = unlocated_centres(completeness, centres, data.settlements, data.regions)
    table = sweep(timed["minutes"].to_numpy(), model, centres, unlocated, travel=travel,
                  region_ids=region_ids, thresholds=thresholds)
    spread = ranges(table)
    for t in thresholds:
        r = spread.xs(t, level="threshold").reindex(region_ids)
        reach[f"share_within_{t}_low"] = r["low"].to_numpy()
        reach[f"share_within_{t}_high"] = r["high"].to_numpy()
        reach[f"share_within_{t}_driver"] = r["driver"].to_numpy()
        for a in ASSUMPTIONS:
            reach[f"share_within_{t}_{a}_low"] = r[f"{a}_low"].to_numpy()
            reach[f"share_within_{t}_{a}_high"] = r[f"{a}_high"].to_numpy()
    incomplete = completeness.set_index("region_id")["register_incomplete"]
    unattributed = unattributed_missing(completeness)
    for name, summary in areas.items():
        _area_sensitivity(summary, spread.xs(name, level="unit"), thresholds)
        inside = [r for r in region_ids if r not in AREAS[name]]
        summary["register_incomplete"] = bool(incomplete[inside].any() or unattributed > 0)

    points = e2sfca(timed, centres, travel=travel)
    standards = standards_table(data.regions, data.population, centres)
    names = data.regions[["region_id", "name_en", "name_ru", "name_kk", "kind"]]
    regions = (names.merge(reach, on="region_id")
               .merge(standards.drop(columns="women"), on="region_id")
               .merge(completeness, on="region_id"))
    regions["places_per_10k"] = region_access(points, region_ids=region_ids).to_numpy()
    _area_counts(areas, standards)
    areas["national"]["places_per_10k"] = float(
        (points["women"] * points["places_per_10k"]).sum() / points["women"].sum())

    register = {"placed": [{"region_id": r.region_id, "settlement": r.settlement}
                           for r in unlocated.itertuples()], "unattributed": unattributed}
    params = _params(model, travel, thresholds, points, basis, register)
    return Report(params=params, regions=regions, areas=areas, points=points,
                  standards=standards, completeness=completeness, unlocated=unlocated,
                  sensitivity=table, basis=basis)


def _area_sensitivity(summary: dict, spread: pd.DataFrame, thresholds: list[int]) -> None:
    summary["share_within_range"] = {t: (float(spread.loc[t, "low"]),
                                         float(spread.loc[t, "high"])) for t in thresholds}
    summary["share_within_by_assumption"] = {
        t: {a: (float(spread.loc[t, f"{a}_low"]), float(spread.loc[t, f"{a}_high"]))
            for a in ASSUMPTIONS} for t in thresholds}
    summary["moved_most_by"] = {t: spread.loc[t, "driver"] for t in thresholds}


def _area_counts(areas: dict, standards: pd.DataFrame) -> None:
    by_region = standards[standards["region_id"] != NATIONAL_ID].set_index("region_id")
    for name, summary in areas.items():
        inside = by_region.drop(index=list(AREAS[name]), errors="ignore")
        summary["centres"] = int(inside["centres"].sum())
        summary["centres_planned"] = int(inside["centres_planned"].sum())
        summary["centres_located"] = summary["centres"] - summary["centres_planned"]


def _bandwidth(b: float) -> float | None:
    return None if not math.isfinite(b) else float(b)


def _params(model: DemandModel, travel: TravelScenario, thresholds: list[int],
            points: pd.DataFrame, basis: Basis, register: dict) -> dict:
    default = model.default
    bandwidths = sorted({*settings.SENSITIVITY_BANDWIDTHS_KM, model.bandwidth_km})
    return {
        "scenario": travel.name, "speed_kmh": travel.speed_kmh, "detour": travel.detour,
        "wait_minutes": travel.wait_minutes, "urban_speed_kmh": travel.urban_speed_kmh,
        "travel_model": travel.description, "minutes": thresholds,
        "bandwidth_km": _bandwidth(model.bandwidth_km),
        "kernel_weighting": model.weighting, "cell_km": model.cell_km,
        "town_travel": model.town_travel,
        "town_density_per_km2": settings.TOWN_DENSITY_PER_KM2,
        "town_rings": settings.TOWN_RINGS if model.town_travel else 1,
        # Share of women not in listed settlements, spread by the kernel (an estimate).
        "women_spread_share": float((default["women"] - default["women_listed"]).sum()
                                    / default["women"].sum()),
        "sensitivity_bandwidths_km": [_bandwidth(b) for b in bandwidths],
        "variants": {
            "rural": {"default": model.default_key, "placements": list(model.sweep),
                      "weightings": list(settings.SENSITIVITY_WEIGHTINGS),
                      "weight_floor_people": settings.TOWN_WEIGHT_FLOOR},
            "register": {"rule": "each region's centres reported but not located: at its "
                                 "administrative centre, then at its largest towns "
                                 "without a centre", **register},
            "town": {"enabled": model.town_travel,
                     "density_per_km2": settings.TOWN_DENSITY_PER_KM2,
                     "density_factors": list(settings.TOWN_DENSITY_FACTORS)
                     if model.town_travel else []},
        },
        "e2sfca_zones": {f"{k:g}": v for k, v in settings.E2SFCA_ZONES.items()},
        "unknown_capacity_units": settings.UNKNOWN_CAPACITY_UNITS,
        "unknown_capacity_centres": points.attrs["unknown_capacity_centres"],
        "centres_source": basis.file or ("bundled register" + (" + scenario"
                                                              if basis.scenario else "")),
        "centres": basis.located + basis.planned, "basis": basis.as_dict(),
        "population_date": settings.POPULATION_DATE,
    }
