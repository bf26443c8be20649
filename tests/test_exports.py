"""Exports people can open: CSV in their locale, XLSX with real numbers and an About
sheet, GeoJSON without spurious decimals. Numbers below are worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from coverage.exports import about_rows, json_value, regions_geojson, table_csv, table_xlsx
from coverage.i18n import t
from coverage.spreadsheet import figure_kind

KINDS = {"Region": "text", "Share": "pct", "Minutes": "minutes", "Women": "int",
         "Rate": "num1", "Places": "num2"}
NOT_WRITTEN = ("nan", "None", "inf", "<NA>", "NaN", "NaT")


def tiny() -> pd.DataFrame:
    """Two regions; the second knows almost nothing."""
    df = pd.DataFrame({
        "Region": ["=HYPERLINK(\"http://x\")", "Б"],
        "Share": [0.53091339, np.nan],
        "Minutes": [47.6, np.inf],
        "Women": [12345.4, np.nan],
        "Rate": [1234.56, 2.0],
        "Places": [0.78104, None],
    })
    df.attrs["kinds"] = dict(KINDS)
    return df


def rows(data: bytes, sep: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Cyrillic right
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=sep))


# ------------------------------------------------------------------ CSV
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_csv_in_russian_and_kazakh_splits_on_semicolons_with_decimal_commas(lang):
    header, first, second = rows(table_csv(tiny(), lang=lang), ";")
    assert header == ["Region", "Share (%)", "Minutes", "Women", "Rate", "Places"]
    # 0.53091339 -> 53.1 %, 47.6 -> 48 min, 12345.4 -> 12345 women (no thousands space),
    # 1234.56 -> 1234,6, 0.78104 -> 0,78; the formula stays text.
    assert first == ["'=HYPERLINK(\"http://x\")", "53,1", "48", "12345", "1234,6", "0,78"]
    assert second == ["Б", "", "", "", "2,0", ""]


def test_csv_in_english_splits_on_commas_with_decimal_points():
    header, first, second = rows(table_csv(tiny(), lang="en"), ",")
    assert header[1] == "Share (%)"
    assert first[1:] == ["53.1", "48", "12345", "1234.6", "0.78"]
    assert second[1:] == ["", "", "", "2.0", ""]


def test_csv_reads_back_as_numbers_in_its_locale():
    back = pd.read_csv(io.BytesIO(table_csv(tiny(), lang="ru")), sep=";", decimal=",",
                       encoding="utf-8-sig")
    assert back["Share (%)"].iloc[0] == pytest.approx(53.1)
    assert back["Rate"].tolist() == pytest.approx([1234.6, 2.0])
    assert back["Women"].iloc[0] == 12345 and math.isnan(back["Women"].iloc[1])


def test_csv_never_writes_nan_none_or_infinity():
    df = tiny().assign(Count=pd.array([None, 7], dtype="Int64"), Note=[None, np.nan])
    text = table_csv(df, lang="en", kinds={**KINDS, "Count": "int"}).decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert not set(cells) & set(NOT_WRITTEN)
    assert cells[-2:] == ["7", ""]


def test_csv_kinds_come_from_attrs_then_from_the_report_names():
    df = tiny()
    by_attrs = table_csv(df, lang="en")
    assert by_attrs == table_csv(df, lang="en", kinds=KINDS)
    bare = df.copy()
    bare.attrs = {}
    # Without kinds "Share" is just a number: four decimals, not a percentage.
    assert rows(table_csv(bare, lang="en"), ",")[1][1] == "0.5309"
    named = pd.DataFrame({"share_within_120": [0.53091339], "median_minutes": [47.6],
                          "women_within_60": [12345.4], "reported_rate": [3.14159]})
    header, values = rows(table_csv(named, lang="ru"), ";")
    assert header[0] == "share_within_120 (%)" and values == ["53,1", "48", "12345", "3,14"]


def test_csv_keeps_a_percent_header_and_leaves_its_input_alone():
    df = tiny().rename(columns={"Share": "Share, %"})
    kinds = {("Share, %" if k == "Share" else k): v for k, v in KINDS.items()}
    df.attrs["kinds"] = kinds
    before = df.copy()
    assert rows(table_csv(df, lang="en"), ",")[0][1] == "Share, %"
    pd.testing.assert_frame_equal(df, before)
    assert df.attrs["kinds"] == kinds


# ------------------------------------------------------------------ XLSX
def workbook(df: pd.DataFrame, lang: str = "en", **kw) -> object:
    about = about_rows(basis="bundled register (centres: 29)", sources="BNS; GeoNames",
                       parameters={"Threshold": "120 min"}, date="2026-11-24", lang=lang)
    return load_workbook(io.BytesIO(table_xlsx(df, about=about, lang=lang, **kw)))


def test_xlsx_stores_numbers_as_numbers_in_their_kinds_format():
    sheet = workbook(tiny()).worksheets[0]
    share, minutes, women, rate, places = (sheet.cell(row=2, column=c) for c in range(2, 7))
    assert share.data_type == "n" and share.value == pytest.approx(0.5309)
    assert share.number_format == "0.0%"  # shown 53.1%
    assert minutes.value == pytest.approx(47.6) and minutes.number_format == "0"
    assert women.value == 12345 and isinstance(women.value, int)
    assert women.number_format == "#,##0"
    assert rate.value == pytest.approx(1234.6) and rate.number_format == "0.0"
    assert places.value == pytest.approx(0.78) and places.number_format == "0.00"
    # The unknown values of the second row are empty cells.
    assert [sheet.cell(row=3, column=c).value for c in range(2, 7)] == [None, None, None, 2, None]


def test_xlsx_header_is_frozen_bold_and_filtered_and_text_is_never_a_formula():
    sheet = workbook(tiny()).worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F3"
    assert all(sheet.cell(row=1, column=c).font.bold for c in range(1, 7))
    assert [sheet.cell(row=1, column=c).value for c in range(1, 7)] == list(KINDS)
    cell = sheet.cell(row=2, column=1)
    assert cell.data_type == "s" and cell.value == "'=HYPERLINK(\"http://x\")"


def test_xlsx_columns_fit_their_content_up_to_a_cap():
    df = tiny().assign(Note=["x" * 200, "short"])
    sheet = workbook(df).worksheets[0]
    width = {k: v.width for k, v in sheet.column_dimensions.items()}
    assert width["G"] == 60  # 200 characters: capped, not 200 wide
    # "Women" and "12,345" fit in a column far narrower than the 23-character formula.
    assert len("Women") < width["D"] < width["A"] < 60


def test_xlsx_about_sheet_holds_basis_sources_parameters_and_date():
    book = workbook(tiny())
    assert book.sheetnames == ["Regions", "About"]
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
    assert about == {"Figures stand on": "bundled register (centres: 29)",
                     "Sources": "BNS; GeoNames", "Threshold": "120 min",
                     "Date": "2026-11-24"}
    ru = workbook(tiny(), lang="ru")
    assert ru.sheetnames == [t("sheet_regions", "ru"), t("sheet_about", "ru")]
    labels = [r[0] for r in ru.worksheets[1].iter_rows(values_only=True)]
    assert labels == [t("about_basis", "ru"), t("about_sources", "ru"), "Threshold",
                      t("about_date", "ru")]


def test_xlsx_never_holds_nan_none_or_control_characters():
    df = tiny().assign(Count=pd.array([None, 7], dtype="Int64"),
                       Note=[None, "bad\x01name"], Flag=[np.nan, "yes"])
    book = workbook(df, kinds={**KINDS, "Count": "int"})
    values = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
              for c in row]
    assert not {str(v) for v in values if v is not None} & set(NOT_WRITTEN)
    assert "badname" in values and 7 in values


def test_about_rows_refuses_a_parameter_that_hides_a_fixed_row():
    with pytest.raises(ValueError, match="Date"):
        about_rows(basis="b", sources="s", parameters={"Date": "x"}, date="d", lang="en")


# ------------------------------------------------------------------ GeoJSON
@pytest.mark.parametrize(("name", "value", "expected"), [
    ("share_within_120", 0.5309133913932925, 0.5309),
    ("share_within_120_low", 0.53096, 0.531),
    ("women_spread_share", 0.33417331682593626, 0.3342),
    ("median_minutes", 72.498163, 72.5),
    ("women", 12345.4, 12345),
    ("women_beyond_120", 141089.6, 141090),
    ("incidents_x_2022_value", 35.0, 35),
    ("incidents_x_2022_per_100k_women", 368.635183, 368.64),
    ("reported_rate", 1.605554, 1.61),
    ("places_per_10k", 0.781049, 0.78),
    ("speed_kmh", 60.123456, 60.1235),
    ("p90_minutes", float("inf"), None),
    ("share_within_30", float("nan"), None),
    ("centres_reported", pd.NA, None),
    ("admin_centre_geonameid", np.int64(1519422), 1519422),
])
def test_json_figures_are_rounded_by_their_name(name, value, expected):
    out = json_value(value, name)
    assert out == expected and type(out) is type(expected)


def test_json_walks_nested_parameters():
    params = {"silent_zones": {"national_share_within": 0.6392111267597137,
                               "national_rate_per_100k_women": 9.270348464294631,
                               "minutes": 120},
              "e2sfca_zones": {"60": 1.0, "120": 0.681234567},
              "sensitivity_bandwidths_km": [0.0, 10.0, float("inf")]}
    assert json_value(params) == {
        "silent_zones": {"national_share_within": 0.6392,
                         "national_rate_per_100k_women": 9.27, "minutes": 120},
        "e2sfca_zones": {"60": 1.0, "120": 0.6812},
        "sensitivity_bandwidths_km": [0.0, 10.0, None]}


def _floats(value: object) -> list[float]:
    if isinstance(value, dict):
        return [f for v in value.values() for f in _floats(v)]
    if isinstance(value, list):
        return [f for v in value for f in _floats(v)]
    return [value] if isinstance(value, float) else []


def test_geojson_of_the_report_has_no_float_with_more_than_four_decimals(bundled, report):
    doc = json.loads(regions_geojson(bundled.regions, report))
    floats = [f for feat in doc["features"] for f in _floats(feat["properties"])]
    floats += _floats(doc["properties"])
    assert len(floats) > 500
    assert [f for f in floats if f != round(f, 4)] == []
    props = {f["properties"]["region_id"]: f["properties"] for f in doc["features"]}
    kz75 = report.regions.set_index("region_id").loc["KZ-75"]
    assert props["KZ-75"]["women"] == round(kz75["women"])
    assert isinstance(props["KZ-75"]["women_within_120"], int)
    assert props["KZ-75"]["share_within_120"] == round(kz75["share_within_120"], 4)
    assert props["KZ-75"]["median_minutes"] == round(kz75["median_minutes"], 1)
    assert props["KZ-75"]["places_per_10k"] == round(kz75["places_per_10k"], 2)


def test_report_figures_are_named_by_kind():
    assert [figure_kind(n) for n in (
        "share_within_120_rural_low", "p90_minutes", "wait_minutes", "places_per_10k",
        "rule_rate", "rate_below", "centres_missing", "shelter_places_gap",
        "population", "region_id", "speed_kmh", "separate")] == [
        "pct", "minutes", "minutes", "num2", "num2", "num2", "int", "int", "int",
        None, None, None]


# ------------------------------------------------------------------ command line
def test_command_line_exports_the_rounded_csv_and_a_workbook(tmp_path, cli, report):
    out = tmp_path / "regions.csv"
    assert cli("export", "--format", "csv", "--lang", "ru", "--out", str(out)).returncode == 0
    header, *body = rows(out.read_bytes(), ";")
    assert header[:2] == ["area", "region_id"]
    row = dict(zip(header, next(r for r in body if r[1] == "KZ-75")))
    kz75 = report.regions.set_index("region_id").loc["KZ-75"]
    assert row["share_within_120 (%)"] == f"{kz75['share_within_120'] * 100:.1f}".replace(
        ".", ",")
    assert row["women"] == str(round(kz75["women"]))
    assert row["median_minutes"] == f"{kz75['median_minutes']:.0f}"
    book_path = tmp_path / "regions.xlsx"
    assert cli("export", "--format", "xlsx", "--lang", "kk", "--out",
               str(book_path)).returncode == 0
    book = load_workbook(book_path)
    assert book.sheetnames == [t("sheet_regions", "kk"), t("sheet_about", "kk")]
    about = {r[0]: r[1] for r in book.worksheets[1].iter_rows(values_only=True)}
    assert about[t("about_basis", "kk")] == report.basis.text("kk")
    assert about[t("about_date", "kk")] == dt.date.today().isoformat()
    assert about[t("scenario", "kk")] == t("scenario_car", "kk")
    sheet = book.worksheets[0]
    col = [c.value for c in sheet[1]].index("share_within_120") + 1
    assert sheet.cell(row=2, column=col).number_format == "0.0%"
    assert isinstance(sheet.cell(row=2, column=col).value, float)
