"""The page's state, and the only door to ``st.session_state`` for the sections.

The state is one frozen :class:`View` (what the user looks at), read from and written to
the URL.

The view lives in ``view_*`` keys; widgets (keyed by the bare names) are copies, bound
with :func:`bind`. Widget state is dropped when a widget is not drawn (presentation
layout); the view survives that.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import streamlit as st

from app.engine import NO_CHANGE, incident_set, incident_sets_of, load_data

# This session's own values, for the sections (re-exported: the one door).
from app.session import get as get
from app.session import inputs as inputs
from app.session import pop as pop
from app.session import put as put
from app.session import set_inputs as set_inputs
from app.session import setdefault as setdefault
from coverage import settings
from coverage.i18n import DEFAULT_LANGUAGE, LANGUAGES
from coverage.indicators import INDICATORS
from coverage.scenarios import MAX_URL_CHARS, Scenario, parse_query, to_query


@dataclass(frozen=True)
class View:
    """What the page shows: every choice that a link carries."""

    lang: str = DEFAULT_LANGUAGE
    ind: str = "share_within"
    t: int = 120
    mode: str = settings.DEFAULT_MODE   # travel mode: car, no-car, winter
    region: str = "KZ"
    present: bool = False
    layer: bool = False
    osm: bool = False
    scn: Scenario = NO_CHANGE               # the what-if scenario
    inc: str = ""                           # incident set key ("" : the default)
    units: str = "20"                       # 20 regions, or the 17 before June 2022


#: URL key of each view field that differs from its name (``sc=`` kept for old links).
URL_KEYS = {"mode": "sc", "present": "view"}
#: Widget key of each view field.
WIDGET_KEYS = {"mode": "sc"}
DEFAULT = View()


def thresholds() -> list[int]:
    """Threshold choices, minutes (read at call time)."""
    return list(settings.THRESHOLDS_MIN)


def _allowed() -> dict[str, set[str]]:
    return {"lang": set(LANGUAGES), "ind": set(INDICATORS), "sc": set(settings.TRAVEL_MODES),
            "region": {"KZ", *load_data().regions["region_id"]},
            "view": {"full", "present"}, "layer": {"0", "1"}, "osm": {"0", "1"},
            "t": {str(m) for m in thresholds()}, "inc": {"", *incident_sets_of()},
            "units": {"20", "17"}}


def from_url() -> tuple[View, list[str]]:
    """Read the view in the URL, each value checked like a file's.

    Anything unknown falls back to the default. Every value is bounded where it enters:
    each is one of a fixed set, but the scenario, which is read from at most
    ``2 * MAX_URL_CHARS`` characters and ``settings.MAX_CENTRES`` pieces, each place count
    a whole number from 0 to ``settings.MAX_BEDS``, each centre once
    (:func:`coverage.scenarios.parse_query`). Returns the view and the names of the values
    left out.
    """
    qp = st.query_params
    allowed = _allowed()
    ignored = [k for k, v in allowed.items() if k in qp and qp.get(k) not in v]
    raw = {k: qp.get(k) for k, v in allowed.items() if qp.get(k) in v}
    data = load_data()
    scn, bad_parts = parse_query(qp.get("scn", "")[:MAX_URL_CHARS * 2],
                                 settlements=data.settlements, regions=data.regions,
                                 centres=data.centres)
    if bad_parts:
        ignored.append("scn")
    view = View(lang=raw.get("lang", DEFAULT.lang), ind=raw.get("ind", DEFAULT.ind),
                t=int(raw.get("t", DEFAULT.t)), mode=raw.get("sc", DEFAULT.mode),
                region=raw.get("region", DEFAULT.region),
                present=raw.get("view") == "present", layer=raw.get("layer") == "1",
                osm=raw.get("osm") == "1", scn=scn, inc=raw.get("inc", DEFAULT.inc),
                units=raw.get("units", DEFAULT.units))
    return view, ignored


def init() -> None:
    """Read the view from the URL once per browser session."""
    if "view_lang" in st.session_state:
        return
    view, ignored = from_url()
    st.session_state.url_ignored = ignored
    st.session_state.update({f"view_{f.name}": getattr(view, f.name) for f in fields(View)})


def reset() -> None:
    """Forget everything (a broken link): the next :func:`init` starts afresh."""
    st.session_state.clear()
    st.query_params.clear()


def view() -> View:
    """Return the current view (after the widgets' callbacks have run)."""
    return View(**{f.name: st.session_state[f"view_{f.name}"] for f in fields(View)})


def set_view(**changes: object) -> None:
    """Change fields of the view (from a callback: a click, a button)."""
    for name, value in changes.items():
        st.session_state[f"view_{name}"] = value


def bind(name: str) -> dict:
    """Return widget arguments that keep the widget of view field ``name`` and the view in step."""
    key = WIDGET_KEYS.get(name, name)
    st.session_state[key] = st.session_state[f"view_{name}"]

    def copy() -> None:
        st.session_state[f"view_{name}"] = st.session_state[key]

    return {"key": key, "on_change": copy}


def to_url() -> None:
    """Write the view into the address, keeping only what differs from the defaults."""
    v = view()
    default_inc = incident_set("", inputs()).key
    values = {"lang": v.lang, "ind": v.ind, "t": str(v.t), "sc": v.mode, "region": v.region,
              "view": "present" if v.present else "full", "layer": "1" if v.layer else "0",
              "osm": "1" if v.osm else "0", "inc": "" if v.inc == default_inc else v.inc,
              "units": v.units}
    defaults = {"lang": DEFAULT.lang, "ind": DEFAULT.ind, "t": str(DEFAULT.t),
                "sc": DEFAULT.mode, "region": DEFAULT.region, "view": "full", "layer": "0",
                "osm": "0", "inc": "", "units": DEFAULT.units}
    wanted = {k: val for k, val in values.items() if defaults[k] != val}
    scn = to_query(v.scn) if not v.scn.empty else None
    if scn:  # a scenario too long for the URL lives in a saved JSON file
        wanted["scn"] = scn
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def set_scenario(scn: Scenario) -> None:
    """Set the what-if scenario (every figure on the page follows)."""
    st.session_state.view_scn = scn

