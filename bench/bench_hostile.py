"""Every hostile file of tests/hostile.py through the command line, with its outcome,
wall time and peak memory: for this checkout, or (``--code DIR``) for another one, such
as an older commit checked out with ``git worktree add /tmp/old <commit>``, run with a
memory cap and a time limit so that it cannot take the machine down::

    .venv/bin/python bench/bench_hostile.py
    .venv/bin/python bench/bench_hostile.py --code /tmp/old --limit-mb 4000 --timeout 60

``--corpus readers`` takes the later round's files (``tests/hostile_readers.py``): big
GeoJSON, XLSX and CSV files, odd digits, encodings, incident sets. Registers go in with
``--centres``, incident figures with ``--incidents``; ``--lang ru`` as a reader would.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile import CASES, run_measured  # noqa: E402
from hostile_readers import CASES as READER_CASES  # noqa: E402


def outcome(run, timeout: float) -> str:
    if run.seconds >= timeout:
        return "stopped at the time limit"
    if run.returncode < 0 or "MemoryError" in run.stderr:
        return "stopped: out of memory"
    if "Traceback" in run.stderr:
        last = [line for line in run.stderr.strip().splitlines() if line.strip()][-1]
        return f"traceback ({last[:60]})"
    if run.returncode == 0:
        notes = [line for line in run.stderr.splitlines() if line.strip()]
        return f"loaded, {len(notes)} notice line(s)" if notes else "loaded, no notice"
    return f"exit {run.returncode}: {run.stderr.strip().splitlines()[0][:70]}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--code", type=Path, default=ROOT, help="checkout to run")
    ap.add_argument("--limit-mb", type=int, default=None, help="address-space cap")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--corpus", choices=["hostile", "readers"], default="hostile")
    args = ap.parse_args()
    corpus = CASES if args.corpus == "hostile" else READER_CASES
    python = ROOT / ".venv" / "bin" / "python"
    print("| case | bytes | outcome | seconds | peak MB |")
    print("|---|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for i, (name, case) in enumerate(corpus.items()):
            data = case.data()
            path = Path(folder) / f"{i:02d}.{case.file.rsplit('.', 1)[-1]}"
            path.write_bytes(data)
            option = "--centres" if case.kind == "centres" else "--incidents"
            run = run_measured([str(python), "-m", "coverage", "report", option, str(path),
                                "--minutes", "120", "--lang", "ru"], cwd=str(args.code),
                               timeout=args.timeout, limit_mb=args.limit_mb)
            print(f"| {name} | {len(data):,} | {outcome(run, args.timeout)} | "
                  f"{run.seconds:.1f} | {run.peak_mb:,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
