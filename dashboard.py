"""Crisis-centre coverage dashboard for Kazakhstan (Streamlit).

A thin page: widgets are wired to the ``coverage`` package, results are cached here, and
everything is rendered from what ``coverage`` returns. The view (language, indicator,
threshold, scenario, region, layout) lives in the URL so that a copied link opens it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import math
from dataclasses import replace

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components
from streamlit_folium import st_folium

import coverage
from app import violence
from app.inputs import BUNDLED, Inputs
from coverage import settings
from coverage.basis import Basis, basis_of, map_note, register_line, reported_text, source_line
from coverage.evidence import load_evidence
from coverage.exports import regions_geojson, table_csv, table_xlsx, with_basis
from coverage.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    fmt_int,
    fmt_minutes,
    fmt_pct,
    fmt_pct_floor,
    fmt_period,
    incident_label,
    settlement_name,
    t,
)
from coverage.incidents import (
    IncidentSet,
    default_set,
    incident_sets,
    to_current_layout,
    with_full_year_rates,
)
from coverage.indicators import INDICATORS, Classes, classify, indicator_label, indicator_values
from coverage.maps import MapTexts, Marks, figure_png, marks_of, static_map
from coverage.method import method_markdown
from coverage.planning import Plan, plan_sites
from coverage.population import demand_model
from coverage.reach import by_settlement
from coverage.report import Report, build_report
from coverage.reports import brief_pdf
from coverage.safetext import md_escape
from coverage.scenarios import (
    MAX_URL_CHARS,
    Scenario,
    apply,
    at_click,
    at_settlement,
    compare,
    from_json,
    parse_query,
    to_json,
    to_query,
)
from coverage.tables import (
    farthest_settlements,
    floor_formatter,
    formatters,
    region_centres,
    region_table,
    settlement_labels,
)
from coverage.travel import scenario
from coverage.validate import template_csv
from coverage.webmap import (
    esc,
    incidents_caption,
    leaflet_dir,
    legend_html,
    map_parts,
    mark_regions,
    region_map,
    standalone_page,
)

# Leaflet's files, served by this Streamlit server straight from the xstatic-leaflet
# package: the map loads no script or style from another host.
_LEAFLET = components.declare_component("leaflet_assets", path=str(leaflet_dir()))
# The map runs in an iframe at <base>/component/streamlit_folium.st_folium/index.html.
ASSET_BASE = f"../{_LEAFLET.name}"

LOG = logging.getLogger("dashboard")
THRESHOLDS = list(settings.THRESHOLDS_MIN)
DEFAULTS = {"lang": DEFAULT_LANGUAGE, "ind": "share_within", "t": 120,
            "sc": settings.DEFAULT_SCENARIO, "region": "KZ", "view": "full",
            "layer": "0", "osm": "0", "inc": "", "units": "20"}
MAP_HEIGHT = 600
NO_CHANGE = Scenario()  # the register as it is


# --------------------------------------------------------------------- cached engine
@st.cache_resource(show_spinner=False)
def load_data() -> coverage.Datasets:
    return coverage.load_all()


@st.cache_resource(show_spinner=False)
def load_model():
    # The population model does not depend on threshold, indicator or scenario.
    data = load_data()
    return demand_model(data.regions, data.population, data.settlements, water=data.water)




#: Results on a user's data kept per session (the oldest go first).
SESSION_RESULTS = 24


def uploads() -> dict[str, object]:
    """This session's uploaded frames, by the file's hash (only the current ones)."""
    return st.session_state.setdefault("uploads", {})


def shared_or_session(max_entries: int):
    """Cache a function of the engine: results on the bundled data are shared by every
    session (``st.cache_resource``); results on a user's file (its last argument an
    :class:`Inputs` other than :data:`BUNDLED`) stay in that session's state and go with
    it, so no other session can reach them and memory returns."""
    def decorate(fn):
        shared = st.cache_resource(show_spinner=False, max_entries=max_entries)(fn)

        @functools.wraps(fn)
        def call(*args):
            if not args or not isinstance(args[-1], Inputs) or args[-1].bundled:
                return shared(*args)
            results = st.session_state.setdefault("results", {})
            key = (fn.__name__, args)
            if key not in results:
                while len(results) >= SESSION_RESULTS:
                    results.pop(next(iter(results)))
                results[key] = fn(*args)
            return results[key]
        return call
    return decorate


def base_centres(inp: Inputs) -> pd.DataFrame:
    return load_data().centres if inp.centres == "bundled" else uploads()[inp.centres]


@shared_or_session(max_entries=64)
def centres_for(scn: Scenario, inp: Inputs = BUNDLED) -> pd.DataFrame:
    return apply(base_centres(inp), scn)


def basis_for(scn: Scenario, inp: Inputs) -> Basis:
    return basis_of(centres_for(scn, inp), file=inp.centres_file,
                    disabled=len(scn.disabled))


@shared_or_session(max_entries=64)
def run_report(scenario_name: str, scn: Scenario = NO_CHANGE, set_key: str = "",
               inp: Inputs = BUNDLED) -> Report:
    # Every threshold at once: changing the threshold only picks other columns.
    # ``set_key``: the silent-zone rule's figures ("" for the first complete set).
    return build_report(load_data(), model=load_model(), thresholds=THRESHOLDS,
                        travel=scenario(scenario_name), centres=centres_for(scn, inp),
                        basis=basis_for(scn, inp), incidents=incident_table(inp),
                        incident_set=set_key or None)


def incident_table(inp: Inputs) -> pd.DataFrame:
    """The incident figures in use, in today's 20 units."""
    if inp.incidents == "bundled":
        return bundled_incidents()
    return uploads()[inp.incidents]


@st.cache_resource(show_spinner=False)
def bundled_incidents() -> pd.DataFrame:
    data = load_data()
    return to_current_layout(data.incidents, data.crosswalk)


