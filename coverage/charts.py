"""Charts of reported violence (Vega-Lite through Altair).

The silent-zone scatter and the national series over time.

Each chart is built from a plain frame (:func:`scatter_frame`, the frames of
:mod:`coverage.series`) so that what is drawn can be checked against the bundled figures.
Labels are in the chosen language; charts render as SVG (text that can be found and
read by assistive tools) and load nothing from another host.
"""

from __future__ import annotations

import textwrap
from typing import cast

import altair as alt
import pandas as pd

from . import style
from .i18n import fmt_int, fmt_num, fmt_pct, fmt_period, incident_label, t
from .regions import short_name
from .series import BREAK_YEAR, HELPLINE, PROTECTIVE_ORDERS, by_year, figures, quarantine
from .silence import QUADRANTS

#: Quadrant colours; the silent zone's is the map's silent-zone outline.
QUADRANT_COLOURS = {"silent": style.TEAL, "reported_far": style.ORANGE,
                    "quiet_near": style.GREY, "reported_near": style.NAVY}
SILENT_COLOUR = QUADRANT_COLOURS["silent"]
#: Vega-Embed options: SVG (readable text), no export menu.
EMBED = {"embedOptions": {"renderer": "svg", "actions": False}}
_QUALIFIER_SIGN = {"at_least": "≥ ", "approx": "≈ ", "": ""}


def scatter_frame(zones: pd.DataFrame, names: dict[str, str], *, lang: str) -> pd.DataFrame:
    """Return the scatter's points: one per region (or 17-unit unit).

    Parameters
    ----------
    zones : DataFrame
        :func:`coverage.silence.silent_zones` (or ``silent_zones_17``).
    names : dict
        Region (or unit) id to its name in ``lang``.

    Returns
    -------
    DataFrame
        ``region_id``, ``label`` (name, with "†" where the rate is a pair's full year),
        ``share_pct``, ``rate`` (the rule's rate per 100,000 women), ``women``,
        ``quadrant``, ``quadrant_label``, ``silent``, ``shown_as``.
    """
    marked = zones["rule_rate"].to_numpy(float) != zones["rate"].to_numpy(float)
    return pd.DataFrame({
        "region_id": zones["region_id"].to_numpy(),
        "label": [short_name(names.get(r, r), lang) + (" †" if m else "")
                  for r, m in zip(zones["region_id"], marked)],
        "share_pct": zones["share_within"].to_numpy(float) * 100,
        "rate": zones["rule_rate"].to_numpy(float),
        "women": zones["women"].to_numpy(float),
        "quadrant": zones["quadrant"].to_numpy(),
        "quadrant_label": [t(f"q_{q}", lang) for q in zones["quadrant"]],
        "silent": zones["silent"].to_numpy(bool),
        "shown_as": zones["shown_as"].to_numpy(),
    })


#: Words a chart label can do without ("Kostanay" for "Kostanay Region").
def _label_sides(points: pd.DataFrame, top: float) -> pd.Series:
    """Return where each point's label goes: "right", "left" or "below".

    "left" near the right edge, "below" where it would run into the label right of a
    nearby point (12% of the width, 6% of the height).
    """
    sides = pd.Series("right", index=points.index)
    placed: list[tuple[float, float]] = []
    for i in points.sort_values("share_pct").index:
        x, y = cast("tuple[float, float]", (points.at[i, "share_pct"], points.at[i, "rate"]))
        if any(abs(x - px) < 12 and abs(y - py) < 0.06 * top for px, py in placed):
            sides[i] = "below"
            continue
        if x > 88:
            sides[i] = "left"
        placed.append((x, y))
    return sides


