"""Tables the dashboard shows and exports, with headers in the chosen language.

Numbers stay numbers (so that columns sort and CSV stays machine-readable); display
formats come from :mod:`coverage.i18n` through :func:`formatters`.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .basis import register_cell
from .completeness import is_planned
from .i18n import fmt_int, fmt_minutes, fmt_pct, fmt_pct_floor, format_kind, settlement_name, t
from .indicators import HIGHER_IS_BETTER, VALUE_KIND, Classes
from .reach import by_settlement
from .report import Report


def region_table(report: Report, classes: Classes, *, lang: str,
                 threshold: int) -> pd.DataFrame:
    """Regions ranked by the map's indicator, worst first.

    Returns
    -------
    DataFrame
        Columns named in ``lang``; ``attrs["kinds"]`` maps each column to its display
        kind (int, pct, minutes, num, text) for :func:`formatters`; ``attrs["floors"]``
        lists the rows whose shares are floors (register incomplete) and
        ``attrs["share_column"]`` the share's column, for :func:`floor_formatter`.
    """
    r = report.regions.set_index("region_id")
    value = classes.values.reindex(r.index)
    # Worst first: low values of "higher is better" indicators, high values otherwise;
    # "no centre" is the worst of all, "no data" goes last.
    key = value if classes.indicator in HIGHER_IS_BETTER else -value
    key = key.where(classes.region_class.reindex(r.index) != -2, float("-inf"))
    order = key.sort_values(na_position="last", kind="stable").index
    r = r.loc[order]
    tt = threshold
    columns = {
        t("col_rank", lang): ("int", range(1, len(r) + 1)),
        t("col_region", lang): ("text", r[f"name_{lang}"]),
        t("col_share", lang, t=tt): ("pct", r[f"share_within_{tt}"]),
        t("col_range", lang): ("text", [
            f"{fmt_pct(lo, lang)} – {fmt_pct(hi, lang)}"
            for lo, hi in zip(r[f"share_within_{tt}_low"], r[f"share_within_{tt}_high"])]),
        t("col_driver", lang): ("text", [t(f"driver_{d}", lang) if isinstance(d, str) else "–"
                                         for d in r[f"share_within_{tt}_driver"]]),
        t("col_women", lang): ("int", r["women"].round()),
        t("col_centres", lang): ("int", r["centres_located"]),
        t("col_register", lang): ("text", [register_cell(row, lang)
                                           for _, row in r.iterrows()]),
        t("col_beyond", lang, t=tt): ("int", r[f"women_beyond_{tt}"].round()),
        t("col_median", lang): ("minutes", r["median_minutes"]),
        t("col_places", lang): ("num2", r["places_per_10k"]),
        t("col_needed", lang): ("int", r["shelter_places_needed"]),
        t("col_known", lang): ("int", r["shelter_places_known"]),
        t("col_gap", lang): ("int", r["shelter_places_gap"].astype("Float64")),
    }
    if classes.indicator in ("women_per_centre", "incidents_per_100k"):
        # Not among the other columns: show the map's value beside the region.
        value = (t("col_value", lang), (VALUE_KIND[classes.indicator],
                                         classes.values.reindex(order)))
        columns = dict([*list(columns.items())[:2], value, *list(columns.items())[2:]])
    if r["centres_planned"].sum() > 0:
        at = list(columns).index(t("col_register", lang))
        items = list(columns.items())
        columns = dict([*items[:at], (t("col_planned", lang), ("int", r["centres_planned"])),
                        *items[at:]])
    out = pd.DataFrame({name: list(values) for name, (_, values) in columns.items()})
    out.insert(1, "region_id", list(order))
    out.attrs["kinds"] = {name: kind for name, (kind, _) in columns.items()}
    out.attrs["floors"] = [i for i, flag in enumerate(r["register_incomplete"]) if flag]
    out.attrs["share_column"] = t("col_share", lang, t=tt)
    return out


def floor_formatter(lang: str) -> Callable[[object], str]:
    """Display of a share that is a floor (``≥ 0.1%``), for the rows of
    ``attrs["floors"]``."""
    return lambda v: fmt_pct_floor(None if pd.isna(v) else float(v), lang, floor=True)


def formatters(kinds: dict[str, str], lang: str) -> dict[str, Callable[[object], str]]:
    """Display functions per column, for ``DataFrame.style.format`` (text columns as
    they are)."""
    return {col: (lambda v, k=kind: format_kind(k, v, lang))
            for col, kind in kinds.items() if kind != "text"}


def settlement_labels(settlements: pd.DataFrame, regions: pd.DataFrame, *,
                      lang: str) -> dict[int, str]:
    """"Name (Region)" in ``lang`` for every settlement, sorted by label."""
    region = dict(zip(regions["region_id"], regions[f"name_{lang}"]))
    labels = {int(g): f"{settlement_name(n, c, lang)} ({region[r]})" for g, n, c, r in zip(
        settlements["geonameid"], settlements["name"], settlements["cyrillic_names"],
        settlements["region_id"])}
    return dict(sorted(labels.items(), key=lambda kv: kv[1]))


def farthest_settlements(report: Report, region_id: str, centres: pd.DataFrame, *,
                         lang: str, n: int = 10) -> pd.DataFrame:
    """The ``n`` listed settlements of a region farthest (in minutes, the mean trip of
    their women) from a centre."""
    towns = by_settlement(report.points)
    towns = towns[towns["region_id"] == region_id]
    towns = towns.sort_values("minutes", ascending=False).head(n)
    names = dict(zip(centres["centre_id"], centres["name"]))
    return pd.DataFrame({
        t("tt_settlement", lang): towns["name"].to_numpy(),
        t("tt_minutes", lang): [fmt_minutes(m, lang) for m in towns["minutes"]],
        t("tt_nearest", lang): [names.get(c, "") for c in towns["nearest_centre"]],
        t("tt_women", lang): [fmt_int(w, lang) for w in towns["women"]],
    })


def region_centres(centres: pd.DataFrame, region_id: str, *, lang: str) -> pd.DataFrame:
    """The centres of a region: name, settlement, kind, places and source (no address);
    planned ones say so."""
    c = centres[centres["region_id"] == region_id]
    planned = is_planned(c)
    kinds = {"state", "NGO", ""}
    return pd.DataFrame({
        t("col_centres", lang): [f"{n} ({t('pop_planned', lang)})" if p else n
                                 for n, p in zip(c["name"], planned)],
        t("tt_settlement", lang): c["settlement"].to_numpy(),
        t("pop_kind", lang): [t(f"kind_{k}", lang) if k in kinds else k for k in c["kind"]],
        t("pop_capacity", lang): [t("pop_unknown", lang) if pd.isna(b) else fmt_int(b, lang)
                                  for b in c["beds"]],
        "source_url": c["source_url"].to_numpy(),
    })
