"""Maps drawn server-side (matplotlib), for the page and for slides."""

from __future__ import annotations

import geopandas as gpd
from matplotlib.figure import Figure

from . import settings


def static_map(regions: gpd.GeoDataFrame, centres: gpd.GeoDataFrame, *,
               title: str, source_line: str, width_px: int = 1600,
               height_px: int = 900, dpi: int = 100) -> Figure:
    """Regions with their names and crisis centres as points.

    Drawn in an equal-area projection so that region sizes compare truly. Uses the
    object-oriented Matplotlib API (no global state), safe in a threaded server.
    """
    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    ax = fig.add_axes((0.01, 0.06, 0.98, 0.86))
    ea_regions = regions.to_crs(settings.CRS_EQUAL_AREA)
    ea_regions.plot(ax=ax, color="#eef1f4", edgecolor="#5b6770", linewidth=0.6)
    has_centre = ea_regions["region_id"].isin(centres["region_id"])
    ea_regions[~has_centre].plot(ax=ax, color="#f6d5cf", edgecolor="#5b6770", linewidth=0.6)
    cities = set(ea_regions.loc[ea_regions["kind"] == "city", "name_en"])
    for geom, name in zip(ea_regions.geometry, ea_regions["name_en"]):
        if geom.area > 3e10:  # label only regions large enough to hold a label
            short = name.removesuffix(" Region")
            p = geom.representative_point()
            # "Almaty" alone would name the city, not the region around it.
            ax.annotate(name if short in cities else short, (p.x, p.y), ha="center",
                        va="center", fontsize=8, color="#3a4148")
    pts = centres.to_crs(settings.CRS_EQUAL_AREA)
    ax.scatter(pts.geometry.x, pts.geometry.y, s=36, color="#b3261e", edgecolor="white",
               linewidth=0.8, zorder=3, label=f"Crisis centre ({len(pts)})")
    ax.scatter([], [], s=120, marker="s", color="#f6d5cf", edgecolor="#5b6770",
               label="Region without a known centre")
    ax.legend(loc="lower left", frameon=False, fontsize=9)
    ax.set_axis_off()
    fig.suptitle(title, x=0.01, y=0.98, ha="left", fontsize=15)
    fig.text(0.01, 0.015, source_line, fontsize=8, color="#5b6770")
    return fig