def silence_chart(points: pd.DataFrame, rule: dict, *, lang: str, threshold: int,
                  height: int = 480) -> alt.LayerChart | alt.FacetChart:
    """Chart the reported rate (y) against the share of women within the threshold (x).

    Points are sized by women, with the national lines, the silent quadrant shaded and
    every point named.

    Parameters
    ----------
    points : DataFrame
        :func:`scatter_frame`.
    rule : dict
        :func:`coverage.silence.rule` (national rate and share, factors).
    """
    top = float(max(points["rate"].max(), rule["rate_below"]) * 1.12)
    x = alt.X("share_pct:Q", title=t("sil_x", lang, t=threshold),
              scale=alt.Scale(domain=[0, 100], nice=False))
    # A short axis title: a long one would squeeze the plot (Vega fits it in).
    y = alt.Y("rate:Q", title=t("sil_rate_short", lang),
              scale=alt.Scale(domain=[0, top], nice=False))
    zone = alt.Chart(pd.DataFrame({"x0": [0.0], "x1": [rule["share_below"] * 100],
                                   "y0": [0.0], "y1": [rule["rate_below"]]})).mark_rect(
        color=SILENT_COLOUR, opacity=0.10).encode(x="x0:Q", x2="x1:Q", y="y0:Q", y2="y1:Q")
    order = [t(f"q_{q}", lang) for q in QUADRANTS]
    base = alt.Chart(points)
    tooltip = [alt.Tooltip("label:N", title=t("col_region", lang)),
               alt.Tooltip("share_pct:Q", title=t("sil_x", lang, t=threshold), format=".1f"),
               alt.Tooltip("rate:Q", title=t("sil_rate_short", lang), format=".1f"),
               alt.Tooltip("women:Q", title=t("tt_women", lang), format=",.0f"),
               alt.Tooltip("quadrant_label:N", title=" ")]
    dots = base.mark_circle(opacity=0.85, stroke="white", strokeWidth=1).encode(
        x=x, y=y,
        size=alt.Size("women:Q", title=t("tt_women", lang),
                      scale=alt.Scale(range=[40, 900]), legend=None),
        color=alt.Color("quadrant_label:N", title=None,
                        scale=alt.Scale(domain=order,
                                        range=[QUADRANT_COLOURS[q] for q in QUADRANTS]),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=400)),
        tooltip=tooltip)
    sides = _label_sides(points, top)
    right = alt.Chart(points[sides == "right"]).mark_text(
        align="left", dx=9, dy=-2, fontSize=11, color=style.INK).encode(
        x="share_pct:Q", y="rate:Q", text="label:N")
    left = alt.Chart(points[sides == "left"]).mark_text(
        align="right", dx=-9, dy=-2, fontSize=11, color=style.INK).encode(
        x="share_pct:Q", y="rate:Q", text="label:N")
    below = alt.Chart(points[sides == "below"]).mark_text(
        align="center", dy=17, fontSize=11, color=style.INK).encode(
        x="share_pct:Q", y="rate:Q", text="label:N")
    lines = pd.DataFrame({"share": [rule["national_share_within"] * 100],
                          "rate": [rule["national_rate_per_100k_women"]]})
    vline = alt.Chart(lines).mark_rule(strokeDash=[5, 4], color=style.INK_SMALL).encode(
        x="share:Q")
    hline = alt.Chart(lines).mark_rule(strokeDash=[5, 4], color=style.INK_SMALL).encode(y="rate:Q")
    vtext = alt.Chart(lines.assign(label=t("sil_national_share", lang, share=fmt_pct(
        rule["national_share_within"], lang)), top=top)).mark_text(
        align="left", dx=4, dy=8, fontSize=10, color=style.INK_SMALL).encode(
        x="share:Q", y="top:Q", text="label:N")
    htext = alt.Chart(lines.assign(label=t("sil_national_rate", lang, rate=fmt_num(
        rule["national_rate_per_100k_women"], lang)), left=1.0)).mark_text(
        align="left", dy=-6, fontSize=10, color=style.INK_SMALL).encode(
        x="left:Q", y="rate:Q", text="label:N")
    chart = alt.layer(zone, vline, hline, vtext, htext, dots, right, left, below).properties(
        height=height, width="container",
        title=alt.TitleParams(t("sil_title", lang, t=threshold), subtitle=t(
            "sil_y", lang, indicator=incident_label(rule["indicator"], lang),
            period=fmt_period(rule["period"], lang)), anchor="start"))
    return chart.properties(usermeta=EMBED)


