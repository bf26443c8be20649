"""A point in time by which a piece of work must end (the planner's time limits).

One :class:`Deadline` is made when a plan is asked for and handed to every step of its
solve, so that the steps share one limit instead of each taking a limit of its own.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

#: Below this many seconds left, a solver is not started at all (HiGHS needs a moment
#: to set up; it would return nothing).
TOO_LITTLE_S = 0.05


@dataclass(frozen=True)
class Deadline:
    """The moment (``time.perf_counter``) by which the work must end."""

    at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        """Return the deadline ``seconds`` from now (``inf``: none)."""
        return cls(time.perf_counter() + seconds)

    def left(self) -> float:
        """Return the seconds left (0 once passed)."""
        return max(0.0, self.at - time.perf_counter())

    def share(self, fraction: float) -> Deadline:
        """Return a deadline ``fraction`` of the time left from now (the rest kept back)."""
        return Deadline(time.perf_counter() + fraction * self.left())

    @property
    def passed(self) -> bool:
        """Whether too little time is left to start another step."""
        return self.left() < TOO_LITTLE_S


#: No limit.
NEVER = Deadline(math.inf)
