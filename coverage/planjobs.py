"""What a planner's worker process runs: a plan, and how sure it is.

The page (``app/worker.py``) hands each question to a small pool of processes so that a
long solve never holds the threads that serve everyone. A worker is ``python -m
coverage.planjobs``: it reads a job from its standard input (a pickled function of this
module, its arguments: plain frames and options) and writes the answer, or the error, to
its standard output, one after another until its input ends. Each job is bounded by the
planner's own limits (:data:`~coverage.settings.PLAN_TIME_LIMIT_S`,
:data:`~coverage.settings.PLAN_STABILITY_BUDGET_S`).

A plain process rather than :mod:`multiprocessing`: a spawned child runs the parent's
``__main__`` again, and in a Streamlit server that is the page's script.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import BinaryIO

import pandas as pd

from .planning import Plan, PlanOptions, plan_sites
from .sensitivity import Variant
from .settings import TravelMode
from .stability import stability

#: A worker runs below the server's own priority: the pages of every other session first.
WORKER_NICENESS = 10


def plan_job(demand: pd.DataFrame, centres: pd.DataFrame, settlements: pd.DataFrame,
             k: int, minutes: float, travel: TravelMode, options: PlanOptions) -> Plan:
    """Return :func:`coverage.planning.plan_sites` of the question."""
    return plan_sites(demand, centres, settlements, k=k, minutes=minutes, travel=travel,
                      options=options)


def stability_job(plan: Plan, tried: Sequence[Variant], settlements: pd.DataFrame,
                  budget_s: float | None = None) -> pd.DataFrame:
    """Return :func:`coverage.stability.stability` of ``plan``."""
    return stability(plan, tried, settlements, budget_s)


#: The jobs a worker runs, by name.
JOBS: dict[str, Callable[..., object]] = {"plan": plan_job, "stability": stability_job}


def serve(jobs: BinaryIO, answers: BinaryIO) -> None:
    """Answer each job read from ``jobs`` on ``answers`` until ``jobs`` ends.

    A job is ``(name, args, kwargs)``; an answer ``(True, result)`` or ``(False, error)``.
    """
    while True:
        try:
            name, args, kwargs = pickle.load(jobs)
        except EOFError:
            return
        try:
            answer: tuple[bool, object] = (True, JOBS[name](*args, **kwargs))
        except Exception as exc:  # any error goes back to the page, which says it
            answer = (False, exc)
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an error that cannot be pickled: its words
            data = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        answers.write(data)
        answers.flush()


def main() -> None:
    """Run as a worker: lower priority, answers on the real standard output only."""
    try:
        os.nice(WORKER_NICENESS)  # the pages of every other session first
    except OSError:
        pass
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print cannot garble them
    serve(sys.stdin.buffer, answers)


if __name__ == "__main__":
    main()
