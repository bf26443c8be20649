"""What the map can show per region, and how values fall into colour classes.

The indicator registry and the classes are numbers only; :mod:`coverage.labels` writes
them.

The web map, the static image, the brief and every export use :func:`classify`, so their
colours and class bounds are the same. The classes are fixed per indicator
(:data:`coverage.settings.CLASS_BREAKS`), so a colour keeps its meaning from view to view
and under a what-if scenario; regions without a figure get their own "no data" colour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import settings, style
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


#: Decimals of the value as written, per kind (shares as fractions: 0.1% is 3 decimals).
DECIMALS: dict[str, int] = {"pct": 3, "minutes": 0, "int": 0, "num1": 1, "num2": 2}


def classes_of(regions: pd.DataFrame, indicator: str, *, threshold: int,
               incidents: IncidentSet | None = None) -> Classes:
    """Return the map's classes of ``indicator``.

    Fixed classes (:data:`coverage.settings.CLASS_BREAKS`; incident rates at multiples of
    the set's national rate), "no centre" for women per centre where a region has none,
    "<5" for suppressed incident counts.
    """
    values = indicator_values(regions, indicator, threshold=threshold, incidents=incidents)
    no_centre = (regions.set_index("region_id")["centres"] == 0
                 if indicator == "women_per_centre" else None)
    suppressed = (incidents.suppressed if indicator == "incidents_per_100k"
                  and incidents is not None else None)
    breaks = None
    if indicator == "incidents_per_100k":
        breaks = incident_breaks(incidents) if incidents is not None else ()
    return classify(values, indicator, breaks=breaks, no_centre=no_centre,
                    suppressed=suppressed)


def incident_breaks(incidents: IncidentSet) -> tuple[float, ...]:
    """Class bounds of a set's rates: multiples of its national rate, as written (0.1)."""
    rate = incidents.national_rate() if incidents.women is not None else float("nan")
    if not np.isfinite(rate) or rate <= 0:
        return ()
    return tuple(sorted({round(rate * f, 1) for f in settings.INCIDENT_RATE_BREAKS}))


@dataclass(frozen=True)
class Classes:
    """Colour classes of one indicator.

    Attributes
    ----------
    indicator : str
        Its key in :data:`REGISTRY`.
    breaks : list of float
        Upper bound (inclusive) of every class but the last, in the indicator's units.
    zero : bool
        Whether class 0 holds exactly zero (then class 1 starts just above it).
    colours : list of str
        One colour per class: ``len(breaks) + 1 + zero``.
    region_class : Series
        Class of each region (``-1`` no data, ``-2`` no centre, ``-3`` fewer than five
        reported), indexed by region_id.
    values : Series
        The classified values (NaN: no data), indexed by region_id.
    """

    indicator: str
    breaks: list[float]
    zero: bool
    colours: list[str]
    region_class: pd.Series
    values: pd.Series

    def colour_of(self, region_id: str) -> str:
        """Fill colour of a region."""
        c = int(self.region_class[region_id])
        return {-1: style.NO_DATA, -2: style.NO_CENTRE, -3: style.SUPPRESSED}.get(
            c, self.colours[c] if c >= 0 else style.NO_DATA)

    def span(self, i: int) -> tuple[float, float]:
        """Return the lowest and highest value of class ``i``, as written.

        The lowest is one step (the precision values are written with) above the previous
        class's upper bound; an open end is ``-inf`` or ``inf``.
        """
        step = 10.0 ** -DECIMALS[REGISTRY[self.indicator].kind]
        if self.zero and i == 0:
            return 0.0, 0.0
        j = i - int(self.zero)  # index among the bounded classes
        low = (self.breaks[j - 1] + step if j > 0 else
               (step if self.zero else -np.inf))
        high = self.breaks[j] if j < len(self.breaks) else \
            settings.CLASS_TOP.get(self.indicator, np.inf)
        return float(low), float(high)

    def in_use(self) -> list[int]:
        """Classes that hold at least one region, lowest first."""
        used = set(self.region_class[self.region_class >= 0].astype(int))
        return [i for i in range(len(self.colours)) if i in used]

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


def classify(values: pd.Series, indicator: str, *,
             breaks: tuple[float, ...] | None = None,
             no_centre: pd.Series | None = None,
             suppressed: pd.Series | None = None) -> Classes:
    """Put each region in its fixed class, light = better.

    Parameters
    ----------
    values : Series
        Per region; NaN is "no data".
    breaks : tuple of float, optional
        Upper bounds of every class but the last; default
        :data:`coverage.settings.CLASS_BREAKS` of ``indicator`` (read at call time). Zero
        is a class of its own for the indicators in :data:`coverage.settings.CLASS_ZERO`.
    no_centre : Series of bool, optional
        Regions to mark "no centre" instead of "no data" (women per centre).
    suppressed : Series of bool, optional
        Regions to mark "fewer than 5 reported" instead of "no data".

    Notes
    -----
    A value is classed as it is written (a share to 0.1%, minutes whole), so that a
    region reading "25.0%" is never in the class above "25.0%".
    """
    if breaks is None:
        breaks = settings.CLASS_BREAKS.get(indicator, ())
    zero = indicator in settings.CLASS_ZERO
    region_class = pd.Series(-1, index=values.index, dtype=int)
    for flags, code in ((no_centre, -2), (suppressed, -3)):
        if flags is not None:
            region_class[flags.reindex(values.index).fillna(False).astype(bool)] = code
    if not breaks:  # nothing to class by (no incident figures): every region "no data"
        return Classes(indicator, [], False, [], region_class, values)
    written = values.astype(float).round(DECIMALS[REGISTRY[indicator].kind])
    finite = written[np.isfinite(written.to_numpy(dtype=float))]
    idx = np.searchsorted(np.asarray(breaks, float), finite.to_numpy(float), side="left")
    if zero:
        idx = np.where(finite.to_numpy(float) <= 0, 0, idx + 1)
    region_class[finite.index] = idx
    # The palette runs light to dark; "higher is better" classes run dark to light.
    palette = _palette(len(breaks) + 1 + int(zero))
    colours = palette[::-1] if indicator in HIGHER_IS_BETTER else palette
    return Classes(indicator, [float(b) for b in breaks], zero, colours, region_class, values)


def _palette(n: int) -> list[str]:
    picks = np.linspace(0, len(PALETTE) - 1, n).round().astype(int) if n > 1 else [2]
    return [PALETTE[i] for i in picks]
