"""The web map as a Streamlit element, its script made once per view and shared.

streamlit-folium turns a folium map into its component's arguments (the map's script, the
layers' script, links) on every run, which is most of a rerun's time. Here those arguments
are made once per view (:func:`map_args`, cached like every result) and sent as they are.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable

import folium
import pandas as pd
import streamlit_folium

from app import state
from app.engine import centres_for, classes_for, incident_set, load_data, rule_key, run_report
from app.engine import shared_or_session as cached
from app.inputs import Inputs
from coverage.labels import indicator_label
from coverage.names import centre_names, settlement_names
from coverage.reach import by_settlement
from coverage.staticmap import marks_of
from coverage.webmap import map_parts, mark_regions
from coverage.webparts import legend_html

#: Widget key of the map; its clicks are in ``st.session_state[KEY]``.
KEY = "map"
#: Only clicks come back (a region, and the point for "a click adds a centre"): pans and
#: zooms do not rerun the page.
RETURNED = ("last_active_drawing", "last_clicked")

_SEND = streamlit_folium._component_func
_CAPTURE = threading.Lock()


def component_args(m: folium.Map, layers: list[folium.FeatureGroup], *,
                   height: int) -> dict[str, object]:
    """Return what :func:`streamlit_folium.st_folium` would send for ``m`` and ``layers``.

    st_folium itself makes them (so nothing of it is copied here), its component swapped
    for a recorder while it runs; the swap is under a lock, as sessions run in threads.
    ``m`` and ``layers`` are changed (st_folium renders them): pass fresh ones.
    """
    captured: dict[str, object] = {}

    def record(**kwargs: object) -> None:
        captured.update(kwargs)

    with _CAPTURE:
        streamlit_folium._component_func = record
        try:
            streamlit_folium.st_folium(m, key=KEY, height=height, use_container_width=True,
                                       feature_group_to_add=layers,
                                       returned_objects=list(RETURNED))
        finally:
            streamlit_folium._component_func = _SEND
    captured.pop("on_change", None)  # a closure of this run: made again in :func:`show`
    return captured


def _map_key(v: state.View) -> state.View:
    # Only what the map draws: the ranking's units or the open tab do not change it.
    return dataclasses.replace(v, units="20")


@cached(max_entries=96)
def _map_args(v: state.View, asset_base: str, height: int, inp: Inputs) -> dict[str, object]:
    report = run_report(v.mode, v.scn, rule_key(v.inc, inp), inp)
    classes = classes_for(v.mode, v.ind, v.t, v.inc, v.scn, inp)
    marks = marks_of(report.regions, v.t)
    figures = mark_regions(report.regions, silent=marks.silent,
                           incidents=incident_set(v.inc, inp), lang=v.lang)
    centres = centres_for(v.scn, inp)
    settlements = None
    if v.layer:
        # Settlements and centres named in the map's language.
        names = dict(zip(centres["centre_id"], centre_names(centres, v.lang), strict=True))
        towns = settlement_names(load_data().settlements, v.lang)
        pts = by_settlement(report.points)
        settlements = pts.assign(
            nearest_name=pts["nearest_centre"].map(names),
            name=[towns.get(int(g), n) if not pd.isna(g) else n
                  for g, n in zip(pts["geonameid"], pts["name"])])
    legend = legend_html(classes, v.lang, indicator_label(v.ind, v.lang, threshold=v.t),
                         v.layer, planned=report.basis.planned > 0,
                         incomplete=bool(marks.incomplete),
                         silent_minutes=marks.silent_minutes, rows=True)
    m, layers = map_parts(load_data().regions, figures, classes, centres=centres,
                          lang=v.lang, threshold=v.t, asset_base=asset_base, basemap=v.osm,
                          settlements=settlements,
                          selected=None if v.region == "KZ" else v.region, height=height,
                          legend=legend, zoom_buttons=not v.present, fill_frame=v.present)
    return component_args(m, layers, height=height)


def map_args(v: state.View, *, asset_base: str, height: int) -> dict[str, object]:
    """Return the map component's arguments for view ``v`` (made once per view)."""
    return _map_args(_map_key(v), asset_base, height, state.inputs())


def show(args: dict[str, object], *, on_change: Callable[[], None]) -> object:
    """Draw the map from :func:`map_args`; ``on_change`` runs after a click.

    The base map's script is the same in every view, so the component stays mounted and
    swaps only its layers when figures change (streamlit-folium keys it by that script).
    """
    hash_key = str(args["key"])

    def changed() -> None:
        # As st_folium does: the clicks under the map's own key, then the callback.
        state.put(KEY, state.get(hash_key, {}))
        on_change()

    return _SEND(**args, on_change=changed)
