"""The full picture in one object.

Reach, sensitivity, completeness, accessibility and standards.

:func:`build_report` funnels the datasets through the population model, the travel
model, the register's completeness, the sensitivity variants, the E2SFCA and the
standards. :mod:`coverage.report_format` gives the shapes the command line prints.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
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
from .incidents import (
    IncidentSet,
    default_set,
    incident_rates,
    incident_records,
    incident_sets,
    shown_counts,
    to_current_layout,
)
from .population import DemandModel, demand_model
from .reach import AREAS, area_reach, region_reach, travel_times
from .sensitivity import ASSUMPTIONS, ranges, sweep
from .settings import TravelMode
from .silence import rule, silent_zones
from .standards import standards_table
from .travel import travel_mode


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
    incidents : DataFrame
        Every regional incident figure (:func:`coverage.incidents.incident_records`).
    incident_set : IncidentSet or None
        The figures of the silent-zone rule and of ``regions["reported_rate"]``: the
        first set that covers every region (:func:`coverage.incidents.default_set`).

    ``regions`` also holds ``reported_count``, ``reported_rate`` (per 100,000 women, of
    ``incident_set``), ``rule_rate`` (the rate the rule uses) and ``silent_zone_<t>``
    per threshold (:func:`coverage.silence.silent_zones`; all False without a complete
    set); ``params["silent_zones"]`` the rule and its thresholds.
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
    incidents: pd.DataFrame
    incident_set: IncidentSet | None


def build_report(data: Datasets, *, centres: pd.DataFrame | None = None,
                 model: DemandModel | None = None,
                 thresholds: Sequence[int] | None = None,
                 travel: TravelMode | None = None,
                 basis: Basis | None = None,
                 incidents: pd.DataFrame | None = None,
                 incident_set: str | None = None) -> Report:
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
    travel : TravelMode, optional
        Defaults to the car scenario.
    basis : Basis, optional
        What the centres are; the bundled register (or its scenario) when omitted.
    incidents : DataFrame, optional
        Incident figures in today's layout (:func:`coverage.incidents.to_current_layout`)
        instead of the bundled ones (a user's table).
    incident_set : str, optional
        ``indicator@period`` of the figures of the silent-zone rule (default: the first
        set that covers every region).

    Raises
    ------
    ValueError
        An ``incident_set`` that the figures do not have.
    """
    centres = data.centres if centres is None else centres
    travel = travel or travel_mode()
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
        _area_sensitivity(summary, cast(pd.DataFrame, spread.xs(name, level="unit")),
                          thresholds)
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
    if incidents is None:
        incidents = to_current_layout(data.incidents, data.crosswalk)
    if incident_set:
        chosen = incident_rates(incidents, data.population, key=incident_set)
        if chosen is None:
            raise ValueError(f"no regional incident figures '{incident_set}' "
                             "(indicator@period)")
    else:
        chosen = default_set(incident_sets(incidents, data.population), region_ids)
    params["silent_zones"] = _silence(regions, areas, chosen, data, thresholds)
    params["incidents_source"] = incidents.attrs.get("file") or "bundled figures"
    return Report(params=params, regions=regions, areas=areas, points=points,
                  standards=standards, completeness=completeness, unlocated=unlocated,
                  sensitivity=table, basis=basis,
                  incidents=incident_records(incidents, data.population),
                  incident_set=chosen)


def _silence(regions: pd.DataFrame, areas: dict, incidents: IncidentSet | None,
             data: Datasets, thresholds: list[int]) -> dict:
    """Add the reported figures and every threshold's silent-zone flag to ``regions``.

    ``regions`` is changed in place (the frame is this report's own); returns the rule
    for ``params``.
    """
    minutes = min(thresholds, key=lambda m: (abs(m - settings.SILENT_MINUTES), m))
    complete = incidents is not None and incidents.covers(regions["region_id"])
    ids = regions["region_id"]
    # Counts under SMALL_COUNT are never given, nor the rates they could be read from.
    small = (incidents.suppressed.reindex(ids).fillna(False).to_numpy(bool)
             if incidents is not None else np.zeros(len(ids), bool))
    counts = (incidents.counts.reindex(ids).astype("Float64") if incidents is not None
              else pd.Series(pd.NA, index=ids, dtype="Float64"))
    regions["reported_count"] = counts.mask(small).astype("Int64").to_numpy()
    regions["reported_shown"] = shown_counts(counts) if incidents is not None else ""
    rates = (incidents.rates.reindex(ids).to_numpy(float) if incidents is not None
             else np.full(len(ids), np.nan))
    regions["reported_rate"] = np.where(small, np.nan, rates)
    regions["rule_rate"] = float("nan")
    for t in thresholds:
        regions[f"silent_zone_{t}"] = False
    if incidents is None or not complete:
        return {"available": False, "minutes": minutes,
                "why": "no incident figures cover every region"}
    for t in thresholds:
        zones = silent_zones(regions, incidents, data.crosswalk, threshold=t,
                             national_share=areas["national"]["share_within"][t])
        assert zones is not None  # the figures cover every region
        regions[f"silent_zone_{t}"] = zones["silent"].to_numpy()
        own = zones["rule_rate"].to_numpy() == zones["rate"].to_numpy()
        regions["rule_rate"] = np.where(small & own, np.nan, zones["rule_rate"].to_numpy())
    return {"available": True, **rule(incidents, threshold=minutes,
                                      national_share=areas["national"]["share_within"][minutes])}


def _area_sensitivity(summary: dict, spread: pd.DataFrame, thresholds: list[int]) -> None:
    def share(t: int, column: str) -> float:
        return float(cast(float, spread.loc[t, column]))

    summary["share_within_range"] = {t: (share(t, "low"), share(t, "high"))
                                     for t in thresholds}
    summary["share_within_by_assumption"] = {
        t: {a: (share(t, f"{a}_low"), share(t, f"{a}_high")) for a in ASSUMPTIONS}
        for t in thresholds}
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


def _params(model: DemandModel, travel: TravelMode, thresholds: list[int],
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
