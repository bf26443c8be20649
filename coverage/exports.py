"""Files to take away: tables, regions with figures, the map as a standalone page.

Tables are CSV or XLSX (:mod:`coverage.spreadsheet`), regions with figures GeoJSON, the
map a standalone HTML page. Every figure is rounded by its kind (shares, minutes, people,
rates), the same way in every file; unknown values are empty cells or ``null``.

Text cells that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
``@``) get a leading apostrophe, so a centre named ``=HYPERLINK(...)`` stays text.
Nothing here holds an address: only what the validated frames hold.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from .i18n import t
from .report import Report
from .report_format import dumps, incident_columns
from .spreadsheet import (
    column_kinds,
    figure_kind,
    is_missing,
    is_number,
    safe_text,
    stored,
    table_xlsx,
)

__all__ = ["about_rows", "csv_separators", "json_value", "regions_geojson", "safe_text",
           "table_csv", "table_xlsx", "with_basis"]

#: Decimals written in CSV per kind (``pct`` as a percentage, 53.1).
_CSV_DIGITS: dict[str, int] = {"pct": 1, "minutes": 0, "int": 0, "num2": 2, "num1": 1,
                               "num": 1}


def csv_separators(lang: str) -> tuple[str, str]:
    """Return the field separator and decimal mark Excel expects in ``lang``'s locale.

    Russian and Kazakh Excel split on ``;`` and read ``53,1``; English on ``,`` and
    ``53.1``.
    """
    return (",", ".") if lang == "en" else (";", ",")


def _csv_number(value: float, kind: str, decimal: str) -> str:
    if kind == "pct":
        value *= 100
    digits = _CSV_DIGITS.get(kind)
    if digits is None:  # a figure of no known kind: as precise as stored, no noise
        text = f"{value:.4f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:.{digits}f}"
    if float(text) == 0:
        text = text.lstrip("-")  # -0.0 from a tiny negative is just 0
    return text.replace(".", decimal)


def _csv_cell(value: object, kind: str, decimal: str) -> object:
    if is_missing(value):
        return ""
    if is_number(value):
        return _csv_number(float(value), kind, decimal)  # type: ignore[arg-type]
    return safe_text(value) if isinstance(value, str) else value


def _csv_header(name: object, kind: str) -> object:
    # Shares are written as percentages: the header must say so.
    if kind == "pct" and "%" not in str(name):
        name = f"{name} (%)"
    return safe_text(name)


def table_csv(df: pd.DataFrame, *, lang: str, kinds: dict[str, str] | None = None) -> bytes:
    """Return ``df`` as CSV that Excel opens into columns in ``lang``'s locale.

    Parameters
    ----------
    df : DataFrame
        The table; it is not changed.
    lang : str
        ``en``: ``,`` between fields and a decimal point; ``ru`` and ``kk``: ``;`` and a
        decimal comma. No thousands separators.
    kinds : dict, optional
        Column -> kind (``int``, ``pct``, ``minutes``, ``num``, ``num1``, ``num2``,
        ``text``); ``df.attrs["kinds"]`` when ``None``, then the names of the report's
        figures (:func:`coverage.spreadsheet.column_kinds`).

    Returns
    -------
    bytes
        UTF-8 with BOM (Excel then reads Cyrillic correctly). Shares as percentages with
        one decimal (0.5309 -> ``53.1``, header ``... (%)``), minutes and counts whole;
        unknown values empty; text never a formula.
    """
    sep, decimal = csv_separators(lang)
    resolved = column_kinds(df, kinds)
    out = pd.DataFrame({
        i: [_csv_cell(v, resolved[col], decimal) for v in df[col].tolist()]
        for i, col in enumerate(df.columns)}, index=range(len(df)), dtype=object)
    out.columns = [_csv_header(col, resolved[col]) for col in df.columns]
    return out.to_csv(index=False, sep=sep, lineterminator="\n").encode("utf-8-sig")


def with_basis(df: pd.DataFrame, *, column: str, text: str) -> pd.DataFrame:
    """Return a copy with a last column saying what the figures stand on.

    It is the same on every row, so that a row copied elsewhere keeps it.
    """
    return df.assign(**{column: text})


def about_rows(*, basis: str, sources: str, parameters: dict[str, str], date: str,
               lang: str) -> dict[str, str]:
    """Return the rows of a workbook's "About" sheet, labels in ``lang``.

    Parameters
    ----------
    basis : str
        What the figures stand on (``report.basis.text(lang)``).
    sources : str
        The source line (:func:`coverage.basis.source_line`).
    parameters : dict
        Label -> value of every choice the figures depend on (travel mode, threshold,
        indicator, ...), labels already in ``lang``; written between the sources and the
        date, in this order.
    date : str
        When the file was made (ISO date).
    lang : str
        Language of the labels.

    Returns
    -------
    dict
        Label -> text, for ``table_xlsx(about=...)``.

    Raises
    ------
    ValueError
        A parameter's label is one of the fixed labels (it would hide that row).
    """
    fixed = {t("about_basis", lang): basis, t("about_sources", lang): sources}
    dated = {t("about_date", lang): date}
    clash = (set(fixed) | set(dated)) & set(parameters)
    if clash:
        raise ValueError(f"parameter labels {sorted(clash)} are taken by the About sheet")
    return {**fixed, **parameters, **dated}


def json_value(value: object, name: str = "") -> object:
    """Return ``value`` ready for JSON, figures rounded by their name's kind.

    Shares keep 4 decimals (fractions), minutes 1, people whole, rates 2; other numbers
    4. Dicts and lists are walked, their figures named by their keys (or the parent's).
    Unknown and infinite values are ``None``.
    """
    if isinstance(value, dict):
        # Keys such as "60" (minutes) name nothing: the figures are the parent's.
        return {k: json_value(v, name if str(k).isdigit() else str(k))
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v, name) for v in value]
    if is_missing(value):
        return None
    if is_number(value):
        return stored(value, figure_kind(name) or "auto")
    if not isinstance(value, str) and pd.isna(value):  # type: ignore[call-overload]
        return None  # NaN in a text column
    return value.item() if hasattr(value, "item") else value


def regions_geojson(regions: gpd.GeoDataFrame, report: Report) -> str:
    """Regions with every figure of the report, as strict GeoJSON (lon/lat).

    The collection's ``properties`` hold the report's parameters and ``basis`` (which
    centres the figures count). Figures are rounded by kind: shares as fractions with 4
    decimals (0.5309), minutes 1 decimal, people whole, rates per 100,000 women and
    places per 10,000 women 2 decimals; unknown or infinite values are ``null``.
    """
    figures = report.regions.drop(columns=["name_en", "name_ru", "name_kk", "kind"])
    figures = figures.merge(incident_columns(report), on="region_id", how="left")
    gdf = regions.drop(columns=["source"], errors="ignore").merge(figures, on="region_id")
    features = []
    for row in gdf.to_dict("records"):
        geom = row.pop("geometry")
        features.append({"type": "Feature", "geometry": geom.__geo_interface__,
                         "properties": {k: json_value(v, str(k)) for k, v in row.items()}})
    doc = {"type": "FeatureCollection", "features": features,
           "properties": json_value({"basis": report.params["basis"],
                                      "params": report.params})}
    return dumps(doc, default=str)
