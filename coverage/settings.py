"""Documented defaults used across the package.

Every number a result depends on lives here, so that a reader can find and
override it in one place.
"""

from __future__ import annotations

from pathlib import Path

#: Folder of the bundled datasets (``data/`` beside the package).
DATA_DIR: Path = Path(__file__).resolve().parent.parent / "data"

#: Geographic coordinates: longitude/latitude on WGS 84.
CRS_LONLAT: str = "EPSG:4326"
#: Equal-area projection for areas (Asia North Albers Equal Area Conic), in metres.
CRS_EQUAL_AREA: str = "ESRI:102025"

#: Reference date of the bundled population figures.
POPULATION_DATE: str = "2023-01-01"

#: Uploaded files larger than this are refused before they are parsed (bytes).
MAX_FILE_BYTES: int = 10 * 1024 * 1024
#: Uploaded tables with more data rows than this are refused.
MAX_ROWS: int = 100_000

#: A centre whose stated region is farther than this from its coordinates is an
#: error (km). Some slack is needed because the bundled borders are simplified
#: and centres are placed at settlement level.
REGION_MISMATCH_KM: float = 10.0

#: Column names that suggest a street address. Shelter addresses are confidential,
#: so such columns are refused in bundled data and dropped from uploads.
ADDRESS_WORDS: tuple[str, ...] = (
    "address", "street", "addr", "house", "building", "apartment",
    "адрес", "улица", "дом", "мекенжай", "көше", "үй",
)
