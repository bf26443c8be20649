"""What-if scenarios: centres added, disabled or given a capacity; saved as JSON or in a URL.

A scenario never holds an address: added centres sit at a GeoNames settlement (or, when
added by a click far from any listed settlement, at the clicked point).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from . import settings
from .errors import DataError, Problem, shown
from .io import load_json
from .regions import locate
from .report import Report
from .travel import nearest

#: Longest scenario kept in the URL (characters); longer ones live in a JSON file.
MAX_URL_CHARS = 600
SCHEMA = "kz-crisis-centres-scenario/1"


@dataclass(frozen=True)
class NewCentre:
    """A centre the planner adds."""

    lon: float
    lat: float
    region_id: str
    name: str
    geonameid: int | None = None
    beds: int | None = None
    #: The settlement's own name (GeoNames), kept as data. ``name`` is the planner's
    #: English one (written in the reader's language when shown, from ``geonameid``:
    #: :func:`coverage.names.centre_name`) or a scenario file's own.
    settlement: str = ""


@dataclass(frozen=True)
class Scenario:
    """Changes to the centre register."""

    added: tuple[NewCentre, ...] = ()
    disabled: tuple[str, ...] = ()
    beds: tuple[tuple[str, int], ...] = field(default=())  # capacity set for existing ones

    @property
    def empty(self) -> bool:
        """True when the scenario changes nothing."""
        return not (self.added or self.disabled or self.beds)

    def add(self, centre: NewCentre) -> Scenario:
        """Return the scenario with one more new centre."""
        return replace(self, added=(*self.added, centre))

    def with_disabled(self, centre_ids: Iterable[str]) -> Scenario:
        """Return the scenario with exactly these existing centres disabled."""
        return replace(self, disabled=tuple(centre_ids))

    def with_capacity(self, centre_id: str, beds: int) -> Scenario:
        """Return the scenario with an existing centre's places set to ``beds``."""
        return replace(self, beds=tuple(sorted({**dict(self.beds),
                                                centre_id: int(beds)}.items())))

    def edit_added(self, edits: dict) -> Scenario:
        """Return the scenario after a table edit of its new centres.

        ``edits`` maps a row (int or its text) to ``{"remove": bool, "places": int | None}``.
        """
        added = []
        for i, c in enumerate(self.added):
            change = edits.get(i, {}) or edits.get(str(i), {})
            if change.get("remove"):
                continue
            places = change.get("places", c.beds)
            added.append(replace(c, beds=int(places) if places else None))
        return replace(self, added=tuple(added))


def at_settlement(settlements: pd.DataFrame, geonameid: int, *, name: str | None = None,
                  beds: int | None = None) -> NewCentre:
    """Make a new centre at a listed settlement."""
    row = settlements.loc[settlements["geonameid"] == int(geonameid)]
    if row.empty:
        raise ValueError(f"no settlement with geonameid {geonameid}")
    r = row.iloc[0]
    return NewCentre(lon=float(r["lon"]), lat=float(r["lat"]), region_id=r["region_id"],
                     name=name or f"New centre, {r['name']}", geonameid=int(r["geonameid"]),
                     beds=beds, settlement=str(r["name"]))


def at_point(regions: pd.DataFrame, lon: float, lat: float, *,
             beds: int | None = None) -> NewCentre | None:
    """Make a new centre at a point (``None`` outside Kazakhstan)."""
    region, _ = locate(np.array([lon]), np.array([lat]), regions)
    if region[0] is None:
        return None
    return NewCentre(lon=round(lon, 4), lat=round(lat, 4), region_id=region[0],
                     name=f"New centre at {lat:.2f}, {lon:.2f}", beds=beds)


