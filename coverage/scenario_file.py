"""A what-if scenario as a small JSON file: written, and read with every problem listed.

Everything a file holds is checked where it enters: coordinates, regions, centres, places
(:func:`coverage.scenarios.places_of`), settlement ids, and names and settlements of at
most :data:`~coverage.settings.MAX_CELL_CHARS` characters (a register's cell limit: a
scenario's text goes into every page update that shows it).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from . import settings
from .errors import DataError, Problem, shown
from .io import load_json
from .regions import locate
from .scenarios import NewCentre, Scenario, places_of

SCHEMA = "kz-crisis-centres-scenario/1"


def to_json(scenario: Scenario) -> str:
    """Write the scenario as a small JSON document."""
    return json.dumps({
        "schema": SCHEMA,
        "added": [{k: v for k, v in c.__dict__.items() if v not in (None, "")}
                  for c in scenario.added],
        "disabled": list(scenario.disabled),
        "beds": {cid: b for cid, b in scenario.beds},
    }, ensure_ascii=False, sort_keys=True)


def from_json(text: str | bytes, *, centres: pd.DataFrame, regions: pd.DataFrame,
              file: str = "scenario.json") -> Scenario:
    """Read a scenario; every problem is reported at once as a :class:`DataError`."""
    if len(text) > settings.MAX_FILE_BYTES:
        raise DataError.single(file, key="scenario_too_large", fix_key="resave_scenario")
    try:
        doc = load_json(text, file)
    except DataError:
        raise DataError.single(file, key="not_json", fix_key="resave_scenario") from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise DataError.single(file, key="not_scenario", values={"schema": SCHEMA})
    problems: list[Problem] = []
    added = _added(_listed(doc.get("added"), file, "added", problems), set(regions["region_id"]),
                   file, problems)
    problems += _outside(added, regions, file)
    known_centres = set(centres["centre_id"])
    # Each centre disabled once, however often the file says so.
    disabled = tuple(dict.fromkeys(str(x) for x in _listed(doc.get("disabled"), file,
                                                           "disabled", problems)))
    for cid in disabled:
        if cid not in known_centres:
            problems.append(Problem(file, None, "disabled", key="unknown_centre",
                                    values={"value": shown(cid)}))
    beds_set = _capacities(doc.get("beds") or {}, known_centres, file, problems)
    if problems:
        raise DataError(problems)
    return Scenario(added=tuple(added), disabled=disabled, beds=tuple(sorted(beds_set)))


def _added(entries: list, known_regions: set[str], file: str,
           problems: list[Problem]) -> list[NewCentre]:
    """Read the added centres of a scenario file; a problem for every wrong entry."""
    added = []
    for i, c in enumerate(entries):
        centre, wrong = _one_added(c, f"added[{i}]", known_regions, file)
        problems += wrong
        if centre is not None:  # placed, even when wrong otherwise (the outside check)
            added.append(centre)
    return added


def _one_added(c: object, where: str, known_regions: set[str],
               file: str) -> tuple[NewCentre | None, list[Problem]]:
    """One added centre of a scenario file, and what is wrong with it.

    Names and settlements are text of at most :data:`~coverage.settings.MAX_CELL_CHARS`
    characters (a register's cell limit): a scenario's text goes into every page update.
    """
    try:
        lon, lat = float(c["lon"]), float(c["lat"])  # type: ignore[index]
        if not (math.isfinite(lon) and math.isfinite(lat)):
            raise _NotFiniteError("coordinates must be numbers")
        region_id = str(c["region_id"])  # type: ignore[index]
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as exc:
        return None, [_bad_entry(file, where, exc)]
    assert isinstance(c, dict)
    problems = []
    texts = {"name": c.get("name") or "New centre", "settlement": c.get("settlement") or ""}
    for key, text in texts.items():
        texts[key] = text = text if isinstance(text, str) else str(text)
        if len(text) > settings.MAX_CELL_CHARS:
            problems.append(Problem(file, None, f"{where}.{key}", key="text_too_long",
                                    values={"n": len(text), "limit": settings.MAX_CELL_CHARS},
                                    fix_key="cell_too_long"))
    if region_id not in known_regions:
        problems.append(Problem(file, None, f"{where}.region_id", key="unknown_region",
                                values={"value": shown(region_id)}, fix_key=""))
    try:
        beds = places_of(c.get("beds"))
    except ValueError:
        beds = None
        problems.append(Problem(file, None, f"{where}.beds", key="bad_places",
                                values={"value": shown(c.get("beds")),
                                        "limit": settings.MAX_BEDS}, fix_key="places_range"))
    try:
        geonameid = _settlement_id(c.get("geonameid"))
    except ValueError:
        geonameid = None
        problems.append(Problem(file, None, f"{where}.geonameid", key="bad_entry",
                                values={"detail": shown(c.get("geonameid"))}, fix_key=""))
    return NewCentre(lon=lon, lat=lat, region_id=region_id, name=texts["name"],
                     geonameid=geonameid, beds=beds, settlement=texts["settlement"]), problems


def _settlement_id(value: object) -> int | None:
    """Read a GeoNames id as given: ``None`` when empty; ValueError unless 1 to 2**31 - 1."""
    if value is None:
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 10:
        value = int(value)
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**31:
        raise ValueError(f"{shown(value)} is not a settlement id")
    return value


class _NotFiniteError(ValueError):
    """An added centre's coordinates are NaN or infinite."""


def _bad_entry(file: str, where: str, exc: Exception) -> Problem:
    """Describe an added centre that cannot be read.

    Python's own words for what is missing or wrong (``'lon'``, ``could not convert``)
    are a value of the message, as they are; the rest is translated.
    """
    if isinstance(exc, _NotFiniteError):
        return Problem(file, None, where, key="bad_coordinates", fix_key="bad_entry")
    return Problem(file, None, where, key="bad_entry", values={"detail": shown(exc)})


def _capacities(doc: object, known: set[str], file: str,
                problems: list[Problem]) -> list[tuple[str, int]]:
    """Capacities a scenario sets for existing centres; a problem for every wrong one."""
    if not isinstance(doc, dict):
        problems.append(Problem(file, None, "beds", key="not_capacities"))
        return []
    out = []
    for cid, b in doc.items():
        if cid not in known:
            problems.append(Problem(file, None, "beds", key="unknown_centre",
                                    values={"value": shown(cid)}))
        elif (places := _places_or_none(b)) is None:
            problems.append(Problem(file, None, "beds", key="bad_places",
                                    values={"value": shown(b)}))
        else:
            out.append((cid, places))
    return out


def _places_or_none(value: object) -> int | None:
    """:func:`places_of`, ``None`` for anything but a whole number of places."""
    try:
        return places_of(value)
    except ValueError:
        return None


def _listed(value: object, file: str, where: str, problems: list[Problem]) -> list:
    """Return ``value`` when it is a list, else a problem and an empty list.

    The list may hold at most :data:`~coverage.settings.MAX_CENTRES` entries.
    """
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(Problem(file, None, where, key="not_list"))
        return []
    if len(value) > settings.MAX_CENTRES:
        problems.append(Problem(file, None, where, key="too_many_entries",
                                values={"n": len(value), "limit": settings.MAX_CENTRES}))
        return []
    return value


def _outside(added: list[NewCentre], regions: pd.DataFrame, file: str) -> list[Problem]:
    """Report the added centres too far outside the country, as problems.

    Farther than :data:`~coverage.settings.OUTSIDE_COUNTRY_KM` is too far (the same rule
    as for registers).
    """
    if not added:
        return []
    found, dist = locate(np.array([c.lon for c in added]), np.array([c.lat for c in added]),
                         regions, tolerance_km=settings.OUTSIDE_COUNTRY_KM)
    return [Problem(file, None, f"added[{i}]", key="added_outside", values={"km": d})
            for i, (rid, d) in enumerate(zip(found, dist)) if rid is None]