@shared_or_session(max_entries=32)
def suggest(scenario_name: str, scn: Scenario, minutes: int, k: int, per_region_min: int,
            exclude: tuple[str, ...], weight_key: str, inp: Inputs = BUNDLED) -> Plan:
    # weight_key: the complete incident set that weights women ("" : not weighted).
    data = load_data()
    weights = (with_full_year_rates(incident_set(weight_key, inp), data.crosswalk)
               if weight_key else None)
    return plan_sites(load_model().default, centres_for(scn, inp), data.settlements, k=k,
                      minutes=minutes, travel=scenario(scenario_name),
                      per_region_min=per_region_min,
                      region_ids=tuple(data.regions["region_id"]), exclude_regions=exclude,
                      incidents=weights)


@st.cache_resource(show_spinner=False)
def town_labels(lang: str) -> dict[int, str]:
    data = load_data()
    return settlement_labels(data.settlements, data.regions, lang=lang)


@shared_or_session(max_entries=16)
def incident_sets_of(inp: Inputs = BUNDLED) -> dict[str, IncidentSet]:
    """Every regional set of the figures in use, by key, complete ones first."""
    sets = incident_sets(incident_table(inp), load_data().population)
    return {s.key: s for s in sets}


def incident_set(key: str, inp: Inputs = BUNDLED) -> IncidentSet | None:
    """The set ``key`` (the default set when ``key`` is "" or not among the figures)."""
    sets = incident_sets_of(inp)
    if key in sets:
        return sets[key]
    return default_set(list(sets.values()), load_data().regions["region_id"])


def rule_key(key: str, inp: Inputs = BUNDLED) -> str:
    """The silent-zone rule's (and incident weighting's) figures: the chosen set if it
    covers every region, else "" (the first complete set)."""
    chosen = incident_set(key, inp)
    regions = load_data().regions["region_id"]
    return chosen.key if chosen is not None and chosen.covers(regions) else ""


@shared_or_session(max_entries=64)
def classes_for(scenario_name: str, indicator: str, threshold: int, set_key: str,
                scn: Scenario = NO_CHANGE, inp: Inputs = BUNDLED) -> Classes:
    report = run_report(scenario_name, scn, rule_key(set_key, inp), inp)
    incidents = incident_set(set_key, inp)
    values = indicator_values(report.regions, indicator, threshold=threshold,
                              incidents=incidents)
    no_centre = (report.regions.set_index("region_id")["centres"] == 0
                 if indicator == "women_per_centre" else None)
    suppressed = (incidents.suppressed if indicator == "incidents_per_100k"
                  and incidents is not None else None)
    return classify(values, indicator, no_centre=no_centre, suppressed=suppressed)


def map_texts(report: Report, label: str, lang: str, scenario_name: str,
              date: str, incidents: IncidentSet | None) -> MapTexts:
    """Title, legend title, what the figures stand on and the source line of an export
    (with the incident figures' indicator, period, source and caveat when shown)."""
    sc = t(f"scenario_{scenario_name}", lang)
    note = map_note(report.basis, report.completeness, lang)
    if incidents is not None and label == indicator_label("incidents_per_100k", lang,
                                                           threshold=0):
        note += " " + incidents_caption(incidents, lang)
    return MapTexts(title=t("static_title", lang, indicator=label, scenario=sc),
                    legend_title=label, note=note,
                    source_line=source_line(report.basis, lang, scenario_text=sc, date=date))


def static_png(classes: Classes, centres: pd.DataFrame, texts: MapTexts, marks: Marks,
               lang: str) -> bytes:
    """The 1920x1080 image of what the page shows (everything passed in: it is drawn
    when the button is pressed, outside the page's run and its session)."""
    fig = static_map(load_data().regions, classes, centres, lang=lang, texts=texts,
                     marks=marks)
    return figure_png(fig)


def silent_minutes(report: Report, threshold: int) -> int | None:
    """The threshold, when the report has silent zones at it (for the legend)."""
    column = f"silent_zone_{threshold}"
    return threshold if report.params["silent_zones"].get("available") and \
        report.regions[column].any() else None


# --------------------------------------------------------------------- view state
def _from_url() -> tuple[dict, list[str]]:
    """The view in the URL, each value checked like a file's: anything unknown falls back
    to the default. Returns the view and the names of the values left out."""
    qp = st.query_params
    region_ids = {"KZ", *load_data().regions["region_id"]}
    allowed = {"lang": set(LANGUAGES), "ind": set(INDICATORS), "sc": set(settings.SCENARIOS),
               "region": region_ids, "view": {"full", "present"}, "layer": {"0", "1"},
               "osm": {"0", "1"}, "t": {str(m) for m in THRESHOLDS},
               "inc": {"", *incident_sets_of()}, "units": {"20", "17"}}
    ignored = [k for k, v in allowed.items() if k in qp and qp.get(k) not in v]
    view = {k: (qp.get(k) if qp.get(k) in v else DEFAULTS[k]) for k, v in allowed.items()}
    view["t"] = int(view["t"])
    data = load_data()
    view["scn"], bad_parts = parse_query(qp.get("scn", "")[:MAX_URL_CHARS * 2],
                                         settlements=data.settlements, regions=data.regions,
                                         centres=data.centres)
    if bad_parts:
        ignored.append("scn")
    return view, ignored


VIEW_KEYS = ("lang", "ind", "t", "sc", "region", "present", "layer", "osm", "scn", "inc",
             "units")


