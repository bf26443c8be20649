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
#: Equal-area projection for areas and the population grid (Asia North Albers Equal Area
#: Conic), in metres.
CRS_EQUAL_AREA: str = "ESRI:102025"
#: Equal-area projection of the static maps (PNG, PDF): an Albers conic centred on
#: Kazakhstan (central meridian 67°E, standard parallels 43°N and 53°N, which bracket the
#: country from Shymkent to Petropavl). Areas are true everywhere; a central meridian through
#: the country keeps it upright on a slide (Asia North Albers, 95°E, tilts it), and shapes
#: are least distorted between the parallels. The figures are computed in
#: :data:`CRS_EQUAL_AREA`, so drawing never changes them.
CRS_MAP: str = ("+proj=aea +lat_0=48 +lon_0=67 +lat_1=43 +lat_2=53 +x_0=0 +y_0=0 "
                "+datum=WGS84 +units=m +no_defs")

#: Reference date of the bundled population figures.
POPULATION_DATE: str = "2023-01-01"

# ------------------------------------------------------------------ bounded reading
# Whatever a file holds, reading it ends in data or in a DataError within about a second
# and a hundred MB: every size below is checked before or while parsing, and a file is
# refused at the first row, cell, feature or JSON value past its limit.

#: Uploaded files larger than this are refused before they are parsed (bytes).
MAX_FILE_BYTES: int = 10 * 1024 * 1024
#: Uploaded tables with more data rows than this are refused.
MAX_ROWS: int = 100_000
#: Rows a sheet may hold in all, empty ones included (a sheet of millions of empty rows
#: is refused before they are read).
MAX_RAW_ROWS: int = 4 * MAX_ROWS
#: Columns a table may have (registers and incident tables have about ten).
MAX_COLUMNS: int = 100
#: Cells a table may have in all (rows times columns).
MAX_CELLS: int = 1_000_000
#: Characters a cell may hold (a centre's name, a URL, a note).
MAX_CELL_CHARS: int = 1_000
#: XLSX (a zip): entries, uncompressed bytes in all, and the compression ratio of an
#: entry; Excel's own files are a few dozen entries compressed 5 to 20 times.
MAX_ZIP_ENTRIES: int = 200
MAX_UNZIPPED_BYTES: int = 60_000_000
MAX_ZIP_RATIO: float = 100.0
#: Nesting depth of a JSON document (GeoJSON points need 4, a scenario 3).
MAX_JSON_DEPTH: int = 20
#: Centres a register may hold (a real one has dozens; the map draws each). An uploaded
#: register is refused at its first data row past this.
MAX_CENTRES: int = 1_000
#: Sets of incident figures (an indicator in a period) an uploaded table may hold, each a
#: row for every region (20 today, 17 before June 2022) and one for the whole country.
#: The bundled table holds 55 sets in 219 rows; twice that many sets leave room for a
#: user's own years.
MAX_INCIDENT_SETS: int = 100
#: Rows an uploaded incident table may hold (refused at the first row past it).
MAX_INCIDENT_ROWS: int = MAX_INCIDENT_SETS * (20 + 1)
#: Values (numbers, texts, lists, objects) a JSON document may hold, counted while it is
#: parsed: a GeoJSON of 1,000 centres with a hundred properties each needs about 110,000,
#: a scenario a few hundred. Parsing stops at the first value past it.
MAX_JSON_VALUES: int = 200_000
#: Values one GeoJSON feature may hold: a centre is a point and its properties (at most
#: :data:`MAX_COLUMNS`), a few dozen values; a long line or polygon is refused here.
MAX_FEATURE_VALUES: int = 1_000
#: Characters at the start of a CSV read to tell its delimiter (``,`` ``;`` or tab): its
#: first lines, never the whole file.
DELIMITER_SAMPLE_CHARS: int = 4_096
#: Largest capacity of one centre (places) and largest reported count.
MAX_BEDS: int = 10_000
MAX_COUNT: int = 100_000_000
#: Problems kept from one file (the rest are counted) and listed in one message.
MAX_PROBLEMS_KEPT: int = 200
MAX_PROBLEMS_LISTED: int = 20
#: Uploaded centres are drawn and exported at settlement level: at the nearest listed
#: settlement of their region within this distance (km), else at coordinates rounded to
#: :data:`ROUND_DEGREES` (about 11 km). Shelter addresses are confidential.
SETTLEMENT_SNAP_KM: float = 25.0
ROUND_DEGREES: float = 0.1

