"""The overview: the title, the headline figures, the map with its legend and PNG.

The region view beside the map is in :mod:`app.region`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from app import leaflet, state
from app.engine import (
    centres_for,
    incident_set,
    load_data,
)
from app.sidebar import scenario_text
from coverage import settings
from coverage.basis import reported_text, source_line
from coverage.i18n import (
    fmt_int,
    fmt_pct_floor,
    t,
)
from coverage.indicators import Classes
from coverage.labels import MapTexts, incidents_caption, map_texts, range_text
from coverage.report import Report
from coverage.safetext import md_escape
from coverage.scenarios import (
    at_click,
)
from coverage.staticmap import Marks, figure_png, marks_of, static_map
from coverage.webmap import (
    leaflet_dir,
)

MAP_HEIGHT = 600
# Leaflet's files, served by this Streamlit server straight from the xstatic-leaflet
# package: the map loads no script or style from another host.
_LEAFLET = components.declare_component("leaflet_assets", path=str(leaflet_dir()))
# The map runs in an iframe at <base>/component/streamlit_folium.st_folium/index.html.
ASSET_BASE = f"../{_LEAFLET.name}"


def static_png(classes: Classes, centres: pd.DataFrame, texts: MapTexts, marks: Marks,
               lang: str) -> bytes:
    """Draw the 1920x1080 image of what the page shows.

    Everything is passed in: it is drawn when the button is pressed, outside the page's run
    and its session.
    """
    fig = static_map(load_data().regions, classes, centres, lang=lang, texts=texts,
                     marks=marks)
    return figure_png(fig)


def _on_map_click() -> None:
    # What the map sends back comes from the browser: any shape, checked before use.
    value = state.get(leaflet.KEY)
    value = value if isinstance(value, dict) else {}
    point = value.get("last_clicked")
    if state.get("click_adds") and point:
        state.put("plan_message", _add_at(point))
        return
    clicked = value.get("last_active_drawing")
    props = clicked.get("properties") if isinstance(clicked, dict) else None
    rid = props.get("region_id") if isinstance(props, dict) else None
    if isinstance(rid, str) and rid in set(load_data().regions["region_id"]):
        state.set_view(region=rid)


def _add_at(point: object) -> str | None:
    """Add a planned centre where the map was clicked; the message key when none is."""
    scn = state.view().scn
    if len(scn.added) >= settings.MAX_CENTRES:
        return "plan_bad_click"
    try:
        lon, lat = float(point["lng"]), float(point["lat"])  # type: ignore[index]
    except (TypeError, ValueError, KeyError, OverflowError):
        return "plan_bad_click"
    data = load_data()
    centre = at_click(data.settlements, data.regions, lon, lat)
    if centre is None:
        return "plan_bad_click"
    state.set_view(scn=scn.add(centre))
    return None


def headline(report: Report, lang: str, threshold: int, baseline: Report | None) -> None:
    """Show the four headline figures, each with its small print."""
    cols = st.columns(4)
    for col, area, label in ((cols[0], "national", t("head_within", lang, t=threshold)),
                             (cols[1], "outside_almaty", t("head_within_outside", lang))):
        a = report.areas[area]
        delta = None
        if baseline is not None:
            d = (a["share_within"][threshold]
                 - baseline.areas[area]["share_within"][threshold]) * 100
            delta = t("delta_pp", lang, d=f"{d:+.1f}" if lang == "en"
                      else f"{d:+.1f}".replace(".", ","))
        col.metric(label, fmt_pct_floor(a["share_within"][threshold], lang,
                                        floor=a["register_incomplete"]), delta=delta)
        col.caption(t("head_women_of", lang, n=fmt_int(a["women_within"][threshold], lang),
                      total=fmt_int(a["women"], lang)) + "; " + range_text(a, threshold, lang))
    basis = report.basis
    kz = report.completeness.set_index("region_id").loc["KZ"]
    std = report.standards.set_index("region_id").loc["KZ"]
    with_centre = int(report.regions["has_centre"].sum())
    cols[2].metric(t("head_centres", lang), fmt_int(basis.located, lang) + (
        f" + {fmt_int(basis.planned, lang)}" if basis.planned else ""))
    notes = [basis.count_text(lang)] if basis.planned else []
    if not pd.isna(kz["centres_reported"]):
        notes.append(t("head_reported", lang, located=fmt_int(basis.located, lang),
                       reported=reported_text(kz["centres_reported"], kz["reported_qualifier"],
                                              lang), period=kz["reported_period"]))
    notes.append(t("head_centres_note", lang, n=with_centre,
                   beds=fmt_int(std["shelter_places_known"], lang)))
    cols[2].caption("; ".join(notes))
    without = report.regions.loc[~report.regions["has_centre"], f"name_{lang}"].tolist()
    cols[3].metric(t("head_no_centre", lang), f"{len(without)} / {settings.REGION_COUNT}")
    if baseline is not None:
        cols[2].caption(t("plan_scenario_note", lang))
    cols[3].caption(", ".join(without))
    if report.areas["national"]["register_incomplete"]:
        st.caption(t("floor_note", lang))


def the_map(v: state.View, *, height: int = MAP_HEIGHT) -> None:
    """Draw the web map of view ``v`` (its layers swapped in place when figures change)."""
    leaflet.show(leaflet.map_args(v, asset_base=ASSET_BASE, height=height),
                 on_change=_on_map_click)


def map_block(report: Report, classes: Classes, v: state.View, *, baseline_png: bool) -> None:
    """Draw the map, its legend, the source line and (``baseline_png``) the PNG download."""
    inp = state.inputs()
    incidents = incident_set(v.inc, inp)
    today = dt.date.today().isoformat()
    the_map(v)
    if v.ind == "incidents_per_100k" and incidents is not None:
        st.caption(md_escape(incidents_caption(incidents, v.lang)))
    st.caption(md_escape(source_line(report.basis, v.lang,
                                     scenario_text=t(f"scenario_{v.mode}", v.lang),
                                     date=today)))
    if baseline_png:
        centres = centres_for(v.scn, inp)

        def png() -> bytes:  # made when pressed, from what this run took
            texts = map_texts(report, v.ind, lang=v.lang, threshold=v.t, mode=v.mode,
                              date=today, incidents=incidents)
            return static_png(classes, centres, texts, marks_of(report.regions, v.t), v.lang)

        st.download_button(t("download_png", v.lang), png,
                           file_name=f"kz-crisis-centres-{v.ind}-{v.t}-{v.lang}.png",
                           mime="image/png", on_click="ignore")


def header(report: Report, v: state.View, baseline: Report | None) -> None:
    """Title, what the figures stand on, and the headline figures."""
    st.title(t("title", v.lang))
    if state.pop("url_ignored", None):
        st.info(t("url_ignored", v.lang))
    mode = f"{t(f'scenario_{v.mode}', v.lang)}: {scenario_text(v.mode, v.lang)}"
    st.caption(t("subtitle", v.lang, scenario=mode))
    # The file name is the user's text: shown escaped, never as Markdown.
    st.caption(md_escape(t("basis_caption", v.lang, basis=report.basis.text(v.lang))))
    headline(report, v.lang, v.t, baseline)
