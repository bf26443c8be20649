"""Tables the dashboard shows and exports, with headers in the chosen language.

Numbers stay numbers (so that columns sort and CSV stays machine-readable); display
formats come from :mod:`coverage.i18n` through :func:`formatters`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from . import settings
from .basis import register_cell
from .completeness import is_planned
from .i18n import (
    CATALOGUE,
    fmt_int,
    fmt_minutes,
    fmt_pct,
    fmt_pct_floor,
    fmt_period,
    format_kind,
    incident_label,
    t,
)
from .incidents import IncidentSet, shown_counts, to_17_units
from .indicators import HIGHER_IS_BETTER, VALUE_KIND, Classes
from .names import centre_names, centre_places, settlement_names
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
        t("col_region", lang): ("text", _names(report, r, lang)),
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
        **_reported_columns(report, r, lang, tt),
        t("col_median", lang): ("minutes", r["median_minutes"]),
        t("col_places", lang): ("num2", r["places_per_10k"]),
        t("col_needed", lang): ("int", r["shelter_places_needed"]),
        t("col_known", lang): ("int", r["shelter_places_known"]),
        t("col_gap", lang): ("int", r["shelter_places_gap"].astype("Float64")),
    }
    if classes.indicator in ("women_per_centre", "incidents_per_100k"):
        # Not among the other columns: show the map's value beside the region.
        shown = (t("col_value", lang), (VALUE_KIND[classes.indicator],
                                         classes.values.reindex(order)))
        columns = dict([*list(columns.items())[:2], shown, *list(columns.items())[2:]])
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
    # Counts under SMALL_COUNT: their rates are left out and shown as "<5".
    small = r["reported_shown"].astype(str).str.startswith("<").to_numpy()
    out.attrs["small"] = [i for i, flag in enumerate(small) if flag]
    out.attrs["small_columns"] = [c for c in (t("col_value", lang), _reported_label(
        report, lang)) if c in out and (c != t("col_value", lang)
                                       or classes.indicator == "incidents_per_100k")]
    # What the page shows unless asked for every column: enough to rank and act on.
    main = [t("col_rank", lang), t("col_region", lang), t("col_value", lang),
            t("col_share", lang, t=tt), t("col_women", lang), t("col_median", lang),
            t("col_gap", lang), t("col_register", lang), _reported_label(report, lang),
            t("col_silent", lang, t=tt)]
    out.attrs["main"] = [c for c in main if c in out]
    # Short headers for long ones on the page (the long one is the column's help).
    out.attrs["short"] = {t("col_register", lang): t("col_register_short", lang),
                          t("col_silent", lang, t=tt): t("tt_silent", lang)}
    if report.incident_set is not None:
        out.attrs["short"][_reported_label(report, lang)] = t("col_reported_short", lang)
    # Gaps unknown (centres without a reported capacity): at most this many places.
    out.attrs["gap_at_most"] = {i: float(m) for i, (gap, m) in enumerate(zip(
        r["shelter_places_gap"], r["shelter_places_gap_at_most"], strict=True))
        if pd.isna(gap) and not pd.isna(m)}
    return out


def _names(report: Report, r: pd.DataFrame, lang: str) -> list[str]:
    """List the region names, "†" after those whose figures are not today's.

    Those whose reported figures cover part of 2022 or an area larger than today's
    (split or created on 8 June 2022).
    """
    inc = report.incident_set
    marked = set(inc.marked.index) if inc is not None else set()
    return [n + (" †" if rid in marked else "") for rid, n in zip(r.index, r[f"name_{lang}"])]


def _reported_label(report: Report, lang: str) -> str:
    inc = report.incident_set
    return "" if inc is None else t("col_reported", lang, indicator=incident_label(
        inc.indicator, lang), period=fmt_period(inc.period, lang))


def _reported_columns(report: Report, r: pd.DataFrame, lang: str, tt: int) -> dict:
    """Return the rate of the silent-zone rule's figures and the silent-zone flag.

    Nothing without figures for every region.
    """
    inc = report.incident_set
    if inc is None or not report.params["silent_zones"].get("available"):
        return {}
    return {
        _reported_label(report, lang): ("num1", r["reported_rate"]),
        t("col_silent", lang, t=tt): ("text", [t("yes", lang) if flag else ""
                                               for flag in r[f"silent_zone_{tt}"]]),
    }


def small_formatter(lang: str) -> Callable[[object], str]:
    """Display of a value left out because its count is under 5 ("<5 reported")."""
    return lambda v: t("suppressed", lang)


def floor_formatter(lang: str) -> Callable[[float | None], str]:
    """Return the display of a share that is a floor (``≥ 0.1%``), for ``attrs["floors"]``."""
    return lambda v: fmt_pct_floor(None if pd.isna(v) else float(v), lang, floor=True)


def formatters(kinds: dict[str, str], lang: str
               ) -> dict[str, Callable[[float | None], str]]:
    """Display functions per column, for ``DataFrame.style.format``.

    Text columns are left as they are.
    """
    return {col: _formatter(kind, lang) for col, kind in kinds.items() if kind != "text"}


def _formatter(kind: str, lang: str) -> Callable[[float | None], str]:
    return lambda v: format_kind(kind, v, lang)


def settlement_labels(settlements: pd.DataFrame, regions: pd.DataFrame, *,
                      lang: str) -> dict[int, str]:
    """"Name (Region)" in ``lang`` for every settlement, sorted by label."""
    region = dict(zip(regions["region_id"], regions[f"name_{lang}"]))
    names = settlement_names(settlements, lang)
    labels = {int(g): f"{names[int(g)]} ({region[r]})" for g, r in zip(
        settlements["geonameid"], settlements["region_id"])}
    return dict(sorted(labels.items(), key=lambda kv: kv[1]))


def farthest_settlements(report: Report, region_id: str, centres: pd.DataFrame, *,
                         lang: str, n: int = 10,
                         settlements: pd.DataFrame | None = None) -> pd.DataFrame:
    """List the ``n`` listed settlements of a region farthest from a centre.

    Farthest in minutes: the mean trip of their women. Settlements are named in ``lang``
    from ``settlements`` (GeoNames' names as they are without it), centres by
    :func:`coverage.names.centre_name`.
    """
    towns = by_settlement(report.points)
    towns = towns[towns["region_id"] == region_id]
    towns = towns.sort_values("minutes", ascending=False).head(n)
    names = dict(zip(centres["centre_id"], centre_names(centres, lang)))
    local = settlement_names(settlements, lang) if settlements is not None else {}
    return pd.DataFrame({
        t("tt_settlement", lang): [local.get(int(g), name) if not pd.isna(g) else name
                                   for g, name in zip(towns["geonameid"], towns["name"])],
        t("tt_minutes", lang): [fmt_minutes(m, lang) for m in towns["minutes"]],
        t("tt_nearest", lang): [names.get(c, "") for c in towns["nearest_centre"]],
        t("tt_women", lang): [fmt_int(w, lang) for w in towns["women"]],
    })


def region_centres(centres: pd.DataFrame, region_id: str, *, lang: str) -> pd.DataFrame:
    """List the centres of a region: name, settlement, kind, places and source.

    Names and settlements in ``lang`` (:mod:`coverage.names`); no address; planned ones
    say so.
    """
    c = centres[centres["region_id"] == region_id]
    planned = is_planned(c)
    kinds = {"state", "NGO", ""}
    return pd.DataFrame({
        t("col_centres", lang): [f"{n} ({t('pop_planned', lang)})" if p else n
                                 for n, p in zip(centre_names(c, lang), planned)],
        t("tt_settlement", lang): centre_places(c, lang),
        t("pop_kind", lang): [t(f"kind_{k}", lang) if k in kinds else k for k in c["kind"]],
        t("pop_capacity", lang): [t("pop_unknown", lang) if pd.isna(b) else fmt_int(b, lang)
                                  for b in c["beds"]],
        "source_url": c["source_url"].to_numpy(),
    })


def unit_names(regions: pd.DataFrame, crosswalk: pd.DataFrame, *, lang: str,
               units: str) -> dict[str, str]:
    """Names of today's 20 regions, or of the 17 units before 8 June 2022.

    A split unit is named by its parts: "East Kazakhstan Region + Abai Region".
    """
    names = dict(zip(regions["region_id"], regions[f"name_{lang}"]))
    if units == "20":
        return names
    return {str(old): " + ".join(names[m] for m in sorted(members, key=lambda r: r != old))
            for old, members in crosswalk.groupby("old_region_id")["new_region_id"]}


def violence_table(zones: pd.DataFrame, sets: list[IncidentSet], crosswalk: pd.DataFrame,
                   *, names: dict[str, str], lang: str, threshold: int) -> pd.DataFrame:
    """Tabulate reported figures per region (or 17-unit unit).

    Women, reach, each complete set's count and rate per 100,000 women, and the
    silent-zone flag; lowest rate of the rule's set first.

    Parameters
    ----------
    zones : DataFrame
        :func:`coverage.silence.silent_zones` or ``silent_zones_17`` (``members``
        present on the 17-unit layout).
    sets : list of IncidentSet
        The sets to show (complete ones).

    Returns
    -------
    DataFrame
        Headers in ``lang``; counts as shown ("<5"); rates NaN where the count is under
        5; ``attrs["kinds"]`` for :func:`formatters`, ``attrs["small_columns"]`` the
        rate columns.
    """
    z = zones.sort_values("rule_rate", kind="stable").reset_index(drop=True)
    seventeen = "members" in z
    columns: dict[str, tuple[str, Iterable[object]]] = {
        t("col_region", lang): ("text", [names.get(r, r) + (
            " †" if not seventeen and m != rr else "")
            for r, m, rr in zip(z["region_id"], z["rule_rate"], z["rate"])]),
        t("col_women", lang): ("int", z["women"].round()),
        t("col_share", lang, t=threshold): ("pct", z["share_within"]),
    }
    small_columns = []
    for s in sets:
        label = (t(f"short_{s.indicator}", lang) if f"short_{s.indicator}" in CATALOGUE
                 else incident_label(s.indicator, lang))
        if seventeen:
            merged = to_17_units(s, crosswalk).set_index("old_region_id").reindex(
                z["region_id"])
            counts, rates = merged["count"], merged["per_100k_women"]
        else:
            counts = s.counts.reindex(z["region_id"]).astype(float)
            rates = s.rates.reindex(z["region_id"])
        small = counts.to_numpy(float) < settings.SMALL_COUNT
        rate_col = f"{label}: {t('col_rate', lang)}"
        columns[f"{label}: {t('col_count', lang)}"] = ("text", shown_counts(counts))
        columns[rate_col] = ("num1", rates.where(~small).to_numpy(float))
        small_columns.append(rate_col)
    columns[t("col_silent", lang, t=threshold)] = ("text", [t("yes", lang) if f else ""
                                                            for f in z["silent"]])
    out = pd.DataFrame({name: list(values) for name, (_, values) in columns.items()})
    out.attrs["kinds"] = {name: kind for name, (kind, _) in columns.items()}
    out.attrs["small_columns"] = small_columns
    return out


def compare_table(baseline: Report, report: Report, *, region_names: dict[str, str],
                  lang: str, threshold: int) -> pd.DataFrame:
    """Compare register and scenario, region by region, headers in ``lang``.

    See :func:`coverage.scenarios.compare`; ``attrs["kinds"]`` for :func:`formatters`.
    """
    from .scenarios import compare

    table = compare(baseline, report, threshold=threshold)
    table.insert(0, t("col_region", lang), table["region_id"].map(region_names))
    table = table.drop(columns="region_id").rename(columns={
        "centres_before": t("col_centres_before", lang),
        "centres_after": t("col_centres_after", lang),
        "women_newly_within": t("col_gained", lang),
        "share_before": t("col_share_before", lang),
        "share_after": t("col_share_after", lang)})
    table.attrs["kinds"] = {t("col_gained", lang): "int", t("col_share_before", lang): "pct",
                            t("col_share_after", lang): "pct"}
    return table


def suggestion_table(rows: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """List the suggested sites in order (:func:`coverage.plan_format.plan_rows`).

    Each with the women it brings within reach, its settlement and region in ``lang``, and
    when the plan was tried under the unknowns, in how many variants it is chosen again
    and the women it brings within reach at least and at most.
    """
    out = pd.DataFrame({
        t("col_order", lang): rows["order"].to_numpy(),
        # The women it brings within reach before the names: seen in a narrow panel.
        t("col_gained", lang): rows["women_gained"].round().to_numpy(),
        t("tt_settlement", lang): rows["settlement"].to_numpy(),
        t("col_region", lang): rows["region"].to_numpy()})
    if "chosen_in_variants" in rows:
        out[t("col_stable", lang)] = [
            t("plan_stability_of", lang, m=int(m), n=int(n))
            for m, n in zip(rows["chosen_in_variants"], rows["variants"])]
        out[t("col_women_range", lang)] = [
            f"{fmt_int(lo, lang)}–{fmt_int(hi, lang)}"
            for lo, hi in zip(rows["women_min"], rows["women_max"])]
    out.attrs["kinds"] = {t("col_gained", lang): "int"}
    return out
