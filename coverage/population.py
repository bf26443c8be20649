"""Population model: where the women of each region live (the demand points).

Each region's women equal the official figure for 1 January 2023 exactly. They are put
on two kinds of points:

* **listed settlements** (GeoNames places of 500+ people), each with its own population
  times the region's share of women. A town's women live on a disc around its point
  (:data:`~coverage.settings.TOWN_DENSITY_PER_KM2`), split into rings at their mean
  distance from it, so a trip starts with the way out of the town;
* **pieces of land of an equal-area grid** (:mod:`coverage.grid`; lakes and seas taken
  out) carrying the rest of the region's women, who live in villages too small to be
  listed. The rest is spread by a Gaussian kernel around the region's listed places,
  times each piece's land area: bandwidth 0 puts it on the places themselves, an
  infinite bandwidth spreads it evenly over the land, and the default lies between.
  Each place pulls alike ("equal") or in proportion to its population ("population").

The three cities (Astana, Almaty, Shymkent) have no rural rest: their listed settlements
are scaled to the official total. In an oblast whose listed places already add up to more
than its official population, they are scaled down and nothing is spread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from . import settings
from .grid import grid_cells
from .travel import haversine_km, ring_factors, town_radius_km

DEMAND_COLUMNS = ["kind", "name", "geonameid", "region_id", "lon", "lat", "women",
                  "women_listed", "town_km"]


def town_weights(people: np.ndarray, weighting: str, *,
                 floor: float | None = None) -> np.ndarray:
    """How much each listed place pulls in the kernel.

    ``equal``: 1 each. ``population``: its population, ``floor`` where it has none
    (``NaN``) or fewer people than the floor.
    """
    floor = settings.TOWN_WEIGHT_FLOOR if floor is None else floor
    people = np.asarray(people, dtype=float)
    if weighting == "equal":
        return np.ones(len(people))
    if weighting == "population":
        return np.fmax(np.nan_to_num(people, nan=floor), floor)
    raise ValueError(f"unknown kernel weighting '{weighting}'; use "
                     f"{' or '.join(settings.KERNEL_WEIGHTINGS)}")


def spread_weights(cell_lonlat: np.ndarray, cell_region: np.ndarray,
                   town_lonlat: np.ndarray, town_region: np.ndarray, bandwidth_km: float,
                   town_weight: np.ndarray | None = None) -> np.ndarray:
    """Kernel weight of every cell: the weighted sum of Gaussians around its region's towns.

    Parameters
    ----------
    cell_lonlat, town_lonlat : array of float, shape (n, 2)
        Longitude and latitude in degrees.
    cell_region, town_region : array of int
        Region codes; a cell only feels the towns of its own region.
    bandwidth_km : float
        Gaussian standard deviation; ``inf`` gives every cell weight 1.
    town_weight : array of float, optional
        Pull of each town (:func:`town_weights`); 1 each when omitted.

    Returns
    -------
    array of float
        Unnormalised weights, one per cell (not yet times its land area).
    """
    if np.isinf(bandwidth_km):
        return np.ones(len(cell_lonlat))
    if bandwidth_km <= 0:
        raise ValueError("bandwidth 0 puts the rest on the settlements, not on cells")
    town_weight = np.ones(len(town_lonlat)) if town_weight is None else town_weight
    weights = np.zeros(len(cell_lonlat))
    # Region by region: a cell x town matrix of one region only stays small.
    for code in np.unique(cell_region):
        cells = np.flatnonzero(cell_region == code)
        towns = np.flatnonzero(town_region == code)
        if len(towns) == 0:
            continue
        d = haversine_km(cell_lonlat[cells, 0, None], cell_lonlat[cells, 1, None],
                         town_lonlat[None, towns, 0], town_lonlat[None, towns, 1])
        weights[cells] = np.exp(-0.5 * (d / bandwidth_km) ** 2) @ town_weight[towns]
    return weights


def _listed_women(towns: pd.DataFrame, t_region: np.ndarray, women: np.ndarray,
                  female_share: np.ndarray, is_city: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Women of each listed place and the rest of each region, to be spread."""
    n_regions = len(women)
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
    return listed, np.clip(rest, 0.0, None)


