"""What the map can show per region, and how values fall into colour classes.

The indicator registry and the classes are numbers only; :mod:`coverage.labels` writes
them.

The web map and the static image both use :func:`classify`, so their colours and class
breaks are the same. Classes come from a recognised scheme (mapclassify's Fisher-Jenks
natural breaks by default); regions without a figure get their own "no data" colour.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd

from . import style
from .incidents import IncidentSet


@dataclass(frozen=True)
class Indicator:
    """One thing the map can show per region.

    Attributes
    ----------
    key : str
        Its name in URLs, files and the code.
    kind : str
        How its values are written (:func:`coverage.i18n.format_kind`).
    higher_is_better : bool
        Light colours for high values (else for low ones).
    needs_threshold : bool
        Its values depend on the threshold in minutes.
    values : callable
        ``(regions indexed by region_id, threshold, incidents) -> Series`` (NaN: no
        data).
    """

    key: str
    kind: str
    higher_is_better: bool
    needs_threshold: bool
    values: Callable[[pd.DataFrame, int, IncidentSet | None], pd.Series]


def _incident_rates(r: pd.DataFrame, _t: int, incidents: IncidentSet | None) -> pd.Series:
    if incidents is None:
        return pd.Series(np.nan, index=r.index)
    return incidents.rates.where(~incidents.suppressed).reindex(r.index).astype(float)


#: Every indicator, in the order the dashboard offers them: a new one is one entry here
#: (and its name in :mod:`coverage.i18n`).
REGISTRY: dict[str, Indicator] = {i.key: i for i in (
    Indicator("share_within", "pct", True, True,
              lambda r, t, _: r[f"share_within_{t}"].astype(float)),
    Indicator("women_beyond", "int", False, True,
              lambda r, t, _: r[f"women_beyond_{t}"].astype(float)),
    Indicator("median_minutes", "minutes", False, False,
              lambda r, _t, _: r["median_minutes"].astype(float)),
    Indicator("places_per_10k", "num2", True, False,
              lambda r, _t, _: r["places_per_10k"].astype(float)),
    Indicator("women_per_centre", "int", False, False,
              lambda r, _t, _: (r["women"] / r["centres"].where(r["centres"] > 0))
              .astype(float)),
    Indicator("incidents_per_100k", "num1", False, False, _incident_rates),
)}
#: Indicator keys, in the order the dashboard offers them.
INDICATORS: tuple[str, ...] = tuple(REGISTRY)
#: Indicators for which a higher value is better (they get the light colours).
HIGHER_IS_BETTER = {k for k, i in REGISTRY.items() if i.higher_is_better}
#: How each indicator's values are written (see :func:`coverage.i18n.format_kind`).
VALUE_KIND: dict[str, str] = {k: i.kind for k, i in REGISTRY.items()}
#: Light (better) to dark (worse): ColorBrewer YlOrRd, 5 classes.
PALETTE: tuple[str, ...] = style.PALETTE


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
    if indicator not in REGISTRY:
        raise ValueError(f"unknown indicator '{indicator}'")
    return REGISTRY[indicator].values(regions.set_index("region_id"), threshold, incidents)


def classes_of(regions: pd.DataFrame, indicator: str, *, threshold: int,
               incidents: IncidentSet | None = None) -> Classes:
    """Return the map's classes of ``indicator``.

    Fisher-Jenks classes of its values, "no centre" for women per centre where a region
    has none, "<5" for suppressed incident counts.
    """
    values = indicator_values(regions, indicator, threshold=threshold, incidents=incidents)
    no_centre = (regions.set_index("region_id")["centres"] == 0
                 if indicator == "women_per_centre" else None)
    suppressed = (incidents.suppressed if indicator == "incidents_per_100k"
                  and incidents is not None else None)
    return classify(values, indicator, no_centre=no_centre, suppressed=suppressed)


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

    def colour_of(self, region_id: str) -> str:
        """Fill colour of a region."""
        c = int(self.region_class[region_id])
        return {-1: style.NO_DATA, -2: style.NO_CENTRE, -3: style.SUPPRESSED}.get(
            c, self.colours[c] if c >= 0 else style.NO_DATA)

    def special(self) -> list[tuple[str, str]]:
        """(colour, category) of the special categories in use.

        The categories are ``no_centre``, ``suppressed`` and ``no_data``.
        """
        items = []
        for code, colour, name in ((-2, style.NO_CENTRE, "no_centre"),
                                   (-3, style.SUPPRESSED, "suppressed"),
                                   (-1, style.NO_DATA, "no_data")):
            if (self.region_class == code).any():
                items.append((colour, name))
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
