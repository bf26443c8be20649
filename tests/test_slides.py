"""Static images and the PDF brief, ready for a slide as they are (issue 13, item 3).

The projection, the title's key figure, region names that hide nothing, the legend and
the texts apart from the map, and a table whose cells hold their text, in every language.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pyproj
import pytest
from matplotlib.collections import PathCollection
from matplotlib.font_manager import FontProperties
from matplotlib.table import Table
from matplotlib.textpath import TextToPath
from shapely.geometry.polygon import orient

from coverage import settings
from coverage.brief import brief_figure, brief_pdf
from coverage.i18n import CATALOGUE, LANGUAGES, fmt_int, fmt_num, fmt_pct_floor, t
from coverage.indicators import INDICATORS, classes_of
from coverage.labels import map_texts
from coverage.maplabels import renderer_of
from coverage.regions import short_name
from coverage.staticmap import figure_png, marks_of, static_map

LANGS = list(LANGUAGES)
MODES = [k.removeprefix("scenario_") for k in CATALOGUE
         if k.startswith("scenario_") and not k.endswith("_desc")]


def _plain(text: str) -> str:
    """Text as read: wrapped lines and no-break spaces as ordinary spaces."""
    return " ".join(text.replace("-\n", "-").replace("\u00a0", " ").split())


def _texts(report, indicator, lang, mode="car"):
    return map_texts(report, indicator, lang=lang, threshold=120, mode=mode, date="2025-05-01",
                     incidents=report.incident_set)


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


# ------------------------------------------------------------------ projection
def test_the_equal_area_projection_is_centred_on_kazakhstan_and_keeps_areas(regions):
    crs = pyproj.CRS(settings.CRS_MAP)
    op = crs.coordinate_operation
    assert "Albers Equal Area" in op.method_name
    params = {p.name: p.value for p in op.params}
    assert abs(params["Longitude of false origin"] - 67) <= 2
    assert 40 <= params["Latitude of 1st standard parallel"] <= 46
    assert 50 <= params["Latitude of 2nd standard parallel"] <= 56
    geod = pyproj.Geod(ellps="WGS84")
    projected = regions.to_crs(settings.CRS_MAP)
    for shape, flat, name in zip(regions.geometry, projected.geometry, regions["name_en"]):
        # Outer rings counter-clockwise, holes (the cities) clockwise: Geod's convention.
        parts = getattr(shape, "geoms", [shape])
        truth = sum(geod.geometry_area_perimeter(orient(p))[0] for p in parts)
        assert flat.area == pytest.approx(truth, rel=0.005), name


def test_the_country_stands_upright():
    # The central meridian, 67°E through Kazakhstan, is drawn as a vertical line.
    to_map = pyproj.Transformer.from_crs(settings.CRS_LONLAT, settings.CRS_MAP,
                                         always_xy=True)
    xs, ys = to_map.transform([67.0, 67.0, 67.0], [41.0, 48.0, 55.5])
    assert max(xs) - min(xs) < 1.0 and ys[0] < ys[1] < ys[2]


# ------------------------------------------------------------------ titles
@pytest.mark.parametrize("lang", LANGS)
def test_the_title_carries_the_national_share_and_the_travel_mode(report, lang):
    area = report.areas["national"]
    share = fmt_pct_floor(area["share_within"][120], lang, floor=area["register_incomplete"])
    texts = _texts(report, "share_within", lang)
    assert _plain(share) in _plain(texts.title)
    assert _plain(t("scenario_car", lang)) in _plain(texts.title)
    if area["register_incomplete"]:  # the "≥" is explained beside the map
        assert "≥" in texts.title and texts.footnote.startswith("≥")


@pytest.mark.parametrize("lang", LANGS)
def test_every_title_has_its_own_national_figure(report, lang):
    area = report.areas["national"]
    beyond = fmt_int(area["women"] - area["women_within"][120], lang)
    assert _plain(beyond) in _plain(_texts(report, "women_beyond", lang).title)
    assert _plain(fmt_int(area["median_minutes"], lang)) in _plain(
        _texts(report, "median_minutes", lang).title)
    assert _plain(fmt_num(area["places_per_10k"], lang, 2)) in _plain(
        _texts(report, "places_per_10k", lang).title)
    assert _plain(fmt_int(area["women"] / area["centres"], lang)) in _plain(
        _texts(report, "women_per_centre", lang).title)
    rate = report.params["silent_zones"]["national_rate_per_100k_women"]
    assert _plain(fmt_num(rate, lang)) in _plain(_texts(report, "incidents_per_100k", lang).title)
    titles = {_plain(_texts(report, i, lang).title) for i in INDICATORS}
    assert len(titles) == len(INDICATORS)


@pytest.mark.parametrize("lang", LANGS)
def test_no_travel_mode_where_the_figure_does_not_depend_on_travel(report, lang):
    for mode in MODES:
        for indicator in ("incidents_per_100k", "places_per_10k", "women_per_centre"):
            title = _plain(_texts(report, indicator, lang, mode).title)
            assert all(_plain(t(f"scenario_{m}", lang)) not in title for m in MODES), title
        title = _plain(_texts(report, "median_minutes", lang, mode).title)
        assert _plain(t(f"scenario_{mode}", lang)) in title


def test_the_command_line_map_has_the_key_figure(cli, report, tmp_path):
    page = tmp_path / "map.html"
    assert cli("map", "--lang", "ru", "--minutes", "120", "--out", str(page)).returncode == 0
    share = report.areas["national"]["share_within"][120]
    assert fmt_num(share * 100, "ru") in page.read_text(encoding="utf-8")


# ------------------------------------------------------------------ the static image
def _markers(ax):
    """Every centre marker as (x, y, radius) in display pixels."""
    out = []
    for coll in ax.collections:
        if not isinstance(coll, PathCollection) or not len(coll.get_offsets()):
            continue
        sizes = np.broadcast_to(coll.get_sizes(), (len(coll.get_offsets()),))
        for (x, y), s in zip(ax.transData.transform(coll.get_offsets()), sizes):
            out.append((x, y, math.sqrt(s) / 2 * ax.figure.dpi / 72))
    return out


def _circle_hits(box, x, y, r) -> bool:
    dx = max(box.x0 - x, 0, x - box.x1)
    dy = max(box.y0 - y, 0, y - box.y1)
    return dx * dx + dy * dy < r * r


@pytest.fixture(scope="module", params=[(lang, ind) for lang in LANGS
                                        for ind in ("share_within", "incidents_per_100k")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def drawn(request, bundled, report):
    lang, indicator = request.param
    classes = classes_of(report.regions, indicator, threshold=120,
                         incidents=report.incident_set)
    fig = static_map(bundled.regions, classes, bundled.centres, lang=lang,
                     texts=_texts(report, indicator, lang), marks=marks_of(report.regions, 120))
    renderer = renderer_of(fig)
    fig.draw(renderer)
    return fig, renderer, lang


def test_every_region_and_city_is_named_in_the_language(drawn, bundled):

    fig, _, lang = drawn
    texts = fig.axes[0].texts
    regions = [x.get_text() for x in texts if x.get_gid() == "region-label"]
    cities = [x.get_text() for x in texts if x.get_gid() == "city-label"]
    assert len(regions) == 17 and len(cities) == 3
    names = bundled.regions.set_index("kind")[f"name_{lang}"]
    assert sorted(cities) == sorted(short_name(n, lang) for n in names["city"])
    for label in regions:  # short or full, the name is there (with † for a 2022 pair)
        assert any(_plain(label).removesuffix(" †") in (_plain(short_name(n, lang)), _plain(n))
                   for n in names["oblast"]), label
    assert all(x.get_path_effects() for x in texts)  # the white halo


@pytest.mark.parametrize("indicator", ["incidents_per_100k", "share_within"])
def test_the_dagger_the_note_explains_names_the_2022_pairs(bundled, report, indicator):
    incidents = report.incident_set
    classes = classes_of(report.regions, indicator, threshold=120, incidents=incidents)
    texts = _texts(report, indicator, "ru")
    fig = static_map(bundled.regions, classes, bundled.centres, lang="ru", texts=texts,
                     marks=marks_of(report.regions, 120))
    fig.draw(renderer_of(fig))
    daggered = sorted(_plain(x.get_text()).removesuffix(" †") for x in fig.axes[0].texts
                      if x.get_gid() in ("region-label", "city-label")
                      and x.get_text().endswith("†"))
    if indicator == "share_within":
        assert daggered == [] and "†" not in texts.note
        return
    marked = bundled.regions.set_index("region_id").loc[list(incidents.marked.index)]
    assert len(daggered) == len(incidents.marked) == 6
    assert daggered == sorted(_plain(short_name(n, "ru")) for n in marked["name_ru"])
    assert "(†)" in texts.note


def test_region_names_overlap_nothing(drawn):
    fig, renderer, _ = drawn
    ax = fig.axes[0]
    labels = [x for x in ax.texts if x.get_gid() in ("region-label", "city-label")]
    boxes = [x.get_window_extent(renderer) for x in labels]
    for (a, la), (b, lb) in itertools.combinations(zip(boxes, labels), 2):
        assert not _overlap(a, b), (la.get_text(), lb.get_text())
    for box, label in zip(boxes, labels):
        assert not any(_circle_hits(box, *m) for m in _markers(ax)), label.get_text()
        assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1
    others = [x.get_window_extent(renderer) for x in fig.texts] + [
        fig.legends[0].get_window_extent(renderer)]
    assert not any(_overlap(a, b) for a in boxes for b in others)


def test_legend_and_texts_stay_off_the_map_and_each_other(drawn):
    fig, renderer, _ = drawn
    ax = fig.axes[0]
    room = ax.get_position(original=True).transformed(fig.transFigure)
    legend = fig.legends[0].get_window_extent(renderer)
    texts = [x.get_window_extent(renderer) for x in fig.texts if x.get_text()]
    assert not _overlap(legend, room)
    assert not any(_overlap(b, room) for b in texts)
    assert not any(_overlap(b, legend) for b in texts)
    for a, b in itertools.combinations(texts, 2):
        assert not _overlap(a, b)
    for box in [legend, *texts, ax.get_tightbbox(renderer)]:
        assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1 + 0.5
        assert fig.bbox.y0 <= box.y0 and box.y1 <= fig.bbox.y1 + 0.5


def test_the_image_is_full_hd(drawn):
    from io import BytesIO

    from PIL import Image

    fig, _, _ = drawn
    assert Image.open(BytesIO(figure_png(fig))).size == (1920, 1080)


# ------------------------------------------------------------------ the PDF brief
_OUTLINES = TextToPath()


def _width(text) -> float:
    """A cell's text width as a PDF draws it (unhinted outlines), in pixels at 100 dpi."""
    font = FontProperties(size=text.get_fontsize(), weight=text.get_fontweight())
    return max(_OUTLINES.get_text_width_height_descent(line, font, ismath=False)[0]
               for line in text.get_text().split("\n") if line) * 100 / 72


