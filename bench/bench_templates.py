"""Template syntax in a centre's name through ``python -m coverage map``: what the HTML
shows, wall time and peak memory, for this checkout or (``--code DIR``) another one, such
as the code before the fix (``git worktree add /tmp/before <commit>``), run with a memory
cap and a time limit so that it cannot take the machine down::

    .venv/bin/python bench/bench_templates.py
    .venv/bin/python bench/bench_templates.py --code /tmp/before --limit-mb 6000 --timeout 60

Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from bench_hostile import outcome as command_outcome  # noqa: E402
from hostile import run_measured  # noqa: E402

from tests.injection import HOG, SPIN, visible  # noqa: E402

#: Label -> (the evaluated form that would show, or None).
CASES = {
    "T{{ 7+7 }}A": "T14A",
    f"six nested loops ({len(SPIN)} bytes)": None,
    f"five loops writing 40 digits ({len(HOG)} bytes)": None,
    "Centre {# 5": None,
    "Lp{{ lipsum }}pL": "<function generate_lorem_ipsum",
    "{{ lipsum|string|first }}img src=x onerror=alert(1){{ lipsum|string|last }}":
        "<img src=x onerror",
}
NAMES = {f"six nested loops ({len(SPIN)} bytes)": SPIN,
         f"five loops writing 40 digits ({len(HOG)} bytes)": HOG}


def register(name: str) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([["name", "lat", "lon"],
                                                   [name, "51.1801", "71.44598"]])
    return buf.getvalue().encode()


def outcome(run, html: Path, name: str, evaluated: str | None, timeout: float) -> str:
    ended = command_outcome(run, timeout)
    if not ended.startswith("loaded"):  # stopped, a traceback or an exit code
        return ended
    page = html.read_text(encoding="utf-8") if html.exists() else ""
    if evaluated and evaluated in visible(page).replace(name, ""):
        return f"evaluated: {evaluated}"
    return "shown as written" if name in visible(page) else "name missing"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--code", type=Path, default=ROOT, help="checkout to run")
    ap.add_argument("--limit-mb", type=int, default=None, help="address-space cap")
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args()
    python = ROOT / ".venv" / "bin" / "python"
    print("| name | outcome | seconds | peak MB |")
    print("|---|---|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for i, (label, evaluated) in enumerate(CASES.items()):
            name = NAMES.get(label, label)
            path = Path(folder) / f"{i}.csv"
            path.write_bytes(register(name))
            html = Path(folder) / f"{i}.html"
            run = run_measured([str(python), "-m", "coverage", "map", "--centres", str(path),
                                "--out", str(html)], cwd=str(args.code),
                               timeout=args.timeout, limit_mb=args.limit_mb)
            shown = label.replace("|", "\\|")
            print(f"| `{shown}` | {outcome(run, html, name, evaluated, args.timeout)} | "
                  f"{run.seconds:.1f} | {run.peak_mb:,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
