"""The ranking of regions and every download (CSV, XLSX, GeoJSON, HTML map, PDF
brief).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app import state
from app.engine import (
    centres_for,
    incident_set,
    load_data,
)
from app.overview import map_texts, silent_minutes
from coverage.exports import regions_geojson, table_csv, table_xlsx, with_basis
from coverage.i18n import (
    t,
)
from coverage.indicators import Classes
from coverage.maps import marks_of
from coverage.report import Report
from coverage.reports import brief_pdf
from coverage.tables import (
    floor_formatter,
    formatters,
    region_table,
)
from coverage.webmap import (
    esc,
    legend_html,
    mark_regions,
    region_map,
    standalone_page,
)


def ranking(report: Report, classes: Classes, lang: str, threshold: int, label: str) -> None:
    table = region_table(report, classes, lang=lang, threshold=threshold)
    st.subheader(t("table_title", lang, indicator=label))
    st.caption(t("table_hint", lang))
    shown = table.drop(columns="region_id")

    def pick() -> None:
        rows = state.get("ranking").selection.rows
        if rows:
            state.set_view(region=table["region_id"].iloc[rows[0]])

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
    v = state.view()
    centres = centres_for(v.scn, state.inputs())
    today = dt.date.today().isoformat()
    texts = map_texts(report, label, lang, v.mode, today,
                      incident_set(v.inc, state.inputs()))
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
    incidents = incident_set(v.inc, state.inputs())
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
