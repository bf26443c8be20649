"""The "Data and method" text in English, Russian and Kazakh.

It is filled with the figures and settings a report actually used (so the text never
drifts from the numbers).
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from . import settings
from .basis import reported_text
from .catalogue import read_text
from .i18n import LANGUAGES, fmt_int, fmt_num, fmt_pct
from .report import Report
from .travel import town_minutes, travel_mode

#: The Markdown text per language (``coverage/locale/<lang>/method.md``), filled by
#: :func:`method_markdown`.
METHOD: dict[str, str] = {lang: read_text("method", lang) for lang in LANGUAGES}


def _decimal(x: float, lang: str) -> str:
    text = f"{x:g}"
    return text if lang == "en" else text.replace(".", ",")


def _points(x: float, lang: str) -> str:
    """Percentage points of a share difference, one decimal."""
    return fmt_num(abs(x) * 100, lang, 1)


def _error_range(evidence: pd.DataFrame, placement: str, lang: str) -> str:
    row = cast(pd.Series, evidence.set_index("placement").loc[placement])
    errs = [row[c] for c in ("err_60", "err_120", "err_180")]
    low, high = min(errs), max(errs)
    return f"{_points(low, lang)}–{_points(high, lang)}"


def method_markdown(report: Report, *, lang: str, evidence: pd.DataFrame,
                    centres: pd.DataFrame, region_names: dict[str, str],
                    incident_set: str) -> str:
    """Write the method text of ``report`` in ``lang``.

    Parameters
    ----------
    evidence : DataFrame
        :func:`coverage.evidence.load_evidence` (best placement first).
    centres : DataFrame
        The register in use (before a scenario), for the counts of entries and capacities.
    region_names : dict
        Region names in ``lang``, by id.
    incident_set : str
        The incident figures in use, already written for ``lang``.
    """
    comp = report.completeness.set_index("region_id")
    kz = cast(pd.Series, comp.loc["KZ"])
    incomplete = comp.drop("KZ")
    incomplete = incomplete[incomplete["register_incomplete"]]
    listing = "; ".join(
        f"{region_names[str(rid)]} {fmt_int(float(r['centres_located']), lang)}/"
        f"{reported_text(r['centres_reported'], r['reported_qualifier'], lang)}"
        for rid, r in incomplete.iterrows()) or "—"
    sc = settings.TRAVEL_MODES
    params = report.params
    return METHOD[lang].format(
        centres=len(centres), known=int(centres["beds"].notna().sum()),
        reported=("—" if pd.isna(kz["centres_reported"])
                  else reported_text(kz["centres_reported"], kz["reported_qualifier"], lang)),
        reported_period=kz["reported_period"] or "—",
        located=fmt_int(float(kz["centres_located"]), lang), incomplete=listing,
        rural=fmt_pct(params["women_spread_share"], lang, 0),
        cell=_decimal(settings.GRID_CELL_KM, lang),
        bw=_decimal(settings.KERNEL_BANDWIDTH_KM, lang),
        best_err=_points(evidence["mean_abs_err"].iloc[0], lang),
        err30=_error_range(evidence, "equal 30 km", lang),
        errpop30=_error_range(evidence, "population 30 km", lang),
        floor=fmt_int(settings.TOWN_WEIGHT_FLOOR, lang),
        density=fmt_int(settings.TOWN_DENSITY_PER_KM2, lang), rings=settings.TOWN_RINGS,
        urban_car=_decimal(sc["car"].urban_speed_kmh, lang),
        urban_bus=_decimal(sc["no-car"].urban_speed_kmh, lang),
        urban_winter=_decimal(sc["winter"].urban_speed_kmh, lang),
        almaty=fmt_int(town_minutes(_almaty_people(report), travel_mode("car")), lang),
        detour=_decimal(sc["car"].detour, lang), car=_decimal(sc["car"].speed_kmh, lang),
        nocar=_decimal(sc["no-car"].speed_kmh, lang),
        wait=_decimal(sc["no-car"].wait_minutes, lang),
        winter=_decimal(sc["winter"].speed_kmh, lang),
        placed=len(report.unlocated), unattributed=params["variants"]["register"]["unattributed"],
        unknown=params["unknown_capacity_centres"], incident_set=incident_set)


def _almaty_people(report: Report) -> float:
    """People of Almaty city (its official total: the city's listed places are scaled to it)."""
    return float(cast(float, report.standards.set_index("region_id").loc["KZ-75", "population"]))
