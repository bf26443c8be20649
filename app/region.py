"""The region view and the "Data and method" text.

The region view shows the region's figures, register, standards, centres and farthest
settlements.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import state, violence
from app.engine import (
    base_centres,
    centres_for,
    incident_set,
    incident_sets_of,
    kernel_evidence,
    load_data,
    rule_key,
    run_report,
    shared_or_session,
)
from app.grid import readable
from app.inputs import BUNDLED, Inputs
from coverage import settings
from coverage.basis import register_line
from coverage.i18n import (
    fmt_int,
    fmt_minutes,
    fmt_pct_floor,
    incident_label,
    t,
)
from coverage.labels import range_text
from coverage.method import method_markdown
from coverage.report import Report
from coverage.safetext import md_escape
from coverage.scenarios import Scenario
from coverage.tables import (
    farthest_settlements,
    region_centres,
)


def standards(r: pd.Series, lang: str, *, regions_with_centre: int | None = None) -> None:
    """Show a region's standing against the Council of Europe standards.

    Given ``regions_with_centre``, show the country's standing instead.
    """
    gap = (fmt_int(r["shelter_places_gap"], lang) if not pd.isna(r["shelter_places_gap"])
           else t("std_gap_unknown", lang, n=int(r["centres_capacity_unknown"]),
                  max=fmt_int(r["shelter_places_gap_at_most"], lang)))
    has = t("yes" if r["has_centre"] else "no", lang)
    if r["centres_planned"]:
        has += f" ({t('count_planned', lang, n=fmt_int(r['centres_planned'], lang))})"
    shelter = (f"{t('std_regions_with', lang)}: **{regions_with_centre} / {settings.REGION_COUNT}**"
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
    """Show the centres located against the centres officials report.

    With them: the source, the beds and the people who applied to crisis centres (bundled
    facts, each with its link).
    """
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
    """Show the chosen region's figures (or the country's register and standards)."""
    data = load_data()
    names = dict(zip(data.regions["region_id"], data.regions[f"name_{lang}"]))
    st.selectbox(t("region_pick", lang), ["KZ", *sorted(names, key=names.get)],
                 format_func=lambda r: t("region_none", lang) if r == "KZ" else names[r],
                 **state.bind("region"))
    rid = state.view().region
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
    a.caption(range_text({"share_within_range": {threshold: (
        r[f"share_within_{threshold}_low"], r[f"share_within_{threshold}_high"])},
        "moved_most_by": {threshold: r[f"share_within_{threshold}_driver"]}}, threshold, lang))
    b.metric(t("tt_median", lang), fmt_minutes(r["median_minutes"], lang))
    a.metric(t("tt_women", lang), fmt_int(r["women"], lang))
    b.metric(t("tt_centres", lang), fmt_int(r["centres_located"], lang) + (
        f" + {fmt_int(r['centres_planned'], lang)}" if r["centres_planned"] else ""))
    register(r, lang)
    violence.region_block(report, data, rid, list(incident_sets_of(state.inputs()).values()),
                          lang=lang, threshold=threshold)
    st.markdown(f"**{t('region_standards', lang)}**")
    standards(r, lang)

    st.markdown(f"**{t('region_centres', lang)}**")
    scenario_centres = centres_for(state.view().scn, state.inputs())
    centres = region_centres(scenario_centres, rid, lang=lang)
    if centres.empty:
        st.warning(t("region_no_centres", lang))
    else:
        st.dataframe(readable(centres, lang), hide_index=True, width="stretch", column_config={
            "source_url": st.column_config.LinkColumn(t("pop_source", lang, year=""))})
    st.markdown(f"**{t('region_farthest', lang)}**")
    st.dataframe(readable(farthest_settlements(report, rid, scenario_centres, lang=lang,
                                               settlements=data.settlements), lang),
                 hide_index=True, width="stretch")


@shared_or_session(max_entries=32)
def method_text(scenario_name: str, scn: Scenario, set_key: str, lang: str,
                inp: Inputs = BUNDLED) -> str:
    """Return the "Data and method" text of the view (Markdown, file text escaped)."""
    report = run_report(scenario_name, scn, rule_key(set_key, inp), inp)
    inc = incident_set(set_key, inp)
    regions = load_data().regions
    # An uploaded indicator's name and period are the file's text: escaped.
    chosen = (md_escape(f"{incident_label(inc.indicator, lang)}, {inc.period}, "
                        f"{inc.regions}/{settings.REGION_COUNT}") if inc is not None
              else t("no_data", lang))
    return method_markdown(report, lang=lang, evidence=kernel_evidence(),
                           centres=base_centres(inp),
                           region_names=dict(zip(regions["region_id"],
                                                 regions[f"name_{lang}"], strict=True)),
                           incident_set=chosen)


def method(v: state.View) -> None:
    """Show the "Data and method" text, filled from the view's report."""
    with st.expander(t("method_title", v.lang)):
        st.markdown(method_text(v.mode, v.scn, v.inc, v.lang, state.inputs()))
