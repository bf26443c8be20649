"""Indicators, classes, the offline web map and the static image."""

from __future__ import annotations

import io
import itertools
import json
import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from PIL import Image

from coverage import settings, style
from coverage.i18n import t
from coverage.incidents import incident_rates, incident_sets, regional_sets, to_current_layout
from coverage.indicators import (
    DECIMALS,
    HIGHER_IS_BETTER,
    INDICATORS,
    PALETTE,
    REGISTRY,
    classes_of,
    classify,
    incident_breaks,
    indicator_values,
)
from coverage.labels import MapTexts, legend_items, value_text
from coverage.report import build_report
from coverage.scenarios import NewCentre, Scenario, apply
from coverage.staticmap import figure_png, static_map
from coverage.tables import region_table
from coverage.webmap import inline_assets, map_html, region_map

ASSETS = "../kz.leaflet_assets"


def classes_for(report, indicator, threshold=120, incidents=None):
    """The map's classes of a report, as the page and the command line make them."""
    return classes_of(report.regions, indicator, threshold=threshold, incidents=incidents)


# ------------------------------------------------------------------ classes
def test_fixed_classes_by_hand():
    # Minutes are classed as written (whole minutes): 30.4 reads "30 min", 30.6 "31 min".
    values = pd.Series([30.0, 30.4, 30.6, 60.0, 61.0, 200.0, np.nan], index=list("abcdefg"))
    c = classify(values, "median_minutes")
    assert c.breaks == [30.0, 60.0, 120.0, 180.0] and not c.zero
    assert c.region_class.to_dict() == {"a": 0, "b": 0, "c": 1, "d": 1, "e": 2, "f": 4,
                                        "g": -1}
    assert c.colours == list(PALETTE)  # lower minutes are better: light first
    assert c.colour_of("g") == style.NO_DATA
    assert legend_items(c, "en") == [
        (PALETTE[0], "≤\u00a030 min"), (PALETTE[1], "31 – 60 min"),
        (PALETTE[2], "61 – 120 min"), (PALETTE[4], ">\u00a0180 min"),
        (style.NO_DATA, "no data")]  # class 3 (121-180) holds no region: not listed


def test_zero_is_a_class_of_its_own_and_shares_are_classed_as_written():
    shares = pd.Series([0.0, 0.0004, 0.2504, 0.2506, 0.75, 1.0], index=list("abcdef"))
    c = classify(shares, "share_within")
    # 0.04% reads "0.0%": with zero; 25.04% reads "25.0%": not above 25.0%.
    assert c.region_class.to_dict() == {"a": 0, "b": 0, "c": 1, "d": 2, "e": 3, "f": 4}
    assert c.colours == list(PALETTE[::-1])  # higher shares are better: dark first
    assert [label for _, label in legend_items(c, "ru")] == [
        "0,0\u00a0%", "0,1 – 25,0\u00a0%", "25,1 – 50,0\u00a0%", "50,1 – 75,0\u00a0%",
        "75,1 – 100,0\u00a0%"]


def test_incident_classes_are_multiples_of_the_sets_national_rate(bundled):
    inc = incident_sets(to_current_layout(bundled.incidents, bundled.crosswalk),
                        bundled.population)[0]
    assert inc.national_rate() == pytest.approx(9.27, abs=0.005)
    # 0.5, 1, 1.5 and 2 x 9.27, as written to 0.1.
    assert incident_breaks(inc) == (4.6, 9.3, 13.9, 18.5)


