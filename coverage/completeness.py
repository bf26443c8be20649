"""How complete is the register? Centres located against centres officials report.

``centre_counts.csv`` holds what officials say exists, without places: 69 crisis centres
nationally (2024), 4 in East Kazakhstan (2025), 9 in Akmola, ... A region (or the
country) is **register incomplete** when officials report more centres than the register
in use locates there; its shares of women within reach are then floors.

The **unlocated-centres variant** places each missing centre of a region at the region's
administrative centre, then at its largest towns without a centre, so that the
sensitivity range shows how far the figures could move. Centres that officials report
only nationally (not by region) cannot be placed and are counted, not drawn.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from . import settings
from .travel import nearest

NATIONAL_ID = settings.NATIONAL_ID  # the one home: settings
#: A town with a centre closer than this (km) already has one.

COMPLETENESS_COLUMNS = [
    "region_id", "centres_located", "centres_reported", "reported_period",
    "reported_qualifier", "reported_source_url", "beds_reported", "clients_reported",
    "clients_period", "clients_source_url", "register_incomplete", "centres_missing"]


def _latest(counts: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Return the latest figure of ``measure`` per region (periods sort as text)."""
    rows = counts[counts["measure"] == measure]
    return (rows.sort_values(["region_id", "period"], kind="stable")
            .drop_duplicates("region_id", keep="last").set_index("region_id"))


def is_planned(centres: pd.DataFrame) -> np.ndarray:
    """Flag the centres a scenario plans (not in the register)."""
    if "status" not in centres:
        return np.zeros(len(centres), dtype=bool)
    return (centres["status"] == "planned").to_numpy()


def register_completeness(centres: pd.DataFrame, counts: pd.DataFrame,
                          region_ids: list[str]) -> pd.DataFrame:
    """Centres located in the register in use against centres reported, per region.

    Parameters
    ----------
    centres : DataFrame
        Centres in use (``region_id``; ``status == "planned"`` rows are not counted).
    counts : DataFrame
        :func:`coverage.data.load_centre_counts`.
    region_ids : list of str
        Regions in order; a national row ``KZ`` is appended.

    Returns
    -------
    DataFrame
        One row per region and ``KZ``: ``centres_located``; ``centres_reported`` (Int64,
        ``<NA>`` where officials give no count), its ``reported_period``,
        ``reported_qualifier`` (``""`` or ``at_least``) and ``reported_source_url``;
        ``beds_reported`` (Int64); ``clients_reported`` (people who applied to crisis
        centres), ``clients_period``, ``clients_source_url``; ``register_incomplete``
        (reported > located) and ``centres_missing`` (reported - located, at least 0).
    """
    existing = centres[~is_planned(centres)]
    located = existing["region_id"].value_counts()
    ids = [*region_ids, NATIONAL_ID]
    reported = _latest(counts, "crisis_centres_reported").reindex(ids)
    beds = _latest(counts, "crisis_centre_beds_reported").reindex(ids)
    clients = _latest(counts, "crisis_centre_clients").reindex(ids)
    out = pd.DataFrame({"region_id": ids})
    out["centres_located"] = [int(located.get(r, 0)) for r in region_ids] + [len(existing)]
    out["centres_reported"] = pd.array(reported["value"].to_numpy(), dtype="Int64")
    out["reported_period"] = reported["period"].fillna("").to_numpy()
    out["reported_qualifier"] = reported["qualifier"].fillna("").to_numpy()
    out["reported_source_url"] = reported["source_url"].fillna("").to_numpy()
    out["beds_reported"] = pd.array(beds["value"].to_numpy(), dtype="Int64")
    out["clients_reported"] = pd.array(clients["value"].to_numpy(), dtype="Int64")
    out["clients_period"] = clients["period"].fillna("").to_numpy()
    out["clients_source_url"] = clients["source_url"].fillna("").to_numpy()
    missing = (out["centres_reported"] - out["centres_located"]).fillna(0).clip(lower=0)
    out["centres_missing"] = missing.astype("int64")
    out["register_incomplete"] = out["centres_missing"] > 0
    return out[COMPLETENESS_COLUMNS]


def unattributed_missing(completeness: pd.DataFrame) -> int:
    """Count the centres reported nationally beyond those of the regions' own counts.

    Officials report them, but not where they are.
    """
    table = completeness.set_index("region_id")
    regional = int(table.drop(NATIONAL_ID)["centres_missing"].sum())
    return max(int(cast(int, table.loc[NATIONAL_ID, "centres_missing"])) - regional, 0)


def unlocated_centres(completeness: pd.DataFrame, centres: pd.DataFrame,
                      settlements: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Place the missing centres of each incomplete region where they most likely are.

    Each region's ``centres_missing`` go first to its administrative centre, then to its
    largest towns (by population), skipping every town that already has a centre
    (within ``settings.SAME_PLACE_KM``). A region with fewer towns than missing centres gets
    one per town.

    Returns
    -------
    DataFrame
        ``centre_id`` (``unlocated-<region>-<n>``), ``name``, ``settlement``,
        ``geonameid``, ``region_id``, ``lon``, ``lat``, ``beds`` (unknown),
        ``status`` (``unlocated``), like a register.
    """
    admin = dict(zip(regions["region_id"], regions["admin_centre_geonameid"]))
    rows = []
    for r in completeness.itertuples():
        missing = cast(int, r.centres_missing)
        if r.region_id == NATIONAL_ID or missing <= 0:
            continue
        towns = settlements[settlements["region_id"] == r.region_id]
        _, km = nearest(towns["lon"].to_numpy(float), towns["lat"].to_numpy(float),
                        centres["lon"].to_numpy(float), centres["lat"].to_numpy(float))
        free = towns[km > settings.SAME_PLACE_KM]
        order = free.assign(
            _admin=free["geonameid"] == admin.get(r.region_id),
            _people=free["population"].astype("Float64").fillna(0)).sort_values(
            ["_admin", "_people", "geonameid"], ascending=[False, False, True])
        for n, town in enumerate(order.head(missing).itertuples(), start=1):
            rows.append({"centre_id": f"unlocated-{r.region_id}-{n}",
                         "name": f"Unlocated centre {n}, {town.name}",
                         "settlement": town.name, "geonameid": int(cast(int, town.geonameid)),
                         "region_id": r.region_id, "lon": float(cast(float, town.lon)),
                         "lat": float(cast(float, town.lat)), "status": "unlocated"})
    out = pd.DataFrame(rows, columns=["centre_id", "name", "settlement", "geonameid",
                                      "region_id", "lon", "lat", "status"])
    out["beds"] = pd.array([pd.NA] * len(out), dtype="Int64")
    return out
