"""The planner's questions and their cached answers: a plan, and how sure it is.

A question is a :class:`PlanAsk` (every choice of the planner's panel); its answer is cached
like every result of the page (:func:`app.engine.shared_or_session`): shared on the bundled
data, the session's own on an upload. Answers are solved by the planner's workers
(:mod:`app.worker`), never in the thread that serves the page: asking may raise
:class:`app.worker.Busy` or :class:`app.worker.TooLong`, which are not cached.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from app.engine import centres_for, incident_set, load_data, load_model, shared_or_session
from app.inputs import BUNDLED, Inputs
from app.worker import planner
from coverage import settings
from coverage.candidates import Candidates
from coverage.incidents import with_full_year_rates
from coverage.planning import Plan, PlanOptions
from coverage.scenarios import Scenario
from coverage.stability import plan_variants
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
    #: Seconds the solve may take (:data:`~coverage.settings.PLAN_TIME_LIMIT_S` when asked).
    limit: float = settings.PLAN_TIME_LIMIT_S


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
                       exclude_regions=ask.exclude, incidents=weights, time_limit_s=ask.limit)


@shared_or_session(max_entries=48)
def suggest(ask: PlanAsk, scn: Scenario, inp: Inputs = BUNDLED) -> Plan:
    """Where ``ask.k`` new centres would serve ``ask.objective`` best."""
    return planner().run(ask.limit, "plan", load_model().default,
                         centres_for(scn, inp), load_data().settlements, ask.k,
                         ask.minutes, travel_mode(ask.mode), _options(ask, inp))


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
    plan = suggest(ask, scn, inp)
    return planner().run(settings.PLAN_STABILITY_BUDGET_S + ask.limit,
                         "stability", plan, tried, data.settlements,
                         settings.PLAN_STABILITY_BUDGET_S)
