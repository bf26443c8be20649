"""The page's "Reported violence" section.

It shows the silent zones (scatter, rule, table) in 20 or 17 regions, a region's reported
figures, and the national series over time.

Renders what :mod:`coverage` returns; no caching here (the page caches the report and
the incident sets it passes in).
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from app.grid import Cells, readable
from coverage import Datasets
from coverage.charts import scatter_frame, series_charts, silence_chart
from coverage.i18n import fmt_int, fmt_num, fmt_pct, fmt_period, incident_label, t
from coverage.incidents import FROM_CREATION, INCLUDES_SPLIT, IncidentSet, pair_ids
from coverage.labels import incidents_source
from coverage.report import Report
from coverage.safetext import md_escape
from coverage.series import sources
from coverage.silence import silent_zones, silent_zones_17
from coverage.tables import unit_names, violence_table


def zones_of(report: Report, data: Datasets, *, threshold: int,
             units: str) -> pd.DataFrame | None:
    """Silent zones of the report's complete set, on 20 regions or 17 units."""
    inc = report.incident_set
    if inc is None:
        return None
    share = report.areas["national"]["share_within"][threshold]
    fn = silent_zones_17 if units == "17" else silent_zones
    return fn(report.regions, inc, data.crosswalk, threshold=threshold, national_share=share)


def rule_text(zones: pd.DataFrame, lang: str, threshold: int) -> str:
    """Return the rule with its thresholds, as Markdown."""
    rule = zones.attrs["rule"]
    number = (lambda x: f"{x:g}") if lang == "en" else (lambda x: f"{x:g}".replace(".", ","))
    return t("sil_rule", lang, rate_factor=number(rule["rate_factor"]),
             rate=fmt_num(rule["national_rate_per_100k_women"], lang), t=threshold,
             share_factor=number(rule["share_factor"]),
             share=fmt_pct(rule["national_share_within"], lang))


def silent_list(zones: pd.DataFrame, names: dict[str, str], lang: str, threshold: int) -> str:
    """"Silent zones at 120 min: A, B" (or that there is none)."""
    silent = [names.get(r, r) for r in zones.loc[zones["silent"], "region_id"]]
    return (t("sil_list", lang, t=threshold, names=", ".join(silent)) if silent
            else t("sil_list_none", lang, t=threshold))


def section(report: Report, data: Datasets, *, lang: str, threshold: int, units: dict,
            choice: str, sets: list[IncidentSet]) -> None:
    """Draw the whole section.

    Parameters
    ----------
    units : dict
        Arguments binding the 20/17 choice to the page's view (key, on_change).
    choice : str
        The view's choice, "20" or "17".
    sets : list of IncidentSet
        The incident sets in use (the complete ones fill the table).
    """
    st.radio(t("units", lang), ["20", "17"], format_func=lambda u: t(f"units_{u}", lang),
             horizontal=True, **units)
    zones = zones_of(report, data, threshold=threshold, units=choice)
    if zones is None:
        inc = report.incident_set
        st.info(t("sil_none", lang, n=inc.regions if inc is not None else 0))
    else:
        names = unit_names(data.regions, data.crosswalk, lang=lang, units=choice)
        points = scatter_frame(zones, names, lang=lang)
        st.altair_chart(silence_chart(points, zones.attrs["rule"], lang=lang,
                                      threshold=threshold), width="stretch", height=480,
                        key=f"silence_chart_{choice}")
        st.markdown(rule_text(zones, lang, threshold))
        st.markdown(f"**{silent_list(zones, names, lang, threshold)}**")
        if choice == "20" and len(report.incident_set.marked):
            st.caption(t("sil_pairs", lang) + " " + t("inc_june_caveat", lang))
        complete = [s for s in sets if s.covers(data.regions["region_id"])]
        table = violence_table(zones, complete[:3], data.crosswalk, names=names, lang=lang,
                               threshold=threshold)
        period = fmt_period(report.incident_set.period, lang)
        # A period or indicator from a user's file is the user's text: escaped.
        st.markdown(f"**{t('inc_table_title', lang, period=md_escape(period))}**")
        # Complete sets: a rate is missing only where its count is under 5.
        small = [Cells(col, [i for i in range(len(table)) if pd.isna(table[col].iloc[i])],
                       lambda _v: t("suppressed", lang))
                 for col in table.attrs["small_columns"]]
        styled = readable(table, lang, cells=small)
        st.dataframe(styled, hide_index=True, width="stretch", key=f"violence_table_{choice}")
        st.caption(md_escape(t("legend_incidents_source", lang, source=incidents_source(
            report.incident_set, lang))))
    series_section(data.national_series, lang)


