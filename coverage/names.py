"""Names in the reader's language: settlements (GeoNames) and crisis centres (the register).

A place has one name per language wherever it is shown (the planner's list, a centre's
card, the region view, the basis line of every map and export):
:func:`coverage.i18n.settlement_name` chooses it among GeoNames' Cyrillic spellings. A
centre is shown by the register's local name in Russian and Kazakh (``name_local``, as the
source wrote it), by its English name otherwise. A centre the planner adds is named after
its settlement when it is shown, in the language shown ("Жаңа орталық, Серебрянск"): the
scenario and its link keep the settlement's GeoNames id, never a translated name.

Names and settlements only: the register holds no street or address (shelter addresses
are confidential), and nothing here adds one.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping

import pandas as pd

from .i18n import CATALOGUE, LANGUAGES, fmt_num, settlement_name, t

#: A centre: a row of the register, column to value (``DataFrame.to_dict("records")``).
Centre = Mapping[Hashable, object]


def settlement_names(settlements: pd.DataFrame, lang: str) -> dict[int, str]:
    """Return every listed settlement's name in ``lang``, by GeoNames id.

    Parameters
    ----------
    settlements : DataFrame
        ``geonameid``, ``name`` and ``cyrillic_names`` (:func:`coverage.data.load_settlements`).
    lang : str
        ``en``, ``ru`` or ``kk``.
    """
    return {int(g): settlement_name(str(n), c, lang) for g, n, c in zip(
        settlements["geonameid"], settlements["name"], settlements["cyrillic_names"])}


def _geonameid(value: object) -> int | None:
    """Read a GeoNames id as a number (``None`` when missing or not a whole number)."""
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() and number > 0 else None


def _settlement_ids(centres: pd.DataFrame, settlements: pd.DataFrame) -> list[int | None]:
    """Return each centre's listed settlement: its ``geonameid``, else its name in its region.

    A user's register may give no id: its ``settlement`` is then matched to GeoNames'
    name in the same region (the smallest id where two share a name), else ``None``.
    """
    known = set(settlements["geonameid"].astype(int))
    by_name: dict[tuple[str, str], int] = {}
    for g, n, r in sorted(zip(settlements["geonameid"].astype(int), settlements["name"],
                              settlements["region_id"]), reverse=True):
        by_name[(str(r), str(n))] = int(g)
    ids = centres["geonameid"] if "geonameid" in centres else pd.Series(None, centres.index)
    places = centres["settlement"] if "settlement" in centres else pd.Series("", centres.index)
    out: list[int | None] = []
    for gid, place, region in zip(ids, places.fillna("").astype(str), centres["region_id"]):
        number = _geonameid(gid)
        out.append(number if number in known else by_name.get((str(region), place)))
    return out


def with_local_names(centres: pd.DataFrame, settlements: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``centres`` that names each centre and settlement in every language.

    Adds ``settlement_<lang>`` (the settlement's name in the language: GeoNames' for a
    listed settlement, else the register's text as written) and ``name_<lang>``
    (:func:`centre_name`) for each of :data:`~coverage.i18n.LANGUAGES`. The register's own
    columns are kept as they are: ``name`` and ``settlement`` stay the English data the
    figures and the machine-readable exports use.
    """
    out = centres.copy()
    ids = _settlement_ids(out, settlements)
    given = (out["settlement"].fillna("").astype(str) if "settlement" in out
             else pd.Series("", out.index))
    for lang in LANGUAGES:
        names = settlement_names(settlements, lang)
        out[f"settlement_{lang}"] = [names[g] if g is not None else place
                                     for g, place in zip(ids, given)]
    # After the settlements: a planned centre is named after its settlement's name.
    rows = out.drop(columns=[f"name_{lang}" for lang in LANGUAGES],
                    errors="ignore").to_dict("records")
    for lang in LANGUAGES:
        out[f"name_{lang}"] = [centre_name(row, lang) for row in rows]
    return out


def _text(value: object) -> str:
    """Write a cell as text: "" for an empty or missing one."""
    if isinstance(value, str):
        return value.strip()
    missing = value is None or value is pd.NA or (isinstance(value, float)
                                                  and math.isnan(value))
    return "" if missing else str(value).strip()


def centre_place(centre: Centre, lang: str) -> str:
    """Return a centre's settlement in ``lang`` ("" when the register gives none).

    ``centre`` is a row of the register (a mapping of column to value); its
    ``settlement_<lang>`` (:func:`with_local_names`) when there, else its ``settlement``.
    """
    return _text(centre.get(f"settlement_{lang}")) or _text(centre.get("settlement"))


def _prefixes(key: str) -> tuple[str, ...]:
    """Return the text before the first placeholder of ``key``, in every language."""
    return tuple(CATALOGUE[key][lang].split("{")[0] for lang in LANGUAGES)


def _planner_name(centre: Centre, name: str, lang: str) -> str:
    """Return the name the planner gives a centre it adds, in ``lang``.

    "" when the name is someone's own (a scenario file may name its centres). The
    planner's names are recognised in any language, so a scenario saved with a Russian
    name reads in English too.
    """
    place = centre_place(centre, lang)
    if place and name.startswith(_prefixes("plan_new_centre")):
        return t("plan_new_centre", lang, place=place)
    if not place and name.startswith(_prefixes("plan_new_centre_at")):
        # As :func:`coverage.scenarios.at_point` writes it in English: two decimals.
        lat, lon = (float(str(centre.get(k))) for k in ("lat", "lon"))
        return t("plan_new_centre_at", lang, lat=fmt_num(lat, lang, 2),
                 lon=fmt_num(lon, lang, 2))
    return ""


def centre_name(centre: Centre, lang: str) -> str:
    """Return a centre's name as the reader of ``lang`` sees it.

    In order: the name :func:`with_local_names` wrote for the language; for a centre a
    scenario plans, the planner's name in the language ("Новый центр, Серебрянск"); in
    Russian and Kazakh, the register's local name (``name_local``) where it has one; else
    the register's English ``name``.
    """
    shown = _text(centre.get(f"name_{lang}"))
    if shown:
        return shown
    name = _text(centre.get("name"))
    if centre.get("status") == "planned":
        name = _planner_name(centre, name, lang) or name
    elif lang != "en":
        name = _text(centre.get("name_local")) or name
    return name


def centre_names(centres: pd.DataFrame, lang: str) -> list[str]:
    """Return :func:`centre_name` of every centre, in row order."""
    return [centre_name(row, lang) for row in centres.to_dict("records")]


def centre_places(centres: pd.DataFrame, lang: str) -> list[str]:
    """Return :func:`centre_place` of every centre, in row order."""
    return [centre_place(row, lang) for row in centres.to_dict("records")]
