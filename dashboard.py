"""Crisis-centre coverage dashboard for Kazakhstan (Streamlit): the entry.

The page is built from the sections in ``app/`` (sidebar, overview, ranking, reported
violence, planner); :mod:`app.engine` holds every cached computation and
:mod:`app.state` the view, which lives in the URL so that a copied link opens it.
"""

from __future__ import annotations

import json
import logging

import streamlit as st

from app import overview, planner, present, ranking, region, sidebar, state, violence
from app.engine import classes_for, incident_sets_of, load_data, rule_key, run_report
from coverage.i18n import DEFAULT_LANGUAGE, t

LOG = logging.getLogger("dashboard")
#: Height of the panel beside the map (px): the map's, with its source line and button.
PANEL_PX = 760
# The region panel is narrow: smaller metric values, so "≥ 59,2 %" is not cut. Less empty
# space above the title: the map comes higher on the screen.
_PANEL_STYLE = ("<style>.st-key-region_panel [data-testid='stMetricValue']"
                "{font-size:1.75rem}[data-testid='stMainBlockContainer']{padding-top:2.5rem}"
                # Streamlit's uploader writes its size hint and its button in English and
                # lets no app set them (streamlit#13500): the hint is hidden (a caption in
                # the language stands under each uploader), the button relabelled below.
                "[data-testid='stFileUploaderDropzoneInstructions']{display:none}"
                "[data-testid='stFileUploaderDropzone'] button p{font-size:0}"
                "[data-testid='stFileUploaderDropzone'] button p::after{font-size:0.9rem;"
                "content:var(--kz-upload)}"
                # A file's problems in the narrow sidebar: the table fits its width, words
                # wrap (Russian and Kazakh ones are long), row and column stay narrow.
                "[data-testid='stSidebar'] [data-testid='stTable'] table{table-layout:fixed;"
                "width:100%;font-size:0.78rem}"
                "[data-testid='stSidebar'] [data-testid='stTable'] :is(th,td){padding:0.2rem;"
                "overflow-wrap:anywhere;hyphens:auto}"
                "[data-testid='stSidebar'] [data-testid='stTable'] :is(th,td):nth-child(-n+2)"
                "{width:2.9rem}</style>")


def main() -> None:
    """Draw the page: the controls first, then everything else.

    An unexpected failure of the rest leaves the controls usable and says so in the chosen
    language.
    """
    try:
        state.init()
    except Exception:  # a broken share link must not stop the page
        LOG.exception("could not read the view from the address")
        state.reset()
        state.init()
        state.put("url_ignored", ["all"])
    v = state.view()
    st.set_page_config(page_title=t("page_title", v.lang), layout="wide",
                       initial_sidebar_state="expanded")
    if not v.present:
        try:
            sidebar.controls(v.lang)
        except Exception:  # the page below still shows the data in use
            LOG.exception("the controls failed")
            st.error(t("unexpected_error", v.lang))
    try:
        page(state.view())  # after the controls: their callbacks have run
    except Exception:
        LOG.exception("the page failed")
        st.error(t("unexpected_error", state.get("view_lang", DEFAULT_LANGUAGE)))


def page(v: state.View) -> None:
    """Every section of the page, for view ``v``."""
    inp = state.inputs()
    rule = rule_key(v.inc, inp)
    report = run_report(v.mode, v.scn, rule, inp)
    baseline = run_report(v.mode, state.NO_CHANGE, rule, inp) if not v.scn.empty else None
    if v.present:
        present.presentation(report, v)
        state.to_url()
        return
    classes = classes_for(v.mode, v.ind, v.t, v.inc, v.scn, inp)
    overview.header(report, v, baseline)
    # The planner sits beside the map (what it adds shows at once), in a wider column.
    planning = state.get("side") == t("tab_plan", v.lang)
    left, right = st.columns([3, 2] if planning else [5, 2], gap="medium")
    with left:
        overview.map_block(report, classes, v, baseline_png=True)
    with right:
        upload = json.dumps(t("upload_button", v.lang), ensure_ascii=False)  # a CSS string
        st.markdown(_PANEL_STYLE + f"<style>:root{{--kz-upload:{upload}}}</style>",
                    unsafe_allow_html=True)
        side = st.tabs([t("tab_region", v.lang), t("tab_plan", v.lang)], key="side",
                       on_change="rerun")
        # A panel as high as the map that scrolls on its own: what it changes on the map
        # stays in view, whatever the panel shows.
        if side[0].open:
            with side[0], st.container(key="region_panel", height=PANEL_PX, border=False):
                region.region_panel(report, v.lang, v.t)
        if side[1].open:
            with side[1], st.container(key="plan_panel", height=PANEL_PX, border=False):
                planner.planner(report, baseline or report, v.lang, v.t, v.mode)
    # Only the open tab is drawn (a click on another reruns the page): the first view
    # does not build the charts nobody has asked for yet.
    tabs = st.tabs([t("tab_ranking", v.lang), t("tab_violence", v.lang)], key="tab",
                   on_change="rerun")
    if tabs[0].open:
        with tabs[0]:
            ranking.ranking(report, classes, v)
    if tabs[1].open:
        with tabs[1]:
            violence.section(report, load_data(), lang=v.lang, threshold=v.t,
                             units=state.bind("units"), choice=v.units,
                             sets=list(incident_sets_of(inp).values()))
    region.method(v)
    state.to_url()


main()
