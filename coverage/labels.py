"""Every text around a figure.

Indicator names, values as written, legend entries, the title, note and source line of
a map, the caption of incident figures.

:mod:`coverage.indicators` holds the numbers; this module writes them in the chosen
language, for the page, the command line and every export.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from .basis import map_note, source_line
from .i18n import (
    fmt_int,
    fmt_num,
    fmt_pct,
    fmt_pct_floor,
    fmt_period,
    format_kind,
    incident_label,
    t,
)
from .incidents import IncidentSet
from .indicators import REGISTRY, Classes
from .report import Report


def indicator_label(indicator: str, lang: str, *, threshold: int) -> str:
    """Return the indicator's name in ``lang`` (with the threshold where it has one)."""
    return t(f"ind_{indicator}", lang, t=threshold) if REGISTRY[indicator].needs_threshold \
        else t(f"ind_{indicator}", lang)


def format_value(indicator: str, value: float, lang: str) -> str:
    """Write a value of ``indicator`` for ``lang``."""
    return format_kind(REGISTRY[indicator].kind, value, lang)


def value_text(classes: Classes, region_id: str, lang: str) -> str:
    """Write a region's value as shown in tooltips and tables ("no centre", "<5"...)."""
    c = int(classes.region_class[region_id])
    if c == -2:
        return t("no_centre", lang)
    if c == -3:
        return t("suppressed", lang)
    return format_value(classes.indicator, float(classes.values[region_id]), lang)


def class_label(classes: Classes, i: int, lang: str) -> str:
    """Write the values of class ``i`` as written on the map: "0%", "≤ 30 min", "25.1% – 50.0%".

    Consecutive classes never share a value: each starts one written step above the last.
    """
    low, high = classes.span(i)
    if low == high:
        return format_value(classes.indicator, low, lang)
    if math.isinf(low):
        return f"≤\u00a0{format_value(classes.indicator, high, lang)}"
    if math.isinf(high):
        if REGISTRY[classes.indicator].kind in ("int", "minutes"):  # "> 180 min", not "≥ 181"
            return f">\u00a0{format_value(classes.indicator, classes.breaks[-1], lang)}"
        return f"≥\u00a0{format_value(classes.indicator, low, lang)}"
    kind = REGISTRY[classes.indicator].kind
    # The unit once, after the range: "31 – 60 min", "25.1 – 50.0%".
    first = (fmt_int(low, lang) if kind == "minutes" else
             fmt_num(low * 100, lang, 1) if kind == "pct" else
             format_value(classes.indicator, low, lang))
    return f"{first} – {format_value(classes.indicator, high, lang)}"


def legend_items(classes: Classes, lang: str) -> list[tuple[str, str]]:
    """Return the (colour, label) pairs of a legend.

    The classes that hold a region, lowest values first, then the special categories.
    """
    items = [(classes.colours[i], class_label(classes, i, lang)) for i in classes.in_use()]
    items += [(colour, t(name, lang)) for colour, name in classes.special()]
    return items


def incidents_source(incidents: IncidentSet, lang: str) -> str:
    """Name the source of a set's figures: Form 1-M, the one URL, one per figure, or none.

    Plain text: a file's URL is the user's text, escaped wherever it is shown.
    """
    sources = {u for u in incidents.sources if isinstance(u, str) and u}
    if not sources:
        return t("source_not_given", lang)
    if all("city-crime" in u for u in sources):  # the bundled Form 1-M reports
        return t("form1m_source", lang)
    return next(iter(sources)) if len(sources) == 1 else t("sources_per_row", lang)


def incidents_caption(incidents: IncidentSet, lang: str) -> str:
    """Write the caption of the incident figures shown, as plain text.

    Indicator, period, coverage, source and (where it applies) the June 2022 caveat.
    """
    text = (t("legend_incidents", lang, indicator=incident_label(incidents.indicator, lang),
              period=fmt_period(incidents.period, lang), n=incidents.regions)
            + ". " + t("legend_incidents_source", lang,
                       source=incidents_source(incidents, lang)))
    if len(incidents.marked):
        text += ". " + t("inc_june_caveat", lang)
    return text


@dataclass(frozen=True)
class MapTexts:
    """The words around a static map, in the chosen language.

    ``title`` carries the indicator's national figure; ``note`` is a line under it (what
    the figures stand on, the register's completeness); ``footnote`` explains the
    title's symbols (``≥``: at least); the source line should carry the date.
    ``dagger``: regions named with "†" on the map (incident figures of a 2022 region
    pair, explained in ``note``).
    """

    title: str
    legend_title: str
    source_line: str
    note: str = ""
    footnote: str = ""
    dagger: frozenset[str] = frozenset()


