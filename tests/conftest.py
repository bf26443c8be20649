"""Shared fixtures: the bundled datasets, loaded once per test session."""

from __future__ import annotations

import dataclasses
import logging
import sys
import warnings

import pytest

import coverage


@pytest.fixture(scope="session")
def bundled() -> coverage.Datasets:
    return coverage.load_all()


@pytest.fixture(scope="session")
def regions(bundled):
    return bundled.regions


@pytest.fixture(scope="session")
def model(bundled):
    """The default population model with its sensitivity sweep, built once."""
    from coverage.population import demand_model

    return demand_model(bundled.regions, bundled.population, bundled.settlements,
                        water=bundled.water)


@pytest.fixture(scope="session")
def report(bundled, model):
    """The report on the bundled register (car, every threshold), built once."""
    from coverage.report import build_report

    return build_report(bundled, model=model)


# --------------------------------------------------------------------- command line
@dataclasses.dataclass(frozen=True)
class CliRun:
    """What ``python -m coverage ARGS`` would give: exit code, standard output and error."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run the command line in this process (``coverage.cli.main``), as ``python -m
    coverage`` would from the project folder: seconds faster than a new interpreter.

    Its exit code (argparse's ``SystemExit`` too), standard output and standard error are
    returned. Warnings and log records go to standard error as a fresh interpreter would
    print them, so "one line on stderr" stays as strict as in a subprocess; any other
    exception propagates (a traceback fails the test). ``test_report.py`` keeps the one
    subprocess smoke test of ``python -m coverage`` itself.
    """
    from coverage.cli import main

    monkeypatch.chdir(ROOT)

    def run(*args: str) -> CliRun:
        capsys.readouterr()  # drop what the test printed before
        handler = logging.StreamHandler(sys.stderr)  # Python's last-resort handler
        handler.setLevel(logging.WARNING)
        logging.getLogger().addHandler(handler)
        try:
            with warnings.catch_warnings(record=True) as caught:
                # The filters of a fresh interpreter (python -W default, less the ignored).
                warnings.resetwarnings()
                warnings.simplefilter("default")
                for category in (DeprecationWarning, PendingDeprecationWarning,
                                 ImportWarning, ResourceWarning):
                    warnings.filterwarnings("ignore", category=category)
                try:
                    code = main([str(a) for a in args])
                except SystemExit as exc:  # argparse: a wrong option, or --help
                    code = exc.code if isinstance(exc.code, int) else 1
        finally:
            logging.getLogger().removeHandler(handler)
        for w in caught:
            sys.stderr.write(warnings.formatwarning(w.message, w.category, w.filename,
                                                    w.lineno, w.line))
        out, err = capsys.readouterr()
        return CliRun(code, out, err)

    return run


# --------------------------------------------------------------------- browser tests
import os  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--disable-quic"]
#: Screenshots of the browser tests land here (ignored by git).
ARTIFACTS = ROOT / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server_url():
    """The dashboard as users start it (`streamlit run serve.py`: caches filled before
    the server answers) on a free local port."""
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    # A file, not a pipe: an unread pipe fills up and stalls the server.
    log = open(ARTIFACTS / "server.log", "wb")  # closed after the server stops
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"),
         "--server.headless", "true", "--server.port", str(port),
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        log.close()
        pytest.fail("dashboard did not start:\n"
                    + (ARTIFACTS / "server.log").read_text(errors="replace")[-3000:])
    yield url
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    log.close()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"no Chromium at {CHROMIUM}: run scripts/test.sh, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


#: Hosts of this machine: a request to any other is a request to another host.
LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture()
def page(browser):
    """A new browser page that records requests to other hosts and console errors."""
    from urllib.parse import urlparse

    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    pg = context.new_page()
    pg.external, pg.errors = [], []
    pg.on("request", lambda r: pg.external.append(r.url)
          if urlparse(r.url).scheme in ("http", "https", "ws", "wss")
          and urlparse(r.url).hostname not in LOCAL else None)
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


# --------------------------------------------------------------------- page (AppTest)
def start_app(**query: str):
    """A new browser session of the page (Streamlit AppTest), run once, no exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="session", autouse=True)
def _components_scanned_once():
    """Scan the installed packages for Streamlit components once per test run.

    Each new AppTest scans every installed distribution's metadata for Streamlit
    components (about 0.07 s; some 40 new AppTests in the quick loop), where a served
    page scans once at start-up. The installed packages do not change during a run, so
    the first scan's result is kept. Only when the AppTest modules were collected; a
    Streamlit without this scanner is left alone.
    """
    if "streamlit.testing.v1" not in sys.modules:
        yield
        return
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:
        yield
        return
    import functools

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(manifest_scanner, "scan_component_manifests",
                   functools.cache(manifest_scanner.scan_component_manifests))
        yield
