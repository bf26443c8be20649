"""The what-if planner.

Add, move, disable centres, set capacities, load and save a scenario, and ask where new
centres would help most.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

import coverage
from app import state
from app.engine import (
    base_centres,
    centres_for,
    incident_set,
    load_data,
    rule_key,
    suggest,
    town_labels,
)
from app.grid import readable
from app.state import NO_CHANGE
from app.uploads import problem_table
from coverage import settings
from coverage.completeness import is_planned
from coverage.i18n import (
    fmt_pct,
    fmt_period,
    incident_label,
    t,
)
from coverage.names import centre_names, centre_places
from coverage.planning import Plan
from coverage.report import Report
from coverage.scenarios import (
    Scenario,
    at_settlement,
    from_json,
    to_json,
)
from coverage.tables import (
    compare_table,
    suggestion_table,
)


def _add_chosen_site() -> None:
    gid = state.get("add_site")
    if gid is None:
        return
    beds = int(state.get("add_beds") or 0) or None
    # No name given: the centre is named after its settlement, in the language it is shown
    # in (the scenario and its link keep the settlement's id, not a translated name).
    state.set_scenario(state.view().scn.add(at_settlement(load_data().settlements, gid,
                                                          beds=beds)))


def _disable_changed() -> None:
    state.set_scenario(state.view().scn.with_disabled(state.get("disable_centres")))


def _set_capacity() -> None:
    cid = state.get("cap_centre")
    if cid is not None:
        state.set_scenario(state.view().scn.with_capacity(cid, state.get("cap_beds")))


def _added_edited() -> None:
    edits = state.get("added_editor").get("edited_rows", {})
    state.set_scenario(state.view().scn.edit_added(edits))


def _load_scenario() -> None:
    upload = state.get("scenario_file")
    if upload is None:
        return
    data = load_data()
    try:
        state.set_scenario(from_json(upload.getvalue(), centres=base_centres(state.inputs()),
                                regions=data.regions, file=upload.name))
        state.put("plan_error", None)
    except coverage.DataError as exc:
        state.put("plan_error", (exc.problems, exc.total))  # written in the page's language


def _add_plan(plan: Plan) -> None:
    data = load_data()
    scn = state.view().scn
    for gid in plan.chosen["geonameid"]:
        scn = scn.add(at_settlement(data.settlements, int(gid)))  # named when shown
    state.set_scenario(scn)
    # The suggestion was for the scenario before; the planner asks again when ready.
    state.put("plan_request", None)
    state.put("scenario_changed", True)  # the fragment hands over to the whole page


def _centre_labels(lang: str) -> dict[str, str]:
    """Return "name — settlement" of every centre of the register (none disabled), by id.

    Named in ``lang``: the register's local name in Russian and Kazakh.
    """
    base = centres_for(NO_CHANGE, state.inputs())
    return dict(zip(base["centre_id"], [
        f"{name} — {place}" if place else name
        for name, place in zip(centre_names(base, lang), centre_places(base, lang))]))


def _added_names(scn: Scenario, lang: str) -> list[str]:
    """Return the names of the scenario's new centres in ``lang``, in the scenario's order."""
    centres = centres_for(scn, state.inputs())
    return centre_names(centres[is_planned(centres)], lang)


def planner(report: Report, baseline: Report, lang: str, threshold: int, sc: str) -> None:
    """Show the what-if planner beside the map: suggestions first, then the scenario."""
    data = load_data()
    scn: Scenario = state.view().scn
    regions = dict(zip(data.regions["region_id"], data.regions[f"name_{lang}"]))
    suggestions(lang, threshold, sc)
    st.divider()
    with st.container():
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
        if state.pop("plan_message", None):
            st.warning(t("plan_bad_click", lang))
        centre_labels = _centre_labels(lang)
        state.put("disable_centres", list(scn.disabled))
        st.multiselect(t("plan_disable", lang), list(centre_labels), key="disable_centres",
                       placeholder=t("choose_options", lang),
                       format_func=centre_labels.get, on_change=_disable_changed)
        a, b = st.columns([3, 1])
        a.selectbox(t("plan_capacity", lang), [None, *centre_labels], key="cap_centre",
                    format_func=lambda c: t("plan_pick_centre", lang) if c is None
                    else centre_labels[c])
        b.number_input(t("pop_capacity", lang), min_value=0, max_value=1000, step=1,
                       key="cap_beds")
        st.button(t("plan_set_capacity", lang), on_click=_set_capacity, key="cap_button")
        if scn.added:
            st.caption(t("plan_added", lang))
            st.data_editor(pd.DataFrame({
                t("col_centres", lang): _added_names(scn, lang),
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
                           mime="application/json", disabled=scn.empty, on_click="ignore")
        c2.button(t("plan_reset", lang), on_click=state.set_scenario, args=(NO_CHANGE,),
                  disabled=scn.empty, key="reset_scenario")
        st.file_uploader(t("plan_load", lang), type=["json"], key="scenario_file",
                         on_change=_load_scenario)
        st.caption(f"{t('upload_limit', lang)} · JSON")
        if state.get("plan_error"):
            # A plain HTML table (readable by screen readers), every cell shown as text.
            problems, total = state.get("plan_error")
            st.table(problem_table(problems, lang, total=total, with_file=True))
        if not scn.empty:
            st.markdown(f"**{t('plan_compare', lang)}**")
            table = compare_table(baseline, report, region_names=regions, lang=lang,
                                  threshold=threshold)
            st.dataframe(readable(table, lang), hide_index=True, width="stretch")


@st.fragment
def suggestions(lang: str, threshold: int, sc: str) -> None:
    """Show where new centres would help most.

    Its controls rerun only this part of the page; adding the suggested sites to the scenario
    reruns the whole page.
    """
    if state.pop("scenario_changed", False):
        st.rerun()  # new centres in the scenario: every figure on the page follows
    data = load_data()
    scn = state.view().scn
    regions = dict(zip(data.regions["region_id"], data.regions[f"name_{lang}"]))
    st.subheader(t("plan_recommend", lang))
    st.caption(t("plan_recommend_note", lang, t=threshold,
                 scenario=t(f"scenario_{sc}", lang)))
    st.slider(t("plan_k", lang), 1, settings.MAX_NEW_SITES, 5, key="plan_k")
    st.checkbox(t("plan_per_region", lang), key="plan_min")
    st.multiselect(t("plan_exclude", lang), list(regions), key="plan_exclude",
                   placeholder=t("choose_options", lang),
                   format_func=regions.get)
    inc = incident_set(rule_key(state.view().inc, state.inputs()), state.inputs())
    complete = inc is not None and inc.covers(regions)
    st.checkbox(t("plan_incidents", lang), key="plan_weight", disabled=not complete,
                help=t("plan_incidents_help", lang, indicator=incident_label(
                    inc.indicator, lang), period=fmt_period(inc.period, lang))
                if complete else None)
    if not complete:
        st.caption(t("plan_incidents_off", lang, n=inc.regions if inc else 0))
    if st.button(t("plan_run", lang), key="plan_run", type="primary"):
        state.put("plan_request", (
            state.get("plan_k"), 1 if state.get("plan_min") else 0,
            tuple(state.get("plan_exclude")),
            inc.key if state.get("plan_weight") and complete else ""))
    request = state.get("plan_request")
    if request is None:
        return
    k, per_region, exclude, weight_key = request
    try:
        plan = suggest(sc, scn, threshold, k, per_region, exclude, weight_key, state.inputs())
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
    shown = suggestion_table(useful, data.settlements, region_names=regions, lang=lang)
    # Narrow panel: the order and the women newly within reach first, each as wide as
    # its numbers, so the figure that matters is never cut.
    st.dataframe(readable(shown, lang), hide_index=True, width="stretch", key="plan_table",
                 column_config={
                     t("col_order", lang): st.column_config.Column(width=40),
                     t("col_gained", lang): st.column_config.Column(
                         t("col_gained_short", lang), help=t("col_gained", lang), width=110)})
    st.caption(t("plan_gain_curve", lang))
    st.bar_chart(shown.set_index(t("col_order", lang))[t("col_gained", lang)],
                 height=180)
    st.button(t("plan_add_all", lang, n=len(useful)), key="plan_add_all",
              on_click=_add_plan, args=(replace(plan, chosen=useful),))
