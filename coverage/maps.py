"""Static maps drawn server-side (matplotlib), for slides and reports.

Same colours and classes as the web map (:func:`coverage.indicators.classify`), a
title, a legend, the source line and the date. Drawn in an equal-area projection so
that region sizes compare truly. Uses matplotlib's object-oriented API only (no global
pyplot state), so it is safe in a threaded server.
"""

from __future__ import annotations

import io
import math
import textwrap

import geopandas as gpd
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import settings
from .i18n import t
from .indicators import Classes
from .webmap import CENTRE_COLOUR

#: Regions smaller than this (m²) get no label: their name would not fit.
LABEL_MIN_AREA_M2 = 3e10


def draw_map(ax, regions: gpd.GeoDataFrame, classes: Classes, centres: pd.DataFrame, *,
             lang: str, label_size: float = 9) -> None:
    """Regions in their class colours, names, and centres sized by capacity, on ``ax``."""
    ea = regions.to_crs(settings.CRS_EQUAL_AREA)
    colours = [classes.colour_of(r) for r in ea["region_id"]]
    ea.plot(ax=ax, color=colours, edgecolor="#4a4a4a", linewidth=0.7)
    for geom, name, kind in zip(ea.geometry, ea[f"name_{lang}"], ea["kind"]):
        if geom.area > LABEL_MIN_AREA_M2 and kind != "city":
            p = geom.representative_point()
            ax.annotate(name, (p.x, p.y), ha="center", va="center", fontsize=label_size,
                        color="#222222")
    pts = gpd.GeoDataFrame(centres[["lon", "lat"]].astype(float),
                           geometry=gpd.points_from_xy(centres["lon"], centres["lat"]),
                           crs=settings.CRS_LONLAT).to_crs(settings.CRS_EQUAL_AREA)
    beds = centres["beds"].astype("Float64")
    known = beds.notna().to_numpy()
    # Marker area grows with places, as the web map's radius 4 + 1.6 * sqrt(places).
    sizes = [(4 + 1.6 * math.sqrt(b)) ** 2 * 1.6 for b in beds[known]]
    ax.scatter(pts.geometry.x[known], pts.geometry.y[known], s=sizes, color=CENTRE_COLOUR,
               edgecolor="white", linewidth=0.8, zorder=3, alpha=0.9)
    ax.scatter(pts.geometry.x[~known], pts.geometry.y[~known], s=60, facecolor="white",
               edgecolor=CENTRE_COLOUR, linewidth=1.8, zorder=3)
    ax.set_axis_off()
    ax.set_aspect("equal")


def legend_handles(classes: Classes, lang: str, wrap: int = 30) -> list:
    """Legend entries: the classes, then the two kinds of centre marker."""
    return [
        *(Patch(facecolor=c, edgecolor="#4a4a4a", label=label)
          for c, label in classes.legend(lang)),
        Line2D([], [], marker="o", linestyle="", markersize=11, color=CENTRE_COLOUR,
               markeredgecolor="white", label=textwrap.fill(t("legend_centre", lang), wrap)),
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="white",
               markeredgecolor=CENTRE_COLOUR, markeredgewidth=1.6,
               label=textwrap.fill(t("legend_centre_unknown", lang), wrap)),
    ]


def static_map(regions: gpd.GeoDataFrame, classes: Classes, centres: pd.DataFrame, *,
               lang: str, title: str, legend_title: str, source_line: str,
               width_px: int = 1920, height_px: int = 1080, dpi: int = 100) -> Figure:
    """Regions coloured by ``classes``, centres sized by capacity, legend and sources.

    Parameters
    ----------
    regions : GeoDataFrame
        ``region_id``, ``name_<lang>``, ``kind``, shapes in lon/lat.
    classes : Classes
        Colours per region, as on the web map.
    centres : DataFrame
        ``lon``, ``lat``, ``beds`` (``<NA>`` = capacity unknown).
    title, legend_title, source_line : str
        Texts in the chosen language (the source line should carry the date).
    """
    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, facecolor="white")
    ax = fig.add_axes((0.01, 0.07, 0.74, 0.83))
    draw_map(ax, regions, classes, centres, lang=lang)
    handles = legend_handles(classes, lang)
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.755, 0.88),
               frameon=False, fontsize=13, title=textwrap.fill(legend_title, 34),
               title_fontsize=14, alignment="left")
    fig.text(0.012, 0.955, title, fontsize=24, fontweight="bold", color="#111111",
             va="top")
    fig.text(0.012, 0.02, textwrap.fill(source_line, 190), fontsize=11, color="#555555",
             va="bottom")
    return fig


def figure_png(fig: Figure) -> bytes:
    """PNG bytes of a figure at its own size."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi)
    return buf.getvalue()
