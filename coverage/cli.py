"""Command line: ``python -m coverage report | plan | map | export | demand``.

Bad input ends with exit code 2 and one line naming file, row and column; never a
traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import cli_plan, settings
from .basis import basis_of
from .data import load_all, load_centres
from .errors import DataError
from .grid import grid_cells
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from .names import with_local_names
from .population import demand_points
from .report import build_report
from .report_format import dumps, report_csv, report_json
from .travel import travel_mode

if TYPE_CHECKING:
    import pandas as pd

    from .basis import Basis
    from .data import Datasets
    from .incidents import IncidentSet
    from .report import Report


class UsageError(Exception):
    """A wrong option value: reported in one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    """Reports a wrong option in one line, as every other bad input."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _minutes(text: str) -> list[int]:
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a list of whole minutes such as 30,60,120") from None
    if not values or min(values) <= 0:
        raise argparse.ArgumentTypeError("minutes must be positive, e.g. 30,60,120")
    return values


def _one_minute(text: str) -> int:
    values = _minutes(text)
    if len(values) != 1:
        raise argparse.ArgumentTypeError("give one threshold, e.g. 120")
    return values[0]


def _bandwidth(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of km (or inf)") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError("the bandwidth must be 0 or more (inf: even)")
    return value


def _common() -> dict[str, _Parser]:
    """Options several commands share (argparse ``parents``), read at call time."""
    register = _Parser(add_help=False)
    register.add_argument("--centres", type=Path, help="your register (CSV, XLSX or "
                          "GeoJSON) instead of the bundled one")
    register.add_argument("--mode", "--scenario", dest="mode",
                          choices=list(settings.TRAVEL_MODES), default=settings.DEFAULT_MODE,
                          help="travel mode: car, no-car or winter (default "
                               f"{settings.DEFAULT_MODE}; --scenario is the old name)")
    town = _Parser(add_help=False)
    town.add_argument("--no-town-travel", action="store_true",
                      help="no way inside towns: every town's women on its point, as "
                           "point-to-point tools count (for comparisons)")
    bandwidth = _Parser(add_help=False)
    bandwidth.add_argument("--bandwidth-km", type=_bandwidth,
                           default=settings.KERNEL_BANDWIDTH_KM,
                           help="kernel bandwidth of the rural population (default "
                                f"{settings.KERNEL_BANDWIDTH_KM:g}; 0: on settlements; "
                                "inf: even)")
    incidents = _Parser(add_help=False)
    _incident_options(incidents)
    output = _Parser(add_help=False)
    output.add_argument("--out", type=Path, help="write here instead of standard output")
    lang = _Parser(add_help=False)
    lang.add_argument("--lang", choices=list(LANGUAGES), default=DEFAULT_LANGUAGE,
                      help="language of the messages (problems in your files, notes), of "
                           "the map's texts and of the export's number format: en (the "
                           "default), ru or kk")
    return {"register": register, "town": town, "bandwidth": bandwidth,
            "incidents": incidents, "output": output, "lang": lang}


def parser() -> argparse.ArgumentParser:
    """Return the argument parser (also used to document the command line)."""
    ap = _Parser(
        prog="python -m coverage",
        description="Crisis-centre coverage for Kazakhstan, from the command line.")
    sub = ap.add_subparsers(dest="command", required=True)
    c = _common()

    rep = sub.add_parser("report", help="reach, accessibility and standards per region",
                         parents=[c["register"], c["bandwidth"], c["town"], c["incidents"],
                                  c["output"], c["lang"]])
    rep.add_argument("--minutes", type=_minutes, default=list(settings.THRESHOLDS_MIN),
                     help="thresholds in minutes, comma-separated (default "
                          + ",".join(str(m) for m in settings.THRESHOLDS_MIN) + ")")
    rep.add_argument("--speed-kmh", type=float, help="override the travel mode's speed")
    rep.add_argument("--detour", type=float, help="override the detour factor")
    rep.add_argument("--wait-minutes", type=float, help="override the waiting time")
    rep.add_argument("--format", choices=["json", "csv"], default="json")

    pln = sub.add_parser("plan", help="where K new centres would bring most women in reach",
                         parents=[c["register"], c["town"], c["incidents"], c["output"],
                                  c["lang"]])
    pln.add_argument("--add", type=int, required=True, metavar="K",
                     help=f"number of new sites, 0 to {settings.MAX_NEW_SITES}")
    pln.add_argument("--minutes", type=_one_minute, default=120,
                     help="threshold in minutes (default 120)")
    pln.add_argument("--per-region-min", type=int, default=0, choices=[0, 1, 2, 3],
                     help="every region ends with at least this many centres")
    pln.add_argument("--exclude", type=lambda s: tuple(x for x in s.split(",") if x),
                     default=(), help="region ids where no site may go, e.g. KZ-71,KZ-75")
    pln.add_argument("--weight", choices=["women", "incidents"], default="women",
                     help="women: every woman counts the same (default); incidents: each "
                          "woman weighted by her region's reported rate per 100,000 women "
                          "(needs figures for all 20 regions; the bundled 2022 domestic "
                          "(family) offences unless --incidents)")
    pln.add_argument("--format", choices=["json", "csv"], default="json")
    cli_plan.add_options(pln)

    mp = sub.add_parser("map", help="the map as a standalone HTML page that works offline",
                        parents=[c["register"], c["lang"]])
    mp.add_argument("--minutes", type=_one_minute, default=120)
    mp.add_argument("--out", type=Path, required=True, help="the .html file to write")

    exp = sub.add_parser("export", help="regions with their figures (GeoJSON, CSV or XLSX)",
                         parents=[c["register"], c["incidents"], c["lang"]],
                         epilog="--lang en: CSV with ',' and a decimal point; ru, kk: ';' and "
                                "a decimal comma, as Excel expects there; also the XLSX's "
                                "About sheet")
    exp.add_argument("--format", choices=["geojson", "csv", "xlsx"], default="geojson")
    exp.add_argument("--out", type=Path, required=True)

    sub.add_parser("demand", help="the demand points in use, as CSV",
                   parents=[c["bandwidth"], c["town"], c["output"], c["lang"]])
    return ap


def _incident_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--incidents", type=Path,
                     help="your incident figures by region (CSV or XLSX) instead of the "
                          "bundled ones")
    sub.add_argument("--layout", choices=["17", "20"],
                     help="regions of --incidents rows without a layout column: 17 (before "
                          "8 June 2022) or 20 (since); detected when omitted")
    sub.add_argument("--incident-set", metavar="INDICATOR@PERIOD",
                     help="the figures of the silent-zone rule and of incident weighting "
                          "(default: the first that covers every region)")


def _incidents(args: argparse.Namespace, data: Datasets) -> pd.DataFrame:
    """Load the incident figures in today's layout: bundled, or ``--incidents``."""
    from .data import load_incidents
    from .incidents import regional_sets, to_current_layout

    if getattr(args, "incidents", None) is None:
        table = data.incidents
    else:
        table = load_incidents(args.incidents, name=args.incidents.name,
                               regions=data.regions)
        for notice in table.attrs.get("notices", []):
            print(f"{t('cli_note', args.lang)}: {notice.line(args.lang)}", file=sys.stderr)
    layout = int(args.layout) if getattr(args, "layout", None) else None
    out = to_current_layout(table, data.crosswalk, layout=layout)
    if getattr(args, "incidents", None) is not None:
        out.attrs["file"] = args.incidents.name
    keys = list(regional_sets(out)["key"])
    if getattr(args, "incident_set", None) and args.incident_set not in keys:
        raise UsageError(f"--incident-set {args.incident_set}: not among the regional "
                         f"figures; choose from {', '.join(keys[:8]) or 'none'}")
    return out


