"""A one-page PDF brief: map, headline figures, regions furthest from the standards, sources.

Put on a slide or printed as it is, in English, Russian or Kazakh: every text is wrapped
to its measured room, the table's columns are sized from their text, and a footnote
explains every symbol the page uses. Drawn with matplotlib (fonts embedded as TrueType,
so the text can be searched).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

import geopandas as gpd
import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.table import Table
from matplotlib.transforms import Bbox

from . import style
from .basis import reported_text
from .completeness import is_planned
from .i18n import CATALOGUE, fmt_int, fmt_minutes, fmt_num, fmt_pct, fmt_pct_floor, t
from .indicators import Classes
from .labels import MapTexts
from .maplabels import Block, fill, map_names, put_text, renderer_of, text_width
from .report import Report
from .staticmap import (
    LegendSpec,
    draw_map,
    legend_box,
    marks_of,
    place_legend,
    plain_text,
    title_and_sources,
)

A4_LANDSCAPE_IN = (11.69, 8.27)
#: Regions listed in the brief, lowest share within the threshold first.
BRIEF_REGIONS = 6
#: Space between a table cell's text and its borders, in font sizes.
CELL_PAD_EM = 0.45


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
                   driver=t(f"driver_{driver}_by", lang)) if isinstance(driver, str) else
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


def _rows(report: Report, lang: str, threshold: int) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the regions furthest from reach."""
    worst = report.regions.sort_values(f"share_within_{threshold}").head(BRIEF_REGIONS)
    header = [t("col_region", lang), t("ind_share_within", lang, t=threshold),
              t("ind_median_minutes", lang), t("brief_col_gap", lang)]
    # Short names, as on the map (the column says they are regions); the cities among
    # all regions decide which names stay whole.
    shown = dict(zip(report.regions["region_id"], map_names(report.regions, lang)))
    worst = worst.assign(shown=worst["region_id"].map(shown))
    rows = [[r["shown"] + (" ⚠" if r["register_incomplete"] else ""),
             fmt_pct_floor(r[f"share_within_{threshold}"], lang,
                           floor=bool(r["register_incomplete"])),
             fmt_minutes(r["median_minutes"], lang),
             fmt_int(r["shelter_places_gap"], lang) if not pd.isna(r["shelter_places_gap"])
             else "≤\u00a0" + fmt_int(r["shelter_places_gap_at_most"], lang)]
            for _, r in worst.iterrows()]
    return header, rows


def column_widths(fig: Figure, header: list[str], rows: list[list[str]], *, width_px: float,
                  size: float) -> list[float] | None:
    """Return each column's width in pixels, or ``None`` when the body does not fit.

    A column is at least as wide as its widest cell and its header's longest word. The
    room left goes, a few pixels at a time, to the header that takes most lines (the
    header row is as tall as its tallest header), then to the first column.
    """
    renderer = renderer_of(fig)
    pad = 2 * CELL_PAD_EM * size * fig.dpi / 72

    def need(texts: list[str], weight: str = "normal") -> float:
        return max(text_width(renderer, s, size, weight) for s in texts) + pad

    def lines(j: int) -> int:
        return fill(renderer, header[j], widths[j] - pad, size, "bold").count("\n") + 1

    widths = [max(need([r[j] for r in rows]), need(h.split(" "), "bold"))
              for j, h in enumerate(header)]
    spare = width_px - sum(widths)
    if spare < 0:
        return None
    step = size * fig.dpi / 72 / 2  # half an em
    while spare >= step:
        counts = [lines(j) for j in range(len(header))]
        if max(counts) == 1:
            break
        widths[counts.index(max(counts))] += step
        spare -= step
    widths[0] += spare
    return widths


@dataclass(frozen=True)
class TableText:
    """A table's text: header, rows, and which columns are aligned right (numbers)."""

    header: list[str]
    rows: list[list[str]]
    right: tuple[int, ...] = ()