@pytest.fixture(scope="module", params=LANGS)
def brief(request, bundled, report):
    lang = request.param
    classes = classes_of(report.regions, "share_within", threshold=120)
    fig = brief_figure(report, bundled.regions, classes, bundled.centres, lang=lang,
                       threshold=120, texts=_texts(report, "share_within", lang))
    renderer = renderer_of(fig)
    fig.draw(renderer)
    return fig, renderer, lang


def test_the_brief_table_cells_hold_their_text(brief):
    fig, renderer, _ = brief
    tables = [c for ax in fig.axes for c in ax.get_children() if isinstance(c, Table)]
    assert len(tables) == 1
    cells = tables[0].get_celld()
    assert len(cells) == 4 * 7  # four columns, a header and six regions
    for (row, col), cell in cells.items():
        box, text = cell.get_window_extent(renderer), cell.get_text()
        shown = text.get_window_extent(renderer)
        assert _width(text) <= box.width, (row, col, text.get_text())
        assert box.x0 <= shown.x0 and shown.x1 <= box.x1, (row, col, text.get_text())
        assert box.y0 <= shown.y0 and shown.y1 <= box.y1, (row, col, text.get_text())
        assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1


def test_the_brief_explains_every_symbol(brief, report):
    fig, _, lang = brief
    table = next(c for ax in fig.axes for c in ax.get_children() if isinstance(c, Table))
    cells = " ".join(c.get_text().get_text() for c in table.get_celld().values())
    notes = _plain(" ".join(x.get_text() for x in fig.texts))
    assert "⚠" in cells and _plain(t("brief_warn_note", lang)) in notes
    assert "≤" in cells and _plain(t("brief_gap_note", lang)) in notes
    assert _plain(t("sym_at_least", lang)) in notes  # the title's and headline's "≥"
    assert _plain(t("brief_minutes_note", lang, mode=t("scenario_car", lang))) in notes


def test_the_brief_texts_stay_on_the_page_apart(brief):
    fig, renderer, _ = brief
    texts = [x.get_window_extent(renderer) for x in fig.texts if x.get_text()]
    legend = fig.legends[0].get_window_extent(renderer)
    for a, b in itertools.combinations([*texts, legend], 2):
        assert not _overlap(a, b)
    for ax in fig.axes:
        area = ax.get_tightbbox(renderer)
        assert not any(_overlap(area, b) for b in [*texts, legend])
        assert fig.bbox.x0 <= area.x0 and area.x1 <= fig.bbox.x1
        assert fig.bbox.y0 <= area.y0 and area.y1 <= fig.bbox.y1


def test_the_brief_is_a_pdf(report, bundled):
    classes = classes_of(report.regions, "share_within", threshold=120)
    pdf = brief_pdf(report, bundled.regions, classes, bundled.centres, lang="kk",
                    threshold=120, texts=_texts(report, "share_within", "kk"))
    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf  # TrueType fonts embedded