def at_click(settlements: pd.DataFrame, regions: pd.DataFrame, lon: float, lat: float,
             *, beds: int | None = None) -> NewCentre | None:
    """Make a new centre where the map was clicked.

    It is put at the nearest settlement within ``settings.CLICK_SNAP_KM``, else at the
    point itself (``None`` outside Kazakhstan).
    """
    idx, km = nearest(np.array([lon]), np.array([lat]), settlements["lon"].to_numpy(float),
                      settlements["lat"].to_numpy(float))
    if km[0] <= settings.CLICK_SNAP_KM:
        return at_settlement(settlements, int(settlements["geonameid"].iloc[idx[0]]),
                             beds=beds)
    return at_point(regions, lon, lat, beds=beds)


def apply(centres: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Return the register with the scenario's changes (the input is not changed).

    Added centres get ``status`` ``planned`` (drawn and counted apart from the
    register's), disabled ones are left out.
    """
    out = centres[~centres["centre_id"].isin(scenario.disabled)].copy()
    if "geometry" in out:
        out = pd.DataFrame(out.drop(columns="geometry"))
    out["beds"] = out["beds"].astype("Int64")
    for cid, beds in scenario.beds:
        out.loc[out["centre_id"] == cid, "beds"] = beds
    if scenario.added:
        new = pd.DataFrame([{
            "centre_id": f"new-{i + 1}", "name": c.name, "lon": c.lon, "lat": c.lat,
            "region_id": c.region_id, "beds": c.beds, "kind": "", "source_url": "",
            # Its settlement's id: the name is written in the reader's language when
            # shown (coverage.names), never stored translated.
            "settlement": c.settlement, "geonameid": c.geonameid,
            "location_precision": "settlement" if c.geonameid else "point",
            "source_year": "", "status": "planned"} for i, c in enumerate(scenario.added)])
        new["beds"] = new["beds"].astype("Int64")
        out = pd.concat([out, new], ignore_index=True)
    out["beds"] = out["beds"].astype("Int64")
    return out.reset_index(drop=True)


# ----------------------------------------------------------------------- JSON
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
    disabled = tuple(str(x) for x in _listed(doc.get("disabled"), file, "disabled", problems))
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
        where = f"added[{i}]"
        try:
            lon, lat = float(c["lon"]), float(c["lat"])
            if not (math.isfinite(lon) and math.isfinite(lat)):
                raise _NotFiniteError("coordinates must be numbers")
            beds = None if c.get("beds") is None else int(c["beds"])
            centre = NewCentre(lon=lon, lat=lat, region_id=str(c["region_id"]),
                               name=str(c.get("name") or "New centre"),
                               geonameid=None if c.get("geonameid") is None
                               else int(c["geonameid"]), beds=beds,
                               settlement=str(c.get("settlement") or ""))
        except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as exc:
            problems.append(_bad_entry(file, where, exc))
            continue
        if centre.region_id not in known_regions:
            problems.append(Problem(file, None, f"{where}.region_id", key="unknown_region",
                                    values={"value": shown(centre.region_id)}, fix_key=""))
        if beds is not None and not 0 <= beds <= settings.MAX_BEDS:
            problems.append(Problem(file, None, f"{where}.beds", key="bad_places",
                                    values={"value": shown(beds), "limit": settings.MAX_BEDS},
                                    fix_key="places_range"))
        added.append(centre)
    return added


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
        elif isinstance(b, bool) or not isinstance(b, int) or not 0 <= b <= settings.MAX_BEDS:
            problems.append(Problem(file, None, "beds", key="bad_places",
                                    values={"value": shown(b)}))
        else:
            out.append((cid, b))
    return out


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


# ----------------------------------------------------------------------- URL
def to_query(scenario: Scenario) -> str | None:
    """Compact text for the URL, or ``None`` when longer than :data:`MAX_URL_CHARS`.

    ``g<geonameid>[_<beds>]`` for a centre at a settlement, ``p<lat>_<lon>[_<beds>]`` at
    a point, ``-<centre_id>`` disabled, ``=<centre_id>_<beds>`` capacity; ``~``-separated.
    """
    parts = []
    for c in scenario.added:
        head = f"g{c.geonameid}" if c.geonameid else f"p{c.lat:.4f}_{c.lon:.4f}"
        parts.append(head + (f"_{c.beds}" if c.beds is not None else ""))
    parts += [f"-{cid}" for cid in scenario.disabled]
    parts += [f"={cid}_{b}" for cid, b in scenario.beds]
    text = "~".join(parts)
    return text if len(text) <= MAX_URL_CHARS else None


def _places(text: str) -> int | None:
    """Read a number of places from a link: ``None`` when empty.

    Raises ValueError when it is not 0 to :data:`~coverage.settings.MAX_BEDS`.
    """
    if not text:
        return None
    if not text.isdigit() or int(text) > settings.MAX_BEDS:
        raise ValueError(f"'{text}' is not a number of places")
    return int(text)


def _query_part(part: str, scenario: Scenario, *, settlements: pd.DataFrame,
                regions: pd.DataFrame, known: set[str]) -> Scenario:
    """One ``~``-separated piece of a link applied to ``scenario`` (ValueError if bad)."""
    if part.startswith("g"):
        gid, _, beds = part[1:].partition("_")
        if not gid.isdigit():
            raise ValueError(f"'{gid}' is not a settlement id")
        return scenario.add(at_settlement(settlements, int(gid), beds=_places(beds)))
    if part.startswith("p"):
        lat, lon, *rest = part[1:].split("_")
        lat_f, lon_f = float(lat), float(lon)
        if not (math.isfinite(lat_f) and math.isfinite(lon_f)) or len(rest) > 1:
            raise ValueError("not a point")
        c = at_point(regions, lon_f, lat_f, beds=_places(rest[0] if rest else ""))
        if c is None:
            raise ValueError("outside Kazakhstan")
        return scenario.add(c)
    if part.startswith("-") and part[1:] in known:
        return replace(scenario, disabled=(*scenario.disabled, part[1:]))
    if part.startswith("="):
        cid, _, beds = part[1:].rpartition("_")
        places = _places(beds)
        if cid in known and places is not None:
            return replace(scenario, beds=(*scenario.beds, (cid, places)))
    raise ValueError(f"'{part}' is not a scenario change")


def parse_query(text: str, *, settlements: pd.DataFrame, regions: pd.DataFrame,
                centres: pd.DataFrame) -> tuple[Scenario, int]:
    """Read :func:`to_query` text.

    Returns the scenario of the pieces that are valid, and how many pieces were left out
    (a shared link is checked like a file).
    """
    scenario, ignored = Scenario(), 0
    known = set(centres["centre_id"])
    parts = [p for p in (text or "").split("~") if p][: settings.MAX_CENTRES]
    for part in parts:
        try:
            scenario = _query_part(part, scenario, settlements=settlements, regions=regions,
                                   known=known)
        except (ValueError, KeyError, OverflowError):
            ignored += 1
    return scenario, ignored


def from_query(text: str, *, settlements: pd.DataFrame, regions: pd.DataFrame,
               centres: pd.DataFrame) -> Scenario:
    """Read :func:`to_query` text; pieces that do not parse are left out."""
    return parse_query(text, settlements=settlements, regions=regions, centres=centres)[0]


# ----------------------------------------------------------------------- compare
def compare(before: Report, after: Report, *, threshold: int) -> pd.DataFrame:
    """Per region: centres, women within ``threshold`` and shares, before and after."""
    b = before.regions.set_index("region_id")
    a = after.regions.set_index("region_id").reindex(b.index)
    col = f"women_within_{threshold}"
    out = pd.DataFrame({
        "region_id": b.index,
        "centres_before": b["centres"].to_numpy(), "centres_after": a["centres"].to_numpy(),
        "women_newly_within": (a[col] - b[col]).round().to_numpy(),
        "share_before": b[f"share_within_{threshold}"].to_numpy(),
        "share_after": a[f"share_within_{threshold}"].to_numpy(),
    })
    return out.sort_values("women_newly_within", ascending=False,
                           kind="stable").reset_index(drop=True)