def _write(text: str | bytes, out: Path | None) -> None:
    if out is None:
        if isinstance(text, bytes):  # a workbook: written as it is
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        return
    try:
        if isinstance(text, bytes):
            out.write_bytes(text)
        else:
            out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{out}: cannot write ({exc.strerror or exc})") from None


def _report(args: argparse.Namespace) -> str:
    from .population import demand_model

    try:
        travel = travel_mode(args.mode, speed_kmh=args.speed_kmh, detour=args.detour,
                          wait_minutes=args.wait_minutes)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    data, centres, basis = _register(args)
    incidents = _incidents(args, data)  # every file read (and refused) before the model
    model = demand_model(data.regions, data.population, data.settlements, water=data.water,
                         bandwidth_km=args.bandwidth_km, town_travel=not args.no_town_travel)
    report = build_report(data, centres=centres, model=model, thresholds=args.minutes,
                          travel=travel, basis=basis, incidents=incidents,
                          incident_set=args.incident_set)
    if args.format == "csv":
        return report_csv(report)
    return dumps(report_json(report), indent=1) + "\n"


def _register(args: argparse.Namespace) -> tuple[Datasets, pd.DataFrame, Basis]:
    """Load the datasets, the register in use (bundled or ``--centres``) and its basis."""
    data = load_all()
    if args.centres is None:
        # Names and settlements in every language, for a map in --lang.
        return data, with_local_names(data.centres, data.settlements), basis_of(data.centres)
    centres = load_centres(args.centres, regions=data.regions, settlements=data.settlements)
    for notice in centres.attrs.get("notices", []):
        print(f"{t('cli_note', args.lang)}: {notice.line(args.lang)}", file=sys.stderr)
    return (data, with_local_names(centres, data.settlements),
            basis_of(centres, file=args.centres.name))


