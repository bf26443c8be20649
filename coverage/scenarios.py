"""What-if scenarios: centres added, disabled or given a capacity; saved as JSON or in a URL.

A scenario never holds an address: added centres sit at a GeoNames settlement (or, when
added by a click far from any listed settlement, at the clicked point).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import settings
from .errors import shown
from .regions import locate
from .report import Report
from .travel import nearest

if TYPE_CHECKING:
    from .scenario_file import SCHEMA as SCHEMA
    from .scenario_file import from_json as from_json
    from .scenario_file import to_json as to_json

#: Longest scenario kept in the URL (characters); longer ones live in a JSON file.
MAX_URL_CHARS = 600
#: Kept in :mod:`coverage.scenario_file` (the JSON file), and found here too.
_FILE_NAMES = ("SCHEMA", "from_json", "to_json")


def __getattr__(name: str) -> object:
    """Find the JSON file's names here too (``from coverage.scenarios import from_json``)."""
    if name in _FILE_NAMES:
        from . import scenario_file

        return getattr(scenario_file, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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

    @property
    def text_chars(self) -> int:
        """How much text the scenario carries (names, settlements, ids, 24 a change).

        What it adds to every result computed on it and to every page update that shows
        it; :func:`app.engine.shared_or_session` shares only small ones.
        """
        return (sum(len(c.name) + len(c.settlement) + len(c.region_id) + 24
                    for c in self.added)
                + sum(len(cid) + 24 for cid in self.disabled)
                + sum(len(cid) + 24 for cid, _ in self.beds))

    def add(self, centre: NewCentre) -> Scenario:
        """Return the scenario with one more new centre."""
        return replace(self, added=(*self.added, centre))

    def with_disabled(self, centre_ids: Iterable[str]) -> Scenario:
        """Return the scenario with exactly these existing centres disabled."""
        return replace(self, disabled=tuple(centre_ids))

    def with_capacity(self, centre_id: str, beds: int) -> Scenario:
        """Return the scenario with an existing centre's places set to ``beds``.

        Raises ValueError when ``beds`` is not a number of places (:func:`places_of`).
        """
        places = places_of(beds)
        if places is None:
            raise ValueError("no number of places")
        return replace(self, beds=tuple(sorted({**dict(self.beds),
                                                centre_id: places}.items())))

    def edit_added(self, edits: dict) -> Scenario:
        """Return the scenario after a table edit of its new centres.

        ``edits`` maps a row (int or its text) to ``{"remove": bool, "places": int | None}``;
        0 or no places mean "unknown". Raises ValueError, changing nothing, when a number
        of places is not one (:func:`places_of`) or "remove" is not true or false.
        """
        added = []
        for i, c in enumerate(self.added):
            change = edits.get(i, {}) or edits.get(str(i), {})
            remove = change.get("remove", False)
            if not isinstance(remove, bool):
                raise ValueError(f"{shown(remove)} is not true or false")
            places = places_of(change["places"]) if "places" in change else c.beds
            if not remove:
                added.append(replace(c, beds=places or None))
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
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None  # a click sent by hand: no point
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


def places_of(value: object) -> int | None:
    """Read a number of places as given (a file, a table's cell): ``None`` when empty.

    Raises ValueError unless it is a whole number from 0 to
    :data:`~coverage.settings.MAX_BEDS`: ``10`` and ``10.0`` are; ``-5``, ``5.5``,
    ``1e30``, ``True`` and ``"10"`` are not.
    """
    if value is None:
        return None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) \
            or not 0 <= value <= settings.MAX_BEDS:
        raise ValueError(f"{shown(value)} is not a number of places")
    return value


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


_DEGREES = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]{1,8})?")


def _places(text: str) -> int | None:
    """Read a number of places from a link: ``None`` when empty.

    Raises ValueError when it is not 0 to :data:`~coverage.settings.MAX_BEDS`.
    """
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) > settings.MAX_BEDS:
        raise ValueError(f"'{text}' is not a number of places")
    return int(text)


def _query_part(part: str, scenario: Scenario, *, settlements: pd.DataFrame,
                regions: pd.DataFrame, known: set[str]) -> Scenario:
    """One ``~``-separated piece of a link applied to ``scenario`` (ValueError if bad)."""
    if part.startswith("g"):
        gid, _, beds = part[1:].partition("_")
        if not (gid.isascii() and gid.isdigit()):
            raise ValueError(f"'{gid}' is not a settlement id")
        return scenario.add(at_settlement(settlements, int(gid), beds=_places(beds)))
    if part.startswith("p"):
        lat, lon, *rest = part[1:].split("_")
        # Decimal degrees as to_query writes them: ASCII digits only (float() would also
        # take other scripts' digits, "1e3" and "inf").
        if not (_DEGREES.fullmatch(lat) and _DEGREES.fullmatch(lon)):
            raise ValueError("not a point")
        lat_f, lon_f = float(lat), float(lon)
        if not (math.isfinite(lat_f) and math.isfinite(lon_f)) or len(rest) > 1:
            raise ValueError("not a point")
        c = at_point(regions, lon_f, lat_f, beds=_places(rest[0] if rest else ""))
        if c is None:
            raise ValueError("outside Kazakhstan")
        return scenario.add(c)
    if part.startswith("-") and part[1:] in known:  # each centre disabled once
        return scenario.with_disabled(dict.fromkeys((*scenario.disabled, part[1:])))
    if part.startswith("="):
        cid, _, beds = part[1:].rpartition("_")
        places = _places(beds)
        if cid in known and places is not None:  # one capacity a centre, the last given
            return scenario.with_capacity(cid, places)
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
