"""Every cached computation of the page, and the one way to cache one.

``st.cache_resource`` for the read-only bundled data and population model, shared results
for the bundled data (bounded in entries and bytes), and each session's own results on its
uploads or on a scenario carrying much text (gone with the session): :func:`shared_or_session`,
which :mod:`app.leaflet` (the map's script per view), :mod:`app.region` (the method text)
and :mod:`app.plans` also use for their own results.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

import coverage
from app import session
from app.inputs import BUNDLED, Inputs
from coverage import population, settings, tables
from coverage.basis import Basis, basis_of
from coverage.evidence import load_evidence
from coverage.incidents import (
    IncidentSet,
    default_set,
    incident_sets,
    to_current_layout,
)
from coverage.indicators import Classes, classes_of
from coverage.names import with_local_names
from coverage.population import DemandModel
from coverage.report import Report, build_report
from coverage.scenarios import Scenario, apply
from coverage.tables import settlement_labels
from coverage.travel import travel_mode

F = TypeVar("F", bound=Callable)

#: The register as it is (no what-if).
NO_CHANGE = Scenario()


@st.cache_resource(show_spinner=False)
def load_data() -> coverage.Datasets:
    """Return the bundled datasets, read once per server process."""
    return coverage.load_all()


@st.cache_resource(show_spinner=False)
def load_model() -> DemandModel:
    """Return the population model (demand points), built once.

    It depends on no choice on the page.
    """
    # The population model does not depend on threshold, indicator or scenario.
    data = load_data()
    return population.demand_model(data.regions, data.population, data.settlements,
                                   water=data.water)


#: Results on a user's data kept per session (the oldest go first).
SESSION_RESULTS = 24


def uploads() -> dict[str, object]:
    """Return this session's uploaded frames, by the file's hash (only the current ones)."""
    return session.setdefault("uploads", {})


def shared_or_session(max_entries: int) -> Callable[[F], F]:
    """Cache a function of the engine.

    Results on the bundled data are shared by every session (``st.cache_data``: each caller
    gets its own copy, so no session can change another's), at most ``max_entries`` of
    them and :data:`~coverage.settings.SHARED_CACHE_MB` of pickled bytes per function
    (``server.maxCacheDataSize`` bounds them all). Results on a user's file (its last
    argument an :class:`Inputs` other than :data:`BUNDLED`) or on a scenario carrying more
    text than :data:`~coverage.settings.SHARED_SCENARIO_CHARS` stay in that session's state
    and go with it, so no other session can reach them and memory returns: nothing a user
    makes large lands in a cache every session shares.
    """
    def decorate(fn: F) -> F:
        shared = st.cache_data(show_spinner=False, max_entries=max_entries,
                               max_size=settings.SHARED_CACHE_MB * 1024 * 1024)(fn)

        @functools.wraps(fn)
        def call(*args: object) -> object:
            if shareable(args):
                return shared(*args)
            results = session.setdefault("results", {})
            key = (fn.__name__, args)
            if key not in results:
                while len(results) >= SESSION_RESULTS:
                    results.pop(next(iter(results)))
                results[key] = fn(*args)
            return results[key]
        return call  # type: ignore[return-value]
    return decorate


def shareable(args: tuple[object, ...]) -> bool:
    """Whether results on ``args`` may be shared by every session.

    They may on the bundled data (no :class:`Inputs` last, or :data:`BUNDLED`) with no
    scenario, or one whose text is small (:attr:`Scenario.text_chars`), given as such or
    as a field of an argument (a view).
    """
    if args and isinstance(args[-1], Inputs) and not args[-1].bundled:
        return False
    scenarios = [a if isinstance(a, Scenario) else getattr(a, "scn", None) for a in args]
    return all(s.text_chars <= settings.SHARED_SCENARIO_CHARS for s in scenarios
               if isinstance(s, Scenario))


def base_centres(inp: Inputs) -> pd.DataFrame:
    """Return the register this session uses: the bundled one or its upload."""
    return load_data().centres if inp.centres == "bundled" else uploads()[inp.centres]


@shared_or_session(max_entries=64)
def centres_for(scn: Scenario, inp: Inputs = BUNDLED) -> pd.DataFrame:
    """Return the register with the what-if scenario applied.

    Every centre's name and settlement come in each language (``name_ru``,
    ``settlement_kk``...: :func:`coverage.names.with_local_names`), planned ones named after
    their settlement, so that the map, tables, basis line and exports show them in the
    reader's language.
    """
    return with_local_names(apply(base_centres(inp), scn), load_data().settlements)


def basis_for(scn: Scenario, inp: Inputs) -> Basis:
    """Return what the figures stand on: which register, which file, which scenario."""
    return basis_of(centres_for(scn, inp), file=inp.centres_file,
                    disabled=len(scn.disabled))


@shared_or_session(max_entries=64)
def run_report(scenario_name: str, scn: Scenario = NO_CHANGE, set_key: str = "",
               inp: Inputs = BUNDLED) -> Report:
    """Build the whole report for a travel mode, scenario and incident set (every threshold)."""
    # Every threshold at once: changing the threshold only picks other columns.
    # ``set_key``: the silent-zone rule's figures ("" for the first complete set).
    return build_report(load_data(), model=load_model(), thresholds=list(settings.THRESHOLDS_MIN),
                        travel=travel_mode(scenario_name), centres=centres_for(scn, inp),
                        basis=basis_for(scn, inp), incidents=incident_table(inp),
                        incident_set=set_key or None)


def incident_table(inp: Inputs) -> pd.DataFrame:
    """Return the incident figures in use, in today's 20 units."""
    if inp.incidents == "bundled":
        return bundled_incidents()
    return uploads()[inp.incidents]


