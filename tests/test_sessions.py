"""One user's file is theirs alone: uploads and the results computed on them live in
the browser session's own state; another session never sees them, and their memory
returns when they are replaced or the session ends."""

from __future__ import annotations

import gc
import weakref

from conftest import start_app
from streamlit.testing.v1 import AppTest

from coverage.i18n import t

ONE = b"name,lat,lon\nOnly in session A,51.1801,71.44598\n"
TWO = b"name,lat,lon\nA again,43.25249,76.9115\nAnd another,42.30988,69.60042\n"


def centres(at: AppTest) -> str:
    return {m.label: m.value for m in at.metric}[t("head_centres", "en")]


def upload(at: AppTest, name: str, data: bytes) -> object:
    at.file_uploader(key="up_centres").set_value((name, data, "text/csv")).run()
    assert not at.exception
    (frame,) = at.session_state["uploads"].values()
    return frame


def test_a_session_never_sees_another_sessions_register():
    a, b = start_app(), start_app()
    frame = upload(a, "mine.csv", ONE)
    assert centres(a) == "1" and "Only in session A" in set(frame["name"])
    b.select_slider(key="t").set_value(60).run()
    assert centres(b) == "29"
    assert not _get(b, "uploads")
    text = " ".join(c.value for c in b.caption)
    assert "mine" not in text and "bundled register" in text
    # Nothing computed on A's file sits in a cache every session shares.
    assert a.session_state["results"]
    assert not _get(b, "results")


def test_memory_returns_when_an_upload_is_replaced_or_the_session_ends():
    a = start_app()
    first = weakref.ref(upload(a, "one.csv", ONE))
    second = upload(a, "two.csv", TWO)
    gc.collect()
    assert first() is None  # replaced: the first file's frame is gone
    assert centres(a) == "2"
    held = weakref.ref(second)
    del second
    a.button(key="reset_centres").click().run()
    gc.collect()
    assert held() is None and centres(a) == "29"  # back to the bundled register
    third = weakref.ref(upload(a, "one.csv", ONE))
    del a  # the session ends
    gc.collect()
    assert third() is None


def _get(at: AppTest, key: str):
    try:
        return at.session_state[key]
    except KeyError:
        return None


def test_a_scenario_carrying_much_text_stays_in_its_session(bundled):
    """A scenario whose names add up to more than settings.SHARED_SCENARIO_CHARS is
    computed for its session alone: the caches every session shares do not grow."""
    import json

    from streamlit.runtime.caching.cache_data_api import get_data_cache_stats_provider

    from coverage import settings

    def shared() -> int:
        stats = get_data_cache_stats_provider().get_stats()
        return sum(s.byte_length for family in stats.values() for s in family)

    at = start_app()
    at.session_state["side"] = t("tab_plan", "en")
    at.run()
    before = shared()
    added = [{"lon": 83.30, "lat": 49.69, "region_id": "KZ-63", "geonameid": 1519395,
              "name": f"{i} " + "n" * (settings.MAX_CELL_CHARS - 3)} for i in range(5)]
    doc = json.dumps({"schema": "kz-crisis-centres-scenario/1", "added": added})
    at.file_uploader(key="scenario_file").set_value(("long.json", doc.encode(),
                                                     "application/json")).run()
    assert not at.exception and len(at.session_state.view_scn.added) == 5
    assert at.session_state.view_scn.text_chars > settings.SHARED_SCENARIO_CHARS
    assert centres(at) == "29 + 5"
    assert shared() == before
    assert any(name == "run_report" for name, _ in at.session_state["results"])
