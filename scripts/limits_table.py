"""Write the README's table of limits and messages, in English, Russian and Kazakh.

Each row says what is refused or limited, at what size, and the line a user then sees:
that line is written by the code's own message catalogue (:class:`coverage.errors.Problem`
or :func:`coverage.i18n.t`), so the README quotes exactly what the page and the command
line say. Run from the repository root::

    python scripts/limits_table.py          # print the three tables
    python scripts/limits_table.py --write  # put them into README.md between the markers
    python scripts/limits_table.py --check  # exit 1 if README.md is not up to date
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coverage import settings  # noqa: E402
from coverage.errors import Problem  # noqa: E402
from coverage.i18n import LANGUAGES, fmt_int, fmt_num, fmt_pct, t  # noqa: E402

README = ROOT / "README.md"


@dataclass(frozen=True)
class Row:
    """One limit: what (per language), its size, and the message (a problem or a key)."""

    what: dict[str, str]
    size: Callable[[str], str]
    problem: Problem | None = None
    key: str = ""
    values: Callable[[str], dict[str, object]] | None = None

    def message(self, lang: str) -> str:
        if self.problem is not None:
            return self.problem.line(lang)
        if not self.key:  # the limit works unseen: nothing is refused
            return "—"
        return t(self.key, lang, **(self.values(lang) if self.values else {}))


def _p(file: str, row: int | None, column: str | None, key: str, **values: object) -> Problem:
    return Problem(file, row, column, key=key, values=values)


#: Units as each language writes them (a no-break space before).
_UNITS = {" MB": {"en": "\u00a0MB", "ru": "\u00a0МБ", "kk": "\u00a0МБ"},
          " s": {"en": "\u00a0s", "ru": "\u00a0с", "kk": "\u00a0с"}}


def _n(value: int, unit: str = "") -> Callable[[str], str]:
    """A size written in each language's digits and unit."""
    return lambda lang: fmt_int(value, lang) + _UNITS.get(unit, {}).get(lang, unit)


def _places(lang: str) -> str:
    return f"0–{fmt_int(settings.MAX_BEDS, lang)}"


def _none(_lang: str) -> str:
    return "—"


