"""Problems in a user's file, written in the user's language: English, Russian, Kazakh.

A problem carries a message key and the file's values (:class:`coverage.errors.Problem`);
the loaders, the command line and the page write it in the chosen language. English
stays as it always was (the other tests keep asserting it); the file's own text (names,
cells, columns) is never translated.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coverage import DataError, load_centres
from coverage.cli import parser
from coverage.errors import Problem
from coverage.i18n import CATALOGUE, LANGUAGES, t
from coverage.safetext import md_escape

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")

#: The keys of problems: what is wrong (err_), how to fix it (fix_), and their frame.
PROBLEM_KEYS = [*sorted(k for k in CATALOGUE if k.startswith(("err_", "fix_"))),
                "prob_at_row", "prob_at_column", "prob_file", "more_problems", "cli_error",
                "cli_note"]
#: A word in Latin script.
LATIN = re.compile(r"[A-Za-z][A-Za-z_]*")
#: Latin words a Russian or Kazakh message may hold: names of formats, systems and codes
#: with no Cyrillic form, and what the user must type as it is (column names, qualifiers,
#: the scenario's schema).
TECHNICAL = {"CSV", "UTF", "XLSX", "xlsx", "xls", "JSON", "GeoJSON", "FeatureCollection",
             "Point", "Excel", "XML", "DOCTYPE", "Windows", "Latin", "ISO", "KZ", "WGS",
             "http", "https", "at_least", "approx", "schema", "lat", "lon", "region_id",
             "oblast", "city", "scripts", "build_data", "py", "regions", "csv"}

#: A register with a bad cell of every common kind: text for a latitude, a latitude and
#: longitude out of range, an unknown region, a repeated name, a point in Moscow, no name.
BAD_REGISTER = (b"name,lat,lon,region\n"
                b"Centre A,abc,71.4,Narnia\n"
                b"Centre B,51.18,71.45,KZ-71\n"
                b"Centre B,95,200,\n"
                b"Centre C,55.75,37.62,\n"
                b",51.1,71.4,\n")
NO_NAME_COLUMN = b"title,lat,lon\nCentre A,51.18,71.45\n"


def _fields(text: str) -> tuple[set[tuple[str, str]], set[str]]:
    """Placeholders with their format spec, and the names of counted words (``{n|…}``)."""
    plain, counted = set(), set()
    for _, name, spec, _ in string.Formatter().parse(text):
        if name and "|" in name:
            counted.add(name.split("|")[0])
        elif name:
            plain.add((name, spec or ""))
    return plain, counted


@pytest.mark.parametrize("key", PROBLEM_KEYS)
def test_every_message_in_every_language_with_the_same_placeholders(key):
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGUAGES), key
    plain = {lang: _fields(entry[lang])[0] for lang in LANGUAGES}
    # The same values, written with the same format (a count "1,234", a limit "90").
    assert plain["en"] == plain["ru"] == plain["kk"], key
    for lang in LANGUAGES:
        counted = _fields(entry[lang])[1]
        assert counted <= {name for name, _ in plain[lang]}, (key, lang)


def test_every_message_key_the_code_names_exists():
    named: set[str] = set()
    for path in (ROOT / "coverage").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        named |= {f"err_{k}" for k in re.findall(r"""\bkey=["']([a-z0-9_]+)["']""", text)}
        named |= {f"fix_{k}" for k in re.findall(r"""\bfix_key=["']([a-z0-9_]+)["']""", text)
                  if k}
        named |= {f"err_{k}" for k in re.findall(r"""\brefuse\(\s*["']([a-z0-9_]+)["']""",
                                                   text)}
        named |= {f"fix_{k}" for k in re.findall(
            r"""\bfix_key=[^)]*?\belse ["']([a-z0-9_]+)["']""", text)}
    assert len(named) > 60, "the pattern found too few keys"
    # Keys built from parts: the kinds of number, of repeat and of empty cell; the keys
    # of a wrong number (coverage.validate._wrong_number).
    for what in ("number", "lat", "lon", "beds", "count"):
        named |= {f"err_not_{what}", f"fix_not_{what}", f"fix_enter_{what}"}
    named |= {f"err_dup_{what}" for what in ("id", "name", "figure")}
    named |= {"fix_enter_indicator", "fix_enter_period", "err_above", "err_below",
              "err_not_whole", "fix_range", "fix_negative", "fix_at_least"}
    assert sorted(named - set(CATALOGUE)) == []


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("key", PROBLEM_KEYS)
def test_no_message_is_left_in_english(key, lang):
    # Every placeholder filled with a number: what remains in Latin script is the text.
    names = {name for name, _ in _fields(CATALOGUE[key]["en"])[0]}
    text = t(key, lang, **dict.fromkeys(names, 7))
    assert set(LATIN.findall(text)) <= TECHNICAL, (key, lang, text)


def test_english_is_as_it_was(regions):
    # The English line of a keyed problem is the line the loaders always wrote.
    p = Problem("a.csv", 3, "lat", key="not_lat", values={"value": "abc"})
    assert str(p) == p.line("en") == ("a.csv, row 3, column 'lat': 'abc' is not a latitude "
                                      "in degrees (enter a latitude in degrees, with digits "
                                      "only)")
    assert (p.message, p.fix) == (p.text("en"), p.fix_text("en"))
    # A problem written as English text, as before keys, still reads the same.
    old = Problem("a.csv", None, None, "something is wrong", "fix it")
    assert str(old) == "a.csv: something is wrong (fix it)" == old.line("ru")
    with pytest.raises(DataError) as exc:
        load_centres(BAD_REGISTER, name="bad.csv", regions=regions)
    assert str(exc.value) == exc.value.text("en") == exc.value.summary("\n")


def _bad_register_problems(regions) -> list[DataError]:
    errors = []
    for name, data in (("bad.csv", BAD_REGISTER), ("no_name.csv", NO_NAME_COLUMN)):
        with pytest.raises(DataError) as exc:
            load_centres(data, name=name, regions=regions)
        errors.append(exc.value)
    return errors


@pytest.mark.parametrize(("lang", "words"), [("ru", ("строка", "столбец", "широта")),
                                             ("kk", ("жол", "бағаны", "ендік"))])
def test_a_bad_register_in_russian_and_kazakh(lang, words, regions):
    bad, no_name = _bad_register_problems(regions)
    # Only the file's own text (names, cells, columns) and technical names stay in Latin.
    from_file = set(LATIN.findall(BAD_REGISTER.decode() + NO_NAME_COLUMN.decode()))
    allowed = TECHNICAL | from_file | {"bad", "no_name"}
    for error in (bad, no_name):
        text = error.text(lang)
        assert len(text.splitlines()) == len(str(error).splitlines())
        assert set(LATIN.findall(text)) <= allowed, text
        rows = error.records(lang)
        assert [r["problem"] for r in rows] == [p.text(lang) for p in error.problems]
        assert all(r["fix"] for r in rows)
    text = bad.text(lang)
    assert all(w in text for w in words), text
    # The file's values as they are, between the language's quotes.
    assert "«abc»" in text and "«Narnia»" in text and "(55,75; 37,62)" in text
    assert "«name»" in no_name.text(lang) and "'title', 'lat', 'lon'" in no_name.text(lang)
    # The English words of the messages are gone.
    for english in ("row", "column", "is not", "unknown", "outside", "repeats"):
        assert not re.search(rf"\b{english}\b", text), english


def test_numbers_in_the_language_format():
    p = Problem("big.csv", None, None, key="too_many_rows",
                values={"n": 123_456, "limit": 100_000}, fix_key="split")
    assert p.text("en") == "the table has 123,456 rows; the limit is 100,000"
    assert p.text("ru") == ("в таблице 123\u00a0456 строк; допустимо не более 100\u00a0000")
    assert p.text("kk") == "кестеде 123\u00a0456 жол бар; шегі — 100\u00a0000"
    # The word that goes with a count in Russian.
    assert Problem("f", 2, None, key="row_too_long",
                   values={"cells": 3, "width": 2}).text("ru") == \
        "в строке 3 ячейки, а в строке заголовков — 2"
    error = DataError([Problem("f", r, "lat", key="empty", fix_key="enter_lat")
                       for r in range(2, 43)])  # 41 problems, 20 listed
    assert error.text("ru").splitlines()[-1] == "... и ещё 21 проблема"
    assert error.text("kk").splitlines()[-1] == "... және тағы 21 мәселе"
    many = DataError([Problem("f", r, "lat", key="empty", fix_key="enter_lat")
                      for r in range(2, 1_236)])  # 1,234 problems, 200 kept
    assert many.records("ru")[-1]["problem"] == "... и ещё 1\u00a0034 проблемы"
    assert many.records("en")[-1]["problem"] == "... and 1,034 more problems"
    assert many.records("kk")[-1]["fix"] == t("fix_more_problems", "kk")


# ------------------------------------------------------------------ command line
@pytest.mark.parametrize(("lang", "prefix", "words"),
                         [("kk", "қате: ", ("2-жол", "«lat» бағаны", "«abc»")),
                          ("ru", "ошибка: ", ("строка 2", "столбец «lat»", "«abc»")),
                          ("en", "error: ", ("row 2", "column 'lat'", "'abc'"))])
def test_the_command_line_in_the_language(lang, prefix, words, tmp_path, cli):
    path = tmp_path / "BAD.csv"
    path.write_bytes(BAD_REGISTER)
    res = cli("report", "--centres", str(path), "--lang", lang)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    (line,) = res.stderr.strip().splitlines()
    assert line.startswith(prefix + "BAD.csv, ") and all(w in line for w in words), line
    if lang != "en":
        allowed = TECHNICAL | set(LATIN.findall(BAD_REGISTER.decode())) | {"BAD"}
        assert set(LATIN.findall(line)) <= allowed, line


def test_the_command_line_notes_in_the_language(tmp_path, cli):
    mine = tmp_path / "mine.csv"
    mine.write_text("name,lat,lon\nA,51.1801,71.44598\n", encoding="utf-8")
    res = cli("export", "--centres", str(mine), "--format", "geojson", "--lang", "kk",
              "--out", str(tmp_path / "out.geojson"))
    assert res.returncode == 0, res.stderr
    assert res.stderr.startswith("ескерту: mine.csv, «lat/lon» бағаны: өз елді мекенінде "
                                 "орналастырылған орталықтар: 1;"), res.stderr


def test_every_command_takes_a_language():
    required = {"plan": ["--add", "1"], "map": ["--out", "m.html"],
                "export": ["--out", "e.csv"]}
    for command in ("report", "plan", "map", "export", "demand"):
        args = parser().parse_args([command, *required.get(command, []), "--lang", "kk"])
        assert args.lang == "kk"
        assert parser().parse_args([command, *required.get(command, [])]).lang == "en"


# ------------------------------------------------------------------ the page
def _table_of(at: AppTest, header: str):
    tables = [tb.value for tb in at.table if header in list(tb.value.columns)]
    assert tables, [list(tb.value.columns) for tb in at.table]
    return tables[0]


def test_the_page_shows_the_problems_in_the_language(regions):
    with pytest.raises(DataError) as exc:
        load_centres(BAD_REGISTER, name="bad.csv", regions=regions)
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params.update(lang="ru")
    at.run()
    at.file_uploader(key="up_centres").set_value(("bad.csv", BAD_REGISTER, "text/csv")).run()
    assert not at.exception, at.exception
    assert any(e.value == t("upload_rejected", "ru", file=md_escape("bad.csv"),
                            n=exc.value.total) for e in at.error)
    shown = _table_of(at, t("prob_problem", "ru"))
    assert list(shown.columns) == [t(k, "ru") for k in ("prob_row", "prob_column",
                                                        "prob_problem", "prob_fix")]
    expected = exc.value.records("ru")
    assert [str(x) for x in shown[t("prob_problem", "ru")]] == [md_escape(r["problem"])
                                                                for r in expected]
    assert [str(x) for x in shown[t("prob_fix", "ru")]] == [md_escape(r["fix"])
                                                            for r in expected]
    assert "не широта в градусах" in " ".join(map(str, shown[t("prob_problem", "ru")]))
    # The same problems, written again when the reader changes the language.
    at.selectbox(key="lang").set_value("kk").run()
    assert not at.exception
    shown = _table_of(at, t("prob_problem", "kk"))
    assert [str(x) for x in shown[t("prob_problem", "kk")]] == [
        md_escape(r["problem"]) for r in exc.value.records("kk")]


def test_the_page_shows_notices_and_a_bad_scenario_in_the_language():
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params.update(lang="kk")
    at.run()
    good = b"name,lat,lon\nA,51.1801,71.44598\n"
    at.file_uploader(key="up_centres").set_value(("mine.csv", good, "text/csv")).run()
    assert not at.exception, at.exception
    notices = _table_of(at, t("prob_problem", "kk"))
    assert md_escape("өз елді мекенінде орналастырылған орталықтар: 1") in " ".join(
        map(str, notices[t("prob_problem", "kk")]))
    at.session_state["side"] = t("tab_plan", "kk")
    at.run()
    at.file_uploader(key="scenario_file").set_value(
        ("s.json", b'{"a": 1}', "application/json")).run()
    assert not at.exception, at.exception
    shown = _table_of(at, t("prob_file", "kk"))
    assert list(shown.columns) == [t(k, "kk") for k in ("prob_file", "prob_row", "prob_column",
                                                        "prob_problem", "prob_fix")]
    assert list(shown[t("prob_problem", "kk")]) == [
        md_escape(t("err_not_scenario", "kk"))]
