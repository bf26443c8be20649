"""The first view of a fresh server: from the health check's first answer to the map drawn.

Starts the dashboard as users do (``streamlit run serve.py``, or ``dashboard.py`` with
``--entry dashboard.py`` for comparison) on a free local port, waits for
``/_stcore/health``, then opens the page in headless Chromium (Debian's
``/usr/bin/chromium``) and times when the title, the headline figures and the map (its
29 centres) appear; then the same for a second and third visitor::

    .venv/bin/python bench/bench_first_view.py
    .venv/bin/python bench/bench_first_view.py --entry dashboard.py

Not a test: a measurement (its figures are in the README and the closing notes).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def free_port() -> int:
    """A free TCP port on the loopback address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float = 120) -> float:
    """Seconds until the server answers its health check."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the server did not answer")


def map_drawn(page, centres: int = 29) -> bool:
    """Whether the map's frame shows every centre of the register."""
    for frame in page.frames:
        if "st_folium" in frame.url:
            try:
                if frame.locator("path.kz-centre").count() == centres:
                    return True
            except Exception:  # the frame may be replaced while we look
                pass
    return False


def visit(browser, url: str) -> dict[str, float]:
    """Seconds from opening the page to its title, headline figures and map."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_text("Can women reach a crisis centre?").wait_for(timeout=60_000)
    marks = {"title": time.perf_counter() - start}
    page.locator("[data-testid='stMetricValue']").first.wait_for(timeout=60_000)
    marks["figures"] = time.perf_counter() - start
    deadline = time.time() + 60
    while not map_drawn(page) and time.time() < deadline:
        page.wait_for_timeout(20)
    marks["map"] = time.perf_counter() - start
    page.close()
    return {k: round(v, 2) for k, v in marks.items()}


def main() -> int:
    """Run the measurement; prints one line per visitor."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entry", default="serve.py", help="serve.py (default) or dashboard.py")
    ap.add_argument("--visitors", type=int, default=3)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / args.entry),
         "--server.headless", "true", "--server.port", str(port),
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    try:
        healthy = wait_healthy(url)
        print(f"{args.entry}: health check answered after {healthy:.1f} s "
              f"({time.perf_counter() - started:.1f} s from the start)")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=CHROMIUM_ARGS)
            for i in range(args.visitors):
                print(f"visitor {i + 1}: {visit(browser, url)} (s after opening the page)")
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
    return 0


if __name__ == "__main__":
    sys.exit(main())
