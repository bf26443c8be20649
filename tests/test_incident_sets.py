"""Incident tables hold a bounded number of sets, and every set is made in one pass."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage import DataError, load_incidents, settings
from coverage.incidents import incident_rates, incident_sets, to_current_layout


def _table(sets: list[tuple[str, str]], regions: list[str]) -> bytes:
    rows = ["region_id,indicator,period,value"]
    for i, (indicator, period) in enumerate(sets):
        rows += [f"{rid},{indicator},{period},{10 + i}" for rid in regions]
    return ("\n".join(rows) + "\n").encode()


def test_a_table_of_more_sets_than_the_limit_is_refused_at_the_row_that_starts_one(
        regions, monkeypatch):
    monkeypatch.setattr(settings, "MAX_INCIDENT_SETS", 2)
    ids = ["KZ-11", "KZ-15"]
    # Rows 2-3: set A 2023, rows 4-5: set B 2023, rows 6-7: set A 2024, the third.
    data = _table([("A", "2023"), ("B", "2023"), ("A", "2024")], ids)
    with pytest.raises(DataError) as caught:
        load_incidents(data, name="sets.csv", regions=regions)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("sets.csv", 6, "indicator")
    assert "beyond the first 2" in problem.text("en")
    assert "сверх первых 2" in problem.text("ru")
    assert "алғашқы 2" in problem.text("kk")


def test_the_same_set_written_twice_differently_counts_once(regions, monkeypatch):
    monkeypatch.setattr(settings, "MAX_INCIDENT_SETS", 2)
    data = _table([("Murders", "2023"), ("Offences", "2023")], ["KZ-11"]) + \
        b"KZ-15, murders ,2023,7\n"
    loaded = load_incidents(data, name="sets.csv", regions=regions)
    assert len(loaded) == 3


def test_every_set_made_in_one_pass_equals_the_set_asked_for_alone(bundled):
    table = to_current_layout(bundled.incidents, bundled.crosswalk)
    sets = incident_sets(table, bundled.population)
    assert len(sets) >= 20
    for s in sets:
        alone = incident_rates(table, bundled.population, key=s.key)
        assert alone is not None and alone.key == s.key
        pd.testing.assert_series_equal(s.rates, alone.rates)
        pd.testing.assert_series_equal(s.counts, alone.counts)
        assert s.marked.to_dict() == alone.marked.to_dict()


def test_a_set_has_its_rate_per_100000_women_by_hand(bundled):
    women = bundled.population.set_index("region_id")["female"]
    table = pd.DataFrame({"indicator": ["x", "x"], "period": ["2023", "2023"],
                          "region_id": ["KZ-11", "KZ-15"], "layout": [20, 20],
                          "value": [40, 7], "qualifier": ["", ""],
                          "source_url": ["", ""], "coverage_note": ["", ""]})
    (s,) = incident_sets(table, bundled.population)
    assert s.rates["KZ-11"] == pytest.approx(40 / women["KZ-11"] * 100_000)
    assert s.rates["KZ-15"] == pytest.approx(7 / women["KZ-15"] * 100_000)
    assert s.national_rate() == pytest.approx(
        47 / (women["KZ-11"] + women["KZ-15"]) * 100_000)
