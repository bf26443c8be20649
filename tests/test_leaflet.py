"""The web map's component arguments: made once per view, the same st_folium would send."""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit_folium
from streamlit.testing.v1 import AppTest

from app import leaflet
from coverage.indicators import classes_of
from coverage.webmap import map_parts
from tests.pageparts import map_args

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def _parts(bundled, report, threshold: int):
    classes = classes_of(report.regions, "share_within", threshold=threshold)
    return map_parts(bundled.regions, report.regions, classes, centres=bundled.centres,
                     lang="en", threshold=threshold, asset_base="assets", height=500)


def test_the_arguments_are_what_st_folium_sends(bundled, report, monkeypatch):
    sent: dict = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: sent.update(kw))
    m, layers = _parts(bundled, report, 60)
    streamlit_folium.st_folium(m, key=leaflet.KEY, height=500, use_container_width=True,
                               feature_group_to_add=layers,
                               returned_objects=list(leaflet.RETURNED))
    monkeypatch.undo()
    args = leaflet.component_args(*_parts(bundled, report, 60), height=500)
    assert streamlit_folium._component_func is leaflet._SEND  # put back
    assert set(args) == set(sent) - {"on_change"}
    # Same base map and click keys; the layers differ only in folium's random ids.
    for name in ("script", "key", "height", "returned_objects", "default", "js_links"):
        assert args[name] == sent[name], name
    assert len(args["feature_group"]) == len(sent["feature_group"])
    for rid in bundled.regions["region_id"]:
        assert f'"region_id": "{rid}"' in args["feature_group"]


def test_threads_get_their_own_map(bundled, report):
    # Sessions run in threads: each capture must return its own map, never another's.
    out: dict[int, dict] = {}

    def make(t: int) -> None:
        out[t] = leaflet.component_args(*_parts(bundled, report, t), height=500)

    threads = [threading.Thread(target=make, args=(t,)) for t in (30, 60, 120, 180)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert streamlit_folium._component_func is leaflet._SEND
    for t, args in out.items():
        assert f"{t} min" in args["feature_group"]
        others = {30, 60, 120, 180} - {t}
        assert not any(f"within {o} min" in args["feature_group"] for o in others)


def test_the_page_swaps_layers_and_keeps_the_map_mounted():
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    first = map_args(at)
    at.select_slider[0].set_value(60).run()
    second = map_args(at)
    # Same key: the browser keeps the map and its zoom; the layers carry the new figures.
    assert first["key"] == second["key"] and first["script"] == second["script"]
    assert first["feature_group"] != second["feature_group"]
    assert "60 min" in second["feature_group"]
