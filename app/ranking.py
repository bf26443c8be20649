"""The ranking of regions and every download (CSV, XLSX, GeoJSON, HTML map, PDF brief)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app import state
from app.engine import (
    centres_for,
    incident_set,
    load_data,
    ranking_table,
)
from app.grid import Cells, readable
from app.sidebar import scenario_text
from coverage.brief import brief_pdf
from coverage.exports import about_rows, regions_geojson, table_csv, table_xlsx, with_basis
from coverage.i18n import fmt_int, fmt_period, incident_label, t
from coverage.indicators import Classes
from coverage.labels import MapTexts, indicator_label, map_texts
from coverage.report import Report
from coverage.tables import (
    floor_formatter,
)
from coverage.webmap import (
    standalone_map,
)


def ranking(report: Report, classes: Classes, v: state.View) -> None:
    """Show the regions ranked by the map's indicator, with every download."""
    lang, threshold = v.lang, v.t
    label = indicator_label(v.ind, lang, threshold=threshold)
    table = ranking_table(v.mode, v.ind, v.t, v.inc, v.scn, lang, state.inputs())
    st.subheader(t("table_title", lang, indicator=label))
    st.caption(t("table_hint", lang))
    every = st.toggle(t("table_all_columns", lang), key="ranking_all")
    shown = table.drop(columns="region_id")
    if not every:
        shown = shown[table.attrs["main"]]

    def pick() -> None:
        rows = state.get("ranking").selection.rows
        if rows:
            state.set_view(region=table["region_id"].iloc[rows[0]])

    share, gap = table.attrs["share_column"], t("col_gap", lang)
    # Shares where the register is incomplete are floors ("≥ 0.1%"); unknown gaps at most.
    at_most = table.attrs["gap_at_most"]
    if at_most and gap in shown:  # the upper bound in the cell: it also sorts as one
        shown = shown.copy()
        shown.loc[shown.index[list(at_most)], gap] = list(at_most.values())
    cells = [Cells(share, table.attrs["floors"], floor_formatter(lang)),
             Cells(gap, list(at_most), lambda v: f"≤\u00a0{fmt_int(float(v), lang)}")]
    styled = readable(shown, lang, kinds=table.attrs["kinds"], cells=cells)
    # Long headers get a short label, the long one as the column's help.
    config = {name: st.column_config.Column(short, help=name)
              for name, short in table.attrs["short"].items() if name in shown}
    # Widths that fit the main columns in 1,100 px in every language: names get room,
    # numbers what their longest value needs.
    widths = {t("col_rank", lang): 45, t("col_region", lang): 190, share: 120,
              t("col_women", lang): 85, t("col_median", lang): 100, gap: 80,
              t("col_register", lang): 125, t("col_silent", lang, t=threshold): 100}
    for name, px in widths.items():
        if name in shown:
            label = table.attrs["short"].get(name)
            config[name] = st.column_config.Column(label, help=name if label else None,
                                                   width=px)
    st.dataframe(styled, hide_index=True, width="stretch", key="ranking", on_select=pick,
                 selection_mode="single-row", column_config=config)
    notes = [t("table_register_note", lang)] if table.attrs["floors"] else []
    if table.attrs["gap_at_most"]:
        notes.append(t("table_gap_note", lang))
    if notes:
        st.caption(" ".join(notes))
    exports(report, classes, table, lang, threshold, label)


def exports(report: Report, classes: Classes, table: pd.DataFrame, lang: str,
            threshold: int, label: str) -> None:
    """Show the download buttons; the heavier files are made only when clicked.

    Each file says what its figures stand on (register, file or scenario).
    """
    data = load_data()
    v = state.view()
    centres = centres_for(v.scn, state.inputs())
    today = dt.date.today().isoformat()
    incidents = incident_set(v.inc, state.inputs())
    stem = f"kz-crisis-centres-{classes.indicator}-{threshold}-{lang}"

    # The files are made when a button is pressed, outside this run and its session:
    # everything they need is taken now (the session's own incident figures too), and
    # nothing is made for a button nobody presses.
    def texts() -> MapTexts:
        return map_texts(report, classes.indicator, lang=lang, threshold=threshold,
                         mode=v.mode, date=today, incidents=incidents)

    def flat() -> pd.DataFrame:
        return with_basis(table.drop(columns="region_id"), column=t("col_basis", lang),
                          text=report.basis.text(lang))

    def xlsx() -> bytes:
        params = {t("indicator", lang): label,
                  t("threshold", lang): t("minutes", lang, m=threshold),
                  t("scenario", lang): f"{t(f'scenario_{v.mode}', lang)}: "
                                       f"{scenario_text(v.mode, lang)}"}
        if incidents is not None:
            params[t("inc_set", lang)] = (f"{incident_label(incidents.indicator, lang)}, "
                                          f"{fmt_period(incidents.period, lang)}")
        about = about_rows(basis=report.basis.text(lang), sources=texts().source_line,
                           parameters=params, date=today, lang=lang)
        if report.basis.planned_places:
            about[t("col_planned", lang)] = ", ".join(report.basis.places(lang))
        if table.attrs["floors"]:
            about[t("about_floor", lang)] = t("table_register_note", lang)
        if report.incident_set is not None and len(report.incident_set.marked):
            about["†"] = t("inc_june_caveat", lang)
        return table_xlsx(flat(), about=about, lang=lang)

    def html_page() -> bytes:
        return standalone_map(report, data.regions, classes, centres=centres, lang=lang,
                              threshold=threshold, texts=texts(),
                              incidents=incidents).encode("utf-8")

    def pdf() -> bytes:
        return brief_pdf(report, data.regions, classes, centres, lang=lang,
                         threshold=threshold, texts=texts())

    cols = st.columns(5)
    cols[0].download_button(t("download_csv", lang), lambda: table_csv(flat(), lang=lang),
                            file_name=f"{stem}.csv", mime="text/csv", key="dl_csv",
                            on_click="ignore")
    cols[1].download_button(t("download_xlsx", lang), xlsx,
                            file_name=f"{stem}.xlsx", key="dl_xlsx", on_click="ignore",
                            mime="application/vnd.openxmlformats-officedocument."
                                 "spreadsheetml.sheet")
    cols[2].download_button(t("download_geojson", lang),
                            lambda: regions_geojson(data.regions, report).encode("utf-8"),
                            file_name=f"{stem}.geojson", mime="application/geo+json",
                            key="dl_geojson", on_click="ignore")
    cols[3].download_button(t("download_html", lang), html_page, file_name=f"{stem}.html",
                            mime="text/html", key="dl_html", on_click="ignore")
    cols[4].download_button(t("download_pdf", lang), pdf, file_name=f"{stem}.pdf",
                            mime="application/pdf", key="dl_pdf", on_click="ignore")
