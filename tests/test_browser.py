"""Headless Chromium opens the dashboard: it renders, offline, without console errors."""

from __future__ import annotations

from urllib.parse import urlparse

from conftest import ARTIFACTS

LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}


def test_page_renders_offline_without_errors(server_url, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    external, errors = [], []
    page.on("request", lambda r: external.append(r.url)
            if urlparse(r.url).scheme in ("http", "https", "ws", "wss")
            and urlparse(r.url).hostname not in LOCAL else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server_url, wait_until="domcontentloaded")
    page.get_by_text("Crisis-centre coverage in Kazakhstan").wait_for(timeout=60_000)
    page.get_by_text("Regions without a known centre").wait_for(timeout=60_000)
    # The static map has loaded and has a real size.
    img = page.locator("[data-testid='stImage'] img").first
    img.wait_for(timeout=60_000)
    page.wait_for_function("img => img.complete && img.naturalWidth > 1000",
                           arg=img.element_handle(), timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    page.close()
    assert external == []
    assert errors == []
