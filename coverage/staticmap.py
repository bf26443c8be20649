"""Static maps drawn server-side (matplotlib), for slides and reports.

Same colours and classes as the web map (:func:`coverage.indicators.classify`), a
title that carries the key figure, every region's name, a legend, what the figures stand
on and the source line with the date: a presenter puts the image on a slide as it is.
Drawn in an equal-area projection centred on Kazakhstan, so that region sizes compare
truly and the country stands upright. Uses matplotlib's object-oriented API only (no
global pyplot state), so it is safe in a threaded server.
"""

from __future__ import annotations

import functools
import io
import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ParamSpec, TypeVar

import geopandas as gpd
import matplotlib
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import Bbox

from . import settings, style
from .completeness import is_planned
from .i18n import t
from .indicators import Classes
from .labels import MapTexts, legend_items
from .maplabels import Block, Labeller, city_boxes, fill, places_of, put_text, renderer_of

#: Hatching of regions whose register is incomplete.
INCOMPLETE_HATCH = "///"

_P = ParamSpec("_P")
_R = TypeVar("_R")


def plain_text(draw: Callable[_P, _R]) -> Callable[_P, _R]:
    """Draw with mathtext off.

    A "$" in a file's name or a centre's name stays a dollar sign instead of starting a
    formula.
    """
    @functools.wraps(draw)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with matplotlib.rc_context({"text.parse_math": False}):
            return draw(*args, **kwargs)
    return call


@dataclass(frozen=True)
class Marks:
    """Regions marked over the indicator's colours.

    An incomplete register is hatched; silent zones at ``silent_minutes`` get a wide teal
    outline.
    """

    incomplete: frozenset[str] = frozenset()
    silent: frozenset[str] = frozenset()
    silent_minutes: int | None = None
    #: Named with " †": incident figures of a 2022 region pair (the note says why).
    dagger: frozenset[str] = frozenset()


def marks_of(figures: pd.DataFrame, threshold: int) -> Marks:
    """Return the marks of :attr:`coverage.report.Report.regions` at ``threshold`` min."""
    column = f"silent_zone_{threshold}"
    silent = (frozenset(figures.loc[figures[column].astype(bool), "region_id"])
              if column in figures else frozenset())
    return Marks(incomplete=frozenset(figures.loc[figures["register_incomplete"].astype(bool),
                                                  "region_id"]),
                 silent=silent, silent_minutes=threshold if silent else None)


def _frame(ax: Axes, ea: gpd.GeoDataFrame) -> None:
    """Fix the map's extent and aspect now, so that pixels can be measured before drawing."""
    minx, miny, maxx, maxy = ea.total_bounds
    mx, my = (maxx - minx) * 0.01, (maxy - miny) * 0.01
    ax.set_xlim(minx - mx, maxx + mx)
    ax.set_ylim(miny - my, maxy + my)
    ax.set_autoscale_on(False)
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.apply_aspect()


def _marker_box(ax: Axes, x: float, y: float, area_pt2: float, edge_pt: float) -> Bbox:
    """Box of a round marker of ``area_pt2`` (matplotlib's ``s``) in display pixels."""
    px, py = ax.transData.transform((x, y))
    r = (math.sqrt(area_pt2) / 2 + edge_pt) * ax.get_figure(root=True).dpi / 72  # type: ignore[union-attr]
    return Bbox.from_extents(px - r, py - r, px + r, py + r)


def draw_centres(ax: Axes, centres: pd.DataFrame, scale: float = 1.0) -> list[Bbox]:
    """Draw the centres (sized by places), planned ones as diamonds; return their boxes.

    ``scale`` multiplies the markers' areas (smaller on the brief's smaller map).
    """
    pts = gpd.GeoDataFrame(centres[["lon", "lat"]].astype(float),
                           geometry=gpd.points_from_xy(centres["lon"], centres["lat"]),
                           crs=settings.CRS_LONLAT).to_crs(settings.CRS_MAP)
    x, y = pts.geometry.x.to_numpy(), pts.geometry.y.to_numpy()
    planned = is_planned(centres)
    beds = centres["beds"].astype("Float64")
    known = beds.notna().to_numpy() & ~planned
    unknown = ~known & ~planned
    # Marker area grows with places, as the web map's radius 4 + 1.6 * sqrt(places).
    sizes = [(4 + 1.6 * math.sqrt(b)) ** 2 * 1.6 * scale for b in beds[known]]
    ax.scatter(x[planned], y[planned], s=90 * scale, marker="D", color=style.PURPLE,
               edgecolor="white", linewidth=1.0, zorder=4)
    ax.scatter(x[known], y[known], s=sizes, color=style.NAVY, edgecolor="white",
               linewidth=0.8, zorder=3, alpha=0.9)
    ax.scatter(x[unknown], y[unknown], s=60 * scale, facecolor="white", edgecolor=style.NAVY,
               linewidth=1.8 * math.sqrt(scale), zorder=3)
    return ([_marker_box(ax, a, b, 90 * scale, 1.0) for a, b in zip(x[planned], y[planned])]
            + [_marker_box(ax, a, b, s, 0.8) for a, b, s in zip(x[known], y[known], sizes)]
            + [_marker_box(ax, a, b, 60 * scale, 1.8) for a, b in zip(x[unknown], y[unknown])])


