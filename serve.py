"""Serve the dashboard with its caches warm: ``streamlit run serve.py``.

Streamlit's ``st.App`` runs the lifespan below before the server answers: the page's
modules are imported and the first view's results computed once, so the first visitor
does not wait for them (``streamlit run dashboard.py`` works too, with a slow first view
and without the guards below: for development only).

Before that, :func:`app.guard.install` makes sure no browser can stall the others: a
client's "clear cache" stays in its own session and a session's reruns are rate-limited.
It refuses to start on a Streamlit other than the pinned one.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st

from app import guard
from app.failsafe import on_script_error

LOG = logging.getLogger("serve")
# Before any session exists; raises on another Streamlit than the one it was made for.
guard.install()


@asynccontextmanager
async def lifespan(_app: st.App) -> AsyncIterator[None]:
    """Import the page's sections and fill the caches of the first view."""
    started = time.perf_counter()
    # Only the engine: a module that declares a custom component (the map's) must be
    # imported by the page itself, once Streamlit's runtime holds the component registry.
    import app.planner
    import app.ranking
    import app.region
    import app.sidebar
    import app.violence  # noqa: F401  (every section but the map's)
    from app.engine import warm

    warm()
    _first_render()
    # The data, model and warm caches live as long as the server: out of the collector's
    # way, so that its passes during the page's runs stay short.
    gc.collect()
    gc.freeze()
    LOG.warning("caches warm in %.1f s", time.perf_counter() - started)
    yield None


def _first_render() -> None:
    """Render once what every first view renders: the map's HTML and a styled table.

    Their templates are then compiled before the first visitor, not for them.
    """
    import pandas as pd

    from app.engine import NO_CHANGE, classes_for, load_data, run_report
    from coverage import settings
    from coverage.webmap import map_html, region_map

    data = load_data()
    report = run_report(settings.DEFAULT_MODE, NO_CHANGE, "")
    classes = classes_for(settings.DEFAULT_MODE, "share_within", 120, "")
    map_html(region_map(data.regions, report.regions, classes, centres=data.centres,
                        lang="en", threshold=120, asset_base="leaflet-assets"))
    pd.DataFrame({"x": [1.0]}).style.format("{:.1f}").to_html()


# Any error nothing else caught shows as one line in the page's language (app.failsafe).
app = st.App("dashboard.py", lifespan=lifespan, on_script_error=on_script_error)