def _plan(args: argparse.Namespace) -> str:
    data, centres, _ = _register(args)
    weights = _weighting_set(args, data) if args.weight == "incidents" else None
    try:
        text, note = cli_plan.plan_text(args, data, centres, weights)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if note:
        print(f"note: {note}", file=sys.stderr)
    return text


def _weighting_set(args: argparse.Namespace, data: Datasets) -> IncidentSet:
    """Return the incident figures that weight the plan: complete, with full-year rates."""
    from .incidents import default_set, incident_rates, incident_sets, with_full_year_rates

    table = _incidents(args, data)
    region_ids = list(data.regions["region_id"])
    chosen = (incident_rates(table, data.population, key=args.incident_set)
              if args.incident_set else
              default_set(incident_sets(table, data.population), region_ids))
    if chosen is None:
        raise UsageError(f"--incident-set {args.incident_set}: no such regional figures"
                         if args.incident_set else "no incident figures by region")
    if not chosen.covers(region_ids):
        raise UsageError(f"--weight incidents: {chosen.key} covers {chosen.regions} of "
                         f"{len(region_ids)} regions; weighting needs every region")
    return with_full_year_rates(chosen, data.crosswalk)


def _centres_and_report(args: argparse.Namespace, thresholds: Sequence[int] | None = None,
                        ) -> tuple[Datasets, pd.DataFrame, Report]:
    thresholds = settings.THRESHOLDS_MIN if thresholds is None else thresholds
    data, centres, basis = _register(args)
    report = build_report(data, centres=centres, thresholds=thresholds,
                          travel=travel_mode(args.mode), basis=basis,
                          incidents=_incidents(args, data),
                          incident_set=getattr(args, "incident_set", None))
    return data, centres, report


def _map(args: argparse.Namespace) -> str:
    from .indicators import classes_of
    from .labels import map_texts
    from .webmap import standalone_map

    thresholds = sorted({*settings.THRESHOLDS_MIN, args.minutes})
    data, centres, report = _centres_and_report(args, thresholds)
    classes = classes_of(report.regions, "share_within", threshold=args.minutes)
    texts = map_texts(report, "share_within", lang=args.lang, threshold=args.minutes,
                      mode=args.mode, date=dt.date.today().isoformat())
    return standalone_map(report, data.regions, classes, centres=centres, lang=args.lang,
                          threshold=args.minutes, texts=texts,
                          incidents=report.incident_set)


def _export(args: argparse.Namespace) -> str | bytes:
    """Regions with every figure: GeoJSON, or the report's table as CSV or XLSX.

    The CSV and XLSX round figures as the dashboard's downloads do (shares as percentages
    in CSV, with ``--lang``'s separators); the XLSX adds an About sheet.
    """
    from .exports import regions_geojson, table_csv, table_xlsx
    from .report_format import report_table

    data, _, report = _centres_and_report(args)
    if args.format == "geojson":
        return regions_geojson(data.regions, report)
    table = report_table(report)
    if args.format == "csv":
        return table_csv(table, lang=args.lang)
    return table_xlsx(table, lang=args.lang, about=_about(args, report))


def _about(args: argparse.Namespace, report: Report) -> dict[str, str]:
    """Return the About sheet of an exported workbook, as the dashboard writes it."""
    from .basis import source_line
    from .exports import about_rows
    from .i18n import fmt_period, incident_label

    lang = args.lang
    today = dt.date.today().isoformat()
    mode = t(f"scenario_{args.mode}", lang)
    parameters = {
        t("scenario", lang): mode,
        t("about_thresholds", lang): ", ".join(t("minutes", lang, m=m)
                                               for m in report.params["minutes"]),
    }
    inc = report.incident_set
    if inc is not None:
        parameters[t("inc_set", lang)] = (f"{incident_label(inc.indicator, lang)}, "
                                          f"{fmt_period(inc.period, lang)}")
    return about_rows(basis=report.basis.text(lang),
                      sources=source_line(report.basis, lang, scenario_text=mode, date=today),
                      parameters=parameters, date=today, lang=lang)


def _demand(args: argparse.Namespace) -> str:
    data = load_all()
    points = demand_points(data.regions, data.population, data.settlements,
                           cells=grid_cells(data.regions, water=data.water),
                           bandwidth_km=args.bandwidth_km, town_travel=not args.no_town_travel)
    return points[["lon", "lat", "region_id", "women", "town_km"]].to_csv(
        index=False, lineterminator="\n", float_format="%.6f")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        text = {"report": _report, "plan": _plan, "map": _map, "export": _export,
                "demand": _demand}[args.command](args)
        _write(text, args.out)
    except DataError as exc:
        # The problems in the user's language; the file's own text stays as it is.
        print(f"{t('cli_error', args.lang)}: {exc.summary(lang=args.lang)}", file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