def _init_state() -> None:
    # The view lives in "view_*" keys; widgets (keyed by the bare names) are copies.
    # Widget state is dropped when a widget is not drawn (presentation layout), the
    # view must survive that.
    if "view_lang" in st.session_state:
        return
    view, ignored = _from_url()
    st.session_state.url_ignored = ignored
    st.session_state.update({
        "view_lang": view["lang"], "view_ind": view["ind"], "view_t": view["t"],
        "view_sc": view["sc"], "view_region": view["region"],
        "view_present": view["view"] == "present", "view_layer": view["layer"] == "1",
        "view_osm": view["osm"] == "1", "view_scn": view["scn"], "view_inc": view["inc"],
        "view_units": view["units"]})


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
            "layer": "1" if v["layer"] else "0", "osm": "1" if v["osm"] else "0",
            "inc": "" if v["inc"] == incident_set("", _inputs()).key else v["inc"],
            "units": v["units"]}
    # Keep the address short: only what differs from the defaults.
    wanted = {k: val for k, val in view.items() if str(DEFAULTS[k]) != val}
    scn = to_query(v["scn"]) if not v["scn"].empty else None
    if scn:  # a scenario too long for the URL lives in a saved JSON file
        wanted["scn"] = scn
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def _on_map_click() -> None:
    value = st.session_state.get("map") or {}
    if st.session_state.get("click_adds") and value.get("last_clicked"):
        data = load_data()
        point = value["last_clicked"]
        centre = at_click(data.settlements, data.regions, float(point["lng"]),
                          float(point["lat"]))
        if centre is None:
            st.session_state.plan_message = "plan_bad_click"
        else:
            st.session_state.view_scn = st.session_state.view_scn.add(centre)
        return
    clicked = value.get("last_active_drawing") or {}
    rid = (clicked.get("properties") or {}).get("region_id")
    if rid:
        st.session_state.view_region = rid


# --------------------------------------------------------------------- page parts
def _take_upload(kind: str) -> None:
    """Validate an uploaded file in memory; use it only when it is valid."""
    upload = st.session_state.get(f"up_{kind}")
    if upload is None:
        return
    data = load_data()
    raw = upload.getvalue()  # bytes in memory: never written to disk, never logged
    key = hashlib.sha256(raw).hexdigest()[:20]
    try:
        if kind == "centres":
            frame = coverage.load_centres(raw, name=upload.name, regions=data.regions,
                                          settlements=data.settlements)
        else:
            table = coverage.load_incidents(raw, name=upload.name, regions=data.regions)
            layout = {"17": 17, "20": 20}.get(st.session_state.get("up_layout", "auto"))
            frame = to_current_layout(table, data.crosswalk, layout=layout)
    except coverage.DataError as exc:
        st.session_state[f"problems_{kind}"] = (upload.name, exc.records(), exc.total)
        return
    names = {"centres_file": upload.name} if kind == "centres" else {}
    _use_inputs(replace(_inputs(), **{kind: key}, **names), frame=(key, frame))
    st.session_state[f"problems_{kind}"] = None
    estimated = int(frame["estimated"].sum()) if "estimated" in frame else 0
    notices = [{"row": n.row, "column": n.column, "problem": n.message, "fix": n.fix}
               for n in frame.attrs.get("notices", [])]
    st.session_state[f"notice_{kind}"] = (upload.name, len(frame),
                                          frame.attrs.get("dropped_address_columns", []),
                                          estimated, notices)


def _use_inputs(inp: Inputs, *, frame: tuple[str, object] | None = None) -> None:
    """Switch this session to ``inp``; uploads and results no longer in use are dropped
    (so their memory returns)."""
    held = uploads()
    if frame is not None:
        held[frame[0]] = frame[1]
    for key in list(held):
        if key not in (inp.centres, inp.incidents):
            del held[key]
    st.session_state.pop("results", None)
    st.session_state.inputs = inp


def _reset_data(kind: str) -> None:
    names = {"centres_file": None} if kind == "centres" else {}
    _use_inputs(replace(_inputs(), **{kind: "bundled"}, **names))
    st.session_state[f"notice_{kind}"] = st.session_state[f"problems_{kind}"] = None


def your_data(lang: str) -> None:
    """Uploads of a register and of incident figures, with templates and problems."""
    with st.expander(t("data_title", lang), expanded=bool(
            st.session_state.get("problems_centres") or st.session_state.get(
                "problems_incidents"))):
        for kind, types in (("centres", ["csv", "xlsx", "geojson", "json"]),
                            ("incidents", ["csv", "xlsx"])):
            st.file_uploader(t(f"up_{kind}", lang), type=types, key=f"up_{kind}",
                             on_change=_take_upload, args=(kind,),
                             help=t("up_help", lang))
            if kind == "incidents":
                st.radio(t("up_layout", lang), ["auto", "17", "20"], key="up_layout",
                         format_func=lambda k: t(f"layout_{k}", lang), horizontal=True)
            st.download_button(t(f"template_{kind}", lang), template_csv(kind),
                               file_name=f"template-{kind}.csv", mime="text/csv",
                               key=f"template_{kind}")
            in_use = getattr(_inputs(), kind)
            notice = st.session_state.get(f"notice_{kind}")
            if in_use != "bundled" and notice:
                name, rows, dropped, estimated, notices = notice
                st.success(t(f"in_use_{kind}", lang, file=md_escape(name), n=rows))
                if dropped:
                    st.warning(t("dropped_address", lang,
                                 columns=md_escape(", ".join(dropped))))
                if notices:
                    st.table(text_table(_problem_headers(pd.DataFrame(notices), lang)))
                if estimated:
                    st.info(t("estimated_note", lang, n=estimated))
                st.button(t("reset_data", lang), key=f"reset_{kind}", on_click=_reset_data,
                          args=(kind,))
            problems = st.session_state.get(f"problems_{kind}")
            if problems:
                name, records, total = problems
                st.error(t("upload_rejected", lang, file=md_escape(name), n=total))
                # An HTML table, readable by screen readers; every cell shown as text.
                st.table(text_table(_problem_headers(
                    pd.DataFrame(records).drop(columns="file"), lang)))


