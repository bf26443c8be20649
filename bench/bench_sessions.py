"""Many sessions at once, without browsers: the server's own time to rerun the page.

Starts the dashboard (``streamlit run serve.py``, XSRF check off: a loopback bench) on a
free local port and opens N sessions over the websocket protocol itself (Streamlit's
protobuf messages, as the browser sends them). Each session loads the page, then
changes the threshold a few times at the same moment as the others; the time from a
change to the run's end is what a user waits for, less the browser's drawing. Prints
the median and 95th percentile::

    .venv/bin/python bench/bench_sessions.py --sessions 1
    .venv/bin/python bench/bench_sessions.py --sessions 20

Not a test: a measurement (its figures are in the closing notes). ``bench_load.py``
measures the same with browsers, whose drawing dominates on a small machine.
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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
#: The threshold's options as the slider writes them (English).
THRESHOLDS = ["30 min", "60 min", "120 min", "180 min"]


def free_port() -> int:
    """A free TCP port on the loopback address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(root: Path = ROOT, *, wait_s: float = 120.0) -> Iterator[tuple[str, int]]:
    """Serve ``root``'s dashboard (``serve.py``) on a free port until the block ends.

    Yields the server's address (``http://127.0.0.1:<port>``) and its process id, once it
    answers its health check (the caches of the first view are then warm).
    """
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(root / "serve.py"),
         "--server.headless", "true", "--server.port", str(port),
         "--server.enableXsrfProtection", "false", "--browser.gatherUsageStats", "false"],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, proc.pid
    finally:
        os.killpg(proc.pid, signal.SIGTERM)


def rerun_message(widget_id: str | None = None, value: str | None = None) -> bytes:
    """A BackMsg asking for a run, with the threshold slider at ``value`` if given."""
    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_script_hash = ""
    if widget_id is not None:
        state = msg.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        state.string_array_value.data.append(value)
    return msg.SerializeToString()


async def run_once(ws: websockets.ClientConnection) -> str | None:
    """Read messages until the run ends; return the threshold slider's id seen."""
    slider_id = None
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "slider" and element.slider.id.endswith("-t"):
                slider_id = element.slider.id
        if kind == "script_finished":
            return slider_id


async def session(url: str, rounds: int, barrier: asyncio.Barrier, times: list[float]) -> None:
    """One user: load the page, then change the threshold ``rounds`` times."""
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None,
                                  open_timeout=60) as ws:
        await ws.send(rerun_message())
        slider = await run_once(ws)
        for i in range(rounds):
            await barrier.wait()  # everybody changes the threshold at the same moment
            start = time.perf_counter()
            await ws.send(rerun_message(slider, THRESHOLDS[i % 2]))
            await run_once(ws)
            times.append(time.perf_counter() - start)


async def run(url: str, sessions: int, rounds: int) -> list[float]:
    """All sessions together; the time of every change."""
    times: list[float] = []
    barrier = asyncio.Barrier(sessions)
    await asyncio.gather(*(session(url, rounds, barrier, times) for _ in range(sessions)))
    return times


def main() -> int:
    """Start the server, run the sessions, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args()
    with served() as (base, _pid):
        started = time.perf_counter()
        times = asyncio.run(run(base.replace("http", "ws") + "/_stcore/stream",
                                args.sessions, args.rounds))
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"sessions {args.sessions}, changes {len(times)}, "
              f"wall {time.perf_counter() - started:.1f} s")
        print(f"time to the end of the run after a threshold change: median "
              f"{statistics.median(times):.2f} s, 95th percentile {p95:.2f} s, "
              f"max {times[-1]:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
