"""Travel-time model: great-circle distance, a detour factor, a speed and a wait.

There is no road network yet: ``minutes = (km / speed + town_km / urban_speed) * detour *
60 + wait``, where ``km`` is the great-circle distance and ``town_km`` the way inside the
woman's own town (:func:`town_rings`). Nearest centres are found with a KD-tree on
points of the unit sphere, where the straight (chord) distance grows with the
great-circle distance, so the nearest by chord is the nearest on the globe.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import ArrayLike
from scipy.spatial import cKDTree

from . import settings
from .settings import TravelMode


def travel_mode(name: str | None = None, *, speed_kmh: float | None = None,
             detour: float | None = None, wait_minutes: float | None = None,
             urban_speed_kmh: float | None = None) -> TravelMode:
    """Return a named travel mode (car, no-car, winter), with any parameter overridden.

    Raises
    ------
    ValueError
        Unknown name, or a speed, detour or wait out of range.
    """
    name = settings.DEFAULT_MODE if name is None else name
    if name not in settings.TRAVEL_MODES:
        raise ValueError(f"unknown travel mode '{name}'; choose one of "
                         f"{', '.join(settings.TRAVEL_MODES)}")
    base = settings.TRAVEL_MODES[name]
    out = replace(base,
                  speed_kmh=base.speed_kmh if speed_kmh is None else float(speed_kmh),
                  detour=base.detour if detour is None else float(detour),
                  wait_minutes=base.wait_minutes if wait_minutes is None
                  else float(wait_minutes),
                  urban_speed_kmh=base.urban_speed_kmh if urban_speed_kmh is None
                  else float(urban_speed_kmh))
    if not 1 <= out.speed_kmh <= 200:
        raise ValueError(f"speed {out.speed_kmh:g} km/h is outside 1 to 200")
    if not 1 <= out.detour <= 5:
        raise ValueError(f"detour factor {out.detour:g} is outside 1 to 5")
    if not 0 <= out.wait_minutes <= 24 * 60:
        raise ValueError(f"waiting time {out.wait_minutes:g} min is outside 0 to 1440")
    if not 1 <= out.urban_speed_kmh <= 200:
        raise ValueError(f"speed in towns {out.urban_speed_kmh:g} km/h is outside 1 to 200")
    return out


def minutes_from_km(km: np.ndarray, travel: TravelMode,
                    town_km: np.ndarray | float = 0.0) -> np.ndarray:
    """Travel minutes for great-circle distances in km (inf stays inf).

    ``town_km`` is the straight-line way inside the woman's own town, covered at the
    scenario's urban speed (0 in the countryside).
    """
    hours = (np.asarray(km, dtype=float) / travel.speed_kmh
             + np.asarray(town_km, dtype=float) / travel.urban_speed_kmh)
    return hours * travel.detour * 60.0 + travel.wait_minutes


def town_radius_km(people: ArrayLike, *,
                   density: float | None = None) -> np.ndarray:
    """Radius of a disc holding ``people`` at ``density`` people per km²."""
    density = settings.TOWN_DENSITY_PER_KM2 if density is None else density
    return np.sqrt(np.asarray(people, dtype=float) / (np.pi * density))


def ring_factors(rings: int | None = None) -> np.ndarray:
    """Distance of each of ``rings`` equal-area annuli of a unit disc from its centre.

    Annulus *k* runs from ``sqrt((k-1)/n)`` to ``sqrt(k/n)``; its value is the mean
    distance of a uniform point in it, ``2/3 (b³ - a³) / (b² - a²)``. Their mean is 2/3,
    the mean distance of a uniform point of the disc, exactly.
    """
    rings = settings.TOWN_RINGS if rings is None else rings
    if rings < 1:
        raise ValueError("a town needs at least one ring")
    edges = np.sqrt(np.arange(rings + 1) / rings)
    a, b = edges[:-1], edges[1:]
    return 2.0 / 3.0 * (b**3 - a**3) / (b**2 - a**2)


def town_minutes(people: float, travel: TravelMode, *,
                 density: float | None = None) -> float:
    """Mean minutes of the way inside a town of ``people`` to its point (2/3 radius)."""
    density = settings.TOWN_DENSITY_PER_KM2 if density is None else density
    km = 2.0 / 3.0 * float(town_radius_km(people, density=density))
    return float(km / travel.urban_speed_kmh * travel.detour * 60.0)


def km_from_minutes(minutes: float, travel: TravelMode) -> float:
    """Great-circle km that take ``minutes`` (negative when the wait alone is longer)."""
    return (minutes - travel.wait_minutes) * travel.speed_kmh / 60.0 / travel.detour


def haversine_km(lon1: ArrayLike, lat1: ArrayLike, lon2: ArrayLike,
                 lat2: ArrayLike) -> np.ndarray:
    """Great-circle distance in km between points given in degrees (broadcasts)."""
    x1, y1, x2, y2 = (np.radians(np.asarray(a, dtype=float)) for a in (lon1, lat1, lon2, lat2))
    h = (np.sin((y2 - y1) / 2) ** 2
         + np.cos(y1) * np.cos(y2) * np.sin((x2 - x1) / 2) ** 2)
    return 2 * settings.EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def unit_vectors(lon: ArrayLike, lat: ArrayLike) -> np.ndarray:
    """Points on the unit sphere, shape (n, 3)."""
    x, y = np.radians(np.asarray(lon, dtype=float)), np.radians(np.asarray(lat, dtype=float))
    cos_y = np.cos(y)
    return np.column_stack([cos_y * np.cos(x), cos_y * np.sin(x), np.sin(y)])


def _chord_to_km(chord: np.ndarray) -> np.ndarray:
    return 2 * settings.EARTH_RADIUS_KM * np.arcsin(np.clip(chord / 2, 0.0, 1.0))


def _km_to_chord(km: float) -> float:
    return 2 * np.sin(min(km / settings.EARTH_RADIUS_KM, np.pi) / 2)


def nearest(lon: np.ndarray, lat: np.ndarray, centre_lon: np.ndarray,
            centre_lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nearest centre of every point and its great-circle distance.

    Returns
    -------
    index : array of int
        Position of the nearest centre; -1 when there are no centres.
    km : array of float
        Great-circle distance; inf when there are no centres.
    """
    n = len(np.atleast_1d(lon))
    if len(np.atleast_1d(centre_lon)) == 0:
        return np.full(n, -1), np.full(n, np.inf)
    tree = cKDTree(unit_vectors(centre_lon, centre_lat))
    chord, index = tree.query(unit_vectors(lon, lat), k=1, workers=-1)
    return index.astype(np.int64), _chord_to_km(chord)


