"""A bounded load test on the loopback address: N browser sessions at once.

Starts the dashboard (``streamlit run``) on a free local port, opens N sessions in
headless Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright), and lets each
change the threshold and the region a few times, waiting each time until the page shows
the new figures. Prints the median and 95th-percentile time to an update, the errors,
and the server's peak memory (``VmHWM`` of its process)::

    .venv/bin/python bench/bench_load.py --sessions 1
    .venv/bin/python bench/bench_load.py --sessions 20

Not a test: a measurement (its figures are in the README and the closing notes).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coverage.i18n import t  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--disable-quic"]
REGIONS = ["Kyzylorda Region", "East Kazakhstan Region", "Akmola Region", "Almaty"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"),
         "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                        timeout=2):
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the dashboard did not start")


def peak_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of the server and its children, in MB."""
    total = 0.0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


async def session(browser, url: str, rounds: int, times: list[float],
                  errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    page = await context.new_page()
    # Slow is measured, not counted as an error: only a page that never answers is one.
    page.set_default_timeout(180_000)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        await page.goto(url, wait_until="domcontentloaded")
        await page.get_by_text(t("head_within", "en", t=120)).wait_for(timeout=120_000)
        slider = page.get_by_role("slider")
        thresholds = [60, 120]
        for i in range(rounds):
            # Threshold: one step left or right, until the headline shows it.
            await slider.focus()
            target = thresholds[i % 2]
            start = time.perf_counter()
            await page.keyboard.press("ArrowLeft" if target == 60 else "ArrowRight")
            await page.get_by_text(t("head_within", "en", t=target)).wait_for(
                timeout=120_000)
            times.append(time.perf_counter() - start)
            # Region: choose one in the list, until its figures show.
            region = REGIONS[i % len(REGIONS)]
            start = time.perf_counter()
            await page.get_by_test_id("stSelectbox").filter(
                has_text=t("region_pick", "en")).last.click()
            await page.get_by_role("option", name=region, exact=True).click()
            await page.get_by_text(t("region_figures", "en", region=region)).wait_for(
                timeout=120_000)
            times.append(time.perf_counter() - start)
    except Exception as exc:  # counted, not raised: the point is how many fail
        errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await context.close()


async def run(url: str, sessions: int, rounds: int) -> tuple[list[float], list[str]]:
    from playwright.async_api import async_playwright

    times: list[float] = []
    errors: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=os.environ.get(
            "CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS)
        await asyncio.gather(*(session(browser, url, rounds, times, errors)
                               for _ in range(sessions)))
        await browser.close()
    return times, errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3, help="threshold + region changes each")
    args = ap.parse_args()
    port = free_port()
    server = start_server(port)
    try:
        # One visit first: the caches are warm for everyone, as on a server in use.
        asyncio.run(run(f"http://127.0.0.1:{port}", 1, 1))
        started = time.perf_counter()
        times, errors = asyncio.run(run(f"http://127.0.0.1:{port}", args.sessions,
                                        args.rounds))
        wall = time.perf_counter() - started
        peak = peak_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))] if times else 0
    print(f"sessions {args.sessions}, updates {len(times)}, errors {len(errors)}, "
          f"wall {wall:.1f} s")
    if times:
        print(f"time to an update: median {statistics.median(times):.2f} s, "
              f"95th percentile {p95:.2f} s, max {times[-1]:.2f} s")
    print(f"server peak memory: {peak:,.0f} MB")
    for e in errors[:5]:
        print("error:", e)
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
