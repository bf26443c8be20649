"""The gettext catalogues: complete, not fuzzy, placeholders as in English, kept in step.

The checks run on the bundled ``coverage/locale`` and, to show they can fail, on small
catalogues written here with one fault each.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coverage import catalogue
from coverage.i18n import CATALOGUE, LANGUAGES, t
from coverage.indicators import INDICATORS
from coverage.sensitivity import ASSUMPTIONS
from coverage.silence import QUADRANTS

ROOT = Path(__file__).resolve().parent.parent
MSGFMT = shutil.which("msgfmt")


def _scripts():
    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "scripts" / "catalogues.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogues"] = module
    spec.loader.exec_module(module)
    return module


def _write(root: Path, lang: str, entries: list[tuple[str, str, list[str], list[str]]]) -> None:
    """Write a .po of ``(key, text, comments, flags)`` entries with the project's writer."""
    scripts = _scripts()
    cat = scripts.new_catalogue(lang)
    for key, text, comments, flags in entries:
        cat.add(key, text, auto_comments=comments, flags=flags)
    scripts.save(cat, lang)


@pytest.fixture
def locale(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogue, "LOCALE_DIR", tmp_path)
    return tmp_path


def test_bundled_catalogues_are_complete_and_consistent():
    assert catalogue.check_catalogues(tuple(LANGUAGES)) == []


def test_loaded_catalogue_is_what_the_files_hold():
    ru = {str(m.id): str(m.string) for m in catalogue.read_catalogue("ru") if m.id}
    assert CATALOGUE["title"]["ru"] == ru["title"] == \
        "Могут ли женщины добраться до кризисного центра?"
    assert len(CATALOGUE) == len(ru) > 400
    assert t("plan_add_all", "ru", n=5) == "Добавить эти 5 центров в сценарий"


def test_method_texts_are_markdown_files_with_the_same_placeholders():
    texts = {lang: catalogue.read_text("method", lang) for lang in LANGUAGES}
    names = catalogue.placeholders(texts["en"])
    assert {"centres", "reported", "detour", "bw"} <= names
    assert all(catalogue.placeholders(text) == names for text in texts.values())
    assert texts["kk"].lstrip().startswith("**")  # Markdown, not a Python literal


def test_every_key_built_at_run_time_exists():
    built = [
        *(f"driver_{d}" for d in ASSUMPTIONS), *(f"driver_{d}_by" for d in ASSUMPTIONS),
        *(f"q_{q}" for q in QUADRANTS), *(f"ind_{i}" for i in INDICATORS),
        *(f"scenario_{m}{s}" for m in ("car", "no-car", "winter") for s in ("", "_desc")),
        *(f"{p}_{k}" for p in ("up", "template", "in_use") for k in ("centres", "incidents")),
        *(f"layout_{k}" for k in ("auto", "17", "20")), *(f"units_{u}" for u in ("20", "17")),
        *(f"kind_{k}" for k in ("state", "NGO", "")),
        *(f"title_{i}" for i in ("share_within", "women_beyond", "median_minutes",
                                 "places_per_10k", "women_per_centre")),
    ]
    assert sorted(key for key in built if key not in CATALOGUE) == []


# ------------------------------------------------------------ the checks can fail

def _one_language(locale: Path, en: list, ru: list) -> list[str]:
    _write(locale, "en", en)
    _write(locale, "ru", ru)
    return catalogue.check_catalogues(("en", "ru"))


def test_check_finds_missing_obsolete_empty_and_fuzzy(locale):
    en = [("a", "Apple", [], []), ("b", "Bee", [], []), ("c", "Cat", [], [])]
    ru = [("a", "", ["en: Apple"], []), ("b", "Пчела", ["en: Bee"], ["fuzzy"]),
          ("z", "Зет", ["en: Zed"], [])]
    assert _one_language(locale, en, ru) == [
        "ru c: missing", "ru z: not in English (obsolete)", "ru a: empty",
        "ru b: fuzzy (check it, then remove the flag)"]


def test_check_finds_placeholders_plural_forms_and_stale_english(locale):
    en = [("n", "{n} {n|centre|centres} in {region}", [], []),
          ("w", "Women", [], [])]
    ru = [("n", "{n} {n|центр|центра} в {area}", ["en: {n} {n|centre|centres} in {region}"], []),
          ("w", "Женщины", ["en: Woman"], [])]
    problems = _one_language(locale, en, ru)
    assert problems == [
        "ru n: placeholders ['area', 'n'], English has ['n', 'region']",
        "ru n: {n|центр|центра} needs 3 forms",
        "ru w: its 'en:' comment is not today's English (run scripts/catalogues.py sync)"]