def draw_table(fig: Figure, table: TableText, where: Block, *, size: float) -> tuple[Table, float]:
    """Draw ``table`` with its top left at ``where``, columns sized from the text.

    Headers wrap inside their column; the font shrinks until the body fits the width.

    Returns
    -------
    Table, float
        The table and its bottom in figure fractions.
    """
    fig_w, fig_h = fig.bbox.width, fig.bbox.height
    width_px = where.width * fig_w
    widths = column_widths(fig, table.header, table.rows, width_px=width_px, size=size)
    while widths is None and size > 4:
        size -= 0.5
        widths = column_widths(fig, table.header, table.rows, width_px=width_px, size=size)
    assert widths is not None, "a table that fits no width"
    renderer = renderer_of(fig)
    size_px = size * fig.dpi / 72
    pad = CELL_PAD_EM * size_px
    header = [fill(renderer, h, w - 2 * pad, size, "bold")
              for h, w in zip(table.header, widths)]
    line = size_px * 1.3
    head_h = line * max(h.count("\n") + 1 for h in header) + 2 * pad
    body_h = line + 2 * pad
    total = head_h + body_h * len(table.rows)
    ax = fig.add_axes((where.x, where.y - total / fig_h, width_px / fig_w, total / fig_h))
    ax.set_axis_off()
    out = Table(ax, bbox=Bbox.from_bounds(0, 0, 1, 1))
    out.auto_set_font_size(False)
    for i, cells in enumerate([header, *table.rows]):
        for j, (text, w) in enumerate(zip(cells, widths)):
            cell = out.add_cell(i, j, width=w / width_px, height=(head_h if i == 0 else body_h)
                                / total, text=text, loc="right" if j in table.right else "left",
                                edgecolor=style.GREY_LIGHT,
                                facecolor="#f2f2f2" if i == 0 else "white")
            cell.PAD = pad / w  # the same few points in every column, however wide
            cell.get_text().set_fontsize(size)
            if i == 0:
                cell.get_text().set_fontweight("bold")
    ax.add_table(out)
    return out, where.y - total / fig_h


def _footnotes(texts: MapTexts, headline: list[tuple[str, str, str]],
               rows: list[list[str]], lang: str, mode: str) -> list[str]:
    """Explain every symbol and abbreviation the page uses, once each."""
    notes = [texts.footnote] if texts.footnote else []
    if any("≥" in v for _, v, _ in headline) and t("sym_at_least", lang) not in notes:
        notes.append(t("sym_at_least", lang))
    if any("⚠" in r[0] for r in rows):
        notes.append(t("brief_warn_note", lang))
    notes.append(t("brief_gap_note", lang))
    if f"scenario_{mode}" in CATALOGUE:
        notes.append(t("brief_minutes_note", lang, mode=t(f"scenario_{mode}", lang)))
    return notes


def _figures(fig: Figure, report: Report, where: Block, *, lang: str, threshold: int,
             scale: float) -> float:
    """Write the headline figures from ``where`` down; return their bottom."""
    renderer = renderer_of(fig)
    y, right = where.y, where.x + where.width
    for label, value, small in _headline(report, lang, threshold):
        shown = fig.text(right, y, value, fontsize=13 * scale, fontweight="bold", va="top",
                         ha="right")
        value_box = shown.get_window_extent(renderer)
        room = where.width - value_box.width / fig.bbox.width - 0.015
        bottom = min(put_text(fig, label, Block(where.x, y, room), size=9 * scale,
                              color=style.INK_LABEL), value_box.y0 / fig.bbox.height)
        bottom = put_text(fig, small, Block(where.x, bottom - 0.006, where.width),
                          size=7 * scale, color=style.INK_SMALL)
        y = bottom - 0.022 * scale
    return y