@st.cache_resource(show_spinner=False)
def bundled_incidents() -> pd.DataFrame:
    """Return the bundled incident figures in today's 20 units."""
    data = load_data()
    return to_current_layout(data.incidents, data.crosswalk)


@st.cache_data(show_spinner=False)
def town_labels(lang: str) -> dict[int, str]:
    """Every settlement's label in ``lang``, for the planner's list."""
    data = load_data()
    return settlement_labels(data.settlements, data.regions, lang=lang)


def incident_sets_of(inp: Inputs = BUNDLED) -> dict[str, IncidentSet]:
    """Every regional set of the figures in use, by key, complete ones first."""
    if inp.incidents == "bundled":
        return bundled_incident_sets()
    return _uploaded_incident_sets(inp)


@st.cache_resource(show_spinner=False)
def bundled_incident_sets() -> dict[str, IncidentSet]:
    """Return the bundled incident sets, by key."""
    # Read-only bundled data, asked for many times a run: shared, not copied.
    sets = incident_sets(bundled_incidents(), load_data().population)
    return {s.key: s for s in sets}


@shared_or_session(max_entries=16)
def _uploaded_incident_sets(inp: Inputs) -> dict[str, IncidentSet]:
    sets = incident_sets(incident_table(inp), load_data().population)
    return {s.key: s for s in sets}


def incident_set(key: str, inp: Inputs = BUNDLED) -> IncidentSet | None:
    """Return the set ``key`` (the default set when ``key`` is "" or not among the figures)."""
    sets = incident_sets_of(inp)
    if key in sets:
        return sets[key]
    return default_set(list(sets.values()), load_data().regions["region_id"])


def rule_key(key: str, inp: Inputs = BUNDLED) -> str:
    """Return the silent-zone rule's (and incident weighting's) figures.

    They are the chosen set if it covers every region, else "" (the first complete set).
    """
    chosen = incident_set(key, inp)
    regions = load_data().regions["region_id"]
    return chosen.key if chosen is not None and chosen.covers(regions) else ""


@shared_or_session(max_entries=64)
def classes_for(scenario_name: str, indicator: str, threshold: int, set_key: str,
                scn: Scenario = NO_CHANGE, inp: Inputs = BUNDLED) -> Classes:
    """Return the map's colour classes for the view."""
    report = run_report(scenario_name, scn, rule_key(set_key, inp), inp)
    return classes_of(report.regions, indicator, threshold=threshold,
                      incidents=incident_set(set_key, inp))


@shared_or_session(max_entries=64)
def ranking_table(scenario_name: str, indicator: str, threshold: int, set_key: str,
                  scn: Scenario, lang: str, inp: Inputs = BUNDLED) -> pd.DataFrame:
    """Return the regions ranked by the view's indicator (:func:`tables.region_table`)."""
    report = run_report(scenario_name, scn, rule_key(set_key, inp), inp)
    classes = classes_for(scenario_name, indicator, threshold, set_key, scn, inp)
    return tables.region_table(report, classes, lang=lang, threshold=threshold)


@st.cache_resource(show_spinner=False)
def kernel_evidence() -> pd.DataFrame:
    """Return the held-out check of the rural placements (for the method text)."""
    return load_evidence()


def warm() -> None:
    """Build what the first view needs before the first browser arrives.

    That is the data, population model, the default report, colours and incident sets;
    :mod:`serve` calls it at start-up, so the first visitor finds every cache full.
    """
    load_model()
    run_report(settings.DEFAULT_MODE, NO_CHANGE, "", BUNDLED)
    incident_sets_of(BUNDLED)
    classes_for(settings.DEFAULT_MODE, "share_within", 120, "", NO_CHANGE, BUNDLED)
    kernel_evidence()
