"""Documented defaults used across the package.

Every number a result depends on lives here, so that a reader can find and
override it in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
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

# ------------------------------------------------------------------ population model
#: Side of the equal-area grid cells that carry the population not in listed
#: settlements (km). The issue asks for at most 25 km.
GRID_CELL_KM: float = 20.0
#: Default kernel bandwidth (km) spreading that rest around the listed settlements:
#: villages cluster along the same roads and rivers as towns, within a district.
#: 0 puts it on the settlements themselves, infinity spreads it evenly.
KERNEL_BANDWIDTH_KM: float = 30.0
#: Bandwidths whose results, with the default's, make the sensitivity range of every
#: coverage figure (lowest to highest). Both extremes are in, and steps between them,
#: because coverage is not monotone in the bandwidth: on the bundled data the national
#: share within 120 min is 0.678 at 0 km, 0.687 at 30 km and 0.596 when spread evenly.
SENSITIVITY_BANDWIDTHS_KM: tuple[float, ...] = (0.0, 10.0, 60.0, 120.0, float("inf"))
#: Regions that are cities: their official total is put on their listed settlements.
CITY_REGIONS: tuple[str, ...] = ("KZ-71", "KZ-75", "KZ-79")

# ------------------------------------------------------------------ travel model
#: Mean Earth radius (km), IUGG.
EARTH_RADIUS_KM: float = 6371.0088
#: Thresholds of the reach figures (minutes).
THRESHOLDS_MIN: tuple[int, ...] = (30, 60, 120, 180)


@dataclass(frozen=True)
class TravelScenario:
    """How travel minutes are estimated from great-circle distance.

    ``minutes = km * detour / speed_kmh * 60 + wait_minutes``
    """

    name: str
    speed_kmh: float
    detour: float
    wait_minutes: float
    description: str


#: Named scenarios. Speeds are door-to-door averages over Kazakh roads, not limits.
SCENARIOS: dict[str, TravelScenario] = {
    "car": TravelScenario(
        "car", 60.0, 1.3, 0.0,
        "by car or taxi: 60 km/h average, roads 1.3 times the straight line"),
    "no-car": TravelScenario(
        "no-car", 40.0, 1.3, 60.0,
        "without a car: buses and shared taxis at 40 km/h plus 60 minutes of waiting"),
    "winter": TravelScenario(
        "winter", 45.0, 1.3, 0.0,
        "by car in winter: snow and ice bring the average down to 45 km/h"),
}
DEFAULT_SCENARIO: str = "car"

# ------------------------------------------------------------------ accessibility
#: Enhanced two-step floating catchment: weight of each travel-time zone, keyed by
#: the zone's upper bound in minutes (inclusive). Weights 1, 0.68, 0.22 are those of
#: Luo & Qi (2009), here on hour-scale zones for travel to a shelter.
E2SFCA_ZONES: dict[float, float] = {60.0: 1.0, 120.0: 0.68, 180.0: 0.22}
#: Centres of unknown capacity count as this many places in the E2SFCA.
UNKNOWN_CAPACITY_UNITS: float = 1.0

# ------------------------------------------------------------------ standards
#: Council of Europe: one shelter family place per 10,000 inhabitants.
SHELTER_PLACES_PER: int = 10_000
#: Council of Europe (as cited): one women's counselling centre per 50,000 women.
COUNSELLING_CENTRE_PER_WOMEN: int = 50_000
