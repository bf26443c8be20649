"""No client can stall the others, and values from outside the page's controls are checked
where they enter: a client's "clear cache" stays in its session, reruns are rate-limited
and merged (app/guard.py), the planner's table refuses places out of range, and a file the
browser still lists after a restart is named as lost. Timings are in bench/bench_flood.py."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import urllib.request

import pytest
import streamlit as st
from conftest import ROOT, start_app
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.caching.cache_data_api import get_data_cache_stats_provider
from streamlit.testing.v1 import AppTest

from app import engine, guard
from coverage import settings
from coverage.i18n import fmt_int, t
from coverage.safetext import md_escape

ONE = b"name,lat,lon\nOnly in session A,51.1801,71.44598\n"


@pytest.fixture(scope="module", autouse=True)
def _guarded():
    """AppSession with the guards, as serve.py installs them (AppTest does not use it)."""
    guard.install()


def centres(at: AppTest) -> str:
    return {m.label: m.value for m in at.metric}[t("head_centres", "en")]


def stand_in() -> AppSession:
    """An AppSession with only what the guarded handlers use (and nothing to shut down)."""
    session = object.__new__(AppSession)
    session._state = AppSessionState.SHUTDOWN_REQUESTED
    return session


def shared_bytes() -> int:
    """Pickled bytes of every session's shared results (``st.cache_data``)."""
    stats = get_data_cache_stats_provider().get_stats()
    return sum(s.byte_length for family in stats.values() for s in family)


# ------------------------------------------------------------------ clear_cache
def test_a_clients_clear_cache_drops_its_own_results_only():
    at = start_app()
    at.file_uploader(key="up_centres").set_value(("mine.csv", ONE, "text/csv")).run()
    assert centres(at) == "1" and at.session_state["results"]
    data, before = engine.load_data(), shared_bytes()
    assert before > 0
    session = stand_in()  # this session, as the server holds it
    session._session_state = at._session_state
    msg = BackMsg()
    msg.clear_cache = True
    AppSession.handle_backmsg(session, msg)  # Streamlit's own dispatch, then the guard
    assert "results" not in at.session_state  # its own results: gone
    assert at.session_state["uploads"] and at.session_state.view_t == 120  # its data stays
    assert shared_bytes() == before  # every session's results stay
    assert engine.load_data() is data  # the bundled data are not read again
    at.run()
    assert not at.exception and centres(at) == "1"


def test_the_guard_refuses_another_streamlit(monkeypatch):
    monkeypatch.setattr(st, "__version__", "1.68.0")
    with pytest.raises(RuntimeError, match=r"1\.67\.0"):
        guard.check()


# ------------------------------------------------------------------ reruns
def rerun_message(t_value: int, *, press: str | None = None, fragment: str = "") -> BackMsg:
    msg = BackMsg()
    msg.rerun_script.fragment_id = fragment
    w = msg.rerun_script.widget_states.widgets.add()
    w.id, w.int_value = "$$ID-x-t", t_value
    if press:
        b = msg.rerun_script.widget_states.widgets.add()
        b.id, b.trigger_value = press, True
    return msg


def test_reruns_beyond_the_limit_are_merged_and_none_is_lost(monkeypatch):
    now, timers = [100.0], []
    monkeypatch.setattr(guard, "CLOCK", lambda: now[0])
    monkeypatch.setattr(guard, "LATER", lambda delay, fn: timers.append((delay, fn)))
    runs: list[ClientState] = []
    session = stand_in()
    session.request_rerun = runs.append  # what the handler would start
    for i in range(200):  # a flood: 200 requests at one instant
        AppSession.handle_backmsg(session, rerun_message(
            i, press="$$ID-x-add_button" if i == 50 else None,
            fragment="f1" if i == 120 else ""))
    assert len(runs) == settings.RERUN_BURST and len(timers) == 1
    delay, fire = timers.pop()
    assert delay == pytest.approx(1 / settings.RERUN_RATE)
    now[0] += delay
    fire()
    merged = runs[-1]  # one run for the 192 beyond the burst
    assert len(runs) == settings.RERUN_BURST + 1
    values = {w.id: w for w in merged.widget_states.widgets}
    assert values["$$ID-x-t"].int_value == 199  # the latest values
    assert values["$$ID-x-add_button"].trigger_value  # the press of #50 kept
    assert merged.fragment_id == ""  # the whole page
    # A while later, the session's requests run at once again.
    now[0] += 10
    AppSession.handle_backmsg(session, rerun_message(7))
    assert len(runs) == settings.RERUN_BURST + 2 and not timers


def test_a_fragment_asked_twice_stays_a_fragment():
    old, new = rerun_message(1, fragment="f1").rerun_script, rerun_message(2, fragment="f1")
    merged = guard.merge(old, new.rerun_script)
    assert merged.fragment_id == "f1" and merged.widget_states.widgets[0].int_value == 2


