"""A good plan fast, and a bound on the best one, for the ``coverage`` and ``time`` objectives.

Both objectives have one form: choose ``k`` sites ``S`` to maximise

    f(S) = sum_i max_{j in S} s_ij        (0 for a point no site of S pairs with)

with ``s_ij`` the women a site brings within reach (coverage: point ``i`` a group of women,
``s_ij = w_i``) or the woman-minutes it saves (time: ``s_ij = w_i (d_i - t_ij)``).

- :func:`local_search`: greedy (each region's minimum first), then the best exchange of a
  chosen site for another while one helps (Teitz and Bart's interchange);
- :func:`lagrangian`: relaxing "each point gains from one site" with multipliers
  ``lambda_i >= 0`` gives ``L(lambda) = sum_i lambda_i + the best k sites by
  rho_j = sum_i max(0, s_ij - lambda_i)``, an upper bound on every plan for every
  ``lambda`` (started at the plan's own gains, ``L`` is the bound of Nemhauser and Wolsey:
  ``f(S)`` plus the ``k`` largest gains beyond ``S``), lowered by subgradient steps;
- :func:`reduce`: a site whose bound with it forced in is below a known plan cannot be in a
  better one (dropped); a site whose bound without it is below is in every better one
  (kept open, and the pairs it beats dropped). What is left goes to HiGHS, far smaller;
- :func:`solve`: all of them, in rounds (a plan the bound's steps meet that beats the
  search's is searched from and aimed at), until the plan is proven optimal, or HiGHS has
  solved what is left, or the deadline: then the best plan and its true gap.

Every step is plain arrays over the pairs (a few MB) and stops at a :class:`Deadline`. On
the worst question the page allows (travel time, 20 sites among all 329 settlements:
103,423 pairs) it proves the optimum in ~1.5 s where HiGHS alone took ~20 s and ~300 MB.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from . import settings
from .deadline import NEVER, Deadline
from .mclp import Found

#: Relative distance between a plan and the bound at which the plan counts as proven optimal
#: (half a woman-minute in 500 million; HiGHS's default is 1e-4, the planner asks it for 0).
PROVEN = 1e-9
#: Subgradient steps at most, and steps without a better bound before the step halves.
STEPS, PATIENCE = 600, 15
#: Rounds of bound and search: each aims at the best plan of the round before.
ROUNDS = 3


@dataclass(frozen=True)
class Rule:
    """Which sets of sites are plans: exactly ``k``, at least ``need[r]`` in ``pools[r]``."""

    k: int
    n_sites: int
    pools: tuple[np.ndarray, ...] = ()
    need: tuple[int, ...] = ()
    _pool_of: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Note each site's pool (a site lies in one region, so in one pool at most)."""
        pool_of = np.full(self.n_sites, -1)
        for r, pool in enumerate(self.pools):
            pool_of[np.asarray(pool, int)] = r
        object.__setattr__(self, "_pool_of", pool_of)

    def best(self, score: np.ndarray) -> np.ndarray:
        """Return the plan with the largest sum of ``score`` (each region's best first)."""
        taken = np.zeros(self.n_sites, bool)
        for pool, n in zip(self.pools, self.need):
            pool = np.asarray(pool, int)
            taken[pool[np.argsort(-score[pool], kind="stable")[:n]]] = True
        rest = np.flatnonzero(~taken)
        more = self.k - int(taken.sum())
        taken[rest[np.argsort(-score[rest], kind="stable")[:more]]] = True
        return np.flatnonzero(taken)

    def replaceable_by(self, chosen: Sequence[int], out: int) -> np.ndarray:
        """Return the sites that may take ``out``'s place in ``chosen`` (a mask)."""
        r = self._pool_of[out]
        if r < 0 or int(np.sum(self._pool_of[list(chosen)] == r)) > self.need[r]:
            return np.ones(self.n_sites, bool)
        return self._pool_of == r  # its region would fall below the minimum otherwise


