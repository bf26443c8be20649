"""Indicators, classes, the offline web map and the static image."""

from __future__ import annotations

import io
import json
import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from PIL import Image

from coverage import style
from coverage.i18n import t
from coverage.incidents import incident_rates, regional_sets
from coverage.indicators import (
    HIGHER_IS_BETTER,
    INDICATORS,
    PALETTE,
    classes_of,
    classify,
    indicator_values,
)
from coverage.labels import MapTexts, legend_items, value_text
from coverage.staticmap import figure_png, static_map
from coverage.tables import region_table
from coverage.webmap import inline_assets, map_html, region_map

ASSETS = "../kz.leaflet_assets"


def classes_for(report, indicator, threshold=120, incidents=None):
    """The map's classes of a report, as the page and the command line make them."""
    return classes_of(report.regions, indicator, threshold=threshold, incidents=incidents)


# ------------------------------------------------------------------ classes
def test_fisher_jenks_classes_by_hand():
    values = pd.Series([1.0, 2.0, 3.0, 10.0, 11.0, 12.0, np.nan],
                       index=list("abcdefg"))
    c = classify(values, "median_minutes", k=2)
    # Two natural groups: 1-3 and 10-12; "g" has no data.
    assert c.bounds == [1.0, 3.0, 12.0]
    assert c.region_class.to_dict() == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1,
                                        "g": -1}
    # Lower minutes are better: light first.
    assert c.colours == [PALETTE[0], PALETTE[-1]]
    assert c.colour_of("g") == style.NO_DATA
    assert legend_items(c, "en")[-1] == (style.NO_DATA, "no data")
    share = classify(values / 20, "share_within", k=2)
    assert share.colours == [PALETTE[-1], PALETTE[0]]  # higher shares are better


def test_women_per_centre_marks_regions_without_a_centre(report):
    c = classes_for(report, "women_per_centre")
    no_centre = set(report.regions.loc[report.regions["centres"] == 0, "region_id"])
    assert set(c.region_class[c.region_class == -2].index) == no_centre == {
        "KZ-19", "KZ-43", "KZ-63"}
    assert c.colour_of("KZ-43") == style.NO_CENTRE
    assert value_text(c, "KZ-43", "ru") == "нет центра"
    almaty = report.regions.set_index("region_id").loc["KZ-75"]
    assert c.values["KZ-75"] == pytest.approx(almaty["women"] / 3)


def test_every_indicator_classifies_the_bundled_regions(report, bundled):
    incidents = incident_rates(bundled.incidents, bundled.population)
    for indicator in INDICATORS:
        c = classes_for(report, indicator, incidents=incidents)
        assert len(c.region_class) == 20
        finite = c.values[np.isfinite(c.values)]
        assert c.bounds[0] == finite.min() and c.bounds[-1] == finite.max()
        assert 1 <= len(c.colours) <= 5


def test_incident_rates_of_a_partial_set_leave_the_others_without_data(bundled, report):
    sets = regional_sets(bundled.incidents)
    # The complete 2022 Form 1-M figures come first; a partial set is still offered.
    assert (sets.iloc[0]["indicator"], sets.iloc[0]["period"], sets.iloc[0]["regions"]) == (
        "criminal_offences_family_domestic_sphere", "2022", 20)
    key = "criminal_offences_family_domestic_sphere@2024-01..2024-08"
    assert sets.set_index("key").loc[key, "regions"] == 6
    inc = incident_rates(bundled.incidents, bundled.population, key=key)
    # Almaty Region: 202 offences / 753,562 women x 100,000.
    assert inc.rates["KZ-19"] == pytest.approx(202 / 753_562 * 100_000)
    assert inc.regions == 6
    values = indicator_values(report.regions, "incidents_per_100k",
                              threshold=120, incidents=inc)
    # "No data" for the 14 other regions, never zero.
    assert values.isna().sum() == 14 and (values.dropna() > 0).all()


