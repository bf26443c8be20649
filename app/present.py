"""The presentation layout: one screen for a projector or a slide.

The title carries the key number; the map with its legend and the source line fit a
1440x1000 or 1920x1080 screen without scrolling; the chosen region's (or the country's)
key figures stand beside the map. No controls but one button back.
"""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from app import overview, state
from app.engine import incident_set, load_data
from coverage.basis import register_cell, source_line
from coverage.i18n import fmt_int, fmt_minutes, fmt_pct_floor, t
from coverage.labels import map_texts
from coverage.report import Report
from coverage.safetext import md_escape

#: Height the map is made with (px); on screen it takes the window's height less the title
#: and the source line, at least MIN_HEIGHT.
MAP_HEIGHT = 660
MIN_HEIGHT = 420
# No sidebar, no Streamlit toolbar, little padding: the screen is for the figures.
_CSS = ("<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
        "[data-testid='stHeader'],[data-testid='stToolbar']{display:none}"
        "[data-testid='stMainBlockContainer']{padding:0.8rem 1.5rem 0.5rem;max-width:none}"
        ".st-key-present_title h2{padding:0 0 0.1rem}"
        # The map takes the screen's height, less the title, the caption and the sources.
        f".st-key-present_map iframe{{height:max({MIN_HEIGHT}px,calc(100vh - 255px))"
        " !important}</style>")


def key_figures(report: Report, region: str, lang: str, threshold: int) -> list[
        tuple[str, str]]:
    """Return (label, value) of the key figures of ``region`` ("KZ": the whole country)."""
    std = report.standards.set_index("region_id").loc[region]
    reg = report.completeness.set_index("region_id").loc[region]
    if region == "KZ":
        a = report.areas["national"]
        share, women, median = a["share_within"][threshold], a["women"], a["median_minutes"]
        within = a["women_within"][threshold]
        floor = bool(a["register_incomplete"])
    else:
        r = report.regions.set_index("region_id").loc[region]
        share, women, median = r[f"share_within_{threshold}"], r["women"], r["median_minutes"]
        within = women - r[f"women_beyond_{threshold}"]
        floor = bool(r["register_incomplete"])
    # Centres missing from the register: the share is a floor, so the women beyond and the
    # median time are ceilings.
    most = "≤\u00a0" if floor else ""
    return [
        (t("tt_within", lang, t=threshold), fmt_pct_floor(share, lang, floor=floor)),
        (t("present_beyond", lang, t=threshold), most + fmt_int(women - within, lang)),
        (t("tt_median", lang), most + fmt_minutes(median, lang)),
        (t("col_register", lang), register_cell(reg, lang)),
        (t("present_places", lang), f"{fmt_int(std['shelter_places_known'], lang)} / "
                                    f"{fmt_int(std['shelter_places_needed'], lang)}"),
    ]


def presentation(report: Report, v: state.View) -> None:
    """Draw the presentation screen of view ``v``."""
    st.markdown(_CSS, unsafe_allow_html=True)
    inc = incident_set(v.inc, state.inputs())
    today = dt.date.today().isoformat()
    texts = map_texts(report, v.ind, lang=v.lang, threshold=v.t, mode=v.mode, date=today,
                      incidents=inc)
    with st.container(key="present_title"):
        # "100 000" stays on one line.
        st.header(md_escape(re.sub(r"(\d) (\d{3})", "\\1\u00a0\\2", texts.title)),
                  anchor=False)
    st.caption(md_escape(t("basis_caption", v.lang, basis=report.basis.text(v.lang))))
    left, right = st.columns([4, 1], gap="medium")
    with left:
        with st.container(key="present_map"):
            overview.the_map(v, height=MAP_HEIGHT)
        with st.container(key="present_source"):
            st.caption(md_escape(source_line(report.basis, v.lang,
                                             scenario_text=t(f"scenario_{v.mode}", v.lang),
                                             date=today)))
    with right:
        names = dict(zip(load_data().regions["region_id"],
                         load_data().regions[f"name_{v.lang}"], strict=True))
        st.subheader(names.get(v.region, t("present_country", v.lang)), anchor=False)
        for label, value in key_figures(report, v.region, v.lang, v.t):
            st.metric(label, value)
        st.button(t("leave_presentation", v.lang), key="leave",
                  on_click=lambda: state.set_view(present=False))