def _lines(title: str, width: int = 48) -> alt.TitleParams:
    """Return a chart title on as many lines as it needs (Vega cuts one long line short)."""
    return alt.TitleParams(textwrap.wrap(title, width, break_on_hyphens=False),
                           anchor="start")


def _labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy()
    out["label"] = [("" if pd.isna(v) else _QUALIFIER_SIGN.get(q, "") + fmt_int(v, lang))
                    for v, q in zip(out["value"], out["qualifier"])]
    out["period_label"] = [fmt_period(p, lang) for p in out["period"]]
    return out


def years_chart(series: pd.DataFrame, *, lang: str) -> alt.LayerChart | alt.FacetChart:
    """Chart the offences in the family-domestic sphere per year.

    Years without a figure say "no data"; the years from
    :data:`~coverage.series.BREAK_YEAR` are set apart.
    """
    frame = by_year(series)
    frame["year_label"] = frame["year"].astype(str)
    frame["label"] = [t("no_data", lang) if pd.isna(v) else
                      _QUALIFIER_SIGN.get(q, "") + fmt_int(v, lang)
                      for v, q in zip(frame["value"], frame["qualifier"])]
    frame["kind"] = [t("ser_comparable" if c else "ser_not_comparable", lang)
                     for c in frame["comparable"]]
    frame["base"] = 0.0
    x = alt.X("year_label:O", title=None, axis=alt.Axis(labelAngle=0))
    bars = alt.Chart(frame.dropna(subset=["value"])).mark_bar().encode(
        x=x, y=alt.Y("value:Q", title=t("ser_count", lang)),
        color=alt.Color("kind:N", title=None, scale=alt.Scale(
            domain=[t("ser_comparable", lang), t("ser_not_comparable", lang)],
            range=[style.NAVY, style.GREY_LIGHT]),
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400)),
        tooltip=[alt.Tooltip("year_label:O", title=t("ser_year", lang)),
                 alt.Tooltip("label:N", title=t("ser_count", lang))])
    values = alt.Chart(frame.dropna(subset=["value"])).mark_text(dy=-6, fontSize=10).encode(
        x=x, y="value:Q", text="label:N")
    # Upright, so that "no data" of neighbouring years never run into each other.
    missing = alt.Chart(frame[frame["value"].isna()]).mark_text(
        angle=270, align="left", baseline="middle", dx=4, fontSize=10,
        color=style.INK_FAINT).encode(x=x, y="base:Q", text="label:N")
    rule = alt.Chart(pd.DataFrame({"year_label": [str(BREAK_YEAR)]})).mark_rule(
        color=style.RED, strokeDash=[4, 3], xOffset=-14).encode(x=x)
    return alt.layer(bars, values, missing, rule).properties(
        title=_lines(t("ser_by_year", lang)), height=260, width="container", usermeta=EMBED)


def _without_year(text: str, year: str) -> str:
    """Return a period's months without its year ("Jan–Sep" of "Jan–Sep 2020")."""
    return text.replace(f"{year} ж. ", "").replace(f" {year}", "").strip()