def controls(lang: str) -> None:
    with st.sidebar:
        st.header(t("settings", lang))
        st.selectbox(t("language", lang), list(LANGUAGES), format_func=LANGUAGES.get,
                     **_bind("lang"))
        threshold = st.session_state.view_t
        st.selectbox(t("indicator", lang), list(INDICATORS),
                     format_func=lambda k: indicator_label(k, lang, threshold=threshold),
                     **_bind("ind"))
        sets = incident_sets_of(_inputs())
        if sets:
            if st.session_state.view_inc not in sets:  # "" or a set of another file
                st.session_state.view_inc = incident_set("", _inputs()).key
            st.selectbox(t("inc_set", lang), list(sets), format_func=lambda k: t(
                "inc_set_option", lang, indicator=incident_label(sets[k].indicator, lang),
                period=fmt_period(sets[k].period, lang), n=sets[k].regions),
                help=t("inc_june_caveat", lang), **_bind("inc"))
        st.select_slider(t("threshold", lang), THRESHOLDS,
                         format_func=lambda m: fmt_minutes(m, lang), **_bind("t"))
        st.radio(t("scenario", lang), list(settings.SCENARIOS),
                 format_func=lambda k: t(f"scenario_{k}", lang), **_bind("sc"))
        st.caption(_scenario_text(st.session_state.view_sc, lang))
        st.checkbox(t("layer_settlements", lang), **_bind("layer"))
        st.checkbox(t("basemap", lang), help=t("basemap_help", lang), **_bind("osm"))
        st.toggle(t("presentation", lang), **_bind("present"))
        st.caption(t("share_hint", lang))
        your_data(lang)


def _scenario_text(name: str, lang: str) -> str:
    sc = settings.SCENARIOS[name]
    detour = f"{sc.detour:g}" if lang == "en" else f"{sc.detour:g}".replace(".", ",")
    return t(f"scenario_{name}_desc", lang, speed=f"{sc.speed_kmh:g}", detour=detour,
             wait=f"{sc.wait_minutes:g}")


def _range_text(area: dict, threshold: int, lang: str) -> str:
    low, high = area["share_within_range"][threshold]
    driver = area["moved_most_by"][threshold]
    if not isinstance(driver, str):  # nothing moves it (None, or NaN from a frame)
        return t("head_range", lang, low=fmt_pct(low, lang), high=fmt_pct(high, lang))
    return t("range_driver", lang, low=fmt_pct(low, lang), high=fmt_pct(high, lang),
             driver=t(f"driver_{driver}", lang))


def headline(report: Report, lang: str, threshold: int, baseline: Report | None) -> None:
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
                      total=fmt_int(a["women"], lang)) + "; " + _range_text(a, threshold, lang))
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
    cols[3].metric(t("head_no_centre", lang), f"{len(without)} / 20")
    if baseline is not None:
        cols[2].caption(t("plan_scenario_note", lang))
    cols[3].caption(", ".join(without))
    if report.areas["national"]["register_incomplete"]:
        st.caption(t("floor_note", lang))


def the_map(report: Report, classes: Classes, lang: str, threshold: int) -> None:
    data = load_data()
    v = _view()
    marks = marks_of(report.regions, threshold)
    figures = mark_regions(report.regions, silent=marks.silent,
                           incidents=incident_set(v["inc"], _inputs()), lang=lang)
    centres = centres_for(v["scn"], _inputs())
    settlements = None
    if v["layer"]:
        names = dict(zip(centres["centre_id"], centres["name"]))
        pts = by_settlement(report.points)
        settlements = pts.assign(nearest_name=pts["nearest_centre"].map(names))
    m, layers = map_parts(data.regions, figures, classes, centres=centres, lang=lang,
                          threshold=threshold, asset_base=ASSET_BASE, basemap=v["osm"],
                          settlements=settlements,
                          selected=None if v["region"] == "KZ" else v["region"],
                          height=MAP_HEIGHT)
    # Only clicks come back (a region, and the point for "a click adds a centre"):
    # pans and zooms do not rerun the page. streamlit-folium keeps the list it was
    # mounted with, so it is the same whether clicks add centres or not.
    # The base map stays the same, so new figures swap the layers in place instead of
    # reloading the map (streamlit-folium keys the map by its script).
    st_folium(m, key="map", height=MAP_HEIGHT, use_container_width=True,
              feature_group_to_add=layers,
              returned_objects=["last_active_drawing", "last_clicked"],
              on_change=_on_map_click)


def standards(r: pd.Series, lang: str, *, regions_with_centre: int | None = None) -> None:
    """A region's (or, given ``regions_with_centre``, the country's) standing against the
    Council of Europe standards."""
    gap = (fmt_int(r["shelter_places_gap"], lang) if not pd.isna(r["shelter_places_gap"])
           else t("std_gap_unknown", lang, n=int(r["centres_capacity_unknown"]),
                  max=fmt_int(r["shelter_places_gap_at_most"], lang)))
    has = t("yes" if r["has_centre"] else "no", lang)
    if r["centres_planned"]:
        has += f" ({t('count_planned', lang, n=fmt_int(r['centres_planned'], lang))})"
    shelter = (f"{t('std_regions_with', lang)}: **{regions_with_centre} / 20**"
               if regions_with_centre is not None else
               f"{t('std_has_centre', lang)}: **{has}**")
    st.markdown(
        f"- {t('std_places', lang)}: **{fmt_int(r['shelter_places_needed'], lang)}**\n"
        f"- {t('std_known', lang)}: **{fmt_int(r['shelter_places_known'], lang)}**\n"
        f"- {t('std_gap', lang)}: **{gap}**\n"
        f"- {shelter}\n"
        f"- {t('std_counselling', lang)}: **{fmt_int(r['counselling_centres_needed'], lang)}"
        f" / {fmt_int(r['centres'], lang)}**")


