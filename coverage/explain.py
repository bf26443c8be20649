"""Why each suggested site: the towns it brings within reach, the women, the minutes saved.

Sites are taken in the plan's order (each the best addition to those before it), so what a
site adds is what it adds beyond the centres in place and the sites before it; the figures
of all sites add up to the plan's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .i18n import fmt_int, fmt_minutes, t
from .reach import nearest_minutes, town_km_of
from .settings import TravelMode
from .travel import haversine_km, minutes_from_km

#: Towns named in a site's reason.
TOWNS_NAMED = 3


def _towns(demand: pd.DataFrame, newly: np.ndarray, names: dict[int, str]) -> list[dict]:
    """Return the listed towns whose women a site brings within reach, largest first."""
    if "kind" not in demand:
        return []
    town = demand["kind"].eq("settlement").to_numpy() & newly
    if not town.any():
        return []
    women = (pd.Series(demand["women"].to_numpy(float)[town],
                       index=demand["geonameid"].to_numpy()[town]).groupby(level=0).sum()
             .sort_values(ascending=False, kind="stable"))
    ids = women.index.to_numpy(dtype="int64")
    return [{"geonameid": int(g), "name": names.get(int(g), str(g)), "women": float(w)}
            for g, w in zip(ids, women.to_numpy(float))]


def site_effects(demand: pd.DataFrame, centres: pd.DataFrame, sites: pd.DataFrame, *,
                 minutes: float, travel: TravelMode,
                 town_names: dict[int, str] | None = None) -> pd.DataFrame:
    """Return what each site adds, in the order given.

    Parameters
    ----------
    demand : DataFrame
        Demand points: ``lon``, ``lat``, ``women``, ``town_km``, and for towns ``kind``
        (``settlement``) and ``geonameid``.
    centres : DataFrame
        Centres in place: ``lon``, ``lat``.
    sites : DataFrame
        The new sites in order: ``lon``, ``lat``.
    town_names : dict, optional
        Names of the towns by GeoNames id (default: the demand's ``name``).

    Returns
    -------
    DataFrame
        One row per site: ``women_gained`` (newly within ``minutes``), ``women_closer``
        (whose nearest centre becomes this site), ``minutes_saved`` (their minutes saved in
        all, women-weighted; ``NaN`` where no centre was in place), ``towns_reached`` (list
        of ``{geonameid, name, women}``, largest first), ``towns_count``.
    """
    if town_names is None and "name" in demand:
        listed = demand["geonameid"].notna()
        town_names = dict(zip(demand.loc[listed, "geonameid"].astype("int64"),
                              demand.loc[listed, "name"]))
    names = town_names or {}
    women = demand["women"].to_numpy(float)
    current = nearest_minutes(demand, centres, travel)
    town_km = town_km_of(demand)
    rows = []
    for lon, lat in zip(sites["lon"].to_numpy(float), sites["lat"].to_numpy(float)):
        here = minutes_from_km(haversine_km(demand["lon"].to_numpy(float),
                                            demand["lat"].to_numpy(float), lon, lat),
                               travel, town_km)
        newly = (current > minutes) & (here <= minutes)
        closer = here < current
        finite = closer & np.isfinite(current)
        towns = _towns(demand, newly, names)
        # With no centre in place there is nothing to save time against.
        saved = (float(np.sum(women[finite] * (current - here)[finite]))
                 if np.isfinite(current).any() else float("nan"))
        rows.append({"women_gained": float(women[newly].sum()),
                     "women_closer": float(women[closer].sum()), "minutes_saved": saved,
                     "towns_reached": towns, "towns_count": len(towns)})
        current = np.minimum(current, here)
    return pd.DataFrame(rows, columns=["women_gained", "women_closer", "minutes_saved",
                                       "towns_reached", "towns_count"])


def reason(site: dict, *, lang: str, minutes: float,
           town_names: dict[int, str] | None = None) -> str:
    """Write one line on why a site: its towns, the women it adds, the minutes it saves.

    ``site`` is a row of a plan's ``chosen`` table (with :func:`site_effects`' columns and
    ``capital``); towns are named from ``town_names`` (by GeoNames id; the reader's
    language), else as given there.
    """
    towns = site.get("towns_reached") or []
    names = town_names or {}
    named = [t("why_town", lang, town=names.get(int(x["geonameid"]), x["name"]),
               women=fmt_int(x["women"], lang), n=round(x["women"]))
             for x in towns[:TOWNS_NAMED]]
    parts = []
    if site.get("capital"):
        parts.append(t("why_capital", lang))
    if named:
        more = len(towns) - len(named)
        listed = ", ".join(named) + (t("why_more_towns", lang, n=more) if more > 0 else "")
        parts.append(t("why_towns", lang, towns=listed, t=int(minutes)))
    gained = round(float(site.get("women_gained") or 0))
    parts.append(t("why_women", lang, women=fmt_int(gained, lang), n=gained, t=int(minutes))
                 if gained > 0 else t("why_no_women", lang, t=int(minutes)))
    closer, saved = round(float(site.get("women_closer") or 0)), site.get("minutes_saved")
    if closer > 0 and saved is not None and np.isfinite(saved):
        parts.append(t("why_closer", lang, women=fmt_int(closer, lang), n=closer,
                       minutes=fmt_minutes(float(saved) / closer, lang)))
    line = "; ".join(parts) + "."
    return line[:1].upper() + line[1:]
