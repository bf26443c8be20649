"""Does one session's big plan slow the others? Another session's reruns while it solves.

Starts the dashboard (``streamlit run serve.py`` of ``--root``, this checkout by default:
give an older checkout to compare) on a free local port and opens two sessions over
Streamlit's own websocket protocol, as ``bench_sessions.py`` does:

- session A opens the planner, asks for the worst plan the page allows (travel time,
  20 sites, every settlement a candidate), then "how sure" of it;
- session B changes the threshold every half second (each time waiting for its run's end);
- then ``--askers`` sessions ask for that plan at the same moment (on other thresholds,
  so that none finds another's answer cached) while B goes on.

Prints B's time per rerun alone, while A's plan is solved, while A's "how sure" runs and
while the askers wait, A's and the askers' own times (or "busy"), and the server's memory
(and its planner worker's)::

    .venv/bin/python bench/bench_plan_load.py
    .venv/bin/python bench/bench_plan_load.py --root /tmp/before   # the code before

Not a test: a measurement (one run; the machine's other load changes it).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

import websockets
from bench_sessions import THRESHOLDS, served
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coverage.i18n import t  # noqa: E402

CONNECT = {"subprotocols": ["streamlit"], "max_size": None, "open_timeout": 60}
#: What the page says when the planner's queue is full.
BUSY = t("plan_busy", "en")
#: The widgets session A sets, by key: how the frontend sends each value.
PLAN = {"side": ("string_value", t("tab_plan", "en")),
        "plan_objective": ("string_value", t("objective_time", "en")),
        "plan_k": ("double_array_value", [20.0]),
        "plan_min_pop": ("double_value", 0.0)}


class Page:
    """One browser session: its websocket, the ids of its widgets by key."""

    def __init__(self, ws: websockets.ClientConnection) -> None:
        self.ws = ws
        self.ids: dict[str, str] = {}
        self.busy = False  # the page said "the planner is busy"

    async def run(self, states: dict[str, tuple[str, object]] | None = None,
                  trigger: str | None = None) -> float:
        """Ask for a run with these widget values (by key); return its seconds."""
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_script_hash = ""
        for key, (kind, value) in (states or {}).items():
            if key not in self.ids:
                continue
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = self.ids[key]
            field = getattr(state, kind)
            if isinstance(value, list):
                field.data.extend(value)
            else:
                setattr(state, kind, value)
        if trigger is not None:
            state = msg.rerun_script.widget_states.widgets.add()
            state.id, state.trigger_value = self.ids[trigger], True
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        await self._until_finished()
        return time.perf_counter() - start

    async def _until_finished(self) -> None:
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self._note(msg)
            if kind == "script_finished" and msg.script_finished in (0, 3):  # not cut short
                return

    def _note(self, msg: ForwardMsg) -> None:
        """Remember the id of every keyed widget (its id ends with ``-key``)."""
        delta = msg.delta
        if delta.WhichOneof("type") == "new_element":
            element = delta.new_element
            widget = getattr(element, element.WhichOneof("type") or "", None)
            wid = getattr(widget, "id", "")
            if element.WhichOneof("type") == "alert" and BUSY in element.alert.body:
                self.busy = True
        elif delta.WhichOneof("type") == "add_block":
            wid = delta.add_block.id
        else:
            return
        if wid and "-" in wid:
            self.ids[wid.rsplit("-", 1)[1]] = wid


#: Seconds between B's changes: a person's pace, and under the server's rerun rate limit
#: (``settings.RERUN_RATE``, 4 a second), which would otherwise be what B measures.
PACE_S = 0.5


async def threshold_changes(b: Page, stop: asyncio.Event, times: list[float]) -> None:
    """Session B: change the threshold every :data:`PACE_S` until ``stop`` (at least once)."""
    i = 0
    while True:
        start = time.perf_counter()
        times.append(await b.run({"t": ("string_array_value", [THRESHOLDS[i % 2]])}))
        i += 1
        if stop.is_set():
            return
        await asyncio.sleep(max(0.0, PACE_S - (time.perf_counter() - start)))


async def while_a(b: Page, a_job: asyncio.Future) -> tuple[float, list[float]]:
    """Run session B's changes while session A's job runs; A's seconds and B's times."""
    stop, times = asyncio.Event(), []
    started = time.perf_counter()
    task = asyncio.create_task(threshold_changes(b, stop, times))
    seconds = await a_job
    stop.set()
    await task
    return seconds or time.perf_counter() - started, times


def describe(name: str, times: list[float]) -> str:
    if not times:
        return f"{name}: none"
    return (f"{name}: {len(times)} reruns, median {statistics.median(times):.2f} s, "
            f"max {max(times):.2f} s")


async def ask(url: str, threshold: str) -> str:
    """One more session asks for the worst plan at ``threshold``: its time, or "busy"."""
    async with websockets.connect(url, **CONNECT) as ws:
        page = Page(ws)
        await page.run()
        await page.run({"side": PLAN["side"], "t": ("string_array_value", [threshold])})
        seconds = await page.run({**PLAN, "t": ("string_array_value", [threshold])},
                                 trigger="plan_run")
        return "busy" if page.busy else f"{seconds:.1f} s"


async def bench(url: str, server_pid: int, askers: int) -> None:
    async with websockets.connect(url, **CONNECT) as wa, websockets.connect(url, **CONNECT) as wb:
        a, b = Page(wa), Page(wb)
        await a.run()
        await b.run()
        alone: list[float] = []
        done = asyncio.Event()
        done.set()  # six changes at B's pace, nothing else running
        for _ in range(6):
            await threshold_changes(b, done, alone)
            await asyncio.sleep(PACE_S)
        print(describe("B alone", alone))
        await a.run({"side": PLAN["side"]})  # the planner's widgets appear
        plan_s, during = await while_a(b, asyncio.ensure_future(a.run(PLAN, trigger="plan_run")))
        print(f"A: the plan answered in {plan_s:.1f} s")
        print(describe("B while A's plan is solved", during))
        if "plan_sure_run" in a.ids:
            sure = asyncio.ensure_future(a.run(PLAN, trigger="plan_sure_run"))
            sure_s, during = await while_a(b, sure)
            print(f"A: how sure answered in {sure_s:.1f} s")
            print(describe("B while A's how sure runs", during))
        if askers:
            others = ("30 min", "60 min", "180 min")  # not A's 120: nothing cached
            group = asyncio.gather(*(ask(url, others[i % 3]) for i in range(askers)))
            wall, during = await while_a(b, asyncio.ensure_future(_timed(group)))
            print(f"{askers} askers at once: {', '.join(group.result())} ({wall:.1f} s in all)")
            print(describe(f"B while {askers} askers wait", during))
        print(memory(server_pid))


async def _timed(job: asyncio.Future) -> float:
    start = time.perf_counter()
    await job
    return time.perf_counter() - start


def memory(pid: int) -> str:
    """The server's and its children's resident memory now and at most (MB)."""
    out = []
    for p in [pid, *children(pid)]:
        try:
            status = dict(line.split(":", 1) for line in
                          Path(f"/proc/{p}/status").read_text().splitlines())
        except OSError:
            continue
        out.append(f"pid {p}: {int(status['VmRSS'].split()[0]) // 1024} MB now, "
                   f"{int(status['VmHWM'].split()[0]) // 1024} MB at most")
    return "memory: " + "; ".join(out)


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve")
    ap.add_argument("--objective", default="time", choices=["coverage", "time", "capacity"],
                    help="what the plans ask for (default time, the worst with how sure)")
    ap.add_argument("--askers", type=int, default=4,
                    help="sessions that then ask for the worst plan at once (default 4: "
                         "one more than a worker and its queue take)")
    args = ap.parse_args()
    PLAN["plan_objective"] = ("string_value", t(f"objective_{args.objective}", "en"))
    with served(args.root) as (base, pid):
        print(f"serving {args.root}; {os.cpu_count()} cores, load "
              f"{os.getloadavg()[0]:.1f}")
        asyncio.run(bench(base.replace("http", "ws") + "/_stcore/stream", pid, args.askers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
