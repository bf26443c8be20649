"""The held-out check that chooses where rural women are placed (coverage.evidence)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from synthetic import regions

from coverage import settings
from coverage.evidence import THRESHOLDS, holdout_check, load_evidence, summary
from coverage.population import placement_key
from coverage.travel import travel_mode


def test_the_default_placement_is_the_one_the_evidence_supports_best():
    table = load_evidence()
    best = table.iloc[0]
    default = placement_key(settings.KERNEL_WEIGHTING, settings.KERNEL_BANDWIDTH_KM)
    assert best["placement"] == default
    assert best["mean_abs_err"] == table["mean_abs_err"].min()
    # Every placement of the sensitivity sweep was tried.
    swept = {placement_key(w, bw) for w in settings.SENSITIVITY_WEIGHTINGS
             for bw in settings.SENSITIVITY_BANDWIDTHS_KM}
    assert swept <= set(table["placement"])
    # The former default (equal weights, 30 km) overstated the held-out places' access.
    old = table.set_index("placement").loc["equal 30 km"]
    assert all(old[f"err_{t}"] > 0.1 for t in THRESHOLDS)


def test_holdout_check_on_a_tiny_country_by_hand():
    # R-A holds a1 (0.5°, 800 people, kept) and a small place s (0.9°, 300 people, held
    # out); a centre at 0.5°. s lies 0.4° = 44.48 km = 57.8 min away: within 60, not 30.
    towns = pd.DataFrame({"geonameid": [1, 2], "name": ["a1", "s"], "lon": [0.5, 0.9],
                          "lat": [0.0, 0.0], "region_id": ["R-A", "R-A"],
                          "population": pd.array([800, 300], dtype="Int64")})
    centre = pd.DataFrame({"centre_id": ["k"], "lon": [0.5], "lat": [0.0],
                           "region_id": ["R-A"]})
    check = holdout_check(regions(), towns, centre, travel=travel_mode("car"), water=None,
                          placements=[("equal", 0.0)], cutoffs=(500,))
    row = check.iloc[0]
    assert row["held_out"] == 1 and math.isnan(row["loglik"])
    # Bandwidth 0 puts the held-out people on a1, at 0 minutes: every threshold counts them,
    # while only 60, 120 and 180 reach s itself (57.8 min): errors 0, 0, 0 with THRESHOLDS.
    assert [row[f"err_{t}"] for t in THRESHOLDS] == pytest.approx([0.0] * len(THRESHOLDS))
    wide = holdout_check(regions(), towns, centre, travel=travel_mode("car"), water=None,
                         placements=[("equal", math.inf)], cutoffs=(500,)).iloc[0]
    # Spread evenly over R-A (111 x 222 km), fewer than all are within 60 min of k.
    assert wide["err_60"] < 0 and np.isfinite(wide["loglik"])
    assert list(summary(pd.concat([check, pd.DataFrame([wide])]))["placement"]) == [
        "equal 0 km", "even"]