#: A centre whose stated region is farther than this from its coordinates is an
#: error (km). Some slack is needed because the bundled borders are simplified
#: and centres are placed at settlement level.
REGION_MISMATCH_KM: float = 10.0
#: A centre outside every region but at most this far from the border is put in the
#: nearest region, with a notice (the bundled borders are simplified by about 400 m and
#: centres sit at their settlement's point); farther out it is an error. A point on a
#: border between regions goes to the region the file states, else to the first by id.
OUTSIDE_COUNTRY_KM: float = 2.0

#: Column names that suggest a street address. Shelter addresses are confidential,
#: so such columns are refused in bundled data and dropped from uploads.
ADDRESS_WORDS: tuple[str, ...] = (
    "address", "street", "addr", "house", "building", "apartment",
    "адрес", "улица", "дом", "мекенжай", "көше", "үй",
)

# ------------------------------------------------------------------ server limits
# No browser session can stall the others (app/guard.py, app/engine.py).

#: Reruns a browser session may start: RERUN_BURST at once, then RERUN_RATE a second;
#: faster requests are merged into one run that starts when the session's turn comes.
RERUN_RATE: float = 4.0
RERUN_BURST: int = 8
#: Results of a what-if scenario are shared by every session only while its own text
#: (names, settlements, ids; :attr:`coverage.scenarios.Scenario.text_chars`) is at most
#: this long; a longer scenario's results stay in its session and go with it.
SHARED_SCENARIO_CHARS: int = 4_000
#: Pickled bytes each shared cached function may hold (least recently used go first);
#: ``server.maxCacheDataSize`` in .streamlit/config.toml bounds them all together.
SHARED_CACHE_MB: int = 128

# ------------------------------------------------------------------ population model
#: Side of the equal-area grid cells that carry the population not in listed
#: settlements (km). The issue asks for at most 25 km.
GRID_CELL_KM: float = 20.0
#: Largest grid cell allowed (km): beyond it one cell's women would sit far from a town.
MAX_GRID_CELL_KM: float = 25.0
#: Pieces of a grid cell (cut by region borders, lakes and seas) with less land than this
#: share of a whole cell are dropped: border slivers would add points but no women.
MIN_LAND_SHARE: float = 0.001
#: Default kernel that spreads the women not in listed settlements around the listed
#: ones: a Gaussian of this standard deviation (km) around every listed place of the
#: region, times the land area of each cell. 0 puts them on the places themselves,
#: infinity spreads them evenly over the region's land.
#: Chosen by a held-out check (:mod:`coverage.evidence`, ``data/kernel_evidence.csv``):
#: built on the larger listed places, this kernel predicts the share of the smaller ones
#: (under 3,000, 5,000 and 10,000 people) within 60, 120 and 180 minutes of a centre best
#: of all tried, 1.9 points off on average; at 30 km it overstates that share by 12-13
#: points, with population weights at 30 km by 28-37 points.
KERNEL_BANDWIDTH_KM: float = 100.0
#: How much each listed place pulls: "equal" (every place alike) or "population" (in
#: proportion to its population; places without a figure get :data:`TOWN_WEIGHT_FLOOR`).
KERNEL_WEIGHTING: str = "equal"
KERNEL_WEIGHTINGS: tuple[str, ...] = ("equal", "population")
#: Population assumed for a listed place without a figure, for its kernel weight and its
#: size: GeoNames' cities500 lists places of about 500 people or more.
TOWN_WEIGHT_FLOOR: float = 500.0

#: Towns whose GeoNames name is the Russian exonym while the Kazakh name differs: the
#: Kazakh spelling, which must be one of GeoNames' own Cyrillic spellings of the place
#: (:func:`coverage.i18n.settlement_name`; Russian keeps the spelling like GeoNames' name).
KAZAKH_SPELLINGS: dict[str, str] = {"Ust-Kamenogorsk": "Өскемен"}
#: Bandwidths and weightings whose results, with the default's, make the sensitivity
#: range of every coverage figure (lowest to highest) for "where rural women live". Both
#: extremes are in, and steps between them, because coverage is not monotone in the
#: bandwidth. ``inf`` (an even spread over the land) does not depend on the weighting.
SENSITIVITY_BANDWIDTHS_KM: tuple[float, ...] = (0.0, 10.0, 30.0, 60.0, 100.0, 200.0,
                                                float("inf"))