def register(r: pd.Series, lang: str, *, national: bool = False) -> None:
    """Centres located against centres officials report, with the source, beds and the
    people who applied to crisis centres (bundled facts, each with its link)."""
    lines = [register_line(r, lang)]
    if r["reported_source_url"]:
        lines[0] += f" — [{t('reg_source', lang)}]({r['reported_source_url']})"
    if not pd.isna(r["beds_reported"]):
        lines.append(t("reg_beds", lang, n=fmt_int(r["beds_reported"], lang),
                       period=r["reported_period"]))
    if not pd.isna(r["clients_reported"]):
        lines.append(t("reg_clients", lang, n=fmt_int(r["clients_reported"], lang),
                       period=r["clients_period"])
                     + f" — [{t('reg_source', lang)}]({r['clients_source_url']})")
    st.markdown("\n".join(f"- {line}" for line in lines))
    if r["register_incomplete"]:
        st.warning(t("reg_incomplete_national" if national else "reg_incomplete", lang))


def region_panel(report: Report, lang: str, threshold: int) -> None:
    data = load_data()
    names = dict(zip(data.regions["region_id"], data.regions[f"name_{lang}"]))
    st.selectbox(t("region_pick", lang), ["KZ", *sorted(names, key=names.get)],
                 format_func=lambda r: t("region_none", lang) if r == "KZ" else names[r],
                 **_bind("region"))
    rid = st.session_state.view_region
    if rid == "KZ":
        st.info(t("click_hint", lang))
        register(report.completeness.set_index("region_id").loc["KZ"], lang, national=True)
        st.markdown(f"**{t('region_standards', lang)}: {t('region_none', lang).strip('— ')}**")
        standards(report.standards.set_index("region_id").loc["KZ"], lang,
                  regions_with_centre=int(report.regions["has_centre"].sum()))
        return
    r = report.regions.set_index("region_id").loc[rid]
    st.subheader(t("region_figures", lang, region=names[rid]))
    a, b = st.columns(2)
    a.metric(t("tt_within", lang, t=threshold), fmt_pct_floor(
        r[f"share_within_{threshold}"], lang, floor=bool(r["register_incomplete"])))
    a.caption(_range_text({"share_within_range": {threshold: (
        r[f"share_within_{threshold}_low"], r[f"share_within_{threshold}_high"])},
        "moved_most_by": {threshold: r[f"share_within_{threshold}_driver"]}}, threshold, lang))
    b.metric(t("tt_median", lang), fmt_minutes(r["median_minutes"], lang))
    a.metric(t("tt_women", lang), fmt_int(r["women"], lang))
    b.metric(t("tt_centres", lang), fmt_int(r["centres_located"], lang) + (
        f" + {fmt_int(r['centres_planned'], lang)}" if r["centres_planned"] else ""))
    register(r, lang)
    violence.region_block(report, data, rid, list(incident_sets_of(_inputs()).values()),
                          lang=lang, threshold=threshold)
    st.markdown(f"**{t('region_standards', lang)}**")
    standards(r, lang)

    st.markdown(f"**{t('region_centres', lang)}**")
    scenario_centres = centres_for(st.session_state.view_scn, _inputs())
    centres = region_centres(scenario_centres, rid, lang=lang)
    if centres.empty:
        st.warning(t("region_no_centres", lang))
    else:
        st.dataframe(centres, hide_index=True, width="stretch", column_config={
            "source_url": st.column_config.LinkColumn(t("pop_source", lang, year=""))})
    st.markdown(f"**{t('region_farthest', lang)}**")
    st.dataframe(farthest_settlements(report, rid, scenario_centres, lang=lang),
                 hide_index=True, width="stretch")


def _inputs() -> Inputs:
    return st.session_state.get("inputs", BUNDLED)


def _problem_headers(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return df.rename(columns={"row": t("prob_row", lang), "column": t("prob_column", lang),
                              "problem": t("prob_problem", lang), "fix": t("prob_fix", lang)})


def text_table(df: pd.DataFrame) -> pd.DataFrame:
    """A table whose cells and headers come from a file, for ``st.table`` (which renders
    Markdown): every value escaped, so it shows as the text it is."""
    def cell(value: object) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))  # row numbers, not 192.0
        return md_escape(value)

    out = df.astype(object).map(cell)
    out.columns = [md_escape(c) for c in out.columns]
    return out


def _set_scenario(scn: Scenario) -> None:
    st.session_state.view_scn = scn


def _add_chosen_site() -> None:
    gid = st.session_state.get("add_site")
    if gid is None:
        return
    data = load_data()
    lang = st.session_state.view_lang
    row = data.settlements.set_index("geonameid").loc[gid]
    place = settlement_name(row["name"], row["cyrillic_names"], lang)
    beds = int(st.session_state.get("add_beds") or 0) or None
    _set_scenario(st.session_state.view_scn.add(at_settlement(
        data.settlements, gid, beds=beds, name=t("plan_new_centre", lang, place=place))))


def _disable_changed() -> None:
    _set_scenario(replace(st.session_state.view_scn,
                          disabled=tuple(st.session_state.disable_centres)))


def _set_capacity() -> None:
    cid = st.session_state.get("cap_centre")
    if cid is None:
        return
    scn = st.session_state.view_scn
    beds = tuple(sorted({**dict(scn.beds), cid: int(st.session_state.cap_beds)}.items()))
    _set_scenario(replace(scn, beds=beds))


def _added_edited() -> None:
    edits = st.session_state.added_editor.get("edited_rows", {})
    scn = st.session_state.view_scn
    added = []
    for i, c in enumerate(scn.added):
        change = edits.get(i, {}) or edits.get(str(i), {})
        if change.get("remove"):
            continue
        places = change.get("places", c.beds)
        added.append(replace(c, beds=int(places) if places else None))
    _set_scenario(replace(scn, added=tuple(added)))


