"""Bad files give one DataError naming file, row and column; good files in every
encoding and format load."""

from __future__ import annotations

import io
import os
import re

import geopandas as gpd
import numpy as np
import pytest
import shapely
import shapely.ops
from openpyxl import Workbook

from coverage import DataError, load_centres, load_incidents, settings
from coverage.io import read_table
from coverage.regions import locate, region_aliases, resolve_region

ASTANA = "51.1801,71.44598"
HEADER = "name,lat,lon"


def centres_from(text: str, regions, name: str = "centres.csv", encoding: str = "utf-8"):
    return load_centres(text.encode(encoding), name=name, regions=regions)


def problems_of(exc: pytest.ExceptionInfo) -> list[tuple]:
    return [(p.file, p.row, p.column) for p in exc.value.problems]


# ------------------------------------------------------------------ each error type
def test_missing_column(regions):
    with pytest.raises(DataError) as exc:
        centres_from("name,lat\nA,51.18\n", regions)
    assert problems_of(exc) == [("centres.csv", 1, "lon")]
    assert "centres.csv, row 1, column 'lon': required column is missing" in str(exc.value)


def test_text_in_a_number_column(regions):
    with pytest.raises(DataError) as exc:
        centres_from(f"{HEADER}\nA,{ASTANA}\nB,fifty,71.4\n", regions)
    assert problems_of(exc) == [("centres.csv", 3, "lat")]
    assert "row 3, column 'lat': 'fifty' is not a latitude" in str(exc.value)


def test_out_of_range_value(regions):
    with pytest.raises(DataError) as exc:
        centres_from(f"{HEADER}\nA,95,71.4\n", regions)
    assert problems_of(exc) == [("centres.csv", 2, "lat")]
    assert "95 is above 90" in str(exc.value)


def test_coordinates_outside_kazakhstan(regions):
    # Moscow: far outside; the message says how far.
    with pytest.raises(DataError) as exc:
        centres_from(f"{HEADER}\nA,{ASTANA}\nMoscow centre,55.75,37.62\n", regions)
    assert problems_of(exc) == [("centres.csv", 3, "lat/lon")]
    assert "outside Kazakhstan" in str(exc.value)


def _outside(regions, lon: float, lat: float, km: float) -> tuple[float, float]:
    """The point ``km`` straight out of Kazakhstan from the border nearest (lon, lat)."""
    country = regions.to_crs(settings.CRS_EQUAL_AREA).union_all()
    start = gpd.GeoSeries([shapely.Point(lon, lat)], crs=settings.CRS_LONLAT).to_crs(
        settings.CRS_EQUAL_AREA)[0]
    edge = shapely.ops.nearest_points(country.boundary, start)[0]
    away = np.array([start.x - edge.x, start.y - edge.y])
    if country.contains(start):
        away = -away
    p = np.array([edge.x, edge.y]) + away / np.linalg.norm(away) * km * 1000
    out = gpd.GeoSeries([shapely.Point(*p)], crs=settings.CRS_EQUAL_AREA).to_crs(
        settings.CRS_LONLAT)[0]
    return round(out.x, 5), round(out.y, 5)


@pytest.mark.parametrize("where, lon, lat, km, region", [
    ("inside Kyrgyzstan", 74.6, 42.7, 5.0, "KZ-31"),       # south of Jambyl Region
    ("offshore in the Caspian", 51.0, 43.6, 9.0, "KZ-47"),  # west of Aktau
])
def test_centres_outside_the_country_are_errors_with_file_row_and_distance(regions, where,
                                                                           lon, lat, km,
                                                                           region):
    x, y = _outside(regions, lon, lat, km)
    with pytest.raises(DataError) as exc:
        centres_from(f"{HEADER},region_id\nA,{ASTANA},KZ-71\nB,{y},{x},{region}\n", regions)
    assert problems_of(exc) == [("centres.csv", 3, "lat/lon")]
    found = re.search(r"is ([\d.]+) km outside Kazakhstan", str(exc.value))
    assert found and float(found.group(1)) == pytest.approx(km, abs=0.15), str(exc.value)
    assert f"at most {settings.OUTSIDE_COUNTRY_KM:g} km outside the border" in str(exc.value)


