"""Population model: where the women of each region live (the demand points).

Each region's women equal the official figure for 1 January 2023 exactly. They are put
on two kinds of points:

* **listed settlements** (GeoNames places of 500+ people), each with its own population
  times the region's share of women;
* **grid cells** (equal-area, ``cell_km`` a side) carrying the rest of the region's
  women, who live in villages too small to be listed. The rest is spread by a Gaussian
  kernel around the region's listed settlements: bandwidth 0 puts it on the settlements
  themselves (equal shares), an infinite bandwidth spreads it evenly over the region's
  cells, and the default lies between.

The three cities (Astana, Almaty, Shymkent) have no rural rest: their listed settlements
are scaled to the official total. In an oblast whose listed places already add up to more
than its official population, they are scaled down and nothing is spread.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import settings
from .travel import haversine_km

DEMAND_COLUMNS = ["kind", "name", "geonameid", "region_id", "lon", "lat", "women",
                  "women_listed"]


def grid_cells(regions: gpd.GeoDataFrame, *,
               cell_km: float = settings.GRID_CELL_KM) -> pd.DataFrame:
    """Centres of equal-area grid cells, each given the region that contains it.

    The grid is anchored at the origin of the equal-area projection, so the same
    ``cell_km`` always gives the same cells.

    Returns
    -------
    DataFrame
        ``region_id``, ``lon``, ``lat`` of every cell centre inside a region.
    """
    if not 0 < cell_km <= 25:
        raise ValueError(f"cell size {cell_km:g} km is outside (0, 25]")
    projected = regions.to_crs(settings.CRS_EQUAL_AREA)
    minx, miny, maxx, maxy = projected.total_bounds
    step = cell_km * 1000.0
    xs = (np.floor(minx / step) + 0.5 + np.arange(int(np.ceil((maxx - minx) / step)) + 2)) * step
    ys = (np.floor(miny / step) + 0.5 + np.arange(int(np.ceil((maxy - miny) / step)) + 2)) * step
    gx, gy = np.meshgrid(xs, ys)
    points = shapely.points(gx.ravel(), gy.ravel())
    tree = shapely.STRtree(projected.geometry.values)
    p_idx, r_idx = tree.query(points, predicate="within")
    inside = gpd.GeoSeries(points[p_idx], crs=settings.CRS_EQUAL_AREA).to_crs(
        settings.CRS_LONLAT)
    out = pd.DataFrame({"region_id": projected["region_id"].to_numpy()[r_idx],
                        "lon": inside.x.to_numpy(), "lat": inside.y.to_numpy()})
    return out.sort_values(["region_id", "lat", "lon"]).reset_index(drop=True)


def spread_weights(cell_lon: np.ndarray, cell_lat: np.ndarray, cell_region: np.ndarray,
                   town_lon: np.ndarray, town_lat: np.ndarray, town_region: np.ndarray,
                   bandwidth_km: float) -> np.ndarray:
    """Kernel weight of every cell: the sum of Gaussians around its region's towns.

    Parameters
    ----------
    cell_region, town_region : array of int
        Region codes; a cell only feels the towns of its own region.
    bandwidth_km : float
        Gaussian standard deviation; ``inf`` gives every cell weight 1.

    Returns
    -------
    array of float
        Unnormalised weights, one per cell.
    """
    if np.isinf(bandwidth_km):
        return np.ones(len(cell_lon))
    if bandwidth_km <= 0:
        raise ValueError("bandwidth 0 puts the rest on the settlements, not on cells")
    weights = np.zeros(len(cell_lon))
    # Blocks of cells keep the cell x town matrix small whatever the grid size.
    for start in range(0, len(cell_lon), 2048):
        sl = slice(start, start + 2048)
        d = haversine_km(cell_lon[sl, None], cell_lat[sl, None], town_lon[None, :],
                         town_lat[None, :])
        k = np.exp(-0.5 * (d / bandwidth_km) ** 2)
        k[cell_region[sl, None] != town_region[None, :]] = 0.0
        weights[sl] = k.sum(axis=1)
    return weights


def demand_points(regions: gpd.GeoDataFrame, population: pd.DataFrame,
                  settlements: pd.DataFrame, *,
                  bandwidth_km: float = settings.KERNEL_BANDWIDTH_KM,
                  cells: pd.DataFrame | None = None,
                  cell_km: float = settings.GRID_CELL_KM,
                  city_regions: tuple[str, ...] = settings.CITY_REGIONS) -> pd.DataFrame:
    """Women per demand point (listed settlements and grid cells).

    Parameters
    ----------
    regions, population, settlements : DataFrame
        As loaded by :mod:`coverage.data`. Settlements need ``region_id``, ``lon``,
        ``lat``, ``population`` (``<NA>`` counts as no listed population) and ``name``.
    bandwidth_km : float
        Kernel bandwidth for the population outside listed settlements (0 to inf).
    cells : DataFrame, optional
        Precomputed :func:`grid_cells` (reused across bandwidths).

    Returns
    -------
    DataFrame
        ``kind`` (settlement / cell), ``name``, ``geonameid``, ``region_id``, ``lon``,
        ``lat``, ``women`` (float; sums to the official figure of each region) and
        ``women_listed`` (the part from the settlement's own population figure).
        Points with no women are dropped. ``attrs`` records the parameters.
    """
    if bandwidth_km < 0 or np.isnan(bandwidth_km):
        raise ValueError("the bandwidth must be 0 or more (inf spreads evenly)")
    cells = grid_cells(regions, cell_km=cell_km) if cells is None else cells
    pop = population.set_index("region_id")
    region_ids = list(regions["region_id"])
    code = {rid: i for i, rid in enumerate(region_ids)}
    n_regions = len(region_ids)
    women = pop.loc[region_ids, "female"].to_numpy(dtype=float)
    female_share = women / pop.loc[region_ids, "total"].to_numpy(dtype=float)
    is_city = np.isin(region_ids, city_regions)

    towns = settlements.sort_values("geonameid") if "geonameid" in settlements else settlements
    t_region = towns["region_id"].map(code).to_numpy()
    t_people = towns["population"].astype("Float64").fillna(0).to_numpy(dtype=float)
    listed = t_people * female_share[t_region]
    listed_sum = np.bincount(t_region, weights=listed, minlength=n_regions)
    # Scale listed places down where they exceed the official figure, and in cities
    # (where there is no rural rest) onto the official figure.
    scale = np.ones(n_regions)
    over = (listed_sum > women) | (is_city & (listed_sum > 0))
    scale[over] = women[over] / listed_sum[over]
    listed = listed * scale[t_region]
    rest = women - np.bincount(t_region, weights=listed, minlength=n_regions)
    rest[over] = 0.0
    rest = np.clip(rest, 0.0, None)

    c_region = cells["region_id"].map(code).to_numpy()
    town_count = np.bincount(t_region, minlength=n_regions)
    cell_count = np.bincount(c_region, minlength=n_regions)
    on_towns = np.zeros(len(towns))
    on_cells = np.zeros(len(cells))
    if bandwidth_km == 0:
        to_towns = town_count > 0
    else:
        w = spread_weights(cells["lon"].to_numpy(), cells["lat"].to_numpy(), c_region,
                           towns["lon"].to_numpy(dtype=float), towns["lat"].to_numpy(dtype=float),
                           t_region, bandwidth_km)
        w_sum = np.bincount(c_region, weights=w, minlength=n_regions)
        # Towns so far from every cell that all kernels vanish: keep the rest on them.
        to_towns = (w_sum <= 1e-12) & (town_count > 0)
        use_cells = ~to_towns & (cell_count > 0)
        share = np.divide(w, w_sum[c_region], out=np.zeros_like(w),
                          where=w_sum[c_region] > 0)
        on_cells = np.where(use_cells[c_region], share * rest[c_region], 0.0)
    # A region with neither kernel mass nor cells: its rest goes to its towns, or
    # (no towns either) evenly on its cells.
    stranded = ~to_towns & (np.bincount(c_region, weights=on_cells, minlength=n_regions)
                            < rest - 1e-6)
    to_towns |= stranded & (town_count > 0)
    even_cells = stranded & (town_count == 0) & (cell_count > 0)
    on_cells = np.where(even_cells[c_region], rest[c_region] / np.maximum(cell_count, 1)[
        c_region], on_cells)
    on_towns = np.where(to_towns[t_region], rest[t_region] / np.maximum(town_count, 1)[
        t_region], 0.0)

    town_points = pd.DataFrame({
        "kind": "settlement", "name": towns["name"].to_numpy(),
        "geonameid": pd.array(towns["geonameid"].to_numpy(), dtype="Int64")
        if "geonameid" in towns else pd.array([pd.NA] * len(towns), dtype="Int64"),
        "region_id": towns["region_id"].to_numpy(),
        "lon": towns["lon"].to_numpy(dtype=float), "lat": towns["lat"].to_numpy(dtype=float),
        "women": listed + on_towns, "women_listed": listed})
    cell_points = pd.DataFrame({
        "kind": "cell", "name": "", "geonameid": pd.array([pd.NA] * len(cells), dtype="Int64"),
        "region_id": cells["region_id"].to_numpy(), "lon": cells["lon"].to_numpy(),
        "lat": cells["lat"].to_numpy(), "women": on_cells, "women_listed": 0.0})
    out = pd.concat([town_points, cell_points], ignore_index=True)
    out = out[out["women"] > 0].reset_index(drop=True)
    out.attrs = {"bandwidth_km": float(bandwidth_km), "cell_km": float(cell_km)}
    return out[DEMAND_COLUMNS]


@dataclass(frozen=True)
class DemandModel:
    """Demand points under the default bandwidth and under the sensitivity sweep."""

    default: pd.DataFrame
    sweep: dict[float, pd.DataFrame]
    bandwidth_km: float
    cell_km: float

    def variants(self) -> dict[str, pd.DataFrame]:
        """Every demand set by name: ``default`` and ``bw=<km>`` for the sweep."""
        return {"default": self.default,
                **{f"bw={bw:g}": points for bw, points in self.sweep.items()}}


def demand_model(regions: gpd.GeoDataFrame, population: pd.DataFrame,
                 settlements: pd.DataFrame, *,
                 bandwidth_km: float = settings.KERNEL_BANDWIDTH_KM,
                 cell_km: float = settings.GRID_CELL_KM,
                 sweep_km: tuple[float, ...] = settings.SENSITIVITY_BANDWIDTHS_KM
                 ) -> DemandModel:
    """Build the default demand points and those of the sensitivity sweep."""
    cells = grid_cells(regions, cell_km=cell_km)

    def run(bw: float) -> pd.DataFrame:
        return demand_points(regions, population, settlements, bandwidth_km=bw,
                             cells=cells, cell_km=cell_km)

    return DemandModel(default=run(bandwidth_km),
                       sweep={float(bw): run(bw) for bw in sweep_km if bw != bandwidth_km},
                       bandwidth_km=float(bandwidth_km), cell_km=float(cell_km))
