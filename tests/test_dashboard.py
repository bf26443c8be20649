"""Streamlit AppTest: the page renders and shows the figures of `coverage`."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture(scope="module")
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def test_headline_figures_match_the_data(app, bundled):
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Women (1 Jan 2023)"] == f"{bundled.population['female'].sum():,}"
    assert metrics["Women (1 Jan 2023)"] == "10,118,282"
    assert metrics["Crisis centres in the register"] == "29"
    assert metrics["Shelter places with a known capacity"] == "150"
    assert metrics["Regions without a known centre"] == "3 of 20"


def test_tables_show_regions_and_centres_without_addresses(app):
    regions, centres = (df.value for df in app.dataframe)
    assert len(regions) == 20 and regions["women"].sum() == 10_118_282
    assert regions.set_index("region_id").loc["KZ-43", "centres"] == 0
    assert len(centres) == 29
    assert not [c for c in centres.columns if "address" in c.lower()]
    # Unknown capacity stays empty, never zero.
    assert centres["beds"].isna().sum() == 23
