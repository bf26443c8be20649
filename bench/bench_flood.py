"""One client must not stall the others: a hostile websocket client against two users.

Starts the dashboard (``streamlit run serve.py`` in ``--root``, XSRF check off: a loopback
bench) on a free local port and speaks Streamlit's own websocket protocol (protobuf
``BackMsg`` and ``ForwardMsg``, as the browser does). Measures, one situation after
another:

- *quiet*: another user's threshold change (time to the end of its run) and a fresh
  visitor's first page (connection to the end of the first run), with nobody else;
- *clear-cache*: the same while a third client sends ``clear_cache`` once a second;
- *rerun flood*: the same while a third client asks for 200 reruns a second;
- *big scenario*: a client loads a scenario file whose centres' names add up to 9 MB
  (and, apart, the largest one the checks accept), then changes the threshold: bytes
  of that page update, and the shared caches' size (``/_stcore/metrics``, pickled bytes
  of ``st.cache_data``) and the server's memory after its session has ended.

Run it once per checkout, on the same machine, one heavy measurement at a time::

    .venv/bin/python bench/bench_flood.py                     # this checkout
    .venv/bin/python bench/bench_flood.py --root /tmp/before  # another one

Not a test: a measurement (figures in the closing notes). Operations that take longer
than ``--timeout`` seconds count as that many seconds and are marked ``>``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable
from pathlib import Path

import requests
import websockets
from bench_sessions import served
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parent.parent
THRESHOLDS = ["60 min", "120 min"]
PLAN_TAB = "Plan: what if?"  # t("tab_plan", "en")
DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class Page:
    """One browser session over the websocket: its runs, widget ids and bytes received."""

    def __init__(self, base: str) -> None:
        self.base, self.ids, self.session_id = base, {}, ""
        self.ws: websockets.ClientConnection | None = None
        self.files: list[dict] = []
        self.last = b""  # the messages of the last run, as received

    async def open(self) -> float:
        """Connect and run the page once; the seconds it took."""
        start = time.perf_counter()
        self.ws = await websockets.connect(
            self.base.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
            max_size=None, open_timeout=120)
        await self.run({})
        return time.perf_counter() - start

    async def close(self) -> None:
        """End the session's websocket."""
        if self.ws is not None:
            await self.ws.close()

    async def send(self, msg: BackMsg) -> None:
        """Send one message as it is."""
        assert self.ws is not None
        await self.ws.send(msg.SerializeToString())

    async def ask(self, widgets: dict[str, WidgetState]) -> None:
        """Ask for a run with these widget values (the others at their defaults)."""
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_script_hash = ""
        msg.rerun_script.widget_states.widgets.extend(widgets.values())
        await self.send(msg)

    async def run(self, widgets: dict[str, WidgetState]) -> int:
        """Ask for a run with these widget values; the bytes received until it ended."""
        await self.ask(widgets)
        return await self.until_finished()

    async def until_finished(self) -> int:
        """Read messages until a run ends; the bytes read."""
        assert self.ws is not None
        size, parts = 0, []
        while True:
            raw = await self.ws.recv()
            size += len(raw)
            parts.append(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id
            elif kind == "delta":
                self._note_ids(msg)
            elif kind == "script_finished" and msg.script_finished in DONE:
                self.last = b"".join(parts)
                return size

    def _note_ids(self, msg: ForwardMsg) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") == "new_element":
            kind = delta.new_element.WhichOneof("type")
            part = getattr(delta.new_element, kind) if kind else None
        elif delta.WhichOneof("type") == "add_block":
            kind = delta.add_block.WhichOneof("type")
            part = getattr(delta.add_block, kind) if kind else None
        else:
            return
        wid = getattr(part, "id", "") if part is not None else ""
        if wid:
            self.ids[wid.rsplit("-", 1)[-1]] = wid

    def widget(self, key: str, **value: object) -> WidgetState:
        """The widget state of the widget keyed ``key``, e.g. ``string_value="..."``."""
        ws = WidgetState()
        ws.id = self.ids[key]
        for name, v in value.items():
            if name == "string_array_value":
                ws.string_array_value.data.extend(v)  # type: ignore[arg-type]
            elif name == "file_uploader_state_value":
                ws.file_uploader_state_value.CopyFrom(v)  # type: ignore[arg-type]
            else:
                setattr(ws, name, v)
        return ws

    async def upload(self, key: str, name: str, data: bytes) -> WidgetState:
        """Upload a file as the browser does; the uploader's widget state that names it."""
        msg = BackMsg()
        msg.file_urls_request.request_id = "bench"
        msg.file_urls_request.session_id = self.session_id
        msg.file_urls_request.file_names.append(name)
        await self.send(msg)
        assert self.ws is not None
        while not self.files:
            reply = ForwardMsg()
            reply.ParseFromString(await self.ws.recv())
            if reply.WhichOneof("type") == "file_urls_response":
                self.files = [{"file_id": u.file_id, "upload_url": u.upload_url,
                               "delete_url": u.delete_url}
                              for u in reply.file_urls_response.file_urls]
        urls = self.files.pop()
        answer = await asyncio.to_thread(
            requests.put, self.base + urls["upload_url"],
            files={"file": (name, data, "application/json")}, timeout=120)
        answer.raise_for_status()
        ws = self.widget(key)
        info = ws.file_uploader_state_value.uploaded_file_info.add()
        info.name, info.size, info.file_id = name, len(data), urls["file_id"]
        info.file_urls.file_id = urls["file_id"]
        info.file_urls.upload_url = urls["upload_url"]
        info.file_urls.delete_url = urls["delete_url"]
        return ws


async def timed(op: Callable[[], Awaitable[object]], timeout: float) -> float:
    """Seconds ``op`` took, or ``timeout`` when it took longer (marked by the caller)."""
    start = time.perf_counter()
    try:
        await asyncio.wait_for(op(), timeout)
    except TimeoutError:
        return float("inf")
    return time.perf_counter() - start


async def clear_cache_client(base: str, stop: asyncio.Event) -> str:
    """A client that sends ``clear_cache`` once a second."""
    page = Page(base)
    await page.open()
    msg = BackMsg()
    msg.clear_cache = True
    sent = 0
    while not stop.is_set():
        await page.send(msg)
        sent += 1
        await asyncio.sleep(1)
    await page.close()
    return f"{sent} clear_cache messages sent"


async def flood_client(base: str, stop: asyncio.Event, per_second: int = 200) -> str:
    """A client that asks for ``per_second`` reruns a second, never reading the answers."""
    page = Page(base)
    await page.open()
    reader = asyncio.create_task(_drain(page))
    i, start = 0, time.perf_counter()
    while not stop.is_set():
        await page.ask({"t": page.widget("t", string_array_value=[THRESHOLDS[i % 2]])})
        i += 1
        # Paced by the clock: asyncio.sleep(1 / 200) alone sends far fewer.
        ahead = start + i / per_second - time.perf_counter()
        if ahead > 0:
            await asyncio.sleep(ahead)
    reader.cancel()
    await page.close()
    return f"{i} reruns sent, {i / (time.perf_counter() - start):.0f} a second"


async def _drain(page: Page) -> None:
    assert page.ws is not None
    while True:
        await page.ws.recv()


async def victims(base: str, changes: int, visitors: int, timeout: float) -> dict[str, list]:
    """Another user's threshold changes and fresh visitors' first pages, in seconds."""
    user = Page(base)
    await user.open()
    updates = []
    for i in range(changes):
        state = {"t": user.widget("t", string_array_value=[THRESHOLDS[i % 2]])}
        updates.append(await timed(lambda s=state: user.run(s), timeout))
        await asyncio.sleep(0.5)
    firsts = []
    for _ in range(visitors):
        fresh = Page(base)
        firsts.append(await timed(fresh.open, timeout))
        await fresh.close()
    await user.close()
    return {"update": updates, "first page": firsts}


async def situation(base: str, attacker: Callable | None, args: argparse.Namespace) -> dict:
    """The victims' times while ``attacker`` runs (None: quiet)."""
    stop = asyncio.Event()
    task = asyncio.create_task(attacker(base, stop)) if attacker else None
    if task:
        await asyncio.sleep(3)  # the attack is under way
    try:
        return await victims(base, args.changes, args.visitors, args.timeout)
    finally:
        stop.set()
        if task:
            try:
                print(f"  ({await asyncio.wait_for(task, 30)})")
            except (TimeoutError, websockets.ConnectionClosed):
                task.cancel()


def scenario_file(names: int, chars: int) -> bytes:
    """A scenario adding ``names`` centres at Serebryansk, each named ``chars`` characters."""
    added = [{"lon": 83.30, "lat": 49.69, "region_id": "KZ-63", "geonameid": 1519395,
              "name": ("x" * (chars - 6)) + f"{i:06d}"} for i in range(names)]
    return json.dumps({"schema": "kz-crisis-centres-scenario/1", "added": added}).encode()


def shared_bytes(base: str) -> int:
    """Pickled bytes held by ``st.cache_data`` (every session's shared results)."""
    text = urllib.request.urlopen(base + "/_stcore/metrics", timeout=60).read().decode()
    return sum(int(float(v)) for v in re.findall(
        r'cache_memory_bytes\{cache_type="st_cache_data"[^}]*\} (\S+)', text))


def rss_mb(pid: int) -> float:
    """Resident memory of the server process and its children (MB)."""
    out = subprocess.run(["ps", "-o", "rss=", "--ppid", str(pid), "-p", str(pid)],
                         capture_output=True, text=True).stdout.split()
    return sum(int(x) for x in out) / 1024


async def big_scenario(base: str, pid: int, data: bytes, timeout: float) -> dict[str, object]:
    """Load a scenario file, change the threshold; bytes of that update, memory after."""
    before = shared_bytes(base)
    page = Page(base)
    await page.open()
    tab = {"side": page.widget("side", string_value=PLAN_TAB)}
    await page.run(tab)
    loaded = {**tab, "scenario_file": await page.upload("scenario_file", "big.json", data)}
    load_s = await timed(lambda: page.run(loaded), timeout)
    sizes = []
    for value in THRESHOLDS:
        state = {**loaded, "t": page.widget("t", string_array_value=[value])}
        sizes.append(await asyncio.wait_for(page.run(state), timeout))
    used = b"x" * 200 in page.last  # the file's names are on the page
    await page.close()
    await asyncio.sleep(5)
    return {"file MB": round(len(data) / 1e6, 1), "used": used, "load s": round(load_s, 1),
            "MB per page update": round(max(sizes) / 1e6, 2),
            "shared caches MB before": round(before / 1e6, 1),
            "shared caches MB after the session": round(shared_bytes(base) / 1e6, 1),
            "server RSS MB": round(rss_mb(pid))}


def summary(times: list[float], timeout: float) -> str:
    """Median and worst of some timings, ``>timeout`` for those that never ended."""
    def one(x: float) -> str:
        return f">{timeout:.0f}" if x == float("inf") else f"{x:.2f}"
    return f"median {one(statistics.median(times))} s, max {one(max(times))} s " \
           f"({', '.join(one(x) for x in times)})"


async def measure(base: str, pid: int, args: argparse.Namespace) -> None:
    """Every situation, one after the other; prints as it goes."""
    for name, attacker in (("quiet", None), ("clear-cache once a second", clear_cache_client),
                           ("rerun flood, 200 a second", flood_client)):
        print(f"{name}:", flush=True)
        got = await situation(base, attacker, args)
        print(f"  other user's update: {summary(got['update'], args.timeout)}\n"
              f"  fresh first page:    {summary(got['first page'], args.timeout)}", flush=True)
        await asyncio.sleep(5)  # the server settles
    for label, data in (("9 MB of names (9 centres, 1,000,000 characters each)",
                         scenario_file(9, 1_000_000)),
                        ("largest accepted (1,000 centres, 1,000-character names)",
                         scenario_file(1000, 1000))):
        print(f"scenario, {label}: {await big_scenario(base, pid, data, args.timeout)}",
              flush=True)


def main() -> int:
    """Start the server in ``--root``, measure, stop it."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout to serve")
    ap.add_argument("--changes", type=int, default=5)
    ap.add_argument("--visitors", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args()
    with served(args.root, wait_s=240.0) as (base, pid):
        print(f"serving {args.root}", flush=True)
        asyncio.run(measure(base, pid, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