def test_a_value_keeps_its_colour_in_every_view_and_scenario(bundled, model, report):
    # Five centres added in Almaty Region: regions they do not reach keep their values
    # and so their colours, although the national figures move.
    towns = bundled.settlements[bundled.settlements["region_id"] == "KZ-19"].nlargest(
        5, "population")
    scn = Scenario(added=tuple(
        NewCentre(lon=float(r.lon), lat=float(r.lat), region_id="KZ-19", name=str(r.name),
                  beds=10)
        for r in towns.itertuples()))
    other = build_report(bundled, model=model, thresholds=[60, 120],
                         centres=apply(bundled.centres, scn))
    for indicator in INDICATORS:
        for t_ in (60, 120):
            before = classes_of(report.regions, indicator, threshold=t_)
            after = classes_of(other.regions, indicator, threshold=t_)
            assert before.colours == after.colours and before.breaks == after.breaks
            same = before.values.round(3).eq(after.values.round(3))
            for rid in same[same].index:
                assert before.colour_of(rid) == after.colour_of(rid), (indicator, rid)
    # Across thresholds: equal written shares get equal colours.
    a = classes_of(report.regions, "share_within", threshold=60)
    b = classes_of(report.regions, "share_within", threshold=180)
    for ra in a.values.index:
        for rb in b.values.index:
            if round(a.values[ra], 3) == round(b.values[rb], 3):
                assert a.colour_of(ra) == b.colour_of(rb)
    mangystau = report.regions.set_index("region_id").loc["KZ-47", "share_within_120"]
    assert other.regions.set_index("region_id").loc["KZ-47", "share_within_120"] == \
        pytest.approx(mangystau)


def test_legends_have_no_overlapping_or_empty_classes(report, bundled):
    incidents = incident_rates(bundled.incidents, bundled.population)
    for indicator in INDICATORS:
        for t_ in settings.THRESHOLDS_MIN:
            c = classes_for(report, indicator, threshold=t_, incidents=incidents)
            assert len(c.region_class) == 20
            used = c.in_use()
            for i in used:  # every class listed holds a region
                assert (c.region_class == i).sum() >= 1
            spans = [c.span(i) for i in range(len(c.colours))]
            for (lo1, hi1), (lo2, hi2) in itertools.pairwise(spans):
                assert lo1 <= hi1 < lo2 <= hi2  # strictly after: no value in two classes
            labels = [label for _, label in legend_items(c, "en")]
            assert len(labels) == len(set(labels)) == len(used) + len(c.special())
            for rid in c.values.index:  # each value lies in its class's span
                k = int(c.region_class[rid])
                if k >= 0:
                    lo, hi = c.span(k)
                    digits = DECIMALS[REGISTRY[indicator].kind]  # as written
                    assert lo <= round(float(c.values[rid]), digits) <= hi


def test_women_per_centre_marks_regions_without_a_centre(report):
    c = classes_for(report, "women_per_centre")
    no_centre = set(report.regions.loc[report.regions["centres"] == 0, "region_id"])
    assert set(c.region_class[c.region_class == -2].index) == no_centre == {
        "KZ-19", "KZ-43", "KZ-63"}
    assert c.colour_of("KZ-43") == style.NO_CENTRE
    assert value_text(c, "KZ-43", "ru") == "нет центра"
    almaty = report.regions.set_index("region_id").loc["KZ-75"]
    assert c.values["KZ-75"] == pytest.approx(almaty["women"] / 3)


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
    # for Markdown, braces as references: "${...}" never occurs (in a JavaScript template
    # literal it would run) and no brace is left for branca's second template pass.
    args = [json.loads(m.group(1)) for m in re.finditer(
        r'\.bind(?:Tooltip|Popup)\(("(?:[^"\\]|\\.)*")', page)]
    assert "${alert(2)}" not in page
    assert "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in args
    assert any("&#36;&#123;alert&#40;2&#41;&#125;&#96;&lt;/script&gt;" in text for text in args)


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
    items = [label for _, label in legend_items(c, "ru")]
    assert items == legend[:len(items)]
    assert t("legend_centre_unknown", "ru") in " ".join(legend).replace("\n", " ")
    png = figure_png(fig)
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)


def test_higher_is_better_set_is_known():
    assert HIGHER_IS_BETTER <= set(INDICATORS)