def quarantine_chart(series: pd.DataFrame, *, lang: str) -> alt.LayerChart | alt.FacetChart:
    """Chart the same months of 2019 and 2020 side by side, the change on 2020's bar."""
    frame = quarantine(series)
    frame["window_label"] = [_without_year(fmt_period(w, lang), "2020")
                             for w in frame["window"]]
    frame["label"] = [fmt_int(v, lang) + ("" if pd.isna(c) else
                                          f" ({'+' if c >= 0 else ''}{fmt_pct(c, lang)})")
                      for v, c in zip(frame["value"], frame["change"])]
    x = alt.X("window_label:N", title=None, sort=list(dict.fromkeys(frame["window_label"])),
              axis=alt.Axis(labelAngle=0, labelLimit=200))
    offset = alt.XOffset("year:N", sort=["2019", "2020"])
    base = alt.Chart(frame)
    bars = base.mark_bar().encode(
        x=x, xOffset=offset, y=alt.Y("value:Q", title=t("ser_count", lang)),
        color=alt.Color("year:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=["2019", "2020"],
                                        range=[style.BLUE_PALE, style.RED])),
        tooltip=[alt.Tooltip("window_label:N", title=t("ser_window", lang)),
                 alt.Tooltip("year:N", title=t("ser_year", lang)),
                 alt.Tooltip("label:N", title=t("ser_count", lang))])
    text = base.mark_text(dy=-6, fontSize=10).encode(x=x, xOffset=offset, y="value:Q",
                                                     text="label:N")
    return alt.layer(bars, text).properties(title=_lines(t("ser_quarantine", lang)), height=260,
                                            width="container", usermeta=EMBED)


def figures_chart(series: pd.DataFrame, indicator: str, *, lang: str,
                  title_key: str) -> alt.LayerChart | alt.FacetChart:
    """Chart every figure of a national indicator as a bar per period.

    Qualifiers are written ("≈ 37 000", "≥ 87 000").
    """
    frame = _labelled(figures(series, indicator), lang)
    x = alt.X("period_label:N", title=None, sort=list(frame["period_label"]),
              axis=alt.Axis(labelAngle=0, labelLimit=160))
    base = alt.Chart(frame)
    bars = base.mark_bar(color=style.BLUE_BAR).encode(
        x=x, y=alt.Y("value:Q", title=t("ser_count", lang)),
        tooltip=[alt.Tooltip("period_label:N", title=t("ser_period", lang)),
                 alt.Tooltip("label:N", title=t("ser_count", lang))])
    text = base.mark_text(dy=-6, fontSize=10).encode(x=x, y="value:Q", text="label:N")
    return alt.layer(bars, text).properties(title=_lines(t(title_key, lang)), height=220,
                                            width="container", usermeta=EMBED)


def series_charts(series: pd.DataFrame, *, lang: str) -> dict[str, alt.TopLevelMixin]:
    """Return the four national charts by name: years, quarantine, orders, helpline."""
    return {"years": years_chart(series, lang=lang),
            "quarantine": quarantine_chart(series, lang=lang),
            "orders": figures_chart(series, PROTECTIVE_ORDERS, lang=lang,
                                    title_key="ser_orders"),
            "helpline": figures_chart(series, HELPLINE, lang=lang, title_key="ser_helpline")}


def chart_values(chart: alt.TopLevelMixin) -> list[dict]:
    """Every data row a chart draws (inline datasets), for checking against the data."""
    spec = chart.to_dict()
    rows: list[dict] = []
    for values in spec.get("datasets", {}).values():
        rows.extend(values)
    return rows



def _grouped(lang: str) -> str:
    """Return a Vega expression writing ``datum.value`` whole, digits grouped for ``lang``."""
    sep = "," if lang == "en" else "\u00a0"
    return f"replace(format(datum.value, ',.0f'), /,/g, '{sep}')"


def gain_chart(gains: pd.Series, *, lang: str) -> alt.Chart:
    """Bars of what the 1st, 2nd, … suggested site adds, numbers in ``lang``'s format."""
    frame = pd.DataFrame({"order": range(1, len(gains) + 1),
                          "gain": gains.to_numpy(float),
                          "shown": [fmt_int(g, lang) for g in gains]})
    return alt.Chart(frame, height=180).mark_bar(color=style.NAVY).encode(
        x=alt.X("order:O", title=t("col_order", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("gain:Q", title=None, axis=alt.Axis(labelExpr=_grouped(lang))),
        tooltip=[alt.Tooltip("order:O", title=t("col_order", lang)),
                 alt.Tooltip("shown:N", title=t("col_gained", lang))])