def _right_column(fig: Figure, report: Report, texts: MapTexts, where: Block, *,
                  lang: str, threshold: int, scale: float = 1.0) -> float:
    """Headline figures, the regions furthest from reach, and the footnotes; the bottom.

    Font sizes are ``scale`` times the usual ones.
    """
    y = _figures(fig, report, where, lang=lang, threshold=threshold, scale=scale)
    y = put_text(fig, t("brief_worst", lang, t=threshold), Block(where.x, y, where.width),
                 size=10 * scale, fontweight="bold") - 0.012 * scale
    header, rows = _rows(report, lang, threshold)
    _, y = draw_table(fig, TableText(header, rows, right=(1, 2, 3)),
                      Block(where.x, y, where.width), size=8 * scale)
    y -= 0.012 * scale
    mode = str(report.params.get("scenario", ""))
    for note in _footnotes(texts, _headline(report, lang, threshold), rows, lang, mode):
        y = put_text(fig, note, Block(where.x, y, where.width), size=7 * scale,
                     color=style.INK_SMALL) - 0.004
    silence = _silence_text(report, lang, threshold)
    return put_text(fig, silence, Block(where.x, y - 0.008 * scale, where.width),
                    size=7 * scale, color=style.TEAL)


def _fit_right_column(fig: Figure, report: Report, texts: MapTexts, where: Block, *,
                      lang: str, threshold: int, floor: float) -> None:
    """Draw the right column at the largest size that ends above ``floor`` (the sources)."""
    n_texts, n_axes = len(fig.texts), len(fig.axes)
    for scale in (1.0, 0.92, 0.85, 0.78, 0.7):
        end = _right_column(fig, report, texts, where, lang=lang, threshold=threshold,
                            scale=scale)
        if end >= floor or scale == 0.7:
            return
        for artist in [*fig.texts[n_texts:], *fig.axes[n_axes:]]:
            artist.remove()


@plain_text
def brief_figure(report: Report, regions: gpd.GeoDataFrame, classes: Classes,
                 centres: pd.DataFrame, *, lang: str, threshold: int,
                 texts: MapTexts) -> Figure:
    """Draw the brief on an A4 landscape figure (see :func:`brief_pdf`)."""
    fig = Figure(figsize=A4_LANDSCAPE_IN, dpi=100, facecolor="white")
    side, gap, split = 0.03, 0.012, 0.56
    top, foot = title_and_sources(fig, texts, side=side, gap=gap, edges=(0.965, 0.02),
                                  sizes=(16, 8, 6.5))
    marks = replace(marks_of(report.regions, threshold), dagger=texts.dagger)
    spec = LegendSpec(classes, lang, texts.legend_title, marks, bool(is_planned(centres).any()),
                      side, foot, split - side, upper=False, ncol=2)
    legend = place_legend(fig, spec, 7)
    map_bottom = legend_box(fig, legend).y1 + gap
    ax = fig.add_axes((side - 0.02, map_bottom, split - side + 0.02, top - map_bottom))
    ax.set_anchor("N")  # the map right under the title, as the figures on the right
    draw_map(ax, regions, classes, centres, lang=lang, label_size=7, marks=marks,
             marker_scale=0.45)
    # The legend moves up under the map and its names, which took less height than given.
    drawn = ax.get_tightbbox(renderer_of(fig))
    if drawn is not None:
        legend.remove()
        place_legend(fig, replace(spec, y=drawn.y0 / fig.bbox.height - gap, upper=True), 7)
    _fit_right_column(fig, report, texts, Block(split + 0.03, top, 1 - side - split - 0.03),
                      lang=lang, threshold=threshold, floor=foot)
    return fig


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
        Title, legend title, note (what the figures stand on), footnote and source line.
    """
    fig = brief_figure(report, regions, classes, centres, lang=lang, threshold=threshold,
                       texts=texts)
    buf = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42, "text.parse_math": False}):
        fig.savefig(buf, format="pdf")
    return buf.getvalue()