def draw_map(ax: Axes, regions: gpd.GeoDataFrame, classes: Classes, centres: pd.DataFrame, *,
             lang: str, label_size: float = 9, marks: Marks = Marks(),
             marker_scale: float = 1.0) -> None:
    """Draw the map on ``ax``.

    Regions in their class colours, every region's and city's name (clear of one
    another and of the centres, within the axes' box; " †" after those in ``marks.dagger``),
    centres sized by capacity (``marker_scale`` times the slide's size), planned centres
    as diamonds, regions of incomplete register hatched and silent zones outlined.
    """
    room = ax.get_window_extent(renderer_of(ax.get_figure(root=True)))  # type: ignore[arg-type]
    ea = regions.to_crs(settings.CRS_MAP)
    colours = [classes.colour_of(r) for r in ea["region_id"]]
    ea.plot(ax=ax, color=colours, edgecolor=style.BORDER, linewidth=0.7)
    hatched = ea[ea["region_id"].isin(list(marks.incomplete))]
    if len(hatched):
        hatched.plot(ax=ax, facecolor="none", edgecolor=style.INK_SMALL, hatch=INCOMPLETE_HATCH,
                     linewidth=0)
    silent = ea[ea["region_id"].isin(list(marks.silent))]
    if len(silent):
        silent.boundary.plot(ax=ax, color=style.TEAL, linewidth=label_size / 3.2,
                             zorder=2)
    _frame(ax, ea)
    markers = draw_centres(ax, centres, marker_scale)
    places = places_of(ea, lang, ax.transData, dagger=marks.dagger)
    labeller = Labeller(ax, room, markers + city_boxes(places), label_size)
    for place in places:
        labeller.place(place)


def legend_handles(classes: Classes, lang: str, wrap: int = 30, *, planned: bool = False,
                   marks: Marks = Marks(), fit: Callable[[str], str] | None = None) -> list:
    """Return the legend entries.

    The classes, the hatching of incomplete registers and the outline of silent zones
    (if any), then the kinds of centre marker (planned ones if any). Labels are wrapped
    by ``fit`` (measured widths) or else at ``wrap`` characters.
    """
    fit = fit or (lambda text: textwrap.fill(text, wrap))
    handles: list[Artist] = [*(Patch(facecolor=c, edgecolor=style.BORDER, label=fit(label))
                               for c, label in legend_items(classes, lang))]
    if marks.incomplete:
        handles.append(Patch(facecolor="white", edgecolor=style.INK_SMALL, hatch=INCOMPLETE_HATCH,
                             label=fit(t("legend_incomplete", lang))))
    if marks.silent:
        handles.append(Patch(facecolor="white", edgecolor=style.TEAL, linewidth=2.5,
                             label=fit(t("legend_silent", lang, t=marks.silent_minutes))))
    handles += [
        Line2D([], [], marker="o", linestyle="", markersize=11, color=style.NAVY,
               markeredgecolor="white", label=fit(t("legend_centre", lang))),
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="white",
               markeredgecolor=style.NAVY, markeredgewidth=1.6,
               label=fit(t("legend_centre_unknown", lang))),
    ]
    if planned:
        handles.append(Line2D([], [], marker="D", linestyle="", markersize=9,
                              color=style.PURPLE, markeredgecolor="white",
                              label=fit(t("legend_planned", lang))))
    return handles


@dataclass(frozen=True)
class LegendSpec:
    """What a legend shows and where: entries, title, and its corner in figure fractions.

    ``upper`` puts the legend's top left corner at (``x``, ``y``), else its bottom left.
    """

    classes: Classes
    lang: str
    title: str
    marks: Marks
    planned: bool
    x: float
    y: float
    width: float
    upper: bool = True
    ncol: int = 1