SENSITIVITY_WEIGHTINGS: tuple[str, ...] = ("equal", "population")
#: Regions that are cities: their official total is put on their listed settlements.
CITY_REGIONS: tuple[str, ...] = ("KZ-71", "KZ-75", "KZ-79")

# ------------------------------------------------------------------ travel inside towns
#: A town's women live on a disc of area population / density around its point, so a
#: trip starts with the way out of (or across) the town. 3,000 people per km² is about
#: the density of Almaty's city territory (some 2.2 million people on some 680 km²);
#: smaller towns are no denser. Mean trip from a random home to the town's point: 2/3 of
#: the disc's radius (Almaty: 15.3 km radius, 10.2 km on average).
TOWN_DENSITY_PER_KM2: float = 3_000.0
#: Each town's women are split into this many rings of equal women (annuli of equal
#: area), each at the mean distance of its annulus: the share within a threshold then
#: grows smoothly inside a town instead of jumping from 0 to 1.
TOWN_RINGS: int = 10
#: Sensitivity of the in-town trip: densities as multiples of the default (half as dense
#: means radii 1.41 times as long).
TOWN_DENSITY_FACTORS: tuple[float, ...] = (0.5, 2.0)

# ------------------------------------------------------------------ travel model
#: Mean Earth radius (km), IUGG.
EARTH_RADIUS_KM: float = 6371.0088
#: Thresholds of the reach figures (minutes).
THRESHOLDS_MIN: tuple[int, ...] = (30, 60, 120, 180)


@dataclass(frozen=True)
class TravelMode:
    """How travel minutes are estimated from great-circle distance.

    ``minutes = (km / speed_kmh + town_km / urban_speed_kmh) * detour * 60 + wait_minutes``
    where ``town_km`` is the way inside the woman's own town (0 in the countryside).
    """

    name: str
    speed_kmh: float
    detour: float
    wait_minutes: float
    description: str
    urban_speed_kmh: float = 25.0


#: Named scenarios. Speeds are door-to-door averages over Kazakh roads, not limits.
#: Inside towns: 25 km/h by car or taxi (traffic lights and jams), 15 km/h by city bus
#: (stops included), 20 km/h by car in winter.
TRAVEL_MODES: dict[str, TravelMode] = {
    "car": TravelMode(
        "car", 60.0, 1.3, 0.0,
        "by car or taxi: 60 km/h average, roads 1.3 times the straight line; "
        "25 km/h inside towns", 25.0),
    "no-car": TravelMode(
        "no-car", 40.0, 1.3, 60.0,
        "without a car: buses and shared taxis at 40 km/h plus 60 minutes of waiting; "
        "15 km/h by city bus", 15.0),
    "winter": TravelMode(
        "winter", 45.0, 1.3, 0.0,
        "by car in winter: snow and ice bring the average down to 45 km/h; "
        "20 km/h inside towns", 20.0),
}
DEFAULT_MODE: str = "car"

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

# ------------------------------------------------------------------ reported incidents
#: Counts under this are shown as "<5" and not mapped, so no small group can be singled
#: out.
SMALL_COUNT: int = 5
#: Incident indicators in the order they are offered when several cover as many regions:
#: the complete 2022 Form 1-M figures first, offences in the family-domestic sphere
#: (the map's and the silent-zone rule's default) at the head.
INCIDENT_ORDER: tuple[str, ...] = (
    "criminal_offences_family_domestic_sphere",
    "women_victims_of_criminal_offences_persons",
    "murders_family_domestic_sphere_art99",
    "crimes_family_domestic_sphere",
    "grievous_harm_family_domestic_sphere_art106",
    "moderate_harm_family_domestic_sphere_art107",
    "criminal_offences_against_women_all_types",
    "criminal_offences_registered_all",
)

# ------------------------------------------------------------------ silent zones
# In 2019 only 7% of victims went to the police: where few incidents are reported and
# help is far away, a low count is more likely silence than safety. A region is a silent
# zone when both hold (on an indicator that covers every region):
#   reported rate per 100,000 women < SILENT_RATE_FACTOR x the national rate, and
#   share of women within the threshold < SILENT_SHARE_FACTOR x the national share.
#: Multiple of the national reported rate below which a region's rate counts as low.
SILENT_RATE_FACTOR: float = 1.0
#: Multiple of the national share within the threshold below which a region's is low.
SILENT_SHARE_FACTOR: float = 1.0
#: Threshold of the report's one ``silent_zone`` flag per region (minutes; every
#: threshold's flag is there too).
SILENT_MINUTES: int = 120