# ------------------------------------------------------------------ the planner's table
def edit_table(at: AppTest, edits: dict) -> AppTest:
    """Send an edit of the planner's table as the browser does (JSON in a widget state)."""
    states = at._tree.get_widget_states()
    editor = at.data_editor[0].proto.id
    others = [w for w in states.widgets if w.id != editor]
    del states.widgets[:]
    states.widgets.extend(others)
    w = states.widgets.add()
    w.id = editor
    w.json_value = json.dumps(json.dumps({"edited_rows": edits, "added_rows": [],
                                          "deleted_rows": []}))
    at._run(states)
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_places_out_of_range_are_refused_and_the_previous_value_stays(lang):
    at = start_app(lang=lang)
    at.session_state["side"] = t("tab_plan", lang)
    at.run()
    at.selectbox(key="add_site").set_value(1519395)
    at.number_input(key="add_beds").set_value(20)
    at.button(key="add_button").click().run()
    for bad, shown in ((10**30, "1000000000000000000000000000000"), (-5, "-5"),
                       (999_999, "999999"), (2.5, "2.5"), ("12", "12")):
        edit_table(at, {"0": {"places": bad}})
        assert at.session_state.view_scn.added[0].beds == 20
        assert at.query_params["scn"] == "g1519395_20"
        expected = t("plan_places_refused", lang, value=md_escape(shown),
                     limit=fmt_int(settings.MAX_BEDS, lang))
        assert expected in [w.value for w in at.warning]
    edit_table(at, {"0": {"places": 35}})  # a number of places: taken, no message
    assert at.session_state.view_scn.added[0].beds == 35
    assert not any(fmt_int(settings.MAX_BEDS, lang) in w.value for w in at.warning)
    edit_table(at, {"0": {"remove": "yes"}})
    assert len(at.session_state.view_scn.added) == 1
    edit_table(at, {"0": {"remove": True}})
    assert not at.session_state.view_scn.added


# ------------------------------------------------------------------ after a restart
def restarted(at: AppTest, monkeypatch) -> AppTest:
    """A new session of the same browser after a server restart.

    The browser sends its widgets' values again, its uploaders still listing their files,
    whose bytes the new server does not hold.
    """
    browser = at._tree.get_widget_states()
    monkeypatch.setattr(AppTest, "_register_uploaded_files", lambda self, runner: None)
    fresh = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    for key, value in at.query_params.items():
        fresh.query_params[key] = value
    if "side" in at.session_state:  # the open tab (AppTest sends no tabs' state)
        fresh.session_state["side"] = at.session_state["side"]
    fresh._run(browser)
    assert not fresh.exception, fresh.exception
    return fresh


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_a_file_lost_with_a_restart_is_named_and_the_figures_say_what_they_stand_on(
        monkeypatch, lang):
    at = start_app(lang=lang)
    at.file_uploader(key="up_centres").set_value(("<b>mine</b>.csv", ONE, "text/csv")).run()
    assert "mine" in " ".join(c.value for c in at.caption)
    fresh = restarted(at, monkeypatch)
    lost = t("upload_lost", lang, file=md_escape("<b>mine</b>.csv"))
    assert lost in [w.value for w in fresh.warning]
    assert "mine" not in " ".join(c.value for c in fresh.caption)  # the basis: bundled
    assert {m.label: m.value for m in fresh.metric}[t("head_centres", lang)] == "29"
    uploader = fresh.file_uploader[0]
    assert uploader.key != "up_centres" and uploader.value is None  # listed no more
    fresh.file_uploader[0].set_value(("mine.csv", ONE, "text/csv"))
    monkeypatch.undo()
    fresh.run()  # uploaded again: in use, the message gone
    assert {m.label: m.value for m in fresh.metric}[t("head_centres", lang)] == "1"
    assert lost not in [w.value for w in fresh.warning]


def test_a_scenario_file_lost_with_a_restart_is_named(monkeypatch, bundled):
    from coverage.scenarios import Scenario, at_settlement, to_json

    at = start_app()
    at.session_state["side"] = t("tab_plan", "en")
    at.run()
    scn = Scenario().add(at_settlement(bundled.settlements, 1519395, beds=5))
    at.file_uploader(key="scenario_file").set_value(
        ("plan.json", to_json(scn).encode(), "application/json")).run()
    assert len(at.session_state.view_scn.added) == 1
    fresh = restarted(at, monkeypatch)
    lost = t("scenario_lost", "en", file=md_escape("plan.json"))
    assert lost in [w.value for w in fresh.warning]
    assert len(fresh.session_state.view_scn.added) == 1  # the address still holds it


# ------------------------------------------------------------------ over the websocket
@pytest.mark.slow
def test_a_clear_cache_message_does_not_empty_the_shared_caches(server_url):
    import websockets
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    def metrics() -> tuple[int, int]:
        text = urllib.request.urlopen(f"{server_url}/_stcore/metrics", timeout=60).read()
        text = text.decode()
        data = sum(int(float(v)) for v in re.findall(
            r'cache_memory_bytes\{cache_type="st_cache_data"[^}]*\} (\S+)', text))
        built = re.search(r'cache_compute_duration_seconds_count\{cache="app\.engine\.'
                          r'load_model",cache_type="st_cache_resource",trigger="miss"\} (\S+)',
                          text)
        return data, int(float(built.group(1))) if built else 0

    async def run_page(ws) -> None:
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        await ws.send(msg.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await ws.recv())
            if reply.WhichOneof("type") == "script_finished":
                return

    async def main() -> tuple[tuple[int, int], tuple[int, int]]:
        url = server_url.replace("http", "ws") + "/_stcore/stream"
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None,
                                      open_timeout=60) as ws:
            await asyncio.wait_for(run_page(ws), 120)
            before = metrics()
            clear = BackMsg()
            clear.clear_cache = True
            for _ in range(3):
                await ws.send(clear.SerializeToString())
            await asyncio.wait_for(run_page(ws), 120)
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None,
                                      open_timeout=60) as other:
            await asyncio.wait_for(run_page(other), 120)  # another visitor's first page
        await asyncio.sleep(6)  # the metrics of cache sizes are kept 5 s
        return before, metrics()

    # In a thread of its own: Playwright's browser tests may hold an event loop in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        (data_before, built_before), (data_after, built_after) = pool.submit(
            asyncio.run, main()).result()
    assert built_before == built_after == 1  # the population model was built once
    assert data_after >= data_before > 0  # the shared results are all still there