def place_legend(fig: Figure, spec: LegendSpec, size: float) -> Legend:
    """Draw the legend at ``size`` points, every label wrapped to its column's width."""
    renderer = renderer_of(fig)
    size_px = size * fig.dpi / 72
    # A column holds the handle (2 em), the gap after it (0.8 em) and the text.
    column = spec.width * fig.bbox.width / spec.ncol - (2.0 + 0.8 + 1.0) * size_px
    handles = legend_handles(spec.classes, spec.lang, planned=spec.planned, marks=spec.marks,
                             fit=lambda text: fill(renderer, text, column, size))
    return fig.legend(handles=handles, loc="upper left" if spec.upper else "lower left",
                      bbox_to_anchor=(spec.x, spec.y), frameon=False, fontsize=size,
                      ncol=spec.ncol, borderaxespad=0, borderpad=0, columnspacing=1.0,
                      title=fill(renderer, spec.title, spec.width * fig.bbox.width, size + 1),
                      title_fontsize=size + 1, alignment="left")


def legend_box(fig: Figure, legend: Legend) -> Bbox:
    """Return the legend's box in figure fractions."""
    return legend.get_window_extent(renderer_of(fig)).transformed(fig.transFigure.inverted())


def title_and_sources(fig: Figure, texts: MapTexts, *, side: float, gap: float,
                      edges: tuple[float, float], sizes: tuple[float, float, float]
                      ) -> tuple[float, float]:
    """Write the title and note from the top and the source line from the bottom.

    ``edges``: where the title starts and the source line ends (figure fractions);
    ``sizes``: font sizes of title, note and source line. Returns the top and the bottom
    of the space left between them.
    """
    title, note, source = sizes
    top = put_text(fig, texts.title, Block(side, edges[0], 1 - 2 * side), size=title,
                   fontweight="bold", color=style.INK_TITLE)
    top = put_text(fig, texts.note, Block(side, top - gap, 1 - 2 * side), size=note,
                   color=style.INK_NOTE) - 2 * gap
    foot = put_text(fig, texts.source_line, Block(side, edges[1], 1 - 2 * side,
                                                  from_bottom=True),
                    size=source, color=style.INK_SMALL) + 2 * gap
    return top, foot


@plain_text
def static_map(regions: gpd.GeoDataFrame, classes: Classes, centres: pd.DataFrame, *,
               lang: str, texts: MapTexts, marks: Marks = Marks(),
               size_px: tuple[int, int] = (1920, 1080)) -> Figure:
    """Regions coloured by ``classes``, centres sized by capacity, legend and sources.

    The title, what the figures stand on and the source line are wrapped to the width
    of the image, the legend to its column, and the map takes the room that is left:
    nothing overlaps, in any language.

    Parameters
    ----------
    regions : GeoDataFrame
        ``region_id``, ``name_<lang>``, ``kind``, shapes in lon/lat.
    classes : Classes
        Colours per region, as on the web map.
    centres : DataFrame
        ``lon``, ``lat``, ``beds`` (``<NA>`` = capacity unknown), optionally ``status``
        (``planned``: drawn as diamonds).
    texts : MapTexts
        Title, legend title, note (what the figures stand on), footnote (the symbols of
        the title) and source line in the chosen language.
    marks : Marks
        Regions whose register is incomplete (hatched) and silent zones (outlined), each
        with a legend entry.
    """
    width_px, height_px = size_px
    dpi = 100  # the fonts below are sized for it
    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, facecolor="white")
    side, gap, column = 0.012, 0.012, 0.755
    top, foot = title_and_sources(fig, texts, side=side, gap=gap, edges=(0.975, 0.015),
                                  sizes=(26, 13, 11))
    spec = LegendSpec(classes, lang, texts.legend_title, marks, bool(is_planned(centres).any()),
                      column, top, 1 - side - column)
    _legend_column(fig, spec, texts.footnote, foot)
    ax = fig.add_axes((side, foot, column - gap - side, top - foot))
    draw_map(ax, regions, classes, centres, lang=lang, label_size=13,
             marks=replace(marks, dagger=texts.dagger))
    return fig


def _legend_column(fig: Figure, spec: LegendSpec, footnote: str, floor: float) -> None:
    """Draw the legend and the title's footnote, as large as fits above ``floor``."""
    for size in (14, 13, 12, 11, 10, 9):
        legend = place_legend(fig, spec, size)
        end = put_text(fig, footnote, Block(spec.x, legend_box(fig, legend).y0 - 0.02,
                                            spec.width), size=size - 1, color=style.INK_SMALL)
        if end >= floor or size == 9:
            return
        legend.remove()
        if footnote:
            fig.texts[-1].remove()


def figure_png(fig: Figure) -> bytes:
    """PNG bytes of a figure at its own size."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi)
    return buf.getvalue()
