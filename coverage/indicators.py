"""What the map can show, per region, and how values fall into colour classes.

The web map and the static image both use :func:`classify`, so their colours and class
breaks are the same. Classes come from a recognised scheme (mapclassify's Fisher-Jenks
natural breaks by default); regions without a figure get their own "no data" colour.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd

from .i18n import format_kind, t
from .incidents import IncidentSet

#: Indicator keys, in the order the dashboard offers them.
INDICATORS: tuple[str, ...] = ("share_within", "women_beyond", "median_minutes",
                               "places_per_10k", "women_per_centre", "incidents_per_100k")
#: Indicators for which a higher value is better (they get the light colours).
HIGHER_IS_BETTER = {"share_within", "places_per_10k"}
#: Light (better) to dark (worse): ColorBrewer YlOrRd, 5 classes.
PALETTE: tuple[str, ...] = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_DATA_COLOUR = "#d4d4d4"
#: Regions without a centre, for "women per centre" (worse than any class).
NO_CENTRE_COLOUR = "#4d0013"
#: Regions whose reported count is under 5: not mapped, so they cannot be singled out.
SUPPRESSED_COLOUR = "#ececec"


def indicator_values(regions: pd.DataFrame, indicator: str, *, threshold: int,
                     incidents: IncidentSet | None = None) -> pd.Series:
    """One value per region (NaN: no data), indexed by ``region_id``.

    Parameters
    ----------
    regions : DataFrame
        :attr:`coverage.report.Report.regions`.
    threshold : int
        Minutes, for the share within and the women beyond.
    incidents : IncidentSet, optional
        For ``incidents_per_100k``; without it every region has no data.
    """
    r = regions.set_index("region_id")
    if indicator == "share_within":
        return r[f"share_within_{threshold}"].astype(float)
    if indicator == "women_beyond":
        return r[f"women_beyond_{threshold}"].astype(float)
    if indicator == "median_minutes":
        return r["median_minutes"].astype(float)
    if indicator == "places_per_10k":
        return r["places_per_10k"].astype(float)
    if indicator == "women_per_centre":
        return (r["women"] / r["centres"].where(r["centres"] > 0)).astype(float)
    if indicator == "incidents_per_100k":
        if incidents is None:
            return pd.Series(np.nan, index=r.index)
        rates = incidents.rates.where(~incidents.suppressed)
        return rates.reindex(r.index).astype(float)
    raise ValueError(f"unknown indicator '{indicator}'")


#: How each indicator's values are written (see :func:`coverage.i18n.format_kind`).
VALUE_KIND: dict[str, str] = {
    "share_within": "pct", "women_beyond": "int", "women_per_centre": "int",
    "median_minutes": "minutes", "places_per_10k": "num2", "incidents_per_100k": "num1"}


def format_value(indicator: str, value: float, lang: str) -> str:
    """A value of ``indicator`` written for ``lang``."""
    return format_kind(VALUE_KIND[indicator], value, lang)


def indicator_label(indicator: str, lang: str, *, threshold: int) -> str:
    """The indicator's name in ``lang``."""
    return t(f"ind_{indicator}", lang, t=threshold) if indicator in (
        "share_within", "women_beyond") else t(f"ind_{indicator}", lang)


@dataclass(frozen=True)
class Classes:
    """Colour classes of one indicator.

    Attributes
    ----------
    bounds : list of float
        Class bounds from the lowest value to the highest: class *i* holds values in
        ``(bounds[i], bounds[i + 1]]`` (the first includes its lower bound).
    colours : list of str
        One colour per class.
    region_class : Series
        Class of each region (``-1`` no data, ``-2`` no centre, ``-3`` fewer than five
        reported), indexed by region_id.
    values : Series
        The classified values (NaN: no data), indexed by region_id.
    """

    indicator: str
    bounds: list[float]
    colours: list[str]
    region_class: pd.Series
    values: pd.Series

    def text_of(self, region_id: str, lang: str) -> str:
        """A region's value as shown in tooltips and tables."""
        c = int(self.region_class[region_id])
        if c == -2:
            return t("no_centre", lang)
        if c == -3:
            return t("suppressed", lang)
        return format_value(self.indicator, float(self.values[region_id]), lang)

    def colour_of(self, region_id: str) -> str:
        """Fill colour of a region."""
        c = int(self.region_class[region_id])
        return {-1: NO_DATA_COLOUR, -2: NO_CENTRE_COLOUR, -3: SUPPRESSED_COLOUR}.get(
            c, self.colours[c] if c >= 0 else NO_DATA_COLOUR)

    def legend(self, lang: str) -> list[tuple[str, str]]:
        """(colour, label) pairs, classes first, then the special categories in use."""
        items = []
        for i, colour in enumerate(self.colours):
            low, high = self.bounds[i], self.bounds[i + 1]
            text = (format_value(self.indicator, low, lang) if low == high else
                    f"{format_value(self.indicator, low, lang)} – "
                    f"{format_value(self.indicator, high, lang)}")
            items.append((colour, text))
        if (self.region_class == -2).any():
            items.append((NO_CENTRE_COLOUR, t("no_centre", lang)))
        if (self.region_class == -3).any():
            items.append((SUPPRESSED_COLOUR, t("suppressed", lang)))
        if (self.region_class == -1).any():
            items.append((NO_DATA_COLOUR, t("no_data", lang)))
        return items


def classify(values: pd.Series, indicator: str, *, k: int = 5,
             no_centre: pd.Series | None = None,
             suppressed: pd.Series | None = None) -> Classes:
    """Fisher-Jenks classes of the finite values, light = better.

    Parameters
    ----------
    values : Series
        Per region; NaN is "no data".
    no_centre : Series of bool, optional
        Regions to mark "no centre" instead of "no data" (women per centre).
    suppressed : Series of bool, optional
        Regions to mark "fewer than 5 reported" instead of "no data".
    """
    finite = values[np.isfinite(values.to_numpy(dtype=float))]
    region_class = pd.Series(-1, index=values.index, dtype=int)
    for flags, code in ((no_centre, -2), (suppressed, -3)):
        if flags is not None:
            region_class[flags.reindex(values.index).fillna(False).astype(bool)] = code
    if finite.empty:
        return Classes(indicator, [], [], region_class, values)
    k = max(1, min(k, finite.nunique()))
    if k == 1:
        upper = [float(finite.max())]
    else:
        with warnings.catch_warnings():  # "Numba not installed": 20 values need no JIT
            warnings.simplefilter("ignore", UserWarning)
            upper = [float(b) for b in
                     mapclassify.FisherJenks(finite.to_numpy(float), k=k).bins]
    bounds = [float(finite.min()), *upper]
    idx = np.searchsorted(np.array(upper), finite.to_numpy(float), side="left")
    region_class[finite.index] = np.minimum(idx, len(upper) - 1)
    # The palette runs light to dark; "higher is better" classes run dark to light.
    palette = _palette(len(upper))
    colours = palette[::-1] if indicator in HIGHER_IS_BETTER else palette
    return Classes(indicator, bounds, colours, region_class, values)


def _palette(n: int) -> list[str]:
    picks = np.linspace(0, len(PALETTE) - 1, n).round().astype(int) if n > 1 else [2]
    return [PALETTE[i] for i in picks]
