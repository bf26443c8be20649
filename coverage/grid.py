"""The equal-area grid on which women outside listed settlements are spread.

A grid cell is cut by region borders and by lakes and seas: each piece of land belongs
to one region and carries its land area, and its demand point lies on that land. Nobody
is put in Lake Balkhash, in the Kapchagay reservoir or in the Caspian.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import settings


def _cell_boxes(bounds: np.ndarray, step: float) -> np.ndarray:
    """Return the squares of side ``step`` covering ``bounds``.

    They are anchored at the projection's origin, so the same cell size always gives the
    same cells.
    """
    minx, miny, maxx, maxy = bounds
    x0 = np.floor(minx / step) * step + np.arange(int(np.ceil((maxx - minx) / step)) + 2) * step
    y0 = np.floor(miny / step) * step + np.arange(int(np.ceil((maxy - miny) / step)) + 2) * step
    gx, gy = np.meshgrid(x0, y0)
    return shapely.box(gx.ravel(), gy.ravel(), gx.ravel() + step, gy.ravel() + step)


def _remove_water(pieces: np.ndarray, water: gpd.GeoDataFrame | None) -> np.ndarray:
    if water is None or water.empty:
        return pieces
    lakes = water.to_crs(settings.CRS_EQUAL_AREA).geometry.values
    piece_idx, lake_idx = shapely.STRtree(lakes).query(pieces, predicate="intersects")
    out = pieces.copy()
    for i in np.unique(piece_idx):
        out[i] = shapely.difference(out[i], shapely.union_all(lakes[lake_idx[piece_idx == i]]))
    return out


def grid_cells(regions: gpd.GeoDataFrame, *, cell_km: float | None = None,
               water: gpd.GeoDataFrame | None = None,
               min_land_share: float | None = None) -> pd.DataFrame:
    """Return the land of every equal-area grid cell, cut by region borders and water.

    Parameters
    ----------
    regions : GeoDataFrame
        ``region_id`` and polygons (any CRS).
    cell_km : float
        Side of a cell, at most ``settings.MAX_GRID_CELL_KM``.
    water : GeoDataFrame, optional
        Lakes and seas (:func:`coverage.data.load_water`), taken out of the land.
    min_land_share : float
        Pieces with less land than this share of a whole cell are dropped.

    Returns
    -------
    DataFrame
        One row per piece of land: ``region_id``, ``lon``, ``lat`` (its centroid, or a
        point on its surface when the centroid is not on the land) and ``land_km2``.
    """
    cell_km = settings.GRID_CELL_KM if cell_km is None else cell_km
    min_land_share = settings.MIN_LAND_SHARE if min_land_share is None else min_land_share
    if not 0 < cell_km <= settings.MAX_GRID_CELL_KM:
        raise ValueError(f"cell size {cell_km:g} km is outside "
                         f"(0, {settings.MAX_GRID_CELL_KM:g}]")
    projected = regions.to_crs(settings.CRS_EQUAL_AREA)
    shapes = projected.geometry.values.copy()
    shapely.prepare(shapes)
    step = cell_km * 1000.0
    boxes = _cell_boxes(projected.total_bounds, step)
    box_idx, region_idx = shapely.STRtree(shapes).query(boxes, predicate="intersects")
    pieces = boxes[box_idx]
    # Most cells lie wholly inside one region; only the others need cutting.
    cut = ~shapely.contains_properly(shapes[region_idx], pieces)
    pieces[cut] = shapely.intersection(pieces[cut], shapes[region_idx[cut]])
    pieces = _remove_water(pieces, water)
    area = shapely.area(pieces)
    keep = area >= min_land_share * step * step
    pieces, region_idx, area = pieces[keep], region_idx[keep], area[keep]
    centroid = shapely.centroid(pieces)
    on_land = shapely.contains(pieces, centroid)
    points = np.where(on_land, centroid, shapely.point_on_surface(pieces))
    lonlat = gpd.GeoSeries(points, crs=settings.CRS_EQUAL_AREA).to_crs(settings.CRS_LONLAT)
    out = pd.DataFrame({"region_id": projected["region_id"].to_numpy()[region_idx],
                        "lon": lonlat.x.to_numpy(), "lat": lonlat.y.to_numpy(),
                        "land_km2": area / 1e6})
    return out.sort_values(["region_id", "lat", "lon"]).reset_index(drop=True)
