"""A one-page PDF brief: map, headline figures, regions furthest from the standards, sources.

Drawn with matplotlib (fonts embedded as TrueType, so the text can be searched).
"""

from __future__ import annotations

import io
import textwrap

import geopandas as gpd
import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from . import style
from .basis import reported_text
from .completeness import is_planned
from .i18n import fmt_int, fmt_minutes, fmt_num, fmt_pct, fmt_pct_floor, t
from .indicators import Classes
from .labels import MapTexts
from .report import Report
from .staticmap import draw_map, legend_handles, marks_of, plain_text, wrap

A4_LANDSCAPE_IN = (11.69, 8.27)
#: Regions listed in the brief, lowest share within the threshold first.
BRIEF_REGIONS = 6


def _headline(report: Report, lang: str, threshold: int) -> list[tuple[str, str, str]]:
    """Return (label, value, small print) of each of the brief's figures.

    Shares read as floors where the register is incomplete, and carry their range and
    what moves them most.
    """
    lines = []
    for area, key in (("national", "head_within"), ("outside_almaty", "head_within_outside")):
        a = report.areas[area]
        low, high = a["share_within_range"][threshold]
        driver = a["moved_most_by"][threshold]
        small = (t("range_driver", lang, low=fmt_pct(low, lang), high=fmt_pct(high, lang),
                   driver=t(f"driver_{driver}", lang)) if isinstance(driver, str) else
                 t("head_range", lang, low=fmt_pct(low, lang), high=fmt_pct(high, lang)))
        lines.append((t(key, lang, t=threshold), fmt_pct_floor(
            a["share_within"][threshold], lang, floor=a["register_incomplete"]), small))
    kz = report.completeness.set_index("region_id").loc["KZ"]
    basis = report.basis
    notes = [basis.count_text(lang)] if basis.planned else []
    if not pd.isna(kz["centres_reported"]):
        notes.append(t("head_reported", lang, located=fmt_int(basis.located, lang),
                       reported=reported_text(kz["centres_reported"], kz["reported_qualifier"],
                                              lang), period=kz["reported_period"]))
    value = fmt_int(basis.located, lang) + (f" + {fmt_int(basis.planned, lang)}"
                                            if basis.planned else "")
    lines.append((t("head_centres", lang), value, "; ".join(notes)))
    std = report.standards.set_index("region_id").loc["KZ"]
    lines.append((t("head_places", lang), f"{fmt_int(std['shelter_places_known'], lang)} / "
                                          f"{fmt_int(std['shelter_places_needed'], lang)}", ""))
    return lines


def _silence_text(report: Report, lang: str, threshold: int) -> str:
    """Write the silent zones at ``threshold`` and the rule's two national lines, one line."""
    rule = report.params.get("silent_zones", {})
    if not rule.get("available"):
        return ""
    regions = report.regions
    names = regions.loc[regions[f"silent_zone_{threshold}"].astype(bool), f"name_{lang}"]
    share = report.areas["national"]["share_within"][threshold]
    listing = (t("sil_list", lang, t=threshold, names=", ".join(names)) if len(names)
               else t("sil_list_none", lang, t=threshold))
    rate = fmt_num(rule["national_rate_per_100k_women"], lang)
    lines = (f"{t('sil_national_rate_full', lang, rate=rate)}; "
             f"{t('sil_national_share', lang, share=fmt_pct(share, lang))}")
    return f"{listing} ({lines})."


@plain_text
def brief_pdf(report: Report, regions: gpd.GeoDataFrame, classes: Classes,
              centres: pd.DataFrame, *, lang: str, threshold: int,
              texts: MapTexts) -> bytes:
    """Draw the brief as PDF bytes.

    Parameters
    ----------
    report : Report
        Figures to show (scenario or register).
    classes : Classes
        The map's colours, as on the page.
    threshold : int
        Minutes of the headline share and of the region list.
    texts : MapTexts
        Title, legend title, note (what the figures stand on) and source line.
    """
    fig = Figure(figsize=A4_LANDSCAPE_IN, facecolor="white")
    fig.text(0.03, 0.95, texts.title, fontsize=17, fontweight="bold", va="top")
    if texts.note:
        fig.text(0.03, 0.905, wrap(texts.note, 150), fontsize=7.5, color=style.INK_NOTE,
                 va="top")
    marks = marks_of(report.regions, threshold)
    ax = fig.add_axes((0.01, 0.14, 0.58, 0.70))
    draw_map(ax, regions, classes, centres, lang=lang, label_size=6, marks=marks)
    fig.legend(handles=legend_handles(classes, lang, wrap=40,
                                      planned=bool(is_planned(centres).any()), marks=marks),
               loc="lower left", bbox_to_anchor=(0.03, 0.07), fontsize=7, frameon=False,
               ncol=2, title=textwrap.fill(texts.legend_title, 60), title_fontsize=8,
               alignment="left")

    y = 0.84
    for label, value, small in _headline(report, lang, threshold):
        fig.text(0.62, y, textwrap.fill(label, 42), fontsize=9, va="top", color=style.INK_LABEL)
        fig.text(0.97, y, value, fontsize=13, fontweight="bold", va="top", ha="right")
        if small:
            fig.text(0.62, y - 0.03, textwrap.fill(small, 70), fontsize=7, color=style.INK_SMALL,
                     va="top")
        y -= 0.085

    worst = report.regions.sort_values(f"share_within_{threshold}").head(BRIEF_REGIONS)
    fig.text(0.62, y - 0.01, t("brief_worst", lang, t=threshold), fontsize=10,
             fontweight="bold", va="top")
    header = [t("col_region", lang), t("col_share", lang, t=threshold), t("col_median", lang),
              t("col_gap", lang)]
    rows = [[r[f"name_{lang}"] + (" ⚠" if r["register_incomplete"] else ""),
             fmt_pct_floor(r[f"share_within_{threshold}"], lang,
                           floor=bool(r["register_incomplete"])),
             fmt_minutes(r["median_minutes"], lang),
             fmt_int(r["shelter_places_gap"], lang) if not pd.isna(r["shelter_places_gap"])
             else "≤ " + fmt_int(r["shelter_places_gap_at_most"], lang)]
            for _, r in worst.iterrows()]
    table_ax = fig.add_axes((0.62, 0.17, 0.36, y - 0.2))
    table_ax.set_axis_off()
    table = table_ax.table(cellText=rows, colLabels=header, loc="upper left",
                           colWidths=[0.5, 0.17, 0.17, 0.16], cellLoc="left")
    table.auto_set_font_size(False)
    table.set_fontsize(7)
    table.scale(1, 1.4)
    if marks.incomplete:
        fig.text(0.62, 0.13, textwrap.fill(t("table_register_note", lang), 80), fontsize=6.5,
                 color=style.INK_SMALL, va="top")
    silence = _silence_text(report, lang, threshold)
    if silence:
        fig.text(0.62, 0.095, textwrap.fill(silence, 72), fontsize=6.5, color=style.TEAL,
                 va="top")
    fig.text(0.03, 0.025, wrap(texts.source_line, 170), fontsize=7, color=style.INK_SMALL,
             va="bottom")
    buf = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig.savefig(buf, format="pdf")
    return buf.getvalue()