@dataclass(frozen=True)
class Savings:
    """The pairs of an objective, each point at most once per site.

    Point ``point[n]`` (0 to ``n_points - 1``) gains ``saving[n]`` from site ``site[n]``.
    """

    point: np.ndarray
    site: np.ndarray
    saving: np.ndarray
    n_points: int
    n_sites: int

    @classmethod
    def of(cls, point: np.ndarray, site: np.ndarray, saving: np.ndarray, n_sites: int
           ) -> Savings:
        """Return the pairs with a positive saving, their points numbered from 0."""
        keep = saving > 0
        points, number = np.unique(point[keep], return_inverse=True)
        return cls(number.ravel(), site[keep].astype(np.int64), saving[keep].astype(float),
                   len(points), n_sites)

    def per_point(self, sites: Sequence[int]) -> np.ndarray:
        """Return each point's gain with ``sites`` open (its best site's saving)."""
        best = np.zeros(self.n_points)
        is_open = np.zeros(self.n_sites, bool)
        is_open[list(sites)] = True
        pick = is_open[self.site]
        np.maximum.at(best, self.point[pick], self.saving[pick])
        return best

    def value(self, sites: Sequence[int]) -> float:
        """Return ``f(sites)``."""
        return float(self.per_point(sites).sum())

    def gains(self, current: np.ndarray) -> np.ndarray:
        """Return what each site would add to points that gain ``current`` now."""
        return np.bincount(self.site, weights=np.maximum(self.saving - current[self.point], 0.0),
                           minlength=self.n_sites)

    def best_two(self, sites: Sequence[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return per point the best gain among ``sites``, its site (-1: none), the second."""
        is_open = np.zeros(self.n_sites, bool)
        is_open[list(sites)] = True
        pick = np.flatnonzero(is_open[self.site])
        p, s, v = self.point[pick], self.site[pick], self.saving[pick]
        order = np.lexsort((-v, p))
        p, s, v = p[order], s[order], v[order]
        first = np.r_[True, p[1:] != p[:-1]] if len(p) else np.zeros(0, bool)
        second = ~first & np.r_[False, first[:-1]] if len(p) else first
        best, runner_up = np.zeros(self.n_points), np.zeros(self.n_points)
        who = np.full(self.n_points, -1)
        best[p[first]], who[p[first]] = v[first], s[first]
        runner_up[p[second]] = v[second]
        return best, who, runner_up


def greedy(sv: Savings, rule: Rule) -> list[int]:
    """Each region's minimum first (its best sites), then the best addition until ``k``."""
    current = np.zeros(sv.n_points)
    chosen: list[int] = []
    everywhere = np.arange(sv.n_sites)
    steps = [np.asarray(pool, int) for pool, n in zip(rule.pools, rule.need) for _ in range(n)]
    steps += [everywhere] * (rule.k - len(steps))
    for allowed in steps:
        gain = np.full(sv.n_sites, -np.inf)
        gain[allowed] = sv.gains(current)[allowed]
        gain[chosen] = -np.inf
        j = int(np.argmax(gain))
        chosen.append(j)
        current = np.maximum(current, sv.per_point([j]))
    return chosen


def local_search(sv: Savings, rule: Rule, deadline: Deadline = NEVER,
                 start: Sequence[int] | None = None) -> list[int]:
    """Return a plan no single exchange of a site improves (or the best by ``deadline``).

    Starts from ``start`` or :func:`greedy`.
    """
    chosen = list(start) if start is not None else greedy(sv, rule)
    value = sv.value(chosen)
    while not deadline.passed:
        best, who, runner_up = sv.best_two(chosen)
        move, target = None, value + PROVEN * max(value, 1.0)
        for pos, out in enumerate(chosen):
            without = np.where(who == out, runner_up, best)
            gain = sv.gains(without)
            gain[chosen] = -np.inf
            gain[~rule.replaceable_by(chosen, out)] = -np.inf
            j = int(np.argmax(gain))
            if without.sum() + gain[j] > target:
                move, target = (pos, j), float(without.sum() + gain[j])
        if move is None:
            break
        chosen[move[0]] = move[1]
        value = sv.value(chosen)
    return chosen


@dataclass(frozen=True)
class Bound:
    """An upper bound on every plan, the multipliers that give it, and their ``rho``.

    Also the best plan met on the way (the sites each step's bound picks: Lagrangian plans
    are often better than the search's) and its value.
    """

    value: float
    lam: np.ndarray
    rho: np.ndarray
    plan: list[int]
    plan_value: float


def _dual(sv: Savings, rule: Rule, lam: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    rho = sv.gains(lam)
    pick = rule.best(rho)
    return float(lam.sum() + rho[pick].sum()), rho, pick


def lagrangian(sv: Savings, rule: Rule, plan: Sequence[int], deadline: Deadline = NEVER,
               lam: np.ndarray | None = None) -> Bound:
    """Return the lowest Lagrangian bound found by ``deadline`` (see the module text).

    The steps aim at the value of ``plan`` (a known plan); the multipliers start at ``lam``
    or else at the gains of ``plan``.
    """
    lower = sv.value(plan)
    lam = sv.per_point(plan) if lam is None else lam
    # Each point's step in proportion to its largest saving: a city's multiplier moves in
    # millions of woman-minutes, a village's in hundreds (unscaled, the bound stalls at ~2%).
    scale = np.zeros(sv.n_points)
    np.maximum.at(scale, sv.point, sv.saving)
    value, rho, pick = _dual(sv, rule, lam)
    found, found_value = list(plan), lower
    best = Bound(value, lam, rho, found, found_value)
    seen: set[tuple[int, ...]] = set()
    theta, stall = 2.0, 0
    for _ in range(STEPS):
        if best.value - found_value <= PROVEN * max(best.value, 1.0) or deadline.passed:
            break
        key = tuple(sorted(pick.tolist()))
        if key not in seen:  # a plan not met before: is it better?
            seen.add(key)
            if sv.value(key) > found_value:
                found, found_value = list(key), sv.value(key)
        chosen = np.zeros(sv.n_sites, bool)
        chosen[pick] = True
        used = chosen[sv.site] & (sv.saving > lam[sv.point])
        step = 1.0 - np.bincount(sv.point[used], minlength=sv.n_points)
        norm = float(step @ (scale * step))
        if norm == 0:
            break  # a zero subgradient: lambda is optimal
        lam = np.maximum(0.0, lam - theta * (value - lower) / norm * scale * step)
        value, rho, pick = _dual(sv, rule, lam)
        if value < best.value - PROVEN * best.value:
            best, stall = Bound(value, lam, rho, found, found_value), 0
        else:
            stall += 1
            if stall >= PATIENCE:
                theta, stall = theta / 2, 0
    return Bound(best.value, best.lam, best.rho, found, found_value)


@dataclass(frozen=True)
class Reduced:
    """What is left to solve exactly: the free sites, their pairs, and what is fixed.

    ``sv`` numbers the free sites 0 to ``len(free) - 1``; ``opened`` sites are in every plan
    better than the known one and add ``base`` (each point's gain from them; the pairs left
    count only what they add beyond it).
    """

    sv: Savings
    free: np.ndarray
    opened: np.ndarray
    base: float
    rule: Rule


def reduce(sv: Savings, rule: Rule, bound: Bound, lower: float) -> Reduced:
    """Drop the sites no plan better than ``lower`` can hold; open those every one holds."""
    k, rho, fixed = rule.k, bound.rho, bound.value - bound.rho[rule.best(bound.rho)].sum()
    margin = lower - PROVEN * max(abs(lower), 1.0)
    top = np.sort(rho)[::-1]
    # Forced in: rho_j plus the k - 1 best others (regions relaxed) must reach the plan.
    with_j = fixed + rho + np.where(rho >= top[k - 1], top[:k].sum() - rho, top[:k - 1].sum())
    # Left out: the k best others must reach the plan.
    without_j = fixed + np.where(rho >= top[k - 1], top[:k + 1].sum() - rho, top[:k].sum())
    out = with_j < margin
    opened = np.flatnonzero((without_j < margin) & ~out)
    free = np.flatnonzero(~out & ~np.isin(np.arange(sv.n_sites), opened))
    base_gain = sv.per_point(opened.tolist())
    keep = np.isin(sv.site, free) & (sv.saving > base_gain[sv.point])
    number = np.full(sv.n_sites, -1)
    number[free] = np.arange(len(free))
    left = Savings.of(sv.point[keep], number[sv.site[keep]],
                      sv.saving[keep] - base_gain[sv.point[keep]], len(free))
    pools, need = [], []
    for pool, n in zip(rule.pools, rule.need):
        still = n - int(np.isin(opened, pool).sum())
        if still > 0:
            pools.append(number[np.intersect1d(pool, free)])
            need.append(still)
    return Reduced(left, free, opened, float(base_gain.sum()),
                   Rule(k - len(opened), len(free), tuple(pools), tuple(need)))


@dataclass(frozen=True)
class Outcome:
    """A plan and how good it is.

    Whether proven optimal, whether the deadline stopped the search, its gap (the relative
    distance from its value to the bound on the best: 0 when proven), and whether HiGHS
    took part.
    """

    chosen: list[int]
    optimal: bool
    stopped: bool
    gap: float
    exact: bool


def relative_gap(value: float, bound: float) -> float:
    """Return ``(bound - value) / bound``: how far below the best possible a plan can be."""
    if not bound > 0 or bound - value <= PROVEN * bound:
        return 0.0  # nothing to gain, or equal but for rounding
    return (bound - value) / bound if math.isfinite(bound) else 1.0


#: HiGHS on a reduced problem: its pairs and rule in, what it found out.
Exact = Callable[[Savings, Rule, Deadline], Found]


def solve(sv: Savings, rule: Rule, deadline: Deadline, exact: Exact | None, *,
          starts: Sequence[Sequence[int]] = (), bound: float = math.inf) -> Outcome:
    """Return the best plan found by ``deadline`` and how far from the best it can be.

    Local search (from the best of :func:`greedy` and ``starts``), the Lagrangian bound
    (and ``bound``, one already known), then, unless proven already, ``exact`` on the
    problem :func:`reduce` leaves, if it has at most
    :data:`~coverage.settings.PLAN_EXACT_PAIRS` pairs.
    """
    first = max([greedy(sv, rule), *[list(s) for s in starts if len(s) == rule.k]],
                key=sv.value)
    plan = local_search(sv, rule, deadline, start=first)
    lower, upper, lam = sv.value(plan), bound, None
    for _ in range(ROUNDS):
        lag = lagrangian(sv, rule, plan, deadline, lam)
        upper, lam = min(upper, lag.value), lag.lam
        better = lag.plan_value > lower
        if better:  # a Lagrangian plan beat the search: search from it, aim higher
            plan = local_search(sv, rule, deadline, start=lag.plan)
            lower = sv.value(plan)
        if upper - lower <= PROVEN * max(upper, 1.0):
            return Outcome(plan, True, False, 0.0, False)
        if not better:
            break
    red = reduce(sv, rule, lag, lower)
    if len(red.free) <= red.rule.k:
        # Every better plan holds the opened and the free sites: there is at most one.
        whole = sorted({*red.opened.tolist(), *red.free.tolist()})
        if len(whole) == rule.k and sv.value(whole) > lower:
            plan = whole
        return Outcome(plan, True, False, 0.0, False)
    if exact is None or len(red.sv.saving) > settings.PLAN_EXACT_PAIRS or deadline.passed:
        return Outcome(plan, False, deadline.passed, relative_gap(lower, upper), False)
    found = exact(red.sv, red.rule, deadline)
    if found.chosen:
        candidate = sorted({*red.opened.tolist(), *red.free[found.chosen].tolist()})
        if sv.value(candidate) > lower:
            plan, lower = candidate, sv.value(candidate)
    if found.proven:
        return Outcome(plan, True, False, 0.0, True)
    upper = min(upper, max(lower, found.bound + red.base))
    return Outcome(plan, False, found.stopped, relative_gap(lower, upper), True)
