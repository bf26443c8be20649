"""The national series over time, shaped for the charts of :mod:`coverage.charts`.

Every frame keeps each figure's period, qualifier and source, so a chart can say what
it stands on. Years without a figure are kept as rows with no value ("no data", never
zero). From 16 June 2024 beatings and minor harm became criminal offences: criminal
counts from 2024 on are marked as not comparable with earlier years.
"""

from __future__ import annotations

import re
from typing import cast

import numpy as np
import pandas as pd

#: The indicator of the yearly chart and of the quarantine comparison.
OFFENCES = "criminal_offences_family_domestic_sphere"
PROTECTIVE_ORDERS = "protective_orders_issued"
HELPLINE = "helpline_calls_union_of_crisis_centres"
#: First year whose criminal counts include beatings (the law of 15 April 2024, in force
#: from 16 June 2024).
BREAK_YEAR = 2024
#: The quarantine year and the year it is compared with.
QUARANTINE_YEARS = ("2019", "2020")
_YEAR = re.compile(r"\d{4}")


def by_year(series: pd.DataFrame, *, indicator: str = OFFENCES) -> pd.DataFrame:
    """Whole-year figures of ``indicator``, every year from the first to the last.

    Returns
    -------
    DataFrame
        ``year`` (int), ``value`` (float, NaN where no figure), ``qualifier``,
        ``source_url``, ``comparable`` (False from :data:`BREAK_YEAR` on).
    """
    rows = series[(series["indicator"] == indicator)
                  & series["period"].str.fullmatch(_YEAR.pattern)]
    known = rows.assign(year=rows["period"].astype(int)).set_index("year")
    if known.empty:
        return pd.DataFrame(columns=["year", "value", "qualifier", "source_url",
                                     "comparable"])
    years = np.arange(known.index.min(), known.index.max() + 1)
    out = pd.DataFrame({"year": years})
    out["value"] = known["value"].reindex(years).astype(float).to_numpy()
    out["qualifier"] = known["qualifier"].reindex(years).fillna("").to_numpy()
    out["source_url"] = known["source_url"].reindex(years).fillna("").to_numpy()
    out["comparable"] = out["year"] < BREAK_YEAR
    return out


def quarantine(series: pd.DataFrame, *, indicator: str = OFFENCES) -> pd.DataFrame:
    """Put the same months of 2019 and 2020 side by side, with the change.

    Returns
    -------
    DataFrame
        One row per figure: ``window`` (the 2020 period), ``year`` ("2019" / "2020"),
        ``period``, ``value``, ``change`` (2020 against 2019, on the 2020 row; NaN on
        the other), ``source_url``, ``note``; windows without both years left out.
    """
    rows = series[(series["indicator"] == indicator)
                  & ~series["period"].str.fullmatch(_YEAR.pattern)].copy()
    rows["year"] = rows["period"].str[:4]
    rows["span"] = rows["period"].str.replace(_YEAR, "YYYY", regex=True)
    rows = rows[rows["year"].isin(QUARANTINE_YEARS)]
    out = []
    for _, group in rows.groupby("span", sort=False):
        g = group.set_index("year")
        if not set(QUARANTINE_YEARS) <= set(g.index):
            continue
        before, after = (float(cast(float, g.loc[y, "value"])) for y in QUARANTINE_YEARS)
        window = g.loc[QUARANTINE_YEARS[1], "period"]
        for year in QUARANTINE_YEARS:
            out.append({"window": window, "year": year, "period": g.loc[year, "period"],
                        "value": float(cast(float, g.loc[year, "value"])),
                        "change": after / before - 1 if year == QUARANTINE_YEARS[1]
                        and before > 0 else np.nan,
                        "source_url": g.loc[year, "source_url"], "note": g.loc[year, "note"]})
    return pd.DataFrame(out, columns=["window", "year", "period", "value", "change",
                                      "source_url", "note"])


def figures(series: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Every figure of ``indicator`` in period order (``value`` as float)."""
    rows = series[series["indicator"] == indicator]
    out = rows[["period", "value", "qualifier", "source_url", "note"]].copy()
    out["value"] = out["value"].astype(float)
    return out.sort_values("period", kind="stable").reset_index(drop=True)


def sources(series: pd.DataFrame, indicators: tuple[str, ...] = (
        OFFENCES, PROTECTIVE_ORDERS, HELPLINE)) -> list[str]:
    """List the distinct sources of the charted figures, in first-use order."""
    rows = series[series["indicator"].isin(indicators)]
    return list(dict.fromkeys(rows.sort_values(["indicator", "period"])["source_url"]))