def _spread(rest: np.ndarray, towns: pd.DataFrame, t_region: np.ndarray,
            cells: pd.DataFrame, c_region: np.ndarray, *, bandwidth_km: float,
            pull: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Spread the rest of each region on its towns and its land: (on_towns, on_cells)."""
    n_regions = len(rest)
    town_count = np.bincount(t_region, minlength=n_regions)
    cell_count = np.bincount(c_region, minlength=n_regions)
    land = cells["land_km2"].to_numpy(float) if "land_km2" in cells else np.ones(len(cells))
    on_cells = np.zeros(len(cells))
    if bandwidth_km == 0:
        to_towns = town_count > 0
    else:
        w = land * spread_weights(cells[["lon", "lat"]].to_numpy(float), c_region,
                                  towns[["lon", "lat"]].to_numpy(float), t_region,
                                  bandwidth_km, pull)
        w_sum = np.bincount(c_region, weights=w, minlength=n_regions)
        # Towns so far from every cell that all kernels vanish: keep the rest on them.
        to_towns = (w_sum <= 1e-12) & (town_count > 0)
        share = np.divide(w, w_sum[c_region], out=np.zeros_like(w), where=w_sum[c_region] > 0)
        on_cells = np.where((~to_towns & (cell_count > 0))[c_region], share * rest[c_region],
                            0.0)
    # A region with neither kernel mass nor cells: its rest goes to its towns, or
    # (no towns either) on its land.
    stranded = ~to_towns & (np.bincount(c_region, weights=on_cells, minlength=n_regions)
                            < rest - 1e-6)
    to_towns |= stranded & (town_count > 0)
    even = (stranded & (town_count == 0) & (cell_count > 0))[c_region]
    land_sum = np.bincount(c_region, weights=land, minlength=n_regions)
    on_cells = np.where(even, rest[c_region] * land / np.maximum(land_sum, 1e-12)[c_region],
                        on_cells)
    # At bandwidth 0 the rest goes to the towns by their pull (equal shares, or by size).
    pull_sum = np.bincount(t_region, weights=pull, minlength=n_regions)
    on_towns = np.where(to_towns[t_region], rest[t_region] * pull
                        / np.maximum(pull_sum, 1e-12)[t_region], 0.0)
    return on_towns, on_cells


def town_rings(points: pd.DataFrame, people: np.ndarray, *, density: float | None = None,
               rings: int | None = None) -> pd.DataFrame:
    """Split every settlement point into rings of equal women around it.

    Ring *k* of a town of ``people`` sits ``town_km`` = ``R`` times
    :func:`coverage.travel.ring_factors` from its point, where ``R`` is the radius of a
    disc of ``people`` at ``density`` (:data:`~coverage.settings.TOWN_DENSITY_PER_KM2`).

    Parameters
    ----------
    points : DataFrame
        Settlement demand points (``women``, ``women_listed``).
    people : array of float
        People living on each point's disc (its own population).
    """
    density = settings.TOWN_DENSITY_PER_KM2 if density is None else density
    rings = settings.TOWN_RINGS if rings is None else rings
    factors = ring_factors(rings)
    radius = town_radius_km(people, density=density)
    out = points.loc[points.index.repeat(rings)].reset_index(drop=True)
    out["town_km"] = np.repeat(radius, rings) * np.tile(factors, len(points))
    out["women"] = out["women"] / rings
    out["women_listed"] = out["women_listed"] / rings
    return out


def placement_key(weighting: str, bandwidth_km: float) -> str:
    """Name a placement of the rural rest: ``equal 30 km``, ``population 0 km``, ``even``.

    An infinite bandwidth does not depend on the weighting (``even``).
    """
    return "even" if math.isinf(bandwidth_km) else f"{weighting} {bandwidth_km:g} km"


def demand_points(regions: gpd.GeoDataFrame, population: pd.DataFrame,
                  settlements: pd.DataFrame, *, cells: pd.DataFrame,
                  bandwidth_km: float | None = None, weighting: str | None = None,
                  town_travel: bool = True) -> pd.DataFrame:
    """Women per demand point (rings of listed settlements and pieces of land).

    Parameters
    ----------
    regions, population, settlements : DataFrame
        As loaded by :mod:`coverage.data`. Regions need ``region_id`` and ``kind`` (city
        regions have no rural rest). Settlements need ``region_id``, ``lon``, ``lat``,
        ``population`` (``<NA>`` counts as no listed population) and ``name``.
    bandwidth_km : float, optional
        Kernel bandwidth for the population outside listed settlements (0 to inf);
        :data:`~coverage.settings.KERNEL_BANDWIDTH_KM` when omitted.
    weighting : str, optional
        ``equal`` or ``population`` (:func:`town_weights`);
        :data:`~coverage.settings.KERNEL_WEIGHTING` when omitted.
    cells : DataFrame
        The land to spread the rest on: :func:`coverage.grid.grid_cells`, cut by the lakes
        and seas of :func:`coverage.data.load_water` (reused across bandwidths).
    town_travel : bool
        Split towns into rings with the way inside the town (``town_km``); ``False``
        keeps one point per town at ``town_km`` 0 (point-to-point, as other tools).

    Returns
    -------
    DataFrame
        ``kind`` (settlement / cell), ``name``, ``geonameid``, ``region_id``, ``lon``,
        ``lat``, ``women`` (float; sums to the official figure of each region),
        ``women_listed`` (the part from the settlement's own population figure) and
        ``town_km``. Points with no women are dropped. ``attrs`` records the parameters.
    """
    bandwidth_km = settings.KERNEL_BANDWIDTH_KM if bandwidth_km is None else bandwidth_km
    weighting = settings.KERNEL_WEIGHTING if weighting is None else weighting
    if bandwidth_km < 0 or np.isnan(bandwidth_km):
        raise ValueError("the bandwidth must be 0 or more (inf spreads evenly)")
    pop = population.set_index("region_id")
    region_ids = list(regions["region_id"])
    code = {rid: i for i, rid in enumerate(region_ids)}
    women = pop.loc[region_ids, "female"].to_numpy(dtype=float)
    female_share = women / pop.loc[region_ids, "total"].to_numpy(dtype=float)
    is_city = (regions["kind"] == "city").to_numpy()

    towns = settlements.sort_values("geonameid") if "geonameid" in settlements else settlements
    t_region = towns["region_id"].map(code).to_numpy()
    c_region = cells["region_id"].map(code).to_numpy()
    listed, rest = _listed_women(towns, t_region, women, female_share, is_city)
    pull = town_weights(towns["population"].astype("Float64").to_numpy(dtype=float,
                                                                        na_value=np.nan),
                        weighting)
    on_towns, on_cells = _spread(rest, towns, t_region, cells, c_region,
                                 bandwidth_km=bandwidth_km, pull=pull)

    town_points = pd.DataFrame({
        "kind": "settlement", "name": towns["name"].to_numpy(),
        "geonameid": pd.array(towns["geonameid"].to_numpy(), dtype="Int64")
        if "geonameid" in towns else pd.array([pd.NA] * len(towns), dtype="Int64"),
        "region_id": towns["region_id"].to_numpy(),
        "lon": towns["lon"].to_numpy(dtype=float), "lat": towns["lat"].to_numpy(dtype=float),
        "women": listed + on_towns, "women_listed": listed, "town_km": 0.0})
    if town_travel:
        # A town's own people (listed, after scaling), at least the GeoNames floor.
        people = np.fmax(listed / female_share[t_region], settings.TOWN_WEIGHT_FLOOR)
        keep = town_points["women"].to_numpy() > 0
        town_points = town_rings(town_points[keep], people[keep])
    cell_points = pd.DataFrame({
        "kind": "cell", "name": "", "geonameid": pd.array([pd.NA] * len(cells), dtype="Int64"),
        "region_id": cells["region_id"].to_numpy(), "lon": cells["lon"].to_numpy(),
        "lat": cells["lat"].to_numpy(), "women": on_cells, "women_listed": 0.0,
        "town_km": 0.0})
    out = pd.concat([town_points, cell_points], ignore_index=True)
    out = out[out["women"] > 0].reset_index(drop=True)[DEMAND_COLUMNS]
    out.attrs = {"bandwidth_km": float(bandwidth_km), "weighting": weighting,
                 "placement": placement_key(weighting, bandwidth_km),
                 "town_travel": bool(town_travel)}
    return out


@dataclass(frozen=True)
class DemandModel:
    """Demand points under the default placement and under the sensitivity sweep.

    Attributes
    ----------
    default : DataFrame
        :func:`demand_points` with the default bandwidth and weighting.
    sweep : dict of str to DataFrame
        The other placements of the rural rest, keyed by :func:`placement_key`.
    """

    default: pd.DataFrame
    sweep: dict[str, pd.DataFrame]
    bandwidth_km: float
    weighting: str
    cell_km: float
    town_travel: bool = True

    @property
    def default_key(self) -> str:
        """Name of the default placement (see :func:`placement_key`)."""
        return placement_key(self.weighting, self.bandwidth_km)

    def variants(self) -> dict[str, pd.DataFrame]:
        """Every demand set by name: ``default`` and the sweep's placements."""
        return {"default": self.default, **self.sweep}


def demand_model(regions: gpd.GeoDataFrame, population: pd.DataFrame,
                 settlements: pd.DataFrame, *, water: gpd.GeoDataFrame | None,
                 bandwidth_km: float | None = None, weighting: str | None = None,
                 town_travel: bool = True) -> DemandModel:
    """Build the default demand points and those of the sensitivity sweep.

    ``water`` (lakes and seas, where nobody lives) is required; ``None`` leaves it out.
    The sweep is every weighting of :data:`~coverage.settings.SENSITIVITY_WEIGHTINGS`
    at every bandwidth of :data:`~coverage.settings.SENSITIVITY_BANDWIDTHS_KM`
    (an infinite one once), the default left out. Grid cell size and the sweep are read
    from :mod:`coverage.settings` when called.
    """
    bandwidth_km = settings.KERNEL_BANDWIDTH_KM if bandwidth_km is None else bandwidth_km
    weighting = settings.KERNEL_WEIGHTING if weighting is None else weighting
    cells = grid_cells(regions, water=water, cell_km=settings.GRID_CELL_KM)

    def run(bw: float, how: str) -> pd.DataFrame:
        return demand_points(regions, population, settlements, bandwidth_km=bw,
                             weighting=how, cells=cells, town_travel=town_travel)

    default_key = placement_key(weighting, bandwidth_km)
    sweep = {}
    for how in settings.SENSITIVITY_WEIGHTINGS:
        for bw in settings.SENSITIVITY_BANDWIDTHS_KM:
            key = placement_key(how, bw)
            if key != default_key and key not in sweep:
                sweep[key] = run(bw, how)
    return DemandModel(default=run(bandwidth_km, weighting), sweep=sweep,
                       bandwidth_km=float(bandwidth_km), weighting=weighting,
                       cell_km=float(settings.GRID_CELL_KM), town_travel=town_travel)
