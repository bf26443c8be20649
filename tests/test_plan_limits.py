"""Bounded work per plan: time limits, true gaps, the stability's budget, the worker queue.

Tiny instances worked by hand (those of ``test_planning.py`` and ``test_objectives.py``),
small random ones checked against every possible plan, and one slow test of the worst
question the page allows, through the command line. No timing is asserted here but in
that slow test (timings: ``bench/bench_plan_load.py``).
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import start_app

from coverage import lagrange, settings, stability
from coverage.candidates import Candidates
from coverage.deadline import NEVER, Deadline
from coverage.i18n import fmt_pct, t
from coverage.objectives import median_found
from coverage.planning import plan_sites
from coverage.sensitivity import Variant
from tests.test_objectives import CAR, DEG, _centre, _demand, _sites

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ a limit of ~0
# test_planning's tiny MCLP: women a=5000 at 0.0, b=5000 at 0.8, c=4000 at -0.8, d=4000 at
# 1.6; S1 (0.4) reaches {a, b}, S2 (-0.4) {a, c}, S3 (1.2) {b, d}; the centre is far away.
# With no time, HiGHS never starts and the search stops at greedy: S1, then S2 (the first
# of the tie S2/S3) = 14,000 women. The bound is that plan plus the best k = 2 additions
# to it: S3 adds d (4000), S1 and S2 nothing: 18,000. Gap (18,000 - 14,000) / 18,000.
def _tiny_mclp():
    demand = pd.DataFrame({"lon": [0.0, 0.8, -0.8, 1.6], "lat": 0.0, "region_id": "R",
                           "women": [5000.0, 5000.0, 4000.0, 4000.0]})
    far = pd.DataFrame({"centre_id": ["far"], "lon": [20.0], "lat": [0.0],
                        "region_id": ["R"], "beds": pd.array([5], dtype="Int64")})
    return demand, _sites(S1=0.4, S2=-0.4, S3=1.2), far


def test_no_time_gives_a_feasible_plan_with_its_true_gap_coverage():
    demand, sites, far = _tiny_mclp()
    plan = plan_sites(demand, far, sites, k=2, minutes=60, travel=CAR, time_limit_s=0)
    assert plan.chosen["settlement"].tolist() == ["S1", "S2"]
    assert plan.covered_after == pytest.approx(14_000)
    assert plan.stopped and not plan.optimal
    assert plan.gap == pytest.approx(4 / 18)
    assert plan.params["time_limit_s"] == 0
    # With time, the same question is proven optimal: S2 + S3, 18,000 women.
    full = plan_sites(demand, far, sites, k=2, minutes=60, travel=CAR)
    assert full.optimal and not full.stopped and full.gap == 0
    assert full.covered_after == pytest.approx(18_000)
    assert full.params["time_limit_s"] == settings.PLAN_TIME_LIMIT_S


# test_objectives' coverage-or-time: A (1000 women) 0.5 DEG from the centre, S1 at 0.4
# saves her 0.4 DEG; C (500) 3 DEG away, S2 at -1.5 saves her 1.5 DEG. For k = 1 greedy
# takes S2 (750 DEG saved; the optimum). The bound without a single step: the plan's 750
# plus the best addition to it, S1's 400: 1150 DEG. Gap 400 / 1150.
def test_no_time_gives_a_feasible_plan_with_its_true_gap_time():
    demand, sites = _demand(A=(0.5, 1000), C=(-3.0, 500)), _sites(S1=0.4, S2=-1.5)
    plan = plan_sites(demand, _centre(), sites, k=1, minutes=60, travel=CAR,
                      objective="time", time_limit_s=0)
    assert plan.chosen["settlement"].tolist() == ["S2"]
    assert plan.value_after == pytest.approx(1250 * DEG)
    assert plan.stopped and not plan.optimal
    assert plan.gap == pytest.approx(400 / 1150)


# test_objectives' capacity: the centre has 1 place (5,000 women); A (8000 women) near it,
# D (1000) near nobody. With no time, the site that could add most alone: S1 (its 5,000
# places' worth of women wait at A) over S2 (D's 1000). It adds 3000 (5000 already had a
# place). The bound: 5000 served plus one site's places, 5000: gap (5000 - 3000) / 5000.
def test_no_time_gives_a_feasible_plan_with_its_true_gap_capacity():
    demand = _demand(A=(0.1, 8000), D=(2.0, 1000))
    plan = plan_sites(demand, _centre(beds=1), _sites(S1=0.2, S2=2.1), k=1, minutes=60,
                      travel=CAR, objective="capacity", places=1, time_limit_s=0)
    assert plan.chosen["settlement"].tolist() == ["S1"]
    assert (plan.value_before, plan.value_after) == pytest.approx((5000, 8000))
    assert plan.stopped and not plan.optimal
    assert plan.gap == pytest.approx(0.4)


@pytest.mark.parametrize("objective", ["coverage", "time", "capacity"])
@pytest.mark.parametrize("limit", [0.0, None])
def test_a_plan_never_holds_more_sites_than_asked(objective, limit):
    rng = np.random.default_rng(7)
    demand = _demand(**{f"P{i}": (float(x), float(w)) for i, (x, w) in
                        enumerate(zip(rng.uniform(-4, 4, 40), rng.integers(100, 5000, 40)))})
    sites = _sites(**{f"S{i}": float(x) for i, x in enumerate(rng.uniform(-4, 4, 12))})
    for k in (0, 1, 3, 6):
        plan = plan_sites(demand, _centre(beds=1), sites, k=k, minutes=60, travel=CAR,
                          objective=objective, time_limit_s=limit)
        ids = plan.chosen["geonameid"].tolist()
        assert len(ids) == len(set(ids)) <= k, (objective, k)
        assert 0 <= plan.gap <= 1
        assert plan.optimal or plan.stopped or plan.gap > 0


# ------------------------------------------------------------------ search and bound
def _random_problem(seed: int, n_points: int = 12, n_sites: int = 7):
    rng = np.random.default_rng(seed)
    point, site = np.nonzero(rng.random((n_points, n_sites)) < 0.45)
    saving = rng.integers(1, 100, len(point)).astype(float)
    return lagrange.Savings.of(point, site, saving, n_sites)


def _best(sv: lagrange.Savings, rule: lagrange.Rule) -> float:
    """The best plan, by trying every one."""
    plans = [c for c in itertools.combinations(range(sv.n_sites), rule.k)
             if all(len(set(c) & set(pool.tolist())) >= n
                    for pool, n in zip(rule.pools, rule.need))]
    return max(sv.value(list(c)) for c in plans)


@pytest.mark.parametrize("seed", range(12))
def test_search_bound_and_reduction_against_every_plan(seed):
    sv = _random_problem(seed)
    pools = (np.array([0, 1]), np.array([5, 6])) if seed % 2 else ()
    for k in (2, 3) if pools else (1, 2, 3):
        rule = lagrange.Rule(k, sv.n_sites, pools, (1,) * len(pools))
        best = _best(sv, rule)
        # Exact: the search, the bound, the reduction and HiGHS on what is left.
        out = lagrange.solve(sv, rule, NEVER, median_found)
        assert out.optimal and sv.value(out.chosen) == pytest.approx(best)
        assert len(out.chosen) == k
        assert all(set(out.chosen) & set(p.tolist()) for p in pools)
        # Without HiGHS: whatever is found lies within its gap of the best.
        alone = lagrange.solve(sv, rule, NEVER, None)
        assert sv.value(alone.chosen) >= (1 - alone.gap) * best - 1e-9
        # Every Lagrangian bound is at least the best plan.
        bound = lagrange.lagrangian(sv, rule, lagrange.greedy(sv, rule), NEVER)
        assert bound.value >= best - 1e-9


def test_the_bound_starts_at_the_plan_and_its_best_additions():
    # Points 0, 1, 2; site 0 saves 0 -> 10, 1 -> 4; site 1 saves 1 -> 6; site 2 saves 2 -> 3.
    sv = lagrange.Savings.of(np.array([0, 1, 1, 2]), np.array([0, 0, 1, 2]),
                             np.array([10.0, 4.0, 6.0, 3.0]), 3)
    rule = lagrange.Rule(1, 3)
    assert lagrange.greedy(sv, rule) == [0]  # saves 14
    # Before any step: 14 + the best one addition (site 1 adds 6 - 4 = 2; site 2 adds 3).
    assert lagrange.lagrangian(sv, rule, [0], Deadline(0.0)).value == pytest.approx(17)
    assert lagrange.lagrangian(sv, rule, [0], NEVER).value == pytest.approx(14)


def test_a_region_below_its_minimum_keeps_its_sites():
    rule = lagrange.Rule(2, 4, (np.array([2, 3]),), (1,))
    assert rule.best(np.array([9.0, 8.0, 1.0, 2.0])).tolist() == [0, 3]
    assert rule.replaceable_by([0, 3], 3).tolist() == [False, False, True, True]
    assert rule.replaceable_by([0, 3], 0).all()


# ------------------------------------------------------------------ how sure, on a budget
# test_objectives' stability instance: k=2, the plan R (P, 1000 women) and N (Q, 800).
def _stability_instance():
    sites, centre = _sites(R=1.05, N=-1.05, M=-2.05), _centre()
    default = _demand(P=(1.0, 1000), Q=(-1.0, 800))
    moved = _demand(P=(1.0, 1000), Q=(-2.0, 800))
    plan = plan_sites(default, centre, sites, k=2, minutes=60, travel=CAR)
    tried = [Variant("same", "rural", default, centre), Variant("moved", "rural", moved, centre)]
    return plan, tried, sites


def test_a_spent_budget_tries_no_variant_and_says_so():
    plan, tried, sites = _stability_instance()
    sure = stability.stability(plan, tried, sites, budget_s=0)
    assert sure["variants"].tolist() == [0, 0] and sure["variants_all"].tolist() == [2, 2]
    assert sure["chosen_in_variants"].tolist() == [0, 0]
    # The range is the plan's own figures: no variant was tried.
    assert sure["women_min"].tolist() == [1000, 800] == sure["women_max"].tolist()


def test_the_budget_stops_after_the_variants_it_had_time_for(monkeypatch):
    plan, tried, sites = _stability_instance()
    # A clock that moves 1 s a reading: the budget (2.5 s) ends at 2.5; the first variant
    # starts with 1.5 s left (its share: 0.75 s), the second would have 0.5 s, less than
    # stability.MIN_VARIANT_S.
    ticks = iter(range(100))
    monkeypatch.setattr(stability, "_clock", lambda: float(next(ticks)))
    sure = stability.stability(plan, tried, sites, budget_s=2.5)
    assert sure["variants"].tolist() == [1, 1] and sure["variants_all"].tolist() == [2, 2]
    assert sure["chosen_in_variants"].tolist() == [1, 1]  # "same" is the default again
    assert sure["variant_names"].tolist() == [["same"], ["same"]]


# ------------------------------------------------------------------ the command line
def test_the_command_line_says_where_the_limit_stopped_the_plan(cli):
    res = cli("plan", "--add", "20", "--objective", "time", "--min-population", "0",
              "--time-limit", "0.01", "--stability-budget", "0.01", "--lang", "ru")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert len(doc["chosen"]) == 20 and doc["stopped"] is True and doc["optimal"] is False
    assert 0 < doc["gap"] < 1 and doc["params"]["time_limit_s"] == 0.01
    assert doc["stability_variants"] == 0 and doc["stability_variants_all"] == 13
    assert fmt_pct(doc["gap"], "ru") in res.stderr
    assert t("plan_stability_stopped", "ru", m=0, n=13, limit="0,01") in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [("--time-limit", "0"), ("--stability-budget", "soon")])
def test_bad_limits_are_refused(cli, args):
    res = cli("plan", "--add", "1", *args)
    assert res.returncode == 2 and "Traceback" not in res.stderr


# ------------------------------------------------------------------ the page's workers
def test_the_queue_is_bounded_and_says_busy(monkeypatch):
    from app.worker import Busy, Planner
    from coverage import planjobs

    release = threading.Event()
    started = threading.Barrier(3)

    def hold() -> str:
        started.wait()
        release.wait(10)
        return "done"

    monkeypatch.setitem(planjobs.JOBS, "hold", hold)
    monkeypatch.setitem(planjobs.JOBS, "echo", str)
    planner = Planner(workers=0, waiting=1)  # in this thread: two questions at most
    threads = [threading.Thread(target=planner.run, args=(1.0, "hold")) for _ in range(2)]
    for thread in threads:
        thread.start()
    started.wait()
    with pytest.raises(Busy):
        planner.run(1.0, "echo", "third")
    release.set()
    for thread in threads:
        thread.join()
    assert planner.run(1.0, "echo", "again") == "again"  # the slots are free again


def test_a_worker_process_solves_a_plan_and_returns_its_errors():
    from app.worker import Planner

    demand, sites, far = _tiny_mclp()
    planner = Planner(workers=1, waiting=0)
    options = plan_sites(demand, far, sites, k=0, minutes=60, travel=CAR).options
    plan = planner.run(30.0, "plan", demand, far, sites, 2, 60, CAR, options)
    assert sorted(plan.chosen["settlement"]) == ["S2", "S3"] and plan.optimal
    with pytest.raises(ValueError, match="choose from 0 to"):
        planner.run(30.0, "plan", demand, far, sites, 99, 60, CAR, options)


def _planner_page(lang: str = "en"):
    at = start_app(lang=lang)
    at.session_state["side"] = t("tab_plan", lang)
    at.run()
    return at


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_page_says_a_plan_was_stopped_at_the_limit(monkeypatch, bundled, model, lang):
    # No time at all: the plan is greedy's, with its gap, and the page says so.
    monkeypatch.setattr(settings, "PLAN_TIME_LIMIT_S", 0.0)
    at = _planner_page(lang)
    at.slider(key="plan_k").set_value(3)
    at.radio(key="plan_objective").set_value("time").run()
    at.button(key="plan_run").click().run()
    assert not at.exception, at.exception
    # The same question here: with no time it is greedy's plan and the first bound.
    plan = plan_sites(model.default, bundled.centres, bundled.settlements, k=3, minutes=120,
                      travel=CAR, objective="time", time_limit_s=0.0,
                      candidates=Candidates.of(bundled.regions),
                      region_ids=tuple(bundled.regions["region_id"]))
    assert plan.stopped and plan.gap > 0
    said = t("plan_stopped", lang, limit="0,00" if lang == "ru" else "0.00",
             gap=fmt_pct(plan.gap, lang), solver=plan.solver, seconds="\x00")
    captions = " ".join(c.value for c in at.caption)
    assert said.split("\x00")[0] in captions, captions
    assert at.button(key="plan_add_all")  # the plan is there to be added


def test_the_page_says_the_planner_is_busy(monkeypatch):
    from app.worker import Busy, planner

    at = _planner_page()

    def busy(*_args, **_kwargs):
        raise Busy

    monkeypatch.setattr(planner(), "run", busy)
    at.slider(key="plan_k").set_value(4)
    at.button(key="plan_run").click().run()
    assert not at.exception, at.exception
    assert [w.value for w in at.warning] == [t("plan_busy", "en")]
    assert not any(b.key == "plan_add_all" for b in at.button)


# ------------------------------------------------------------------ the worst question
def _peak_mb(proc: subprocess.Popen) -> float:
    """Poll a process's high-water mark of resident memory until it ends (Linux)."""
    peak = 0.0
    status = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
        except OSError:
            break
        time.sleep(0.2)
    return peak


@pytest.mark.slow
def test_the_worst_plan_keeps_to_its_limits():
    """Travel time, 20 sites among every settlement, how sure: within the limits.

    It took 3 min 34 s and 747 MB before the limits (one 22 s solve, then 13 more, one per
    variant, with no budget for all of them).
    """
    if not Path("/proc/self/status").exists():
        pytest.skip("reads the process's memory from /proc")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "coverage", "plan", "--objective", "time",
                             "--add", "20", "--min-population", "0"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = _peak_mb(proc)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    assert proc.returncode == 0, err
    doc = json.loads(out)
    assert len(doc["chosen"]) == 20 and 0 <= doc["gap"] < 0.01
    assert doc["seconds"] <= settings.PLAN_TIME_LIMIT_S + 5
    assert doc["stability_seconds"] <= settings.PLAN_STABILITY_BUDGET_S + 5
    # Loading the data and the population model (~5 s) and writing the reasons come on top.
    assert seconds < settings.PLAN_TIME_LIMIT_S + settings.PLAN_STABILITY_BUDGET_S + 30
    if peak:  # the data and model take ~280 MB before any plan
        assert peak < 280 + 300, peak
