"""Crisis-centre coverage for Kazakhstan: data, reach, standards and planning.

The package never imports Streamlit; use it from notebooks, scripts or the
command line as well as from the dashboard.
"""

from .data import (
                   Datasets,
                   load_all,
                   load_centre_counts,
                   load_centres,
                   load_crosswalk,
                   load_incidents,
                   load_population,
                   load_regions,
                   load_settlements,
                   load_water,
)
from .errors import DataError, Problem

__all__ = [
    "DataError", "Datasets", "Problem", "load_all", "load_centre_counts", "load_centres",
    "load_crosswalk", "load_incidents", "load_population", "load_regions",
    "load_settlements", "load_water",
]
