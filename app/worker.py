"""The planner's workers: plans are solved in their own processes, a few at a time.

A solve can take seconds of one core (:data:`~coverage.settings.PLAN_TIME_LIMIT_S`, and
:data:`~coverage.settings.PLAN_STABILITY_BUDGET_S` for "how sure"). Run in the thread that
serves a session, it would hold the server's interpreter lock and memory while every other
session waits; so it runs in one of :data:`~coverage.settings.PLAN_WORKERS` processes
(``python -m coverage.planjobs``, at a lower priority), started once per server and kept in
``st.cache_resource``. At most :data:`~coverage.settings.PLAN_QUEUE` more questions wait
for a free one; the next is refused at once (:class:`Busy`: "the planner is busy") rather
than piling up. A job bounds itself (its deadline); one that still runs far past it has its
worker killed and replaced (:class:`TooLong`). ``PLAN_WORKERS = 0`` solves in the calling
thread (same limits and queue), for one-user installs.
"""

from __future__ import annotations

import logging
import pickle
import queue
import select
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import streamlit as st

import coverage
from coverage import planjobs, settings

LOG = logging.getLogger(__name__)

#: Seconds a job may run past its own limit before its worker is killed (a solver that
#: ignores its limit; none is known to now).
GRACE_S = 30.0
#: Where ``python -m coverage.planjobs`` finds the package.
PACKAGE_ROOT = Path(coverage.__file__).resolve().parent.parent


class Busy(RuntimeError):  # noqa: N818  (read as "the planner is busy")
    """Every worker is busy and the queue is full: try again later."""


class TooLong(RuntimeError):  # noqa: N818
    """The job ran far past its limit and was stopped."""


class Worker:
    """One worker process: a job in on its standard input, the answer out on its output."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coverage.planjobs"], cwd=PACKAGE_ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None)

    def call(self, limit_s: float, job: str, args: tuple, kwargs: dict) -> Any:  # noqa: ANN401
        """Return the answer to ``job``, or raise :class:`TooLong` (the worker is killed)."""
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        try:
            pickle.dump((job, args, kwargs), stdin, protocol=pickle.HIGHEST_PROTOCOL)
            stdin.flush()
        except BrokenPipeError:
            raise TooLong from None  # the worker had died: it is replaced
        # The answer is written in one piece at the end: wait for its first byte.
        ready, _, _ = select.select([stdout], [], [], limit_s + GRACE_S)
        if not ready:
            LOG.warning("a planner job ran past %.0f s: its worker is stopped",
                        limit_s + GRACE_S)
            raise TooLong
        try:
            ok, answer = pickle.load(stdout)
        except (EOFError, pickle.UnpicklingError):
            raise TooLong from None  # the worker died mid-job (out of memory, killed)
        if not ok:
            raise answer
        return answer

    @property
    def alive(self) -> bool:
        """Whether the process still runs."""
        return self.process.poll() is None

    def stop(self) -> None:
        """End the process (a job far past its limit, or a worker that died)."""
        self.process.kill()
        self.process.wait()


class Planner:
    """A fixed set of worker processes and a bounded queue (inline with 0 workers)."""

    def __init__(self, workers: int, waiting: int) -> None:
        self._slots = threading.BoundedSemaphore(max(workers, 1) + waiting)
        self._idle: queue.Queue[Worker] = queue.Queue()
        for _ in range(workers):
            self._idle.put(Worker())  # started now: imported by the first question
        self.inline = workers == 0

    def run(self, limit_s: float, job: str, *args: object, **kwargs: object
            ) -> Any:  # noqa: ANN401
        """Return ``coverage.planjobs.JOBS[job](*args, **kwargs)``, solved by a worker.

        Raises
        ------
        Busy
            Every worker is busy and as many questions wait as may.
        TooLong
            The job ran far past ``limit_s`` (its worker is replaced).
        """
        if not self._slots.acquire(blocking=False):
            raise Busy
        try:
            if self.inline:
                return planjobs.JOBS[job](*args, **kwargs)
            worker = self._idle.get()  # a free worker; the wait is the queue
            if not worker.alive:  # it died since its last job (killed, out of memory)
                worker = Worker()
            try:
                return worker.call(limit_s, job, args, kwargs)
            except TooLong:
                worker.stop()
                worker = Worker()
                raise
            finally:
                self._idle.put(worker if worker.alive else Worker())
        finally:
            self._slots.release()


@st.cache_resource(show_spinner=False)
def planner() -> Planner:
    """Return the server's planner workers (started when the planner is first opened)."""
    return Planner(settings.PLAN_WORKERS, settings.PLAN_QUEUE)