def test_long_english_comment_wrapped_by_the_writer_still_matches(locale):
    long = "A sentence long enough to be wrapped over several comment lines " * 4
    problems = _one_language(locale, [("k", long, [], [])],
                             [("k", "Предложение", [f"en: {long}"], [])])
    assert problems == []
    assert (locale / "ru" / "LC_MESSAGES" / "coverage.po").read_text().count("#. ") > 1


def test_loader_leaves_out_fuzzy_and_empty(locale):
    _write(locale, "ru", [("a", "", [], []), ("b", "Пчела", [], ["fuzzy"]),
                          ("c", "Кот", [], [])])
    assert catalogue.load_messages(("ru",)) == {"c": {"ru": "Кот"}}


def test_sync_marks_changed_english_fuzzy_adds_and_drops(tmp_path, monkeypatch):
    scripts = _scripts()
    monkeypatch.setattr(catalogue, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(scripts, "LANGUAGES", {"en": "English", "ru": "Русский"})
    _write(tmp_path, "en", [("a", "Apple", [], []), ("b", "Big bee", [], []),
                            ("n", "New", [], [])])
    _write(tmp_path, "ru", [("a", "Яблоко", ["en: Apple"], []), ("b", "Пчела", ["en: Bee"], []),
                            ("old", "Старое", ["en: Old"], [])])
    assert scripts.sync() == 3  # b marked fuzzy, n added, old dropped
    ru = {str(m.id): m for m in catalogue.read_catalogue("ru") if m.id}
    assert sorted(ru) == ["a", "b", "n"]
    assert not ru["a"].fuzzy and ru["a"].string == "Яблоко"
    assert ru["b"].fuzzy and ru["b"].auto_comments == ["en: Big bee"]
    assert ru["n"].string == "" and ru["n"].auto_comments == ["en: New"]
    before = (tmp_path / "ru" / "LC_MESSAGES" / "coverage.po").read_bytes()
    assert scripts.sync() == 0
    assert (tmp_path / "ru" / "LC_MESSAGES" / "coverage.po").read_bytes() == before


def test_sync_leaves_the_bundled_catalogues_as_they_are(tmp_path, monkeypatch):
    scripts = _scripts()
    shutil.copytree(catalogue.LOCALE_DIR, tmp_path / "locale")
    monkeypatch.setattr(catalogue, "LOCALE_DIR", tmp_path / "locale")
    assert scripts.sync() == 0
    for lang in LANGUAGES:
        path = Path("LC_MESSAGES") / "coverage.po"
        assert (tmp_path / "locale" / lang / path).read_bytes() == \
            (ROOT / "coverage" / "locale" / lang / path).read_bytes(), lang


def test_check_finds_a_broken_format(locale):
    problems = _one_language(locale, [("k", "{area} women", [], [])],
                             [("k", "{area женщин", ["en: {area} women"], [])])
    assert problems == ["ru k: not a valid format (expected '}' before end of string)"]


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed")
def test_msgfmt_accepts_the_catalogues_and_refuses_a_broken_file(tmp_path):
    def msgfmt(path: Path) -> subprocess.CompletedProcess:
        return subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(path)],
                              capture_output=True, text=True, check=False)

    for lang in LANGUAGES:
        run = msgfmt(catalogue.po_path(lang))
        assert run.returncode == 0, run.stderr
    broken = tmp_path / "ru.po"
    text = catalogue.po_path("ru").read_text(encoding="utf-8")
    # A translator's typo: a quote left open.
    broken.write_text(text.replace('msgstr "Настройки"', 'msgstr "Настройки'), encoding="utf-8")
    run = msgfmt(broken)
    assert run.returncode != 0 and "ru.po" in run.stderr


def test_a_number_used_only_for_a_word_form_may_be_left_out():
    source = "{women} {n|woman|women} in {region}"
    assert catalogue.same_placeholders("{women} әйел, {region}", source)  # Kazakh: no forms
    assert not catalogue.same_placeholders("{women} әйел", source)  # the region is missing
    assert not catalogue.same_placeholders("{women} {n|әйел|әйел} {region} {t}", source)
    # n is also written as a number: it must stay.
    assert not catalogue.same_placeholders("{women} әйел", "{women} {n|woman|women}, {n} in all")
