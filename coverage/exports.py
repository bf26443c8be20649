"""Files to take away: tables, regions with figures, the map as a standalone page.

Tables are CSV or XLSX, regions with figures GeoJSON, the map a standalone HTML page.

Text cells that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
``@``) get a leading apostrophe, so a centre named ``=HYPERLINK(...)`` stays text.
Nothing here holds an address: only what the validated frames hold.
"""

from __future__ import annotations

import io
import math

import geopandas as gpd
import pandas as pd

from .report import Report
from .report_format import dumps, incident_columns

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> object:
    """Text that spreadsheets will not run as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _safe(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(safe_text)
    return out.rename(columns={c: safe_text(c) for c in out.columns})


def table_csv(df: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with BOM (Excel then reads Cyrillic correctly)."""
    return _safe(df).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def with_basis(df: pd.DataFrame, *, column: str, text: str) -> pd.DataFrame:
    """Return a copy with a last column saying what the figures stand on.

    It is the same on every row, so that a row copied elsewhere keeps it.
    """
    return df.assign(**{column: text})


def table_xlsx(df: pd.DataFrame, *, sheet: str = "regions",
               about: dict[str, str] | None = None) -> bytes:
    """XLSX workbook; text cells are never formulas.

    ``about`` (label -> text: basis, sources, date) goes on a second sheet "about".
    """
    buf = io.BytesIO()
    sheets = {sheet[:31]: _safe(df)}
    if about:
        sheets["about"] = _safe(pd.DataFrame({"": list(about), " ": list(about.values())}))
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, index=False, sheet_name=name)
            for row in writer.sheets[name].iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # openpyxl would store "=..." as a formula
    return buf.getvalue()


def _json_value(v: object) -> object:
    if isinstance(v, float):
        return None if not math.isfinite(v) else round(v, 6)
    if pd.isna(v) if not isinstance(v, (list, dict, tuple)) else False:  # type: ignore[call-overload]
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def regions_geojson(regions: gpd.GeoDataFrame, report: Report) -> str:
    """Regions with every figure of the report, as strict GeoJSON (lon/lat).

    The collection's ``properties`` hold the report's parameters and ``basis`` (which
    centres the figures count); unknown or infinite values are ``null``.
    """
    figures = report.regions.drop(columns=["name_en", "name_ru", "name_kk", "kind"])
    figures = figures.merge(incident_columns(report), on="region_id", how="left")
    gdf = regions.drop(columns=["source"], errors="ignore").merge(figures, on="region_id")
    features = []
    for row in gdf.to_dict("records"):
        geom = row.pop("geometry")
        features.append({"type": "Feature", "geometry": geom.__geo_interface__,
                         "properties": {k: _json_value(v) for k, v in row.items()}})
    doc = {"type": "FeatureCollection", "features": features,
           "properties": {"basis": report.params["basis"], "params": report.params}}
    return dumps(doc, default=str)