def pairs_within(lon: np.ndarray, lat: np.ndarray, centre_lon: np.ndarray,
                 centre_lat: np.ndarray, max_km: float
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All (point, centre) pairs not farther apart than ``max_km``, as a sparse list.

    Returns
    -------
    point, centre : array of int
        Positions of each pair (grouped by centre, in no particular order within).
    km : array of float
        Great-circle distance of each pair.
    """
    empty = (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0))
    if len(np.atleast_1d(centre_lon)) == 0 or len(np.atleast_1d(lon)) == 0 or max_km < 0:
        return empty
    # An unbalanced tree builds about 3 times faster and answers radius queries as fast.
    points = cKDTree(unit_vectors(lon, lat), balanced_tree=False, compact_nodes=False)
    # A little slack on the chord radius; pairs are then cut on the exact distance.
    hits = points.query_ball_point(unit_vectors(centre_lon, centre_lat),
                                   r=_km_to_chord(max_km) * (1 + 1e-9) + 1e-12,
                                   return_sorted=False, workers=-1)
    counts = np.fromiter((len(h) for h in hits), dtype=np.int64, count=len(hits))
    if counts.sum() == 0:
        return empty
    centre = np.repeat(np.arange(len(hits)), counts)
    point = np.concatenate([np.asarray(h, dtype=np.int64) for h in hits if len(h)])
    km = haversine_km(np.asarray(lon)[point], np.asarray(lat)[point],
                      np.asarray(centre_lon)[centre], np.asarray(centre_lat)[centre])
    keep = km <= max_km
    return point[keep], centre[keep], km[keep]