def test_a_centre_just_outside_goes_to_the_nearest_region_with_a_notice(regions):
    x, y = _outside(regions, 74.6, 42.7, 1.0)  # 1 km into Kyrgyzstan
    got = centres_from(f"{HEADER}\nA,{ASTANA}\nB,{y},{x}\n", regions)
    assert got["region_id"].tolist() == ["KZ-71", "KZ-31"]
    notice, placed = got.attrs["notices"]
    assert (notice.file, notice.row, notice.column) == ("centres.csv", 3, "lat/lon")
    assert "2 centres placed at their settlement" in str(placed)
    assert "1.0 km outside Kazakhstan's border: put in KZ-31" in str(notice)


def test_a_centre_on_a_border_gets_its_region_by_rule(regions):
    shapes = regions.set_index("region_id").geometry
    shared = shapes["KZ-31"].boundary.intersection(shapes["KZ-61"].boundary)
    point = shapely.get_coordinates(shared)[len(shapely.get_coordinates(shared)) // 2]
    lon, lat = float(point[0]), float(point[1])
    found, dist = locate(np.array([lon]), np.array([lat]), regions)
    # On the border of Jambyl (KZ-31) and Turkistan (KZ-61): the first by id, ...
    assert found.tolist() == ["KZ-31"] and dist.tolist() == [0.0]
    # ... unless the file states the other one.
    found, _ = locate(np.array([lon]), np.array([lat]), regions, prefer=np.array(["KZ-61"]))
    assert found.tolist() == ["KZ-61"]
    got = centres_from(f"{HEADER},region_id\nA,{lat!r},{lon!r},KZ-61\nB,{lat!r},{lon!r},\n",
                       regions)
    assert got["region_id"].tolist() == ["KZ-61", "KZ-31"]


def test_a_users_centres_are_kept_at_settlement_level(bundled):
    # A street-level point in Astana, one in Kokshetau, one in the steppe far from any
    # listed settlement (Betpak-Dala): the first two move to their settlement, the last is
    # rounded to 0.1°.
    text = ("name,lat,lon,settlement\nA,51.12345,71.43219,\nB,53.29001,69.40123,My town\n"
            "C,46.23456,71.98765,\n")
    got = load_centres(text.encode(), name="exact.csv", regions=bundled.regions,
                       settlements=bundled.settlements)
    towns = bundled.settlements.set_index("name")
    assert (got.loc[0, "lat"], got.loc[0, "lon"]) == (towns.loc["Astana", "lat"],
                                                      towns.loc["Astana", "lon"])
    assert got.loc[0, "settlement"] == "Astana"
    assert got.loc[1, "settlement"] == "My town"  # the file's own name stays
    assert (got.loc[1, "lat"], got.loc[1, "lon"]) == (towns.loc["Kokshetau", "lat"],
                                                      towns.loc["Kokshetau", "lon"])
    assert (got.loc[2, "lat"], got.loc[2, "lon"]) == (46.2, 72.0)
    assert got["location_precision"].tolist() == ["settlement", "settlement", "rounded"]
    assert got.geometry.x.tolist() == got["lon"].tolist()
    (notice,) = got.attrs["notices"]
    assert "2 centres placed at their settlement, 1 at coordinates rounded to 0.1°" in \
        str(notice)


def test_swapped_coordinates_get_a_hint(regions):
    with pytest.raises(DataError) as exc:
        centres_from(f"{HEADER}\nA,71.44598,51.1801\n", regions)
    assert "lat and lon look swapped" in str(exc.value)


def test_duplicate_ids_and_names(regions):
    text = f"centre_id,{HEADER}\nc1,A,{ASTANA}\nc1,B,{ASTANA}\nc2, a ,{ASTANA}\n"
    with pytest.raises(DataError) as exc:
        centres_from(text, regions)
    assert problems_of(exc) == [("centres.csv", 3, "centre_id"), ("centres.csv", 4, "name")]
    assert "row 4, column 'name': this name repeats row 2" in str(exc.value)


def test_unknown_region(regions):
    with pytest.raises(DataError) as exc:
        centres_from(f"{HEADER},region\nA,{ASTANA},Narnia\n", regions)
    assert problems_of(exc) == [("centres.csv", 2, "region_id")]
    assert "unknown region 'Narnia'" in str(exc.value)


def test_region_contradicting_the_coordinates(regions):
    # Astana's coordinates with Almaty city as region: 970 km apart.
    with pytest.raises(DataError) as exc:
        centres_from(f"{HEADER},region_id\nA,{ASTANA},KZ-75\n", regions)
    assert problems_of(exc) == [("centres.csv", 2, "region_id")]
    assert "lie in KZ-71" in str(exc.value)


def test_negative_and_fractional_counts(regions):
    with pytest.raises(DataError) as exc:
        centres_from(f"{HEADER},beds\nA,{ASTANA},-3\nB,{ASTANA},2.5\n", regions)
    assert problems_of(exc) == [("centres.csv", 2, "beds"), ("centres.csv", 3, "beds")]
    assert "counts cannot be negative" in str(exc.value)
    with pytest.raises(DataError) as exc:
        load_incidents(b"region_id,indicator,period,value\nKZ-11,orders,2023,-1\n",
                       name="inc.csv", regions=regions)
    assert problems_of(exc) == [("inc.csv", 2, "value")]


def test_every_problem_is_reported_at_once(regions):
    text = (f"{HEADER},beds,region\nA,abc,71.4,1,\n,51.18,71.44,-2,\nC,{ASTANA},x,Mars\n"
            "A,55.75,37.62,,\n")
    with pytest.raises(DataError) as exc:
        centres_from(text, regions)
    assert problems_of(exc) == [
        ("centres.csv", 3, "name"), ("centres.csv", 2, "lat"), ("centres.csv", 3, "beds"),
        ("centres.csv", 4, "beds"), ("centres.csv", 4, "region_id"),
        ("centres.csv", 5, "lat/lon"), ("centres.csv", 5, "name")]


def test_bad_source_url(regions):
    with pytest.raises(DataError) as exc:
        centres_from(f"{HEADER},source_url\nA,{ASTANA},javascript:alert(1)\n", regions)
    assert problems_of(exc) == [("centres.csv", 2, "source_url")]


# ------------------------------------------------------------------ whole-file problems
@pytest.mark.parametrize("data, words", [
    (b"", "the file is empty"),
    (b"  \n\r\n ", "the file is empty"),
    (b"name,lat,lon\n", "no data rows"),
    (bytes(range(256)) * 8, "not text in UTF-8, UTF-16, Windows-1251 or Windows-1252"),
    # Every byte but 0x98 decodes as Windows-1251: caught by the control characters.
    (bytes(b for b in range(256) if b != 0x98) * 8, "not a text table"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel .xls"),
    (b"PK\x03\x04garbage", "Excel file cannot be read"),
])
def test_unreadable_files(regions, data, words):
    with pytest.raises(DataError) as exc:
        load_centres(data, name="upload.csv", regions=regions)
    assert words in str(exc.value)
    assert str(exc.value).startswith("upload.csv")


def test_random_bytes_never_escape_as_another_error(regions):
    for seed in range(20):
        data = os.urandom(50 + seed * 37)
        with pytest.raises(DataError):
            load_centres(data, name="noise.bin", regions=regions)


def test_too_large_and_too_many_rows():
    with pytest.raises(DataError, match="the limit is"):
        read_table(b"a,b\n" + b"1,2\n" * 100, name="big.csv", max_bytes=100)
    with pytest.raises(DataError, match="rows; the limit is 10"):
        read_table(b"a,b\n" + b"1,2\n" * 11, name="long.csv", max_rows=10)


def test_extra_cells_and_duplicate_headers():
    with pytest.raises(DataError) as exc:
        read_table(b"a,b\n1,2\n3,4,5\n", name="t.csv")
    assert problems_of(exc) == [("t.csv", 3, None)]
    with pytest.raises(DataError) as exc:
        read_table(b"a,A\n1,2\n", name="t.csv")
    assert problems_of(exc) == [("t.csv", 1, "A")]


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="cannot open"):
        read_table(tmp_path / "nope.csv")


# ------------------------------------------------------------------ encodings and formats
RUSSIAN = ("название;широта;долгота;область;места\n"
           "Кризисный центр «Шанс»;53,28414;69,39364;Акмолинская область;12\n"
           "Приют Ақмола;52,35062;71,88161;  акмолинская   ОБЛАСТЬ ;\n")


def test_windows_1251_csv_with_semicolons_and_decimal_commas(regions, tmp_path):
    path = tmp_path / "реестр.csv"
    # Kazakh letters do not exist in Windows-1251: keep the file to Russian letters.
    path.write_bytes(RUSSIAN.replace("Ақмола", "Акмола").encode("cp1251"))
    centres = load_centres(path, regions=regions)
    assert list(centres["name"]) == ["Кризисный центр «Шанс»", "Приют Акмола"]
    assert centres["lat"].tolist() == [53.28414, 52.35062]
    assert centres["region_id"].tolist() == ["KZ-11", "KZ-11"]
    assert centres["beds"].tolist()[0] == 12 and centres["beds"].isna().tolist()[1]


def test_utf8_with_bom(regions):
    data = ("\ufeff" + RUSSIAN).encode("utf-8")
    centres = load_centres(data, name="bom.csv", regions=regions)
    assert centres["name"].tolist()[1] == "Приют Ақмола"


def test_utf16_excel_unicode_text(regions):
    data = RUSSIAN.replace(";", "\t").encode("utf-16")
    assert load_centres(data, name="u16.txt", regions=regions)["region_id"].tolist() == \
        ["KZ-11", "KZ-11"]


def test_xlsx(regions):
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Lat", "Lon", "Beds", "Region"])
    sheet.append(["Shans", 53.28414, 69.39364, 12.0, "Akmola Region"])
    sheet.append(["Komek", 42.30988, 69.60042, None, "Шымкент"])
    buf = io.BytesIO()
    book.save(buf)
    centres = load_centres(buf.getvalue(), name="register.xlsx", regions=regions)
    assert centres["region_id"].tolist() == ["KZ-11", "KZ-79"]
    assert centres["beds"].tolist()[0] == 12
    assert centres["lon"].tolist() == [69.39364, 69.60042]


def test_address_columns_are_dropped_from_uploads(regions):
    centres = centres_from(f"{HEADER},Street address,адрес\nA,{ASTANA},Abai 1,ул. X\n",
                           regions)
    assert "Street address" not in centres.columns and "адрес" not in centres.columns
    assert centres.attrs["dropped_address_columns"] == ["Street address", "адрес"]


# ------------------------------------------------------------------ region names
@pytest.mark.parametrize("text, expected", [
    ("KZ-11", "KZ-11"), ("kz11", "KZ-11"), (" akmola   REGION ", "KZ-11"),
    ("Akmola", "KZ-11"), ("Акмолинская область", "KZ-11"), ("Ақмола облысы", "KZ-11"),
    ("Almaty", "KZ-75"), ("Алматы", "KZ-75"), ("город Алматы", "KZ-75"),
    ("Алматы облысы", "KZ-19"), ("Almaty Region", "KZ-19"), ("Алматинская обл.", "KZ-19"),
    ("Абай облысы", "KZ-10"), ("Abai", "KZ-10"), ("Ұлытау облысы", "KZ-62"),
    ("Северо-Казахстанская область", "KZ-59"), ("Шымкент", "KZ-79"),
    ("Narnia", None), ("", None),
])
def test_region_names_in_three_languages(regions, text, expected):
    assert resolve_region(text, region_aliases(regions)) == expected


def test_incidents_accept_names_and_the_whole_country(regions):
    text = ("Region,Indicator,Period,Value,Qualifier\n"
            "Казахстан,protective_orders,2023,87 000,at least\n"
            "Акмолинская область,protective_orders,2023,1500,\n")
    inc = load_incidents(text.encode(), name="inc.csv", regions=regions)
    assert inc["region_id"].tolist() == ["KZ", "KZ-11"]
    assert inc["value"].tolist() == [87000, 1500]
    assert inc["qualifier"].tolist() == ["at_least", ""]


def test_incident_duplicates_and_bad_qualifier(regions):
    text = ("region_id,indicator,period,value,qualifier\n"
            "KZ-11,orders,2023,5,\nAkmola Region,orders,2023,6,\nKZ-15,orders,2023,7,maybe\n")
    with pytest.raises(DataError) as exc:
        load_incidents(text.encode(), name="inc.csv", regions=regions)
    assert problems_of(exc) == [("inc.csv", 4, "qualifier"), ("inc.csv", 3, "value")]