# ------------------------------------------------------------------ places and plans
#: The whole country's id in tables and files (ISO 3166-1 alpha-2).
NATIONAL_ID: str = "KZ"
#: First-level units since 8 June 2022.
REGION_COUNT: int = 20
#: A settlement within this of a centre already has one (km): no new site there, and the
#: unlocated-centres variant does not place a second centre there.
SAME_PLACE_KM: float = 2.0
#: A map click farther than this from any listed settlement adds a centre at the point
#: itself (km).
CLICK_SNAP_KM: float = 30.0
#: Most new sites the planner chooses at once.
MAX_NEW_SITES: int = 20
#: What the planner optimises (:mod:`coverage.planning`): ``coverage``, most women newly
#: within the threshold (maximal covering); ``time``, least women-weighted travel minutes
#: to the nearest centre (p-median, centres in place kept); ``capacity``, most women within
#: reach of a free place (each new centre adds :data:`PLAN_PLACES_PER_SITE` places).
PLAN_OBJECTIVES: tuple[str, ...] = ("coverage", "time", "capacity")
#: Smallest town (people, GeoNames) the planner proposes by default: a centre needs staff, a
#: building and police. Regional capitals without a centre are proposed whatever their size.
PLAN_MIN_POPULATION: int = 5_000
#: Places each new centre adds under the ``capacity`` objective (the user may change it).
PLAN_PLACES_PER_SITE: int = 10
#: Women one shelter place serves under the ``capacity`` objective: the Council of Europe's
#: one place per 10,000 inhabitants (:data:`SHELTER_PLACES_PER`), of whom 51% are women
#: (2023 figures), rounded to 5,000. A centre of unknown capacity counts as
#: :data:`UNKNOWN_CAPACITY_UNITS` places, as in the E2SFCA.
PLAN_WOMEN_PER_PLACE: float = 5_000.0
#: Seconds one plan's solve may take (every step of it together). A solve the limit stops
#: gives the best plan found, with how far from the best possible it can be at most.
PLAN_TIME_LIMIT_S: float = 10.0
#: Seconds "how sure" (the plan solved again under each variant) may take in all; when they
#: are spent, it stops and says how many variants it tried.
PLAN_STABILITY_BUDGET_S: float = 30.0
#: Most pairs (demand point, site) or matrix non-zeros handed to HiGHS at once: it takes
#: ~3 KB each, so this keeps a solve within ~100 MB. Larger problems are first reduced
#: (:mod:`coverage.lagrange`); if still larger, the plan is the best found, with its gap.
PLAN_EXACT_PAIRS: int = 30_000
#: The page's planner: processes that solve plans (0: in the page's own thread, as in
#: tests), and questions that may wait for one; beyond that, "the planner is busy".
PLAN_WORKERS: int = 1
PLAN_QUEUE: int = 2

# Map colour classes: fixed per indicator, so a colour means the same in every view, every
# export and every what-if scenario. Each tuple holds the upper bounds (inclusive) of every
# class but the last, in the indicator's own units (shares 0-1, minutes, women, places).
# Values are put in classes as they are written (shares to 0.1%, minutes whole).
CLASS_BREAKS: dict[str, tuple[float, ...]] = {
    "share_within": (0.25, 0.50, 0.75),
    "women_beyond": (50_000, 150_000, 300_000),
    "median_minutes": (30, 60, 120, 180),
    # 1 place per 10,000 people is the Council of Europe standard: the last class meets it.
    "places_per_10k": (0.05, 0.25, 0.99),
    "women_per_centre": (150_000, 250_000, 400_000, 600_000),
}
#: Indicators whose zero is a class of its own (no woman within reach, no place at all).
CLASS_ZERO: tuple[str, ...] = ("share_within", "women_beyond", "places_per_10k")
#: Indicators with a natural top (shares: 100%), written as the last class's upper end.
CLASS_TOP: dict[str, float] = {"share_within": 1.0}
#: Reported offences per 100,000 women: classes at these multiples of the incident set's
#: national rate (fixed per set of figures, whatever the view).
INCIDENT_RATE_BREAKS: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0)