def test_ranking_puts_the_worst_first(report):
    c = classes_for(report, "share_within")
    table = region_table(report, c, lang="en", threshold=120)
    shares = table["Within 120 min"].to_numpy()
    assert (np.diff(shares) >= 0).all()
    assert table["region_id"].iloc[0] == "KZ-63"
    assert table["Rank"].tolist() == list(range(1, 21))
    per_centre = region_table(report, classes_for(report, "women_per_centre"), lang="ru",
                              threshold=120)
    assert set(per_centre["region_id"].iloc[:3]) == {"KZ-19", "KZ-43", "KZ-63"}
    assert "Значение на карте" in per_centre.columns


# ------------------------------------------------------------------ web map
def test_map_loads_nothing_from_another_host(report, bundled):
    m = region_map(bundled.regions, report.regions, classes_for(report, "share_within"),
                   centres=bundled.centres, lang="en", threshold=120, asset_base=ASSETS)
    page = map_html(m)
    loaded = re.findall(r'<script[^>]+src="([^"]+)"|<link[^>]+href="([^"]+)"', page)
    assert sorted(a or b for a, b in loaded) == [f"{ASSETS}/leaflet.css",
                                                 f"{ASSETS}/leaflet.js"]
    assert "$(" not in page            # no jQuery
    assert "tile.openstreetmap.org" not in page
    with_tiles = map_html(region_map(
        bundled.regions, report.regions, classes_for(report, "share_within"),
        centres=bundled.centres, lang="en", threshold=120, asset_base=ASSETS, basemap=True))
    assert "tile.openstreetmap.org" in with_tiles
    assert len(page.encode()) < 1.5e6


def test_map_text_is_escaped(report, bundled):
    evil = bundled.centres.head(2).copy()
    evil["name"] = ["<img src=x onerror=alert(1)>", "${alert(2)}`</script>"]
    evil["settlement"] = ["<b>x</b>", "y"]
    page = map_html(region_map(bundled.regions, report.regions,
                               classes_for(report, "share_within"), centres=evil, lang="en",
                               threshold=120, asset_base=ASSETS))
    assert "<img src=x" not in page and "<b>x</b>" not in page
    # Popups and tooltips get their HTML as JSON strings, the text escaped for HTML and
    # for Markdown: "${...}" never occurs (in a JavaScript template literal it would run).
    args = [json.loads(m.group(1)) for m in re.finditer(
        r'\.bind(?:Tooltip|Popup)\(("(?:[^"\\]|\\.)*")', page)]
    assert "${alert(2)}" not in page
    assert "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in args
    assert any("&#36;{alert&#40;2&#41;}&#96;&lt;/script&gt;" in text for text in args)


def test_standalone_page_inlines_leaflet(report, bundled):
    page = inline_assets(map_html(region_map(
        bundled.regions, report.regions, classes_for(report, "share_within"),
        centres=bundled.centres, lang="kk", threshold=120, asset_base=ASSETS)), ASSETS)
    assert ASSETS not in page
    assert "Leaflet" in page and "leaflet-container" in page


# ------------------------------------------------------------------ static image
def test_static_image_uses_the_web_map_classes(report, bundled):
    c = classes_for(report, "share_within")
    fig = static_map(bundled.regions, c, bundled.centres, lang="ru",
                     texts=MapTexts(title="T", legend_title="L", source_line="S"))
    faces = fig.axes[0].collections[0].get_facecolor()
    expected = [to_rgba(c.colour_of(r)) for r in bundled.regions["region_id"]]
    assert np.allclose(faces, expected)
    legend = [x.get_text() for x in fig.legends[0].get_texts()]
    assert [label for _, label in legend_items(c, "ru")] == legend[:len(c.colours)]
    assert t("legend_centre_unknown", "ru") in " ".join(legend).replace("\n", " ")
    png = figure_png(fig)
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)


def test_higher_is_better_set_is_known():
    assert HIGHER_IS_BETTER <= set(INDICATORS)