MB = settings.MAX_FILE_BYTES / 1e6
ROWS: list[Row] = [
    Row({"en": "A file's size", "ru": "Размер файла", "kk": "Файл көлемі"},
        _n(settings.MAX_FILE_BYTES >> 20, " MB"),
        _p("big.csv", None, None, "file_too_large", size=12.4, limit=MB)),
    Row({"en": "Rows of a register", "ru": "Строки реестра", "kk": "Тізілім жолдары"},
        _n(settings.MAX_CENTRES),
        _p("centres.xlsx", settings.MAX_CENTRES + 2, None, "centres_over",
           limit=settings.MAX_CENTRES)),
    Row({"en": "Rows of incident figures", "ru": "Строки таблицы обращений",
         "kk": "Оқиғалар кестесінің жолдары"}, _n(settings.MAX_INCIDENT_ROWS),
        _p("incidents.csv", settings.MAX_INCIDENT_ROWS + 2, None, "incident_rows_over",
           limit=settings.MAX_INCIDENT_ROWS)),
    Row({"en": "Sets of incident figures (an indicator in a period)",
         "ru": "Наборы показателей (показатель за период)",
         "kk": "Көрсеткіштер жиынтығы (бір кезеңдегі бір көрсеткіш)"},
        _n(settings.MAX_INCIDENT_SETS),
        _p("incidents.csv", 2102, "indicator", "too_many_sets",
           limit=settings.MAX_INCIDENT_SETS)),
    Row({"en": "Columns", "ru": "Столбцы", "kk": "Бағандар"}, _n(settings.MAX_COLUMNS),
        _p("wide.csv", 1, None, "too_wide", n=10_000, limit=settings.MAX_COLUMNS)),
    Row({"en": "Characters in a cell (a name, a note)", "ru": "Символы в ячейке",
         "kk": "Ұяшықтағы таңбалар"}, _n(settings.MAX_CELL_CHARS),
        _p("centres.xlsx", 2, "A", "cell_over", limit=settings.MAX_CELL_CHARS)),
    Row({"en": "Cells in all", "ru": "Ячейки всего", "kk": "Барлық ұяшықтар"},
        _n(settings.MAX_CELLS),
        _p("centres.csv", 9_000, None, "too_many_cells", limit=settings.MAX_CELLS)),
    Row({"en": "Parts of an XLSX", "ru": "Части файла XLSX", "kk": "XLSX бөліктері"},
        _n(settings.MAX_ZIP_ENTRIES),
        _p("book.xlsx", None, None, "zip_parts", n=306, limit=settings.MAX_ZIP_ENTRIES)),
    Row({"en": "An XLSX unpacked", "ru": "XLSX в распакованном виде",
         "kk": "Ашылған XLSX"}, _n(settings.MAX_UNZIPPED_BYTES // 10**6, " MB"),
        _p("book.xlsx", None, None, "zip_size", size=480,
           limit=settings.MAX_UNZIPPED_BYTES / 1e6)),
    Row({"en": "Compression of a part of an XLSX", "ru": "Степень сжатия части XLSX",
         "kk": "XLSX бөлігінің сығылуы"}, _n(round(settings.MAX_ZIP_RATIO), "×"),
        _p("book.xlsx", None, None, "zip_ratio", ratio=1000, limit=settings.MAX_ZIP_RATIO)),
    Row({"en": "XML entities in an XLSX (\"billion laughs\")",
         "ru": "XML-сущности в XLSX", "kk": "XLSX ішіндегі XML нысандары"}, _n(0),
        _p("book.xlsx", None, None, "xml_entities")),
    Row({"en": "A row number that is not ASCII digits (\"²\")",
         "ru": "Номер строки не из цифр ASCII («²»)",
         "kk": "ASCII цифрларынан емес жол нөмірі («²»)"}, _none,
        _p("book.xlsx", None, None, "bad_row_number", value="²")),
    Row({"en": "JSON nesting", "ru": "Вложенность JSON", "kk": "JSON ұялануы"},
        _n(settings.MAX_JSON_DEPTH),
        _p("centres.geojson", None, None, "json_deep", levels=settings.MAX_JSON_DEPTH)),
    Row({"en": "Values in a JSON file (counted while it is read)",
         "ru": "Значения в файле JSON (считаются при чтении)",
         "kk": "JSON файлындағы мәндер (оқу кезінде саналады)"},
        _n(settings.MAX_JSON_VALUES),
        _p("scenario.json", None, None, "json_values", limit=settings.MAX_JSON_VALUES)),
    Row({"en": "Different property names in a GeoJSON", "ru": "Разные имена свойств в GeoJSON",
         "kk": "GeoJSON ішіндегі әртүрлі қасиет атаулары"}, _n(settings.MAX_COLUMNS),
        _p("centres.geojson", 99, None, "too_many_names", limit=settings.MAX_COLUMNS)),
    Row({"en": "Names in a scenario file", "ru": "Названия в файле сценария",
         "kk": "Сценарий файлындағы атаулар"}, _n(settings.MAX_CELL_CHARS),
        _p("scenario.json", None, "added[0].name", "text_too_long", n=9_000_000,
           limit=settings.MAX_CELL_CHARS)),
    Row({"en": "Places of a centre", "ru": "Места центра", "kk": "Орталықтағы орындар"},
        _places,
        _p("centres.csv", 2, "beds", "above", value="20000", minimum=0,
           maximum=settings.MAX_BEDS)),
    Row({"en": "Places typed in the planner's table",
         "ru": "Места, введённые в таблицу планировщика",
         "kk": "Жоспарлағыш кестесіне енгізілген орындар"}, _places,
        key="plan_places_refused",
        values=lambda lang: {"value": "1e30", "limit": fmt_int(settings.MAX_BEDS, lang)}),
    Row({"en": "Kazakh letters lost as “?” (Windows-1251): loaded, with a notice",
         "ru": "Казахские буквы потеряны как «?» (Windows-1251): загружается с уведомлением",
         "kk": "Қазақ әріптері «?» болып жоғалған (Windows-1251): ескертумен жүктеледі"}, _none,
        _p("centres.csv", 2, "name", "lost_letters", n=3, word="?ара?анды")),
    Row({"en": "One plan's solve, all of it (then the best plan found, with its gap)",
         "ru": "Расчёт одного плана целиком (затем лучший найденный план и его отставание)",
         "kk": "Бір жоспарды толық есептеу (кейін табылған ең жақсы жоспар мен оның алшақтығы)"},
        _n(round(settings.PLAN_TIME_LIMIT_S), " s"), key="plan_stopped",
        values=lambda lang: {"limit": fmt_int(round(settings.PLAN_TIME_LIMIT_S), lang),
                             "gap": fmt_pct(0.004, lang), "solver": "HiGHS MILP (scipy)",
                             "seconds": fmt_num(10.02, lang, 2)}),
    Row({"en": "“How sure” of a plan, every variant together",
         "ru": "«Насколько надёжно» для плана, все варианты вместе",
         "kk": "Жоспардың «қаншалықты сенімді» тексерісі, барлық нұсқа бірге"},
        _n(round(settings.PLAN_STABILITY_BUDGET_S), " s"), key="plan_stability_stopped",
        values=lambda lang: {"limit": fmt_int(round(settings.PLAN_STABILITY_BUDGET_S), lang),
                             "m": 5, "n": 13}),
    Row({"en": "Questions waiting for the planner's worker",
         "ru": "Вопросы в очереди к планировщику",
         "kk": "Жоспарлағыш кезегіндегі сұрақтар"},
        _n(settings.PLAN_QUEUE), key="plan_busy"),
    Row({"en": "A plan still running 30 s past its limit: its worker is replaced",
         "ru": "План, который считается на 30 с дольше предела: процесс заменяется",
         "kk": "Шегінен 30 с асып есептелетін жоспар: процесс ауыстырылады"},
        _none, key="plan_too_long"),
    Row({"en": "“Clear cache” sent by any browser: clears that session's own results only",
         "ru": "«Очистить кэш» из любого браузера: очищаются только результаты этого сеанса",
         "kk": "Кез келген браузерден «кэшті тазалау»: тек сол сеанстың нәтижелері тазаланады"},
        _none),
    Row({"en": "Reruns of one browser session (more are merged into one later run)",
         "ru": "Перезапуски одного сеанса браузера (лишние объединяются в один)",
         "kk": "Бір браузер сеансының қайта іске қосылуы (артығы біреуге біріктіріледі)"},
        lambda lang: t("limit_reruns", lang, burst=settings.RERUN_BURST,
                       rate=fmt_int(round(settings.RERUN_RATE), lang))),
    Row({"en": "Results shared by every session, per cached function (least used go first)",
         "ru": "Общие для всех сеансов результаты, на одну функцию (первыми уходят давние)",
         "kk": "Барлық сеанстарға ортақ нәтижелер, бір функцияға (ескілері бірінші кетеді)"},
        _n(settings.SHARED_CACHE_MB, " MB")),
    Row({"en": "Text of a scenario whose results are shared (a longer one stays in its session)",
         "ru": "Текст сценария, результаты которого общие (более длинный остаётся в сеансе)",
         "kk": "Нәтижелері ортақ сценарий мәтіні (ұзынырағы өз сеансында қалады)"},
        _n(settings.SHARED_SCENARIO_CHARS)),
    Row({"en": "A file uploaded before the server restarted",
         "ru": "Файл, загруженный до перезапуска сервера",
         "kk": "Сервер қайта іске қосылғанға дейін жүктелген файл"}, _none,
        key="upload_lost", values=lambda _lang: {"file": "centres.xlsx"}),
]


def table(lang: str) -> str:
    """The table of limits in ``lang`` (Markdown)."""
    head = {"en": ("What", "Limit", "What you see"), "ru": ("Что", "Предел", "Что вы увидите"),
            "kk": ("Не", "Шек", "Не көресіз")}[lang]
    lines = [f"| {head[0]} | {head[1]} | {head[2]} |", "|---|---:|---|"]
    for row in ROWS:
        message = row.message(lang).replace("|", "\\|")
        lines.append(f"| {row.what[lang]} | {row.size(lang)} | {message} |")
    return "\n".join(lines)


def block(lang: str) -> str:
    return f"<!-- limits:{lang} -->\n{table(lang)}\n<!-- /limits:{lang} -->"


def updated(readme: str) -> str:
    """``readme`` with every language's table between its markers replaced."""
    for lang in LANGUAGES:
        start, end = f"<!-- limits:{lang} -->", f"<!-- /limits:{lang} -->"
        i, j = readme.index(start), readme.index(end) + len(end)
        readme = readme[:i] + block(lang) + readme[j:]
    return readme


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    text = README.read_text(encoding="utf-8")
    if args.check:
        if updated(text) != text:
            print("README.md: the table of limits is not up to date "
                  "(python scripts/limits_table.py --write)", file=sys.stderr)
            return 1
        return 0
    if args.write:
        README.write_text(updated(text), encoding="utf-8")
        return 0
    print("\n\n".join(block(lang) for lang in LANGUAGES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
