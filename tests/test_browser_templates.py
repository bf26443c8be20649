"""Template syntax from a file, as a reader sees it in Chromium: every centre's tooltip and
card shows its name as written, in the exported map and on the served page; no dialog
opens, nothing is asked of another host."""

from __future__ import annotations

import time

import pytest
from conftest import ARTIFACTS

from coverage.i18n import t
from tests import injection
from tests.test_browser import map_frame

pytestmark = pytest.mark.browser
#: Centres of the corpus: one per payload, each in its own settlement.
CENTRES = len(injection.names())


def _cards(frame) -> list[str]:
    """Open every centre's card in turn; return what each says."""
    texts = []
    markers = frame.locator("path.kz-centre")
    for i in range(markers.count()):
        markers.nth(i).dispatch_event("click")  # as Leaflet receives it
        # The card opened before closes as this one opens: wait until one is left (the
        # exported page's policy allows no script from the test, so the test looks).
        popup = frame.locator(".leaflet-popup-content")
        deadline = time.time() + 10
        while popup.count() != 1 and time.time() < deadline:
            frame.page.wait_for_timeout(50)
        texts.append(popup.inner_text())
        assert popup.locator("img, script").count() == 0
    return texts


def _watch_dialogs(pg) -> list[str]:
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return dialogs


def _assert_every_name(cards: list[str]) -> None:
    joined = "\n".join(cards)
    for payload in injection.names():
        assert payload in joined, payload[:40]
    rest = joined
    for payload in sorted(injection.names(), key=len, reverse=True):
        rest = rest.replace(payload, "")
    for marker in injection.evaluated_markers():
        assert marker not in rest, marker


def test_the_exported_map_shows_template_text_as_written(page, tmp_path, cli):
    dialogs = _watch_dialogs(page)
    register = tmp_path / injection.FILE_NAME
    register.write_bytes(injection.register())
    out = tmp_path / "map.html"
    started = time.perf_counter()
    run = cli("map", "--centres", str(register), "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert time.perf_counter() - started < 60  # the spinning loops are never run
    page.goto(out.as_uri())
    page.wait_for_function(f"document.querySelectorAll('path.kz-centre').length === {CENTRES}",
                           timeout=30_000)
    _assert_every_name(_cards(page.main_frame))
    assert page.title() == injection.visible(page.title())  # plain text, nothing evaluated
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "exported-map-templates.png"))
    assert dialogs == [] and page.external == [] and page.errors == []


def test_the_page_shows_template_text_as_written(server_url, page, tmp_path):
    dialogs = _watch_dialogs(page)
    register = tmp_path / injection.FILE_NAME
    register.write_bytes(injection.register())
    page.goto(server_url, wait_until="domcontentloaded")
    page.get_by_text(t("data_title", "en")).click()
    page.get_by_test_id("stSidebar").locator("input[type='file']").first.set_input_files(
        str(register))
    frame = map_frame(page, centres=CENTRES)  # the file's centres, not the register's
    _assert_every_name(_cards(frame))
    assert page.get_by_text(injection.FILE_NAME, exact=False).count() >= 1
    page.wait_for_timeout(300)
    assert dialogs == [] and page.external == [] and page.errors == []
