"""What-if scenarios: centres added, disabled or given a capacity; saved as JSON or in a URL.

A scenario never holds an address: added centres sit at a GeoNames settlement (or, when
added by a click far from any listed settlement, at the clicked point).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from . import settings
from .errors import DataError, Problem
from .regions import locate
from .report import Report
from .travel import nearest

#: Longest scenario kept in the URL (characters); longer ones live in a JSON file.
MAX_URL_CHARS = 600
#: A map click farther than this from any listed settlement adds a centre at the point.
SNAP_KM = 30.0
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
    #: The settlement's own name (GeoNames), kept as data: ``name`` may be translated.
    settlement: str = ""


@dataclass(frozen=True)
class Scenario:
    """Changes to the centre register."""

    added: tuple[NewCentre, ...] = ()
    disabled: tuple[str, ...] = ()
    beds: tuple[tuple[str, int], ...] = field(default=())  # capacity set for existing ones

    @property
    def empty(self) -> bool:
        return not (self.added or self.disabled or self.beds)

    def add(self, centre: NewCentre) -> Scenario:
        return replace(self, added=(*self.added, centre))


def at_settlement(settlements: pd.DataFrame, geonameid: int, *, name: str | None = None,
                  beds: int | None = None) -> NewCentre:
    """A new centre at a listed settlement."""
    row = settlements.loc[settlements["geonameid"] == int(geonameid)]
    if row.empty:
        raise ValueError(f"no settlement with geonameid {geonameid}")
    r = row.iloc[0]
    return NewCentre(lon=float(r["lon"]), lat=float(r["lat"]), region_id=r["region_id"],
                     name=name or f"New centre, {r['name']}", geonameid=int(r["geonameid"]),
                     beds=beds, settlement=str(r["name"]))


def at_point(regions: pd.DataFrame, lon: float, lat: float, *,
             beds: int | None = None) -> NewCentre | None:
    """A new centre at a point (``None`` outside Kazakhstan)."""
    region, _ = locate(np.array([lon]), np.array([lat]), regions)
    if region[0] is None:
        return None
    return NewCentre(lon=round(lon, 4), lat=round(lat, 4), region_id=region[0],
                     name=f"New centre at {lat:.2f}, {lon:.2f}", beds=beds)


def at_click(settlements: pd.DataFrame, regions: pd.DataFrame, lon: float, lat: float,
             *, beds: int | None = None) -> NewCentre | None:
    """A new centre where the map was clicked: the nearest settlement within
    :data:`SNAP_KM`, else the point itself (``None`` outside Kazakhstan)."""
    idx, km = nearest(np.array([lon]), np.array([lat]), settlements["lon"].to_numpy(float),
                      settlements["lat"].to_numpy(float))
    if km[0] <= SNAP_KM:
        return at_settlement(settlements, int(settlements["geonameid"].iloc[idx[0]]),
                             beds=beds)
    return at_point(regions, lon, lat, beds=beds)


def apply(centres: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """The register with the scenario's changes (the input is not changed).

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
            "settlement": c.settlement,
            "location_precision": "settlement" if c.geonameid else "point",
            "source_year": "", "status": "planned"} for i, c in enumerate(scenario.added)])
        new["beds"] = new["beds"].astype("Int64")
        out = pd.concat([out, new], ignore_index=True)
    out["beds"] = out["beds"].astype("Int64")
    return out.reset_index(drop=True)


# ----------------------------------------------------------------------- JSON
def to_json(scenario: Scenario) -> str:
    """The scenario as a small JSON document."""
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
    try:
        doc = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError.single(file, f"not a JSON document ({exc})",
                               fix="save the scenario again from the dashboard") from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise DataError.single(file, "not a scenario saved by this dashboard",
                               fix=f"the file needs \"schema\": \"{SCHEMA}\"")
    problems: list[Problem] = []
    known_regions = set(regions["region_id"])
    known_centres = set(centres["centre_id"])
    added = []
    for i, c in enumerate(doc.get("added") or []):
        where = f"added[{i}]"
        try:
            lon, lat = float(c["lon"]), float(c["lat"])
            beds = None if c.get("beds") is None else int(c["beds"])
            centre = NewCentre(lon=lon, lat=lat, region_id=str(c["region_id"]),
                               name=str(c.get("name") or "New centre"),
                               geonameid=None if c.get("geonameid") is None
                               else int(c["geonameid"]), beds=beds,
                               settlement=str(c.get("settlement") or ""))
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(Problem(file, None, where, f"incomplete or wrong entry ({exc})",
                                    "each added centre needs lon, lat and region_id"))
            continue
        if centre.region_id not in known_regions:
            problems.append(Problem(file, None, f"{where}.region_id",
                                    f"unknown region '{centre.region_id}'"))
        if beds is not None and beds < 0:
            problems.append(Problem(file, None, f"{where}.beds", "negative capacity"))
        added.append(centre)
    problems += _outside(added, regions, file)
    disabled = tuple(str(x) for x in doc.get("disabled") or [])
    for cid in disabled:
        if cid not in known_centres:
            problems.append(Problem(file, None, "disabled", f"unknown centre '{cid}'"))
    beds_set = []
    for cid, b in (doc.get("beds") or {}).items():
        if cid not in known_centres:
            problems.append(Problem(file, None, "beds", f"unknown centre '{cid}'"))
        elif not isinstance(b, int) or b < 0:
            problems.append(Problem(file, None, "beds", f"'{b}' is not a number of places"))
        else:
            beds_set.append((cid, b))
    if problems:
        raise DataError(problems)
    return Scenario(added=tuple(added), disabled=disabled, beds=tuple(sorted(beds_set)))


def _outside(added: list[NewCentre], regions: pd.DataFrame, file: str) -> list[Problem]:
    """Added centres farther than :data:`~coverage.settings.OUTSIDE_COUNTRY_KM` outside
    the country, as problems (the same rule as for registers)."""
    if not added:
        return []
    found, dist = locate(np.array([c.lon for c in added]), np.array([c.lat for c in added]),
                         regions, tolerance_km=settings.OUTSIDE_COUNTRY_KM)
    return [Problem(file, None, f"added[{i}]", f"coordinates {d:,.1f} km outside Kazakhstan")
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


def from_query(text: str, *, settlements: pd.DataFrame, regions: pd.DataFrame,
               centres: pd.DataFrame) -> Scenario:
    """Read :func:`to_query` text; pieces that do not parse are left out."""
    scenario = Scenario()
    known = set(centres["centre_id"])
    for part in (text or "").split("~"):
        try:
            if part.startswith("g"):
                gid, _, beds = part[1:].partition("_")
                scenario = scenario.add(at_settlement(settlements, int(gid),
                                                      beds=int(beds) if beds else None))
            elif part.startswith("p"):
                lat, lon, *beds = part[1:].split("_")
                c = at_point(regions, float(lon), float(lat),
                             beds=int(beds[0]) if beds else None)
                if c is not None:
                    scenario = scenario.add(c)
            elif part.startswith("-") and part[1:] in known:
                scenario = replace(scenario, disabled=(*scenario.disabled, part[1:]))
            elif part.startswith("="):
                cid, _, beds = part[1:].rpartition("_")
                if cid in known:
                    scenario = replace(scenario, beds=(*scenario.beds, (cid, int(beds))))
        except (ValueError, KeyError):
            continue
    return scenario


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
