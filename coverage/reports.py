"""A one-page PDF brief: map, headline figures, the regions furthest from the standards,
sources. Drawn with matplotlib (fonts embedded as TrueType, so the text can be searched)."""

from __future__ import annotations

import io
import textwrap

import geopandas as gpd
import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from .i18n import fmt_int, fmt_minutes, fmt_pct, t
from .indicators import Classes
from .maps import draw_map, legend_handles
from .report import Report

A4_LANDSCAPE_IN = (11.69, 8.27)


def brief_pdf(report: Report, regions: gpd.GeoDataFrame, classes: Classes,
              centres: pd.DataFrame, *, lang: str, threshold: int, title: str,
              legend_title: str, source_line: str, n_regions: int = 6) -> bytes:
    """The brief as PDF bytes.

    Parameters
    ----------
    report : Report
        Figures to show (scenario or register).
    classes : Classes
        The map's colours, as on the page.
    threshold : int
        Minutes of the headline share and of the region list.
    n_regions : int
        How many regions to list, lowest share within ``threshold`` first.
    """
    fig = Figure(figsize=A4_LANDSCAPE_IN, facecolor="white")
    fig.text(0.03, 0.95, title, fontsize=17, fontweight="bold", va="top")
    ax = fig.add_axes((0.01, 0.12, 0.58, 0.74))
    draw_map(ax, regions, classes, centres, lang=lang, label_size=6)
    fig.legend(handles=legend_handles(classes, lang, wrap=40), loc="lower left",
               bbox_to_anchor=(0.03, 0.08), fontsize=7, frameon=False, ncol=2,
               title=textwrap.fill(legend_title, 60), title_fontsize=8, alignment="left")

    national, outside = report.areas["national"], report.areas["outside_almaty"]
    kz = report.standards.set_index("region_id").loc["KZ"]
    lines = [
        (t("head_within", lang, t=threshold), fmt_pct(national["share_within"][threshold],
                                                       lang)),
        (t("head_within_outside", lang), fmt_pct(outside["share_within"][threshold], lang)),
        (t("head_centres", lang), fmt_int(kz["centres"], lang)),
        (t("head_places", lang), f"{fmt_int(kz['shelter_places_known'], lang)} / "
                                 f"{fmt_int(kz['shelter_places_needed'], lang)}"),
    ]
    low, high = national["share_within_range"][threshold]
    y = 0.86
    for i, (label, value) in enumerate(lines):
        fig.text(0.62, y, textwrap.fill(label, 42), fontsize=9, va="top", color="#444444")
        fig.text(0.97, y, value, fontsize=14, fontweight="bold", va="top", ha="right")
        if i == 0:  # the national share carries its sensitivity range
            fig.text(0.62, y - 0.03, t("head_range", lang, low=fmt_pct(low, lang),
                                       high=fmt_pct(high, lang)), fontsize=7.5,
                     color="#555555", va="top")
        y -= 0.075

    worst = report.regions.sort_values(f"share_within_{threshold}").head(n_regions)
    fig.text(0.62, y - 0.03, t("brief_worst", lang, t=threshold), fontsize=10,
             fontweight="bold", va="top")
    header = [t("col_region", lang), t("col_share", lang, t=threshold), t("col_median", lang),
              t("col_gap", lang)]
    rows = [[r[f"name_{lang}"], fmt_pct(r[f"share_within_{threshold}"], lang),
             fmt_minutes(r["median_minutes"], lang),
             fmt_int(r["shelter_places_gap"], lang) if not pd.isna(r["shelter_places_gap"])
             else "≤ " + fmt_int(r["shelter_places_gap_at_most"], lang)]
            for _, r in worst.iterrows()]
    table_ax = fig.add_axes((0.62, 0.14, 0.36, y - 0.2))
    table_ax.set_axis_off()
    table = table_ax.table(cellText=rows, colLabels=header, loc="upper left",
                           colWidths=[0.5, 0.17, 0.17, 0.16], cellLoc="left")
    table.auto_set_font_size(False)
    table.set_fontsize(7)
    table.scale(1, 1.4)
    fig.text(0.03, 0.025, textwrap.fill(source_line, 170), fontsize=7, color="#555555",
             va="bottom")
    buf = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig.savefig(buf, format="pdf")
    return buf.getvalue()
