"""Static maps drawn server-side (matplotlib), for slides and reports.

Same colours and classes as the web map (:func:`coverage.indicators.classify`), a
title, a legend, the source line and the date. Drawn in an equal-area projection so
that region sizes compare truly. Uses matplotlib's object-oriented API only (no global
pyplot state), so it is safe in a threaded server.
"""

from __future__ import annotations

import functools
import io
import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

import geopandas as gpd
import matplotlib
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import settings, style
from .completeness import is_planned
from .i18n import t
from .indicators import Classes
from .labels import MapTexts, legend_items

#: Regions smaller than this (m²) get no label: their name would not fit.
LABEL_MIN_AREA_M2 = 3e10
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


def wrap(text: str, width: int) -> str:
    """Lines of at most ``width`` characters; names such as Ust-Kamenogorsk stay whole."""
    return textwrap.fill(text, width, break_on_hyphens=False)


@dataclass(frozen=True)
class Marks:
    """Regions marked over the indicator's colours.

    An incomplete register is hatched; silent zones at ``silent_minutes`` get a wide teal
    outline.
    """

    incomplete: frozenset[str] = frozenset()
    silent: frozenset[str] = frozenset()
    silent_minutes: int | None = None


def marks_of(figures: pd.DataFrame, threshold: int) -> Marks:
    """Return the marks of :attr:`coverage.report.Report.regions` at ``threshold`` min."""
    column = f"silent_zone_{threshold}"
    silent = (frozenset(figures.loc[figures[column].astype(bool), "region_id"])
              if column in figures else frozenset())
    return Marks(incomplete=frozenset(figures.loc[figures["register_incomplete"].astype(bool),
                                                  "region_id"]),
                 silent=silent, silent_minutes=threshold if silent else None)


def draw_map(ax: Axes, regions: gpd.GeoDataFrame, classes: Classes, centres: pd.DataFrame, *,
             lang: str, label_size: float = 9, marks: Marks = Marks()) -> None:
    """Draw the map on ``ax``.

    Regions in their class colours, names, centres sized by capacity, planned centres as
    diamonds, regions of incomplete register hatched and silent zones outlined.
    """
    ea = regions.to_crs(settings.CRS_EQUAL_AREA)
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
    for geom, name, kind in zip(ea.geometry, ea[f"name_{lang}"], ea["kind"]):
        if geom.area > LABEL_MIN_AREA_M2 and kind != "city":
            p = geom.representative_point()
            ax.annotate(name, (p.x, p.y), ha="center", va="center", fontsize=label_size,
                        color=style.INK)
    pts = gpd.GeoDataFrame(centres[["lon", "lat"]].astype(float),
                           geometry=gpd.points_from_xy(centres["lon"], centres["lat"]),
                           crs=settings.CRS_LONLAT).to_crs(settings.CRS_EQUAL_AREA)
    planned = is_planned(centres)
    beds = centres["beds"].astype("Float64")
    known = beds.notna().to_numpy() & ~planned
    ax.scatter(pts.geometry.x[planned], pts.geometry.y[planned], s=90, marker="D",
               color=style.PURPLE, edgecolor="white", linewidth=1.0, zorder=4)
    # Marker area grows with places, as the web map's radius 4 + 1.6 * sqrt(places).
    sizes = [(4 + 1.6 * math.sqrt(b)) ** 2 * 1.6 for b in beds[known]]
    ax.scatter(pts.geometry.x[known], pts.geometry.y[known], s=sizes, color=style.NAVY,
               edgecolor="white", linewidth=0.8, zorder=3, alpha=0.9)
    unknown = ~known & ~planned
    ax.scatter(pts.geometry.x[unknown], pts.geometry.y[unknown], s=60, facecolor="white",
               edgecolor=style.NAVY, linewidth=1.8, zorder=3)
    ax.set_axis_off()
    ax.set_aspect("equal")


def legend_handles(classes: Classes, lang: str, wrap: int = 30, *, planned: bool = False,
                   marks: Marks = Marks()) -> list:
    """Return the legend entries.

    The classes, the hatching of incomplete registers and the outline of silent zones
    (if any), then the kinds of centre marker (planned ones if any).
    """
    handles: list[Artist] = [*(Patch(facecolor=c, edgecolor=style.BORDER, label=label)
                 for c, label in legend_items(classes, lang))]
    if marks.incomplete:
        handles.append(Patch(facecolor="white", edgecolor=style.INK_SMALL, hatch=INCOMPLETE_HATCH,
                             label=textwrap.fill(t("legend_incomplete", lang), wrap)))
    if marks.silent:
        handles.append(Patch(facecolor="white", edgecolor=style.TEAL, linewidth=2.5,
                             label=textwrap.fill(t("legend_silent", lang,
                                                   t=marks.silent_minutes), wrap)))
    handles += [
        Line2D([], [], marker="o", linestyle="", markersize=11, color=style.NAVY,
               markeredgecolor="white", label=textwrap.fill(t("legend_centre", lang), wrap)),
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="white",
               markeredgecolor=style.NAVY, markeredgewidth=1.6,
               label=textwrap.fill(t("legend_centre_unknown", lang), wrap)),
    ]
    if planned:
        handles.append(Line2D([], [], marker="D", linestyle="", markersize=9,
                              color=style.PURPLE, markeredgecolor="white",
                              label=textwrap.fill(t("legend_planned", lang), wrap)))
    return handles


@plain_text
def static_map(regions: gpd.GeoDataFrame, classes: Classes, centres: pd.DataFrame, *,
               lang: str, texts: MapTexts, marks: Marks = Marks(),
               size_px: tuple[int, int] = (1920, 1080)) -> Figure:
    """Regions coloured by ``classes``, centres sized by capacity, legend and sources.

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
        Title, legend title, note and source line in the chosen language.
    marks : Marks
        Regions whose register is incomplete (hatched) and silent zones (outlined), each
        with a legend entry.
    """
    width_px, height_px = size_px
    dpi = 100  # the fonts below are sized for it
    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, facecolor="white")
    note = wrap(texts.note, 150) if texts.note else ""
    # The map and the legend start under the note, however many lines it takes.
    top = 0.90 - 0.026 * (note.count("\n") + 1) - 0.01 if note else 0.90
    ax = fig.add_axes((0.01, 0.07, 0.74, top - 0.07))
    draw_map(ax, regions, classes, centres, lang=lang, marks=marks)
    handles = legend_handles(classes, lang, planned=bool(is_planned(centres).any()),
                             marks=marks)
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.755, top),
               frameon=False, fontsize=13, title=textwrap.fill(texts.legend_title, 34),
               title_fontsize=14, alignment="left")
    fig.text(0.012, 0.955, texts.title, fontsize=24, fontweight="bold", color=style.INK_TITLE,
             va="top")
    if note:
        fig.text(0.012, 0.905, note, fontsize=13, color=style.INK_NOTE, va="top")
    fig.text(0.012, 0.02, wrap(texts.source_line, 190), fontsize=11, color=style.INK_SMALL,
             va="bottom")
    return fig


def figure_png(fig: Figure) -> bytes:
    """PNG bytes of a figure at its own size."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi)
    return buf.getvalue()