def _load_scenario() -> None:
    upload = st.session_state.get("scenario_file")
    if upload is None:
        return
    data = load_data()
    try:
        _set_scenario(from_json(upload.getvalue(), centres=base_centres(_inputs()),
                                regions=data.regions, file=upload.name))
        st.session_state.plan_error = None
    except coverage.DataError as exc:
        st.session_state.plan_error = exc.records()


def _add_plan(plan: Plan) -> None:
    data = load_data()
    lang = st.session_state.view_lang
    names = data.settlements.set_index("geonameid")
    scn = st.session_state.view_scn
    for gid in plan.chosen["geonameid"]:
        row = names.loc[int(gid)]
        place = settlement_name(row["name"], row["cyrillic_names"], lang)
        scn = scn.add(at_settlement(data.settlements, int(gid),
                                    name=t("plan_new_centre", lang, place=place)))
    _set_scenario(scn)
    # The suggestion was for the scenario before; the planner asks again when ready.
    st.session_state.plan_request = None


def planner(report: Report, baseline: Report, lang: str, threshold: int, sc: str) -> None:
    data = load_data()
    scn: Scenario = st.session_state.view_scn
    regions = dict(zip(data.regions["region_id"], data.regions[f"name_{lang}"]))
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(t("plan_scenario", lang))
        labels = town_labels(lang)
        a, b = st.columns([3, 1])
        a.selectbox(t("plan_add_settlement", lang), [None, *labels],
                    key="add_site", format_func=lambda g: t("plan_pick", lang) if g is None
                    else labels[g])
        b.number_input(t("plan_places", lang), min_value=0, max_value=1000, step=1,
                       key="add_beds")
        st.button(t("plan_add", lang), on_click=_add_chosen_site, key="add_button")
        st.toggle(t("plan_click_adds", lang), key="click_adds")
        if st.session_state.pop("plan_message", None):
            st.warning(t("plan_bad_click", lang))
        base = base_centres(_inputs())
        centre_names = dict(zip(base["centre_id"], base["name"] + " — "
                                + base["settlement"].fillna("")))
        st.session_state.disable_centres = list(scn.disabled)
        st.multiselect(t("plan_disable", lang), list(centre_names), key="disable_centres",
                       format_func=centre_names.get, on_change=_disable_changed)
        a, b = st.columns([3, 1])
        a.selectbox(t("plan_capacity", lang), [None, *centre_names], key="cap_centre",
                    format_func=lambda c: t("plan_pick_centre", lang) if c is None
                    else centre_names[c])
        b.number_input(t("pop_capacity", lang), min_value=0, max_value=1000, step=1,
                       key="cap_beds")
        st.button(t("plan_set_capacity", lang), on_click=_set_capacity, key="cap_button")
        if scn.added:
            st.caption(t("plan_added", lang))
            st.data_editor(pd.DataFrame({
                t("col_centres", lang): [c.name for c in scn.added],
                t("col_region", lang): [regions[c.region_id] for c in scn.added],
                "places": pd.array([c.beds for c in scn.added], dtype="Int64"),
                "remove": False}), key="added_editor", on_change=_added_edited,
                hide_index=True, width="stretch",
                disabled=[t("col_centres", lang), t("col_region", lang)],
                column_config={"places": st.column_config.NumberColumn(
                    t("plan_places", lang), min_value=0, step=1),
                    "remove": st.column_config.CheckboxColumn(t("plan_remove", lang))})
        c1, c2 = st.columns(2)
        c1.download_button(t("plan_save", lang), to_json(scn).encode("utf-8"),
                           file_name="kz-crisis-centres-scenario.json",
                           mime="application/json", disabled=scn.empty)
        c2.button(t("plan_reset", lang), on_click=_set_scenario, args=(NO_CHANGE,),
                  disabled=scn.empty, key="reset_scenario")
        st.file_uploader(t("plan_load", lang), type=["json"], key="scenario_file",
                         on_change=_load_scenario)
        if st.session_state.get("plan_error"):
            # A plain HTML table (readable by screen readers), every cell shown as text.
            st.table(text_table(pd.DataFrame(st.session_state.plan_error)))
        if not scn.empty:
            st.markdown(f"**{t('plan_compare', lang)}**")
            table = compare(baseline, report, threshold=threshold)
            table.insert(0, t("col_region", lang), table["region_id"].map(regions))
            table = table.drop(columns="region_id").rename(columns={
                "centres_before": t("col_centres_before", lang),
                "centres_after": t("col_centres_after", lang),
                "women_newly_within": t("col_gained", lang),
                "share_before": t("col_share_before", lang),
                "share_after": t("col_share_after", lang)})
            kinds = {t("col_gained", lang): "int", t("col_share_before", lang): "pct",
                     t("col_share_after", lang): "pct"}
            st.dataframe(table.style.format(formatters(kinds, lang)), hide_index=True,
                         width="stretch")

    with right:
        st.subheader(t("plan_recommend", lang))
        st.caption(t("plan_recommend_note", lang, t=threshold,
                     scenario=t(f"scenario_{sc}", lang)))
        st.slider(t("plan_k", lang), 1, 20, 5, key="plan_k")
        st.checkbox(t("plan_per_region", lang), key="plan_min")
        st.multiselect(t("plan_exclude", lang), list(regions), key="plan_exclude",
                       format_func=regions.get)
        inc = incident_set(rule_key(st.session_state.view_inc, _inputs()), _inputs())
        complete = inc is not None and inc.covers(regions)
        st.checkbox(t("plan_incidents", lang), key="plan_weight", disabled=not complete,
                    help=t("plan_incidents_help", lang, indicator=incident_label(
                        inc.indicator, lang), period=fmt_period(inc.period, lang))
                    if complete else None)
        if not complete:
            st.caption(t("plan_incidents_off", lang, n=inc.regions if inc else 0))
        if st.button(t("plan_run", lang), key="plan_run", type="primary"):
            st.session_state.plan_request = (
                st.session_state.plan_k, 1 if st.session_state.plan_min else 0,
                tuple(st.session_state.plan_exclude),
                inc.key if st.session_state.plan_weight and complete else "")
        request = st.session_state.get("plan_request")
        if request is None:
            return
        k, per_region, exclude, weight_key = request
        try:
            plan = suggest(sc, scn, threshold, k, per_region, exclude, weight_key, _inputs())
        except ValueError as exc:
            st.error(str(exc))
            return
        st.markdown("**" + t("plan_result", lang, t=threshold,
                             before=fmt_pct(plan.share_before, lang),
                             after=fmt_pct(plan.share_after, lang)) + "**")
        seconds = f"{plan.seconds:.2f}" if lang == "en" else f"{plan.seconds:.2f}".replace(
            ".", ",")
        st.caption(t("plan_optimal", lang, solver=plan.solver, seconds=seconds)
                   if plan.optimal else t("plan_gap", lang, gap=fmt_pct(plan.gap, lang),
                                          solver=plan.solver, seconds=seconds))
        useful = plan.chosen[plan.chosen["women_gained"] > 0.5]
        if useful.empty:
            st.info(t("plan_nothing", lang))
            return
        if len(useful) < k:
            st.info(t("plan_fewer", lang, n=len(useful), k=k, t=threshold))
        by_id = data.settlements.set_index("geonameid")
        shown = pd.DataFrame({
            t("col_order", lang): range(1, len(useful) + 1),
            t("tt_settlement", lang): [settlement_name(by_id.loc[g, "name"],
                                                       by_id.loc[g, "cyrillic_names"], lang)
                                       for g in useful["geonameid"]],
            t("col_region", lang): useful["region_id"].map(regions).to_numpy(),
            t("col_gained", lang): useful["women_gained"].round().to_numpy()})
        st.dataframe(shown.style.format(formatters({t("col_gained", lang): "int"}, lang)),
                     hide_index=True, width="stretch", key="plan_table")
        st.caption(t("plan_gain_curve", lang))
        st.bar_chart(shown.set_index(t("col_order", lang))[t("col_gained", lang)],
                     height=180)
        st.button(t("plan_add_all", lang, n=len(useful)), key="plan_add_all",
                  on_click=_add_plan, args=(replace(plan, chosen=useful),))


