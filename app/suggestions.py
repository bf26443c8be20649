"""Where should new centres go? The planner's question, its answer, and how sure it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

import streamlit as st

from app import state
from app.engine import incident_set, load_data, rule_key, town_labels
from app.grid import readable
from app.plans import PlanAsk, how_sure, suggest, variants_count
from app.worker import Busy, TooLong, planner
from coverage import settings
from coverage.charts import gain_chart
from coverage.i18n import fmt_int, fmt_minutes, fmt_pct, fmt_period, incident_label, t
from coverage.plan_format import plan_rows
from coverage.planning import NO_GAIN, Plan
from coverage.safetext import md_escape
from coverage.scenarios import at_settlement
from coverage.tables import suggestion_table

T = TypeVar("T")


def _add_plan(plan: Plan) -> None:
    data = load_data()
    scn = state.view().scn
    for gid in plan.chosen["geonameid"]:
        scn = scn.add(at_settlement(data.settlements, int(gid)))  # named when shown
    state.set_scenario(scn)
    # The suggestion was for the scenario before; the planner asks again when ready.
    state.put("plan_request", None)
    state.put("scenario_changed", True)  # the fragment hands over to the whole page


def _objective_changed() -> None:
    """Answer the question already asked with the new objective, without another press."""
    ask = state.get("plan_request")
    if ask is not None:
        state.put("plan_request", replace(ask, objective=state.get("plan_objective")))


def _value_line(plan: Plan, lang: str, minutes: int) -> str:
    if plan.objective == "time":
        before = fmt_minutes(plan.mean_minutes(plan.value_before), lang)
        after = fmt_minutes(plan.mean_minutes(plan.value_after), lang)
    elif plan.objective == "capacity":
        before, after = fmt_int(plan.value_before, lang), fmt_int(plan.value_after, lang)
    else:
        before, after = fmt_pct(plan.share_before, lang), fmt_pct(plan.share_after, lang)
    return t(f"objective_{plan.objective}_value", lang, t=minutes, before=before, after=after)


def _seconds(value: float, lang: str, digits: int = 0) -> str:
    """Write seconds as the language writes a decimal (``2.05``, ``2,05``)."""
    text = f"{value:.{digits}f}"
    return text if lang == "en" else text.replace(".", ",")


def _how_solved(plan: Plan, lang: str) -> str:
    """Say how good the plan is: proven optimal, stopped at the limit, or best found."""
    seconds = _seconds(plan.seconds, lang, 2)
    if plan.optimal:
        return t("plan_optimal", lang, solver=plan.solver, seconds=seconds)
    gap = fmt_pct(plan.gap, lang)
    if plan.stopped:
        limit = float(plan.params.get("time_limit_s", settings.PLAN_TIME_LIMIT_S))
        shown = _seconds(limit, lang, 0 if limit >= 1 else 2)
        return t("plan_stopped", lang, limit=shown, gap=gap, solver=plan.solver,
                 seconds=seconds)
    return t("plan_gap", lang, gap=gap, solver=plan.solver, seconds=seconds)


def _asked(ask: Callable[[], T], lang: str) -> T | None:
    """Return the planner's answer, or ``None`` with a word on why there is none."""
    try:
        return ask()
    except Busy:
        st.warning(t("plan_busy", lang))
    except TooLong:
        st.warning(t("plan_too_long", lang))
    return None


def _controls(lang: str, threshold: int, sc: str) -> PlanAsk:
    """Show the question's controls; return the question they ask."""
    data = load_data()
    regions = dict(zip(data.regions["region_id"], data.regions[f"name_{lang}"]))
    objective = st.radio(t("plan_objective", lang), list(settings.PLAN_OBJECTIVES),
                         key="plan_objective", on_change=_objective_changed,
                         format_func=lambda o: t(f"objective_{o}", lang))
    st.caption(t(f"objective_{objective}_note", lang, t=threshold,
                 scenario=t(f"scenario_{sc}", lang),
                 women=fmt_int(settings.PLAN_WOMEN_PER_PLACE, lang)))
    st.slider(t("plan_k", lang), 1, settings.MAX_NEW_SITES, 5, key="plan_k")
    if objective == "capacity":
        st.number_input(t("plan_places_new", lang), min_value=1, max_value=1000, step=1,
                        value=settings.PLAN_PLACES_PER_SITE, key="plan_places")
    st.number_input(t("plan_min_population", lang), min_value=0, max_value=1_000_000,
                    step=1000, value=settings.PLAN_MIN_POPULATION, key="plan_min_pop",
                    help=t("plan_min_population_help", lang,
                           n=fmt_int(settings.PLAN_MIN_POPULATION, lang)))
    labels = town_labels(lang)
    st.multiselect(t("plan_only", lang), list(labels), key="plan_only",
                   placeholder=t("choose_options", lang), format_func=labels.get)
    st.checkbox(t("plan_per_region", lang), key="plan_min")
    st.multiselect(t("plan_exclude", lang), list(regions), key="plan_exclude",
                   placeholder=t("choose_options", lang), format_func=regions.get)
    inc = incident_set(rule_key(state.view().inc, state.inputs()), state.inputs())
    complete = inc is not None and inc.covers(regions) and objective != "capacity"
    st.checkbox(t("plan_incidents", lang), key="plan_weight", disabled=not complete,
                help=t("plan_incidents_help", lang, indicator=incident_label(
                    inc.indicator, lang), period=fmt_period(inc.period, lang))
                if complete and inc is not None else None)
    if inc is None or not inc.covers(regions):
        st.caption(t("plan_incidents_off", lang, n=inc.regions if inc else 0))
    only = tuple(int(g) for g in state.get("plan_only") or ()) or None
    return PlanAsk(mode=sc, minutes=threshold, k=int(state.get("plan_k")),
                   objective=objective, per_region_min=1 if state.get("plan_min") else 0,
                   exclude=tuple(state.get("plan_exclude") or ()),
                   weight_key=inc.key if state.get("plan_weight") and complete and inc else "",
                   min_population=int(state.get("plan_min_pop")), only=only,
                   # Places matter to the capacity objective only: one question otherwise.
                   places=int(state.get("plan_places") or settings.PLAN_PLACES_PER_SITE)
                   if objective == "capacity" else settings.PLAN_PLACES_PER_SITE,
                   limit=settings.PLAN_TIME_LIMIT_S)


