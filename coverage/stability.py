"""How sure is a plan? Its sites under the unknowns of the report's sensitivity range.

The plan's objective is solved again under each variant of the two unknowns that move the
figures most (:mod:`coverage.sensitivity`): where rural women live (every placement of the
sweep) and where the centres officials report but the register does not locate are (the
unlocated-centres variant). For each suggested site this gives in how many variants it is
chosen again, and the women it brings within reach at least and at most (the plan's sites
in the plan's order, under the default and every variant tried).

The whole test has a time budget (:data:`~coverage.settings.PLAN_STABILITY_BUDGET_S`): each
variant may take its even share of what is left of it (at most the plan's own limit, and
the best plan found when its share ends); with less than :data:`MIN_VARIANT_S` left, the
test stops and says how many variants it tried.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from . import settings
from .completeness import register_completeness, unlocated_centres
from .explain import site_effects
from .planning import Plan, plan_sites
from .population import DemandModel
from .sensitivity import Variant, variants

#: Seconds below which a variant is not started (its solve would be cut to nothing).
MIN_VARIANT_S = 1.0
#: The clock of the budget (its own name, so that a test can drive it).
_clock = time.perf_counter

#: The unknowns a plan is tried under.
PLAN_ASSUMPTIONS: tuple[str, ...] = ("rural", "register")


def plan_variants(model: DemandModel, centres: pd.DataFrame, *, settlements: pd.DataFrame,
                  regions: pd.DataFrame, centre_counts: pd.DataFrame) -> list[Variant]:
    """Return the variants of :data:`PLAN_ASSUMPTIONS` for this register.

    Every rural placement of ``model``'s sweep, and the register with the centres officials
    report but it does not locate placed (:func:`coverage.completeness.unlocated_centres`).
    """
    completeness = register_completeness(centres, centre_counts, list(regions["region_id"]))
    unlocated = unlocated_centres(completeness, centres, settlements, regions)
    return [v for v in variants(model, centres, unlocated) if v.assumption in PLAN_ASSUMPTIONS]


def stability(plan: Plan, tried: Sequence[Variant], settlements: pd.DataFrame,
              budget_s: float | None = None) -> pd.DataFrame:
    """Try ``plan`` under every variant, within ``budget_s`` seconds in all.

    Parameters
    ----------
    plan : Plan
        A plan from :func:`coverage.planning.plan_sites` (it carries its options).
    tried : sequence of Variant
        Demand points and centres of each variant (:func:`plan_variants`), tried in order.
    settlements : DataFrame
        The candidate places, as given to :func:`~coverage.planning.plan_sites`.
    budget_s : float, optional
        Seconds for all the variants (default
        :data:`~coverage.settings.PLAN_STABILITY_BUDGET_S`, read now).

    Returns
    -------
    DataFrame
        One row per site of ``plan``, in its order: ``geonameid``, ``chosen_in_variants``,
        ``variants`` (those tried), ``women_min``, ``women_max`` (women newly within reach,
        over the default and every variant tried), ``variant_names`` (where it was chosen),
        and ``variants_all`` (every variant: more than ``variants`` when the budget ran out).
    """
    if plan.travel is None or plan.options is None:
        raise ValueError("the plan does not say how it was made: make it with plan_sites")
    budget = settings.PLAN_STABILITY_BUDGET_S if budget_s is None else float(budget_s)
    ends = _clock() + budget
    k, minutes = int(plan.params["k"]), float(plan.params["minutes"])
    limit = plan.options.time_limit_s or settings.PLAN_TIME_LIMIT_S
    ids = plan.chosen["geonameid"].astype("int64").to_numpy()
    chosen_in = np.zeros(len(ids), int)
    where: list[list[str]] = [[] for _ in ids]
    women = [plan.chosen["women_gained"].to_numpy(float)]
    done = 0
    for n, variant in enumerate(tried):
        left = ends - _clock()
        if left < MIN_VARIANT_S:
            break  # no time for one more: stop, and say how many were tried
        share = min(limit, left / (len(tried) - n))
        again = plan_sites(variant.demand, variant.centres, settlements, k=k, minutes=minutes,
                           travel=plan.travel, options=replace(plan.options, time_limit_s=share))
        hit = np.isin(ids, again.chosen["geonameid"].astype("int64").to_numpy())
        chosen_in += hit
        for i in np.flatnonzero(hit):
            where[i].append(variant.name)
        women.append(site_effects(variant.demand, variant.centres, plan.chosen,
                                  minutes=minutes, travel=plan.travel)["women_gained"]
                     .to_numpy(float))
        done += 1
    table = np.vstack(women)
    return pd.DataFrame({"geonameid": ids, "chosen_in_variants": chosen_in,
                         "variants": done, "women_min": table.min(axis=0),
                         "women_max": table.max(axis=0), "variant_names": where,
                         "variants_all": len(tried)})
