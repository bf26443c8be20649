"""Crisis-centre coverage dashboard for Kazakhstan (Streamlit).

A thin page: widgets are wired to the ``coverage`` package, results are cached here, and
everything is rendered from what ``coverage`` returns. The view (language, indicator,
threshold, scenario, region, layout) lives in the URL so that a copied link opens it.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components
from streamlit_folium import st_folium

import coverage
from coverage import settings
from coverage.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    METHOD,
    fmt_int,
    fmt_minutes,
    fmt_pct,
    incident_label,
    t,
)
from coverage.incidents import IncidentSet, incident_rates
from coverage.indicators import INDICATORS, Classes, classify, indicator_label, indicator_values
from coverage.maps import figure_png, static_map
from coverage.population import demand_model
from coverage.report import Report, build_report
from coverage.tables import farthest_settlements, formatters, region_centres, region_table
from coverage.travel import scenario
from coverage.webmap import esc, leaflet_dir, region_map, settlement_colour

# Leaflet's files, served by this Streamlit server straight from the xstatic-leaflet
# package: the map loads no script or style from another host.
_LEAFLET = components.declare_component("leaflet_assets", path=str(leaflet_dir()))
# The map runs in an iframe at <base>/component/streamlit_folium.st_folium/index.html.
ASSET_BASE = f"../{_LEAFLET.name}"

THRESHOLDS = list(settings.THRESHOLDS_MIN)
DEFAULTS = {"lang": DEFAULT_LANGUAGE, "ind": "share_within", "t": 120,
            "sc": settings.DEFAULT_SCENARIO, "region": "KZ", "view": "full",
            "layer": "0", "osm": "0"}
MAP_HEIGHT = 600


# --------------------------------------------------------------------- cached engine
@st.cache_resource(show_spinner=False)
def load_data() -> coverage.Datasets:
    return coverage.load_all()


@st.cache_resource(show_spinner=False)
def load_model():
    # The population model does not depend on threshold, indicator or scenario.
    data = load_data()
    return demand_model(data.regions, data.population, data.settlements)


@st.cache_resource(show_spinner=False)
def run_report(scenario_name: str) -> Report:
    # Every threshold at once: changing the threshold only picks other columns.
    return build_report(load_data(), model=load_model(), thresholds=THRESHOLDS,
                        travel=scenario(scenario_name))


@st.cache_resource(show_spinner=False)
def load_incidents() -> IncidentSet | None:
    data = load_data()
    return incident_rates(data.incidents, data.population)


@st.cache_resource(show_spinner=False)
def classes_for(scenario_name: str, indicator: str, threshold: int) -> Classes:
    report = run_report(scenario_name)
    values = indicator_values(report.regions, indicator, threshold=threshold,
                              incidents=load_incidents())
    no_centre = (report.regions.set_index("region_id")["centres"] == 0
                 if indicator == "women_per_centre" else None)
    return classify(values, indicator, no_centre=no_centre)


@st.cache_data(show_spinner=False, max_entries=32)
def static_png(scenario_name: str, indicator: str, threshold: int, lang: str,
               date: str) -> bytes:
    data = load_data()
    classes = classes_for(scenario_name, indicator, threshold)
    label = indicator_label(indicator, lang, threshold=threshold)
    sc = t(f"scenario_{scenario_name}", lang)
    fig = static_map(data.regions, classes, data.centres, lang=lang,
                     title=t("static_title", lang, indicator=label, scenario=sc),
                     legend_title=label,
                     source_line=t("source_line", lang, scenario=sc, date=date))
    return figure_png(fig)


# --------------------------------------------------------------------- view state
def _from_url() -> dict:
    """The view in the URL, each value checked (anything unknown falls back)."""
    qp = st.query_params
    region_ids = {"KZ", *load_data().regions["region_id"]}
    allowed = {"lang": set(LANGUAGES), "ind": set(INDICATORS), "sc": set(settings.SCENARIOS),
               "region": region_ids, "view": {"full", "present"}, "layer": {"0", "1"},
               "osm": {"0", "1"}}
    view = {k: (qp.get(k) if qp.get(k) in v else DEFAULTS[k]) for k, v in allowed.items()}
    try:
        view["t"] = int(qp.get("t", DEFAULTS["t"]))
    except ValueError:
        view["t"] = DEFAULTS["t"]
    if view["t"] not in THRESHOLDS:
        view["t"] = DEFAULTS["t"]
    return view


VIEW_KEYS = ("lang", "ind", "t", "sc", "region", "present", "layer", "osm")


def _init_state() -> None:
    # The view lives in "view_*" keys; widgets (keyed by the bare names) are copies.
    # Widget state is dropped when a widget is not drawn (presentation layout), the
    # view must survive that.
    if "view_lang" in st.session_state:
        return
    view = _from_url()
    st.session_state.update({
        "view_lang": view["lang"], "view_ind": view["ind"], "view_t": view["t"],
        "view_sc": view["sc"], "view_region": view["region"],
        "view_present": view["view"] == "present", "view_layer": view["layer"] == "1",
        "view_osm": view["osm"] == "1"})


def _bind(key: str) -> dict:
    """Widget arguments that keep widget ``key`` and ``view_<key>`` in step."""
    st.session_state[key] = st.session_state[f"view_{key}"]

    def copy() -> None:
        st.session_state[f"view_{key}"] = st.session_state[key]

    return {"key": key, "on_change": copy}


def _view() -> dict:
    return {k: st.session_state[f"view_{k}"] for k in VIEW_KEYS}


def _to_url() -> None:
    v = _view()
    view = {"lang": v["lang"], "ind": v["ind"], "t": str(v["t"]), "sc": v["sc"],
            "region": v["region"], "view": "present" if v["present"] else "full",
            "layer": "1" if v["layer"] else "0", "osm": "1" if v["osm"] else "0"}
    # Keep the address short: only what differs from the defaults.
    wanted = {k: val for k, val in view.items() if str(DEFAULTS[k]) != val}
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def _on_map_click() -> None:
    clicked = (st.session_state.get("map") or {}).get("last_active_drawing") or {}
    rid = (clicked.get("properties") or {}).get("region_id")
    if rid:
        st.session_state.view_region = rid


# --------------------------------------------------------------------- page parts
def controls(lang: str) -> None:
    with st.sidebar:
        st.header(t("settings", lang))
        st.selectbox(t("language", lang), list(LANGUAGES), format_func=LANGUAGES.get,
                     **_bind("lang"))
        threshold = st.session_state.view_t
        st.selectbox(t("indicator", lang), list(INDICATORS),
                     format_func=lambda k: indicator_label(k, lang, threshold=threshold),
                     **_bind("ind"))
        st.select_slider(t("threshold", lang), THRESHOLDS,
                         format_func=lambda m: fmt_minutes(m, lang), **_bind("t"))
        st.radio(t("scenario", lang), list(settings.SCENARIOS),
                 format_func=lambda k: t(f"scenario_{k}", lang), **_bind("sc"))
        st.caption(_scenario_text(st.session_state.view_sc, lang))
        st.checkbox(t("layer_settlements", lang), **_bind("layer"))
        st.checkbox(t("basemap", lang), help=t("basemap_help", lang), **_bind("osm"))
        st.toggle(t("presentation", lang), **_bind("present"))
        st.caption(t("share_hint", lang))


def _scenario_text(name: str, lang: str) -> str:
    sc = settings.SCENARIOS[name]
    detour = f"{sc.detour:g}" if lang == "en" else f"{sc.detour:g}".replace(".", ",")
    return t(f"scenario_{name}_desc", lang, speed=f"{sc.speed_kmh:g}", detour=detour,
             wait=f"{sc.wait_minutes:g}")


def headline(report: Report, lang: str, threshold: int) -> None:
    cols = st.columns(4)
    for col, area, label in ((cols[0], "national", t("head_within", lang, t=threshold)),
                             (cols[1], "outside_almaty", t("head_within_outside", lang))):
        a = report.areas[area]
        low, high = a["share_within_range"][threshold]
        col.metric(label, fmt_pct(a["share_within"][threshold], lang))
        col.caption(t("head_women_of", lang, n=fmt_int(a["women_within"][threshold], lang),
                      total=fmt_int(a["women"], lang)) + "; "
                    + t("head_range", lang, low=fmt_pct(low, lang), high=fmt_pct(high, lang)))
    kz = report.standards.set_index("region_id").loc["KZ"]
    with_centre = int(report.regions["has_centre"].sum())
    cols[2].metric(t("head_centres", lang), fmt_int(kz["centres"], lang))
    cols[2].caption(t("head_centres_note", lang, n=with_centre,
                      beds=fmt_int(kz["shelter_places_known"], lang)))
    without = report.regions.loc[~report.regions["has_centre"], f"name_{lang}"].tolist()
    cols[3].metric(t("head_no_centre", lang), f"{len(without)} / 20")
    cols[3].caption(", ".join(without))


def legend_html(classes: Classes, lang: str, label: str, incidents: IncidentSet | None,
                show_settlements: bool) -> str:
    def swatch(colour: str, text: str, round_: bool = False, hollow: bool = False) -> str:
        shape = "border-radius:50%;" if round_ else ""
        fill = "#fff" if hollow else colour
        border = "#1f3b73" if round_ else "#4a4a4a"
        return (f'<span style="display:inline-flex;align-items:center;margin:2px 14px 2px 0">'
                f'<span style="width:16px;height:16px;{shape}background:{fill};'
                f'border:{"2px dashed" if hollow else "1px solid"} {border};'
                f'display:inline-block;margin-right:6px"></span>{esc(text)}</span>')

    parts = [f'<div data-testid="map-legend" style="font-size:0.9rem;line-height:1.6">'
             f"<b>{esc(t('legend_title', lang, indicator=label))}</b><br>"]
    parts += [swatch(c, text) for c, text in classes.legend(lang)]
    parts.append("<br>" + swatch("#1f3b73", t("legend_centre", lang), round_=True))
    parts.append(swatch("#1f3b73", t("legend_centre_unknown", lang), round_=True,
                        hollow=True))
    if show_settlements:
        parts.append(f"<br><b>{esc(t('legend_settlements', lang))}</b><br>")
        for m in (*settings.THRESHOLDS_MIN, None):
            text = (f"≤ {fmt_minutes(m, lang)}" if m is not None
                    else f"> {fmt_minutes(THRESHOLDS[-1], lang)}")
            parts.append(swatch(settlement_colour(m if m is not None else 1e9), text,
                                round_=True))
    if classes.indicator == "incidents_per_100k" and incidents is not None:
        parts.append("<br><i>" + esc(t(
            "legend_incidents", lang,
            indicator=incident_label(incidents.indicator, lang), period=incidents.period,
            n=incidents.regions)) + "</i>")
    parts.append("</div>")
    return "".join(parts)


def the_map(report: Report, classes: Classes, lang: str, threshold: int) -> None:
    data = load_data()
    v = _view()
    settlements = None
    if v["layer"]:
        names = dict(zip(data.centres["centre_id"], data.centres["name"]))
        pts = report.points[report.points["kind"] == "settlement"]
        settlements = pts.assign(nearest_name=pts["nearest_centre"].map(names))
    m = region_map(data.regions, report.regions, classes, centres=data.centres, lang=lang,
                   threshold=threshold, asset_base=ASSET_BASE, basemap=v["osm"],
                   settlements=settlements,
                   selected=None if v["region"] == "KZ" else v["region"], height=MAP_HEIGHT)
    # Only a click on a region comes back: pans and zooms do not rerun the page.
    st_folium(m, key="map", height=MAP_HEIGHT, use_container_width=True,
              returned_objects=["last_active_drawing"], on_change=_on_map_click)


def region_panel(report: Report, lang: str, threshold: int) -> None:
    data = load_data()
    names = dict(zip(data.regions["region_id"], data.regions[f"name_{lang}"]))
    st.selectbox(t("region_pick", lang), ["KZ", *sorted(names, key=names.get)],
                 format_func=lambda r: t("region_none", lang) if r == "KZ" else names[r],
                 **_bind("region"))
    rid = st.session_state.view_region
    if rid == "KZ":
        st.info(t("click_hint", lang))
        return
    r = report.regions.set_index("region_id").loc[rid]
    st.subheader(t("region_figures", lang, region=names[rid]))
    a, b = st.columns(2)
    a.metric(t("tt_within", lang, t=threshold), fmt_pct(r[f"share_within_{threshold}"], lang))
    a.caption(t("head_range", lang, low=fmt_pct(r[f"share_within_{threshold}_low"], lang),
                high=fmt_pct(r[f"share_within_{threshold}_high"], lang)))
    b.metric(t("tt_median", lang), fmt_minutes(r["median_minutes"], lang))
    a.metric(t("tt_women", lang), fmt_int(r["women"], lang))
    b.metric(t("tt_centres", lang), fmt_int(r["centres"], lang))

    st.markdown(f"**{t('region_standards', lang)}**")
    gap = (fmt_int(r["shelter_places_gap"], lang) if not pd.isna(r["shelter_places_gap"])
           else t("std_gap_unknown", lang, n=int(r["centres_capacity_unknown"]),
                  max=fmt_int(r["shelter_places_gap_at_most"], lang)))
    st.markdown(
        f"- {t('std_places', lang)}: **{fmt_int(r['shelter_places_needed'], lang)}**\n"
        f"- {t('std_known', lang)}: **{fmt_int(r['shelter_places_known'], lang)}**\n"
        f"- {t('std_gap', lang)}: **{gap}**\n"
        f"- {t('std_has_centre', lang)}: **{t('yes' if r['has_centre'] else 'no', lang)}**\n"
        f"- {t('std_counselling', lang)}: **{fmt_int(r['counselling_centres_needed'], lang)}"
        f" / {fmt_int(r['centres'], lang)}**")

    st.markdown(f"**{t('region_centres', lang)}**")
    centres = region_centres(data.centres, rid, lang=lang)
    if centres.empty:
        st.warning(t("region_no_centres", lang))
    else:
        st.dataframe(centres, hide_index=True, width="stretch", column_config={
            "source_url": st.column_config.LinkColumn(t("pop_source", lang, year=""))})
    st.markdown(f"**{t('region_farthest', lang)}**")
    st.dataframe(farthest_settlements(report, rid, data.centres, lang=lang),
                 hide_index=True, width="stretch")


def ranking(report: Report, classes: Classes, lang: str, threshold: int, label: str) -> None:
    table = region_table(report, classes, lang=lang, threshold=threshold)
    st.subheader(t("table_title", lang, indicator=label))
    st.caption(t("table_hint", lang))
    shown = table.drop(columns="region_id")

    def pick() -> None:
        rows = st.session_state.ranking.selection.rows
        if rows:
            st.session_state.view_region = table["region_id"].iloc[rows[0]]

    st.dataframe(shown.style.format(formatters(table.attrs["kinds"], lang)),
                 hide_index=True, width="stretch", key="ranking", on_select=pick,
                 selection_mode="single-row")
    st.download_button(t("download_csv", lang), table.to_csv(index=False).encode("utf-8-sig"),
                       file_name=f"kz-crisis-centres-{classes.indicator}-{threshold}.csv",
                       mime="text/csv")


def method(report: Report, lang: str) -> None:
    data = load_data()
    inc = load_incidents()
    points = report.points
    rural = (points["women"] - points["women_listed"]).sum() / points["women"].sum()
    sc = settings.SCENARIOS
    decimal = (lambda x: f"{x:g}") if lang == "en" else (lambda x: f"{x:g}".replace(".", ","))
    with st.expander(t("method_title", lang)):
        st.markdown(METHOD[lang].format(
            centres=len(data.centres), known=int(data.centres["beds"].notna().sum()),
            rural=fmt_pct(rural, lang, 0), cell=decimal(settings.GRID_CELL_KM),
            bw=decimal(settings.KERNEL_BANDWIDTH_KM), detour=decimal(sc["car"].detour),
            car=decimal(sc["car"].speed_kmh), nocar=decimal(sc["no-car"].speed_kmh),
            wait=decimal(sc["no-car"].wait_minutes), winter=decimal(sc["winter"].speed_kmh),
            unknown=report.params["unknown_capacity_centres"],
            incident_set=(f"{incident_label(inc.indicator, lang)}, {inc.period}, "
                          f"{inc.regions}/20"
                          if inc is not None else t("no_data", lang))))


# --------------------------------------------------------------------- page
def main() -> None:
    st.set_page_config(page_title="Crisis-centre coverage, Kazakhstan", layout="wide",
                       initial_sidebar_state="expanded")
    _init_state()
    if not st.session_state.view_present:
        controls(st.session_state.view_lang)
    else:
        st.markdown("<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl']"
                    "{display:none}</style>", unsafe_allow_html=True)
    v = _view()  # after the controls: their callbacks have run
    lang, threshold, indicator, sc = v["lang"], v["t"], v["ind"], v["sc"]
    present = v["present"]
    report = run_report(sc)
    classes = classes_for(sc, indicator, threshold)
    label = indicator_label(indicator, lang, threshold=threshold)
    sc_text = t(f"scenario_{sc}", lang)

    st.title(t("title", lang))
    st.caption(t("subtitle", lang, scenario=f"{sc_text}: {_scenario_text(sc, lang)}"))
    headline(report, lang, threshold)
    today = dt.date.today().isoformat()
    if present:
        the_map(report, classes, lang, threshold)
        st.markdown(legend_html(classes, lang, label, load_incidents(), v["layer"]),
                    unsafe_allow_html=True)
        st.caption(t("source_line", lang, scenario=sc_text, date=today))
        st.button(t("leave_presentation", lang), key="leave",
                  on_click=lambda: st.session_state.update(view_present=False))
    else:
        left, right = st.columns([5, 2], gap="medium")
        with left:
            the_map(report, classes, lang, threshold)
            st.markdown(legend_html(classes, lang, label, load_incidents(), v["layer"]),
                        unsafe_allow_html=True)
            st.caption(t("source_line", lang, scenario=sc_text, date=today))
            st.download_button(
                t("download_png", lang),
                lambda: static_png(sc, indicator, threshold, lang, today),
                file_name=f"kz-crisis-centres-{indicator}-{threshold}-{lang}.png",
                mime="image/png")
        with right:
            region_panel(report, lang, threshold)
        ranking(report, classes, lang, threshold, label)
        method(report, lang)
    _to_url()


main()