def _site_line(row: dict, lang: str, *, sure: bool) -> str:
    """Write one site: its name and region, why, and (``sure``) how sure it is."""
    line = (f"{row['order']}. **{md_escape(row['settlement'])}** "
            f"({md_escape(row['region'])}) — {md_escape(row['reason'])}")
    if not sure:
        return line
    return line + " *" + t("plan_sure_line", lang, m=int(row["chosen_in_variants"]),
                           n=int(row["variants"]), low=fmt_int(row["women_min"], lang),
                           high=fmt_int(row["women_max"], lang)) + "*"


def _sites(plan: Plan, ask: PlanAsk, lang: str) -> None:
    """Show the sites in a table, each with its reason; how sure, when asked."""
    data = load_data()
    scn, inp = state.view().scn, state.inputs()
    useful = replace(plan, chosen=plan.chosen[plan.chosen["gain"] > NO_GAIN])
    sure = None
    if state.get("plan_sure") == (ask, scn):
        with st.spinner(t("plan_stability_wait", lang, n=variants_count())):
            sure = _asked(lambda: how_sure(ask, scn, inp), lang)
    regions = dict(zip(data.regions["region_id"], data.regions[f"name_{lang}"]))
    rows = plan_rows(useful, data.settlements, lang=lang, region_names=regions,
                     stability=sure)
    shown = suggestion_table(rows, lang=lang)
    with st.container(key="plan_sites"):
        # Narrow panel: the order and the women newly within reach first, each as wide as
        # its numbers, so the figure that matters is never cut.
        st.dataframe(readable(shown, lang), hide_index=True, width="stretch",
                     key="plan_table", column_config={
                         t("col_order", lang): st.column_config.Column(width=40),
                         t("col_gained", lang): st.column_config.Column(
                             t("col_gained_short", lang), help=t("col_gained", lang),
                             width=110)})
        st.markdown("\n".join(_site_line(r, lang, sure=sure is not None)
                              for r in rows.to_dict("records")))
    if sure is None:
        st.button(t("plan_stability_run", lang), key="plan_sure_run",
                  on_click=state.put, args=("plan_sure", (ask, scn)))
    else:
        st.caption(t("plan_stability_note", lang, n=variants_count(),
                     rural=variants_count() - 1))
        tried, every = int(sure["variants"].iloc[0]), int(sure["variants_all"].iloc[0])
        if tried < every:
            st.caption(t("plan_stability_stopped", lang, m=tried, n=every,
                         limit=_seconds(settings.PLAN_STABILITY_BUDGET_S, lang)))
    st.caption(t("plan_gain_curve", lang))
    st.altair_chart(gain_chart(rows["women_gained"], lang=lang), width="stretch")
    st.button(t("plan_add_all", lang, n=len(rows)), key="plan_add_all", on_click=_add_plan,
              args=(useful,))


@st.fragment
def suggestions(lang: str, threshold: int, sc: str) -> None:
    """Show where new centres would help most.

    Its controls rerun only this part of the page; adding the suggested sites to the scenario
    reruns the whole page.
    """
    if state.pop("scenario_changed", False):
        st.rerun()  # new centres in the scenario: every figure on the page follows
    st.subheader(t("plan_recommend", lang))
    planner()  # its workers start now, while the question is being set
    ask = _controls(lang, threshold, sc)
    if st.button(t("plan_run", lang), key="plan_run", type="primary"):
        state.put("plan_request", ask)
    if state.get("plan_request") is None:
        return
    # The travel mode and threshold are the page's: the answer follows them.
    ask = replace(state.get("plan_request"), mode=sc, minutes=threshold)
    try:
        with st.spinner(t("plan_solving", lang, limit=_seconds(ask.limit, lang))):
            plan = _asked(lambda: suggest(ask, state.view().scn, state.inputs()), lang)
    except ValueError as exc:
        st.error(str(exc))
        return
    if plan is None:
        return
    st.markdown("**" + _value_line(plan, lang, ask.minutes) + "**")
    st.caption(t("plan_candidates", lang, n=int(plan.params["candidates"])) + " "
               + _how_solved(plan, lang))
    useful = int((plan.chosen["gain"] > NO_GAIN).sum())
    if useful == 0:
        st.info(t("plan_nothing", lang))
        return
    if useful < ask.k:
        st.info(t("plan_fewer", lang, n=useful, k=ask.k, t=ask.minutes))
    _sites(plan, ask, lang)
