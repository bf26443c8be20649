"""The planner's questions and their cached answers: a plan, and how sure it is.

A question is a :class:`PlanAsk` (every choice of the planner's panel); its answer is cached
like every result of the page (:func:`app.engine.shared_or_session`): shared on the bundled
data, the session's own on an upload.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from app.engine import centres_for, incident_set, load_data, load_model, shared_or_session
from app.inputs import BUNDLED, Inputs
from coverage import settings
from coverage.candidates import Candidates
from coverage.incidents import with_full_year_rates
from coverage.planning import Plan, PlanOptions, plan_sites
from coverage.scenarios import Scenario
from coverage.stability import plan_variants, stability
from coverage.travel import travel_mode


@dataclass(frozen=True)
class PlanAsk:
    """Everything the planner's panel asks: travel mode, threshold, sites, objective..."""

    mode: str
    minutes: int
    k: int
    objective: str = "coverage"
    per_region_min: int = 0
    exclude: tuple[str, ...] = ()
    weight_key: str = ""
    min_population: int = settings.PLAN_MIN_POPULATION
    only: tuple[int, ...] | None = None
    places: int = settings.PLAN_PLACES_PER_SITE


def _options(ask: PlanAsk, inp: Inputs) -> PlanOptions:
    data = load_data()
    # weight_key: the complete incident set that weights women ("": not weighted).
    weights = (with_full_year_rates(incident_set(ask.weight_key, inp), data.crosswalk)
               if ask.weight_key and ask.objective != "capacity" else None)
    return PlanOptions(objective=ask.objective,
                       candidates=Candidates.of(data.regions, min_population=ask.min_population,
                                                only=ask.only),
                       places=ask.places if ask.objective == "capacity" else None,
                       per_region_min=ask.per_region_min,
                       region_ids=tuple(data.regions["region_id"]),
                       exclude_regions=ask.exclude, incidents=weights)


@shared_or_session(max_entries=48)
def suggest(ask: PlanAsk, scn: Scenario, inp: Inputs = BUNDLED) -> Plan:
    """Where ``ask.k`` new centres would serve ``ask.objective`` best."""
    return plan_sites(load_model().default, centres_for(scn, inp), load_data().settlements,
                      k=ask.k, minutes=ask.minutes, travel=travel_mode(ask.mode),
                      options=_options(ask, inp))


def variants_count() -> int:
    """How many variants a plan is tried under (rural placements and unlocated centres)."""
    return len(load_model().sweep) + 1


@shared_or_session(max_entries=16)
def how_sure(ask: PlanAsk, scn: Scenario, inp: Inputs = BUNDLED) -> pd.DataFrame:
    """Return :func:`coverage.stability.stability` of the plan ``ask`` gives."""
    data = load_data()
    centres = centres_for(scn, inp)
    tried = plan_variants(load_model(), centres, settlements=data.settlements,
                          regions=data.regions, centre_counts=data.centre_counts)
    return stability(suggest(ask, scn, inp), tried, data.settlements)