#: Indicators whose national figure depends on how women travel: only their titles say
#: how ("by car"); a count of places or of reports does not depend on it.
BY_TRAVEL = ("share_within", "women_beyond", "median_minutes")
#: Each indicator's national figure from ``Report.areas["national"]`` at a threshold, and
#: which way it is bounded while the register locates fewer centres than are reported:
#: more centres would only raise shares and places, and lower distances and loads.
_NATIONAL: dict[str, tuple[Callable[[dict, int], float], str]] = {
    "share_within": (lambda a, m: a["share_within"][m], "≥"),
    "women_beyond": (lambda a, m: a["women"] - a["women_within"][m], "≤"),
    "median_minutes": (lambda a, _m: a["median_minutes"], "≤"),
    "places_per_10k": (lambda a, _m: a["places_per_10k"], "≥"),
    "women_per_centre": (lambda a, _m: a["women"] / a["centres"] if a["centres"]
                         else math.nan, "≤"),
}


def national_figure(report: Report, indicator: str, *, lang: str,
                    threshold: int) -> tuple[str, str] | None:
    """Write the indicator's national figure, and its bound's sign ("" when exact).

    ``None`` for the incident indicator (see :func:`incidents_title`) and where there is
    no figure (no centre at all).
    """
    if indicator not in _NATIONAL:
        return None
    area = report.areas["national"]
    value_of, sign = _NATIONAL[indicator]
    value = float(value_of(area, threshold))
    if not math.isfinite(value):
        return None
    bounded = bool(area["register_incomplete"])
    if indicator == "share_within":
        return fmt_pct_floor(value, lang, floor=bounded), sign if bounded else ""
    text = format_value(indicator, value, lang)
    return (f"{sign}\u00a0{text}", sign) if bounded else (text, "")


def incidents_title(incidents: IncidentSet, lang: str, *, region_ids: list[str]) -> str:
    """Write the title of an incident map: the set's rate over the regions that report it.

    "in Kazakhstan" only when every one of ``region_ids`` reports; never a travel mode.
    """
    values = {"indicator": incident_label(incidents.indicator, lang),
              "rate": fmt_num(incidents.national_rate(), lang),
              "period": fmt_period(incidents.period, lang)}
    text = (t("title_incidents", lang, **values) if incidents.covers(region_ids) else
            t("title_incidents_part", lang, n=incidents.regions, total=len(region_ids),
              **values))
    return text[:1].upper() + text[1:]


def map_title(report: Report, indicator: str, *, lang: str, threshold: int, mode: str,
              incidents: IncidentSet | None = None) -> tuple[str, str]:
    """Return a map's title with its key national figure, and the footnote of its symbols.

    The travel mode only on indicators that depend on travel time. Without a figure the
    title names the indicator alone.
    """
    mode_text = t(f"scenario_{mode}", lang)
    incidents = incidents if incidents is not None else report.incident_set
    if indicator == "incidents_per_100k" and incidents is not None \
            and incidents.women is not None:
        return incidents_title(incidents, lang,
                               region_ids=list(report.regions["region_id"])), ""
    figure = national_figure(report, indicator, lang=lang, threshold=threshold)
    label = indicator_label(indicator, lang, threshold=threshold)
    if figure is None:
        return (t("static_title", lang, indicator=label, scenario=mode_text)
                if indicator in BY_TRAVEL else t("static_title_plain", lang, indicator=label)), ""
    value, sign = figure
    # "(by car)" stays whole when the title wraps.
    title = t(f"title_{indicator}", lang, share=value, n=value, m=value, t=threshold,
              mode=mode_text.replace(" ", "\u00a0"))
    footnote = {"≥": t("sym_at_least", lang), "≤": t("sym_at_most", lang)}.get(sign, "")
    return title, footnote


def map_texts(report: Report, indicator: str, *, lang: str, threshold: int, mode: str,
              date: str, incidents: IncidentSet | None = None) -> MapTexts:
    """Write the texts of a map or brief.

    Title with the national figure (:func:`map_title`), legend title, what the figures
    stand on (and, for incident figures, their indicator, period, source and caveat),
    the footnote of the title's symbols and the source line.
    """
    label = indicator_label(indicator, lang, threshold=threshold)
    mode_text = t(f"scenario_{mode}", lang)
    note = map_note(report.basis, report.completeness, lang)
    dagger: frozenset[str] = frozenset()
    if incidents is not None and indicator == "incidents_per_100k":
        note += " " + incidents_caption(incidents, lang)
        dagger = frozenset(str(r) for r in incidents.marked.index)
    title, footnote = map_title(report, indicator, lang=lang, threshold=threshold, mode=mode,
                                incidents=incidents)
    return MapTexts(title=title, legend_title=label, note=note, footnote=footnote,
                    source_line=source_line(report.basis, lang, scenario_text=mode_text,
                                            date=date), dagger=dagger)


def range_text(area: dict, threshold: int, lang: str) -> str:
    """Write a share's range over every unknown and what moves it most, in words."""
    low, high = area["share_within_range"][threshold]
    driver = area["moved_most_by"][threshold]
    if not isinstance(driver, str):  # nothing moves it (None, or NaN from a frame)
        return t("head_range", lang, low=fmt_pct(low, lang), high=fmt_pct(high, lang))
    return t("range_driver", lang, low=fmt_pct(low, lang), high=fmt_pct(high, lang),
             driver=t(f"driver_{driver}_by", lang))