def series_section(series: pd.DataFrame, lang: str) -> None:
    """Draw the national charts over time, with their notes and sources."""
    st.subheader(t("ser_title", lang))
    charts = series_charts(series, lang=lang)
    left, right = st.columns(2)
    with left:
        st.altair_chart(charts["years"], width="stretch", key="ser_years")
        st.caption(t("ser_break", lang))
        st.altair_chart(charts["orders"], width="stretch", key="ser_orders")
    with right:
        st.altair_chart(charts["quarantine"], width="stretch", key="ser_quarantine")
        st.caption(t("ser_quarantine_note", lang))
        st.altair_chart(charts["helpline"], width="stretch", key="ser_helpline")
        st.caption(t("ser_helpline_note", lang))
    st.caption(t("ser_approx", lang))
    lines = [f"- [{md_escape(u)}]({u})" if u.startswith(("http://", "https://"))
             else f"- {md_escape(u)}" for u in sources(series)]
    with st.expander(t("ser_sources", lang)):
        st.markdown("\n".join(lines))


def source_link(url: object, lang: str) -> str:
    """Return " — [source](url)" for a plain web address, else "".

    A file's other text never becomes a link.
    """
    text = str(url)
    if not re.fullmatch(r"https?://[^\s()<>\[\]]+", text):
        return ""
    return f" — [{t('inc_source', lang)}]({text})"


def region_block(report: Report, data: Datasets, region_id: str, sets: list[IncidentSet],
                 *, lang: str, threshold: int) -> None:
    """Show a region's reported figures, its June 2022 note, and whether it is a silent zone.

    The figures are those of the complete sets.
    """
    complete = [s for s in sets if s.covers(data.regions["region_id"])][:3]
    if not complete:
        return
    st.markdown(f"**{t('region_violence', lang)}** "
                f"({md_escape(fmt_period(complete[0].period, lang))})")
    names = dict(zip(data.regions["region_id"], data.regions[f"name_{lang}"]))
    lines = []
    for s in complete:
        count = float(s.counts[region_id])
        shown = t("suppressed", lang) if s.suppressed[region_id] else (
            f"{fmt_int(count, lang)} ({fmt_num(float(s.rates[region_id]), lang)} "
            f"{t('col_rate', lang)})")
        lines.append(f"- {md_escape(incident_label(s.indicator, lang))}: **{shown}**"
                     + source_link(s.sources.get(region_id, ""), lang))
    st.markdown("\n".join(lines))
    note = complete[0].marked.get(region_id, "")
    if note in (FROM_CREATION, INCLUDES_SPLIT):
        others = [names[r] for r in pair_ids(region_id, data.crosswalk) if r != region_id]
        text = (t("inc_note_from", lang) if note == FROM_CREATION else
                t("inc_note_includes", lang, region=", ".join(others)))
        st.caption(text[:1].upper() + text[1:] + ". " + t("sil_pairs", lang))
    column = f"silent_zone_{threshold}"
    if report.params["silent_zones"].get("available") and report.regions.set_index(
            "region_id").loc[region_id, column]:
        st.warning(t("region_silent", lang, t=threshold))