def ranking(report: Report, classes: Classes, lang: str, threshold: int, label: str) -> None:
    table = region_table(report, classes, lang=lang, threshold=threshold)
    st.subheader(t("table_title", lang, indicator=label))
    st.caption(t("table_hint", lang))
    shown = table.drop(columns="region_id")

    def pick() -> None:
        rows = st.session_state.ranking.selection.rows
        if rows:
            st.session_state.view_region = table["region_id"].iloc[rows[0]]

    styled = shown.style.format(formatters(table.attrs["kinds"], lang))
    if table.attrs["floors"]:
        # Shares of regions whose register is incomplete are floors: "≥ 0.1%".
        styled = styled.format(floor_formatter(lang), subset=pd.IndexSlice[
            table.attrs["floors"], [table.attrs["share_column"]]])
    st.dataframe(styled, hide_index=True, width="stretch", key="ranking", on_select=pick,
                 selection_mode="single-row")
    if table.attrs["floors"]:
        st.caption(t("table_register_note", lang))
    exports(report, classes, table, lang, threshold, label)


def exports(report: Report, classes: Classes, table: pd.DataFrame, lang: str,
            threshold: int, label: str) -> None:
    """Download buttons; the heavier files are made only when clicked. Each file says
    what its figures stand on (register, file or scenario)."""
    data = load_data()
    v = _view()
    centres = centres_for(v["scn"], _inputs())
    today = dt.date.today().isoformat()
    texts = map_texts(report, label, lang, v["sc"], today,
                      incident_set(v["inc"], _inputs()))
    stem = f"kz-crisis-centres-{classes.indicator}-{threshold}-{lang}"
    basis_text = report.basis.text(lang)
    flat = with_basis(table.drop(columns="region_id"), column=t("col_basis", lang),
                      text=basis_text)
    about = {t("about_basis", lang): basis_text, t("about_sources", lang): texts.source_line}
    if report.basis.planned_places:
        about[t("col_planned", lang)] = ", ".join(report.basis.planned_places)
    if table.attrs["floors"]:
        about[t("about_floor", lang)] = t("table_register_note", lang)
    if report.incident_set is not None and len(report.incident_set.marked):
        about["†"] = t("inc_june_caveat", lang)

    # The files are made when a button is pressed, outside this run and its session:
    # everything they need is taken now (the session's own incident figures too).
    incidents = incident_set(v["inc"], _inputs())
    marks = marks_of(report.regions, threshold)
    figures = mark_regions(report.regions, silent=marks.silent, incidents=incidents, lang=lang)

    def html_page() -> bytes:
        m = region_map(data.regions, figures, classes, centres=centres, lang=lang,
                       threshold=threshold, asset_base="leaflet-assets", height=900)
        legend = legend_html(classes, lang, label, incidents, False,
                             planned=report.basis.planned > 0,
                             incomplete=bool(report.regions["register_incomplete"].any()),
                             silent_minutes=silent_minutes(report, threshold))
        return standalone_page(m, asset_base="leaflet-assets", title=texts.title,
                               legend=legend + f"<div>{esc(texts.note)}</div>",
                               source_line=texts.source_line).encode("utf-8")

    def pdf() -> bytes:
        return brief_pdf(report, data.regions, classes, centres, lang=lang,
                         threshold=threshold, texts=texts)

    cols = st.columns(5)
    cols[0].download_button(t("download_csv", lang), table_csv(flat),
                            file_name=f"{stem}.csv", mime="text/csv", key="dl_csv")
    cols[1].download_button(t("download_xlsx", lang), lambda: table_xlsx(flat, about=about),
                            file_name=f"{stem}.xlsx", key="dl_xlsx",
                            mime="application/vnd.openxmlformats-officedocument."
                                 "spreadsheetml.sheet")
    cols[2].download_button(t("download_geojson", lang),
                            lambda: regions_geojson(data.regions, report).encode("utf-8"),
                            file_name=f"{stem}.geojson", mime="application/geo+json",
                            key="dl_geojson")
    cols[3].download_button(t("download_html", lang), html_page, file_name=f"{stem}.html",
                            mime="text/html", key="dl_html")
    cols[4].download_button(t("download_pdf", lang), pdf, file_name=f"{stem}.pdf",
                            mime="application/pdf", key="dl_pdf")


