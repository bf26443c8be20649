"""The report as strict JSON and as one flat table (CSV) holding the same figures.

JSON is strict everywhere: infinite or unknown numbers are ``null`` (never ``Infinity`` or
``NaN``, which JSON does not have). The CSV carries every figure of the JSON report: one
row per region, then the national groups, with nested figures flattened into columns
(``share_within_120_low``, ``centres_reported_period``, ...).
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Sequence
from typing import Any, cast

import numpy as np
import pandas as pd

from .report import Report
from .sensitivity import ASSUMPTIONS

#: JSON names of the groups of :data:`coverage.reach.AREAS`.
AREA_KEYS = {"national": "national", "outside_almaty": "outside_almaty",
             "outside_cities": "outside_almaty_astana_shymkent"}
AREA_NAMES = {"national": "Kazakhstan", "outside_almaty": "Kazakhstan outside Almaty",
              "outside_almaty_astana_shymkent":
                  "Kazakhstan outside Almaty, Astana and Shymkent"}


def strict(value: object) -> object:
    """Return a JSON-ready copy of ``value``.

    Non-finite and missing numbers become ``None``, NumPy and pandas scalars plain
    Python, tuples lists, keys text.
    """
    if isinstance(value, dict):
        return {str(k): strict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [strict(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is pd.NA or value is pd.NaT or value is None:
        return None
    return value


def dumps(value: object, **kwargs: Any) -> str:
    """Strict JSON text (``allow_nan=False``: a stray infinity is a bug, not output)."""
    return json.dumps(strict(value), allow_nan=False, ensure_ascii=False, **kwargs)


def _num(x: float | None) -> float | None:
    return None if x is None or pd.isna(x) or not math.isfinite(x) else float(x)


def _reported(value: float | None, period: str, qualifier: str, url: str) -> dict | None:
    if pd.isna(value):
        return None
    return {"value": int(value), "period": period, "qualifier": qualifier or None,
            "source_url": url}


def _completeness_json(r: pd.Series | dict[str, Any]) -> dict:
    return {
        "centres_located": int(r["centres_located"]),
        "centres_reported": _reported(r["centres_reported"], r["reported_period"],
                                      r["reported_qualifier"], r["reported_source_url"]),
        "register_incomplete": bool(r["register_incomplete"]),
        "centres_missing": int(r["centres_missing"]),
        "beds_reported": None if pd.isna(r["beds_reported"]) else int(r["beds_reported"]),
        "clients_reported": _reported(r["clients_reported"], r["clients_period"], "",
                                      r["clients_source_url"]),
    }


def _sensitivity_json(by_assumption: dict, driver: dict, thresholds: Sequence[int]) -> dict:
    return {
        "share_within_by_assumption": {
            str(t): {a: [_num(lo), _num(hi)] for a, (lo, hi) in by_assumption[t].items()}
            for t in thresholds},
        "moved_most_by": {str(t): driver[t] for t in thresholds},
    }


def _area_json(summary: dict, thresholds: Sequence[int]) -> dict:
    out = {
        "women": int(round(summary["women"])),
        "centres": summary["centres"],
        "centres_planned": summary["centres_planned"],
        "women_within": {str(t): int(round(summary["women_within"][t])) for t in thresholds},
        "share_within": {str(t): _num(summary["share_within"][t]) for t in thresholds},
        "share_within_range": {str(t): [_num(v) for v in summary["share_within_range"][t]]
                               for t in thresholds},
        **_sensitivity_json(summary["share_within_by_assumption"], summary["moved_most_by"],
                            thresholds),
        "median_minutes": _num(summary["median_minutes"]),
        "p90_minutes": _num(summary["p90_minutes"]),
        "centres_reported": None,
        "register_incomplete": summary["register_incomplete"],
    }
    if "places_per_10k" in summary:
        out["places_per_10k"] = _num(summary["places_per_10k"])
    return out


def _standards_json(r: pd.Series | dict[str, Any]) -> dict:
    gap = r["shelter_places_gap"]
    return {
        "population": int(r["population"]), "has_centre": bool(r["has_centre"]),
        "shelter_places_needed": int(r["shelter_places_needed"]),
        "shelter_places_known": int(r["shelter_places_known"]),
        "centres_capacity_unknown": int(r["centres_capacity_unknown"]),
        "shelter_places_gap": None if pd.isna(gap) else int(gap),
        "shelter_places_gap_at_most": int(r["shelter_places_gap_at_most"]),
        "counselling_centres_needed": int(r["counselling_centres_needed"]),
        "counselling_gap": int(r["counselling_gap"]),
        "shelter_denominator": r["shelter_denominator"],
        "counselling_denominator": r["counselling_denominator"],
    }


def _incidents_json(records: pd.DataFrame) -> list[dict]:
    return [{"indicator": r["indicator"], "period": r["period"],
             "value": None if pd.isna(r["value"]) else int(r["value"]),
             "per_100k_women": _num(r["per_100k_women"]), "shown_as": r["shown_as"],
             "source_url": r["source_url"],
             "note": None if pd.isna(r["note"]) else r["note"]}
            for r in records.to_dict("records")]


def _region_json(r: dict, t: Sequence[int], incidents: pd.DataFrame,
                 silent_minutes: int) -> dict:
    return {
        "region_id": r["region_id"], "name": r["name_en"], "name_ru": r["name_ru"],
        "name_kk": r["name_kk"], "kind": r["kind"],
        "women": int(round(r["women"])), "centres": int(r["centres"]),
        "centres_planned": int(r["centres_planned"]),
        "women_within": {str(m): int(round(r[f"women_within_{m}"])) for m in t},
        "share_within": {str(m): _num(r[f"share_within_{m}"]) for m in t},
        "share_within_range": {str(m): [_num(r[f"share_within_{m}_low"]),
                                        _num(r[f"share_within_{m}_high"])] for m in t},
        **_sensitivity_json(
            {m: {a: (r[f"share_within_{m}_{a}_low"], r[f"share_within_{m}_{a}_high"])
                 for a in ASSUMPTIONS} for m in t},
            {m: r[f"share_within_{m}_driver"] for m in t}, t),
        "median_minutes": _num(r["median_minutes"]),
        "p90_minutes": _num(r["p90_minutes"]),
        "places_per_10k": _num(r["places_per_10k"]),
        **_completeness_json(r),
        "standards": _standards_json(r),
        "incidents": _incidents_json(incidents[incidents["region_id"] == r["region_id"]]),
        "silent_zone": bool(r[f"silent_zone_{silent_minutes}"]),
        "silent_zone_by_minutes": {str(m): bool(r[f"silent_zone_{m}"]) for m in t},
    }


def report_json(report: Report) -> dict:
    """Return the report as strict-JSON-ready dicts.

    Minutes as string keys, shares from 0 to 1, ``None`` for unknown or infinite values.
    """
    t = report.params["minutes"]
    out: dict[str, Any] = {"params": strict(report.params)}
    for name, key in AREA_KEYS.items():
        out[key] = _area_json(report.areas[name], t)
    national = cast(pd.Series, report.completeness.set_index("region_id").loc["KZ"])
    out["national"].update(_completeness_json(national))
    out["national"]["standards"] = _standards_json(
        cast(pd.Series, report.standards.set_index("region_id").loc["KZ"]))
    silent = report.params["silent_zones"]["minutes"]
    out["regions"] = [_region_json(r, t, report.incidents, silent)
                      for r in report.regions.to_dict("records")]
    return cast(dict, strict(out))


def _flatten(prefix: str, value: object, into: dict) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            name = prefix if k == "value" else f"{prefix}_{k}" if prefix else k
            _flatten(name, v, into)
    elif isinstance(value, list):
        _flatten(prefix, {"low": value[0], "high": value[1]}, into)
    else:
        into[prefix] = value


def _flat_row(entry: dict) -> dict:
    row: dict = {}
    for key, value in entry.items():
        if key == "standards":
            _flatten("", value, row)  # the standards' names are distinct already
        elif key in ("share_within_range", "share_within_by_assumption"):
            _flatten("share_within", value, row)
        elif key == "incidents":
            _flat_incidents(value, row)
        else:
            _flatten(key, value, row)
    return row


def incident_columns(report: Report) -> pd.DataFrame:
    """Return the regions' incident figures of :func:`report_json`, flat.

    ``region_id`` and one group of columns per indicator and period, for the CSV and
    GeoJSON exports.
    """
    rows = []
    for rid, records in report.incidents.groupby("region_id", sort=False):
        row: dict = {"region_id": rid}
        _flat_incidents(_incidents_json(records), row)
        rows.append(row)
    return pd.DataFrame(rows, columns=None if rows else ["region_id"])


def _flat_incidents(figures: list[dict], row: dict) -> None:
    for fig in figures:  # one group of columns per indicator and period
        prefix = f"incidents_{fig['indicator']}_{fig['period']}"
        for name, v in fig.items():
            if name not in ("indicator", "period"):
                row[f"{prefix}_{name}"] = v


def report_table(report: Report) -> pd.DataFrame:
    """Return every figure of :func:`report_json`, flat.

    One row per region, then the national groups (``area`` column); ``basis`` says which
    centres the figures count.
    """
    doc = report_json(report)
    rows = [{"area": "region", **_flat_row(r)} for r in doc["regions"]]
    for key in AREA_KEYS.values():
        rows.append({"area": key, "region_id": "KZ", "name": AREA_NAMES[key],
                     **_flat_row(doc[key])})
    table = pd.DataFrame(rows)
    table["basis"] = report.params["basis"]["text"]
    for col in table.columns:
        if col.startswith(("women", "centres", "population", "shelter_places",
                           "counselling_centres", "counselling_gap", "beds_reported",
                           "clients_reported")) and not col.endswith(
                ("_period", "_qualifier", "_source_url")):
            table[col] = table[col].astype("Int64")  # whole numbers, empty when unknown
    return table


def report_csv(report: Report) -> str:
    """:func:`report_table` as CSV text (unknown or infinite values left empty)."""
    buf = io.StringIO()
    report_table(report).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()
