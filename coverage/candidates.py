"""Where a new centre could go: the planner's candidate sites.

A ministry opens a crisis centre where there are staff, a building and police: in a town.
By default the candidates are the listed settlements of at least
:data:`~coverage.settings.PLAN_MIN_POPULATION` people, plus every regional
administrative centre (whatever its size), each without a centre already
(none within :data:`~coverage.settings.SAME_PLACE_KM`). The planner can widen this to every
listed settlement or restrict it to a list of GeoNames ids.

Candidates are GeoNames points inside the country (each settlement was placed in its
region by point-in-polygon when the data was built), and the women a site brings within
reach are the demand points of :mod:`coverage.population`, which lie on land inside the
borders: no lake, sea or neighbouring country adds women to a site.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import settings
from .travel import nearest


@dataclass(frozen=True)
class Candidates:
    """Which settlements may receive a new centre.

    Attributes
    ----------
    min_population : int, optional
        Smallest town (people, GeoNames); ``None`` reads
        :data:`~coverage.settings.PLAN_MIN_POPULATION`, 0 takes every listed settlement
        (those without a population figure too).
    capitals : bool
        Every regional administrative centre without a centre is a candidate, whatever
        its size.
    only : tuple of int, optional
        GeoNames ids: only these settlements (a list the user gives), still without a
        centre and outside excluded regions.
    capital_ids : tuple of int
        GeoNames ids of the regional administrative centres (:meth:`of` reads them from
        the regions).
    """

    min_population: int | None = None
    capitals: bool = True
    only: tuple[int, ...] | None = None
    capital_ids: tuple[int, ...] = ()

    @classmethod
    def of(cls, regions: pd.DataFrame, **rule: object) -> Candidates:
        """Return the rule with the capitals of ``regions`` (``admin_centre_geonameid``)."""
        ids = pd.to_numeric(regions["admin_centre_geonameid"], errors="coerce").dropna()
        return cls(capital_ids=tuple(sorted(int(g) for g in ids)), **rule)  # type: ignore[arg-type]

    @property
    def floor(self) -> int:
        """The population floor in use (the setting read now when not given)."""
        return (settings.PLAN_MIN_POPULATION if self.min_population is None
                else int(self.min_population))

    def describe(self) -> dict[str, object]:
        """Return the rule as plain values (for a plan's parameters and exports)."""
        return {"min_population": self.floor, "capitals": self.capitals,
                "only": list(self.only) if self.only is not None else None}


def candidate_sites(settlements: pd.DataFrame, centres: pd.DataFrame, *,
                    rule: Candidates | None = None,
                    exclude_regions: Iterable[str] = ()) -> pd.DataFrame:
    """Return the settlements where a new centre may go (see :class:`Candidates`).

    Parameters
    ----------
    settlements : DataFrame
        ``geonameid``, ``name``, ``lon``, ``lat``, ``region_id``, ``population`` (people;
        missing: below any floor; without the column no floor applies).
    centres : DataFrame
        Centres in place (kept): ``lon``, ``lat``.
    rule : Candidates, optional
        The rule; by default towns of the set size (and no capitals: build the rule with
        :meth:`Candidates.of` to add them).
    exclude_regions : iterable of str
        Regions where no new site may go.

    Returns
    -------
    DataFrame
        The candidate rows of ``settlements`` (a copy), with ``capital`` (bool), in the
        settlements' order.
    """
    rule = rule or Candidates()
    ids = settlements["geonameid"].astype("int64").to_numpy()
    is_capital = np.isin(ids, list(rule.capital_ids))
    keep = np.ones(len(ids), bool)
    # No population at all (a list of places without figures): the floor cannot apply.
    if rule.floor > 0 and "population" in settlements:
        keep = pd.to_numeric(settlements["population"], errors="coerce").fillna(0).to_numpy() \
            >= rule.floor
    if rule.capitals:
        keep |= is_capital
    if rule.only is not None:
        keep = np.isin(ids, list(rule.only))
    if len(centres):
        _, km = nearest(settlements["lon"].to_numpy(float), settlements["lat"].to_numpy(float),
                        centres["lon"].to_numpy(float), centres["lat"].to_numpy(float))
        keep &= km > settings.SAME_PLACE_KM
    keep &= ~settlements["region_id"].isin(list(exclude_regions)).to_numpy()
    return settlements.loc[keep].assign(capital=is_capital[keep]).reset_index(drop=True)