@st.cache_resource(show_spinner=False)
def kernel_evidence() -> pd.DataFrame:
    return load_evidence()


def method(report: Report, lang: str) -> None:
    inc = incident_set(st.session_state.view_inc, _inputs())
    data = load_data()
    with st.expander(t("method_title", lang)):
        st.markdown(method_markdown(
            report, lang=lang, evidence=kernel_evidence(), centres=base_centres(_inputs()),
            region_names=dict(zip(data.regions["region_id"], data.regions[f"name_{lang}"])),
            # An uploaded indicator's name and period are the file's text: escaped.
            incident_set=(md_escape(f"{incident_label(inc.indicator, lang)}, {inc.period}, "
                                    f"{inc.regions}/20") if inc is not None
                          else t("no_data", lang))))


# --------------------------------------------------------------------- page
def main() -> None:
    """The page: the controls first, then everything else; an unexpected failure of the
    rest leaves the controls usable and says so in the chosen language."""
    try:
        _init_state()
    except Exception:  # a broken share link must not stop the page
        LOG.exception("could not read the view from the address")
        st.session_state.clear()
        st.query_params.clear()
        _init_state()
        st.session_state.url_ignored = ["all"]
    st.set_page_config(page_title=t("page_title", st.session_state.view_lang),
                       layout="wide", initial_sidebar_state="expanded")
    if not st.session_state.view_present:
        controls(st.session_state.view_lang)
    try:
        page()
    except Exception:
        LOG.exception("the page failed")
        st.error(t("unexpected_error", st.session_state.get("view_lang", DEFAULT_LANGUAGE)))


def page() -> None:
    if st.session_state.view_present:
        st.markdown("<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl']"
                    "{display:none}</style>", unsafe_allow_html=True)
    v = _view()  # after the controls: their callbacks have run
    lang, threshold, indicator, sc, scn = v["lang"], v["t"], v["ind"], v["sc"], v["scn"]
    present = v["present"]
    inp = _inputs()
    rule = rule_key(v["inc"], inp)
    report = run_report(sc, scn, rule, inp)
    baseline = run_report(sc, NO_CHANGE, rule, inp) if not scn.empty else None
    classes = classes_for(sc, indicator, threshold, v["inc"], scn, inp)
    incidents = incident_set(v["inc"], inp)
    silent = silent_minutes(report, threshold)
    label = indicator_label(indicator, lang, threshold=threshold)
    sc_text = t(f"scenario_{sc}", lang)

    st.title(t("title", lang))
    if st.session_state.pop("url_ignored", None):
        st.info(t("url_ignored", lang))
    st.caption(t("subtitle", lang, scenario=f"{sc_text}: {_scenario_text(sc, lang)}"))
    # The file name is the user's text: shown escaped, never as Markdown.
    st.caption(md_escape(t("basis_caption", lang, basis=report.basis.text(lang))))
    headline(report, lang, threshold, baseline)
    today = dt.date.today().isoformat()
    if present:
        the_map(report, classes, lang, threshold)
        st.markdown(legend_html(classes, lang, label, incidents, v["layer"],
                                planned=report.basis.planned > 0,
                                incomplete=bool(report.regions["register_incomplete"].any()),
                                silent_minutes=silent), unsafe_allow_html=True)
        st.caption(md_escape(source_line(report.basis, lang, scenario_text=sc_text,
                                         date=today)))
        st.button(t("leave_presentation", lang), key="leave",
                  on_click=lambda: st.session_state.update(view_present=False))
    else:
        left, right = st.columns([5, 2], gap="medium")
        with left:
            the_map(report, classes, lang, threshold)
            st.markdown(legend_html(classes, lang, label, incidents, v["layer"],
                                    planned=report.basis.planned > 0,
                                    incomplete=bool(report.regions["register_incomplete"].any()),
                                    silent_minutes=silent), unsafe_allow_html=True)
            st.caption(md_escape(source_line(report.basis, lang, scenario_text=sc_text,
                                             date=today)))
            st.download_button(
                t("download_png", lang),
                functools.partial(static_png, classes, centres_for(scn, inp),
                                  map_texts(report, label, lang, sc, today, incidents),
                                  marks_of(report.regions, threshold), lang),
                file_name=f"kz-crisis-centres-{indicator}-{threshold}-{lang}.png",
                mime="image/png")
        with right:
            # The panel is narrow: smaller metric values, so "≥ 59,2 %" is not cut.
            st.markdown("<style>.st-key-region_panel [data-testid='stMetricValue']"
                        "{font-size:1.75rem}</style>", unsafe_allow_html=True)
            with st.container(key="region_panel"):
                region_panel(report, lang, threshold)
        ranking_tab, violence_tab, plan_tab = st.tabs(
            [t("tab_ranking", lang), t("tab_violence", lang), t("tab_plan", lang)])
        with ranking_tab:
            ranking(report, classes, lang, threshold, label)
        with violence_tab:
            violence.section(report, load_data(), lang=lang, threshold=threshold,
                             units=_bind("units"), sets=list(incident_sets_of(inp).values()))
        with plan_tab:
            planner(report, baseline or report, lang, threshold, sc)
        method(report, lang)
    _to_url()


main()
