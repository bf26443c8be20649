"""The sidebar: the page's controls and the uploads.

The controls choose the language, indicator, reported figures, threshold, travel mode,
layers and presentation layout.
"""

from __future__ import annotations

import streamlit as st

from app import state
from app.engine import (
    incident_set,
    incident_sets_of,
)
from app.uploads import your_data
from coverage import settings
from coverage.i18n import (
    LANGUAGES,
    fmt_minutes,
    fmt_period,
    incident_label,
    t,
)
from coverage.indicators import INDICATORS
from coverage.labels import indicator_label


def controls(lang: str) -> None:
    """Draw the sidebar's controls, each bound to the view."""
    with st.sidebar:
        st.header(t("settings", lang))
        st.selectbox(t("language", lang), list(LANGUAGES), format_func=LANGUAGES.get,
                     **state.bind("lang"))
        threshold = state.view().t
        st.selectbox(t("indicator", lang), list(INDICATORS),
                     format_func=lambda k: indicator_label(k, lang, threshold=threshold),
                     **state.bind("ind"))
        sets = incident_sets_of(state.inputs())
        if sets:
            if state.view().inc not in sets:  # "" or a set of another file
                state.set_view(inc=incident_set("", state.inputs()).key)
            st.selectbox(t("inc_set", lang), list(sets), format_func=lambda k: t(
                "inc_set_option", lang, indicator=incident_label(sets[k].indicator, lang),
                period=fmt_period(sets[k].period, lang), n=sets[k].regions),
                help=t("inc_june_caveat", lang), **state.bind("inc"))
        st.select_slider(t("threshold", lang), state.thresholds(),
                         format_func=lambda m: fmt_minutes(m, lang), **state.bind("t"))
        st.radio(t("scenario", lang), list(settings.TRAVEL_MODES),
                 format_func=lambda k: t(f"scenario_{k}", lang), **state.bind("mode"))
        st.caption(scenario_text(state.view().mode, lang))
        st.checkbox(t("layer_settlements", lang), **state.bind("layer"))
        st.checkbox(t("basemap", lang), help=t("basemap_help", lang), **state.bind("osm"))
        st.toggle(t("presentation", lang), **state.bind("present"))
        st.caption(t("share_hint", lang))
        your_data(lang)


def scenario_text(name: str, lang: str) -> str:
    """Return what a travel mode assumes, in words."""
    sc = settings.TRAVEL_MODES[name]
    detour = f"{sc.detour:g}" if lang == "en" else f"{sc.detour:g}".replace(".", ",")
    return t(f"scenario_{name}_desc", lang, speed=f"{sc.speed_kmh:g}", detour=detour,
             wait=f"{sc.wait_minutes:g}")
