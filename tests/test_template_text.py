"""Text from a file is never a template: every output shows it as it was written.

folium's library (branca) compiles what its templates write as a Jinja template once more,
so text that reached the map unchanged would be evaluated (``T{{ 7+7 }}A`` -> ``T14A``,
nested loops spinning for hours, ``{#`` stopping the render). Every payload of
``tests/injection.py`` is put in every text field of a register, incident figures, a
scenario and a file name, and every output is checked: the web map (page and standalone
page), PNG, PDF, CSV, XLSX, GeoJSON and the report (JSON and CSV), on the command line
and on the page. ``guarded_templates`` makes any template compiled from text that holds a
Jinja tag fail the test before it is evaluated.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import branca.element
import jinja2
import pytest
from jinja2 import nodes
from openpyxl import load_workbook
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from coverage.basis import basis_of
from coverage.data import load_centres, load_incidents
from coverage.exports import regions_geojson, table_csv, table_xlsx
from coverage.i18n import t
from coverage.incidents import incident_sets, to_current_layout
from coverage.indicators import classes_of
from coverage.labels import map_texts
from coverage.names import with_local_names
from coverage.report import build_report
from coverage.report_format import dumps, report_csv, report_json
from coverage.scenarios import apply, from_json
from coverage.staticmap import figure_png, marks_of, static_map
from coverage.tables import region_table
from coverage.webmap import map_parts, standalone_map
from tests import injection
from tests.pageparts import map_args

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
_ENV = jinja2.Environment()
_PLAIN = {"Template", "Output", "TemplateData"}


def _has_tags(source: str) -> bool:
    """Whether ``source`` is more than plain text to Jinja (or cannot be compiled)."""
    try:
        tree = _ENV.parse(source)
    except jinja2.TemplateSyntaxError:
        return True
    return bool({type(n).__name__ for n in tree.find_all(nodes.Node)} - _PLAIN)


@pytest.fixture
def guarded_templates(monkeypatch):
    """Fail, before evaluation, on any template branca compiles that holds a Jinja tag.

    branca compiles the output of every element's template again (``Element(template)``):
    that text must be plain, whatever a file held.
    """
    compiled: list[str] = []
    real = branca.element.Template

    def checked(source: str, *args, **kwargs):
        assert not _has_tags(source), f"text compiled as a template: {source[:300]!r}"
        compiled.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(branca.element, "Template", checked)
    return compiled


def _residue(text: str) -> str:
    """``text`` without the payloads as written: what remains must show no evaluation."""
    for payload in sorted(injection.names(), key=len, reverse=True):
        text = text.replace(payload, "")
    return text


def assert_literal(text: str, *, expected: list[str], html: bool = False) -> None:
    """Every ``expected`` payload shows as written; no evaluated form anywhere."""
    seen = injection.visible(text) if html else text
    missing = [p[:40] for p in expected if p not in seen]
    assert not missing, f"not shown as written: {missing}"
    rest = _residue(seen)
    found = [m for m in injection.evaluated_markers() if m in rest]
    assert not found, f"evaluated: {found}"
    if html:  # no tag of a file's text is markup: only escaped forms in the raw page
        for raw in ("<img src=x", "<script>alert(49)"):
            assert raw not in text


# ------------------------------------------------------------------ inputs
@pytest.fixture(scope="module")
def inputs(bundled):
    """The register, incident figures and scenario of the corpus, loaded as a user would."""
    register = load_centres(injection.register(), name=injection.FILE_NAME,
                            regions=bundled.regions, settlements=bundled.settlements)
    figures = load_incidents(injection.incidents(list(bundled.regions["region_id"])),
                             name="inc " + injection.FILE_NAME, regions=bundled.regions)
    scenario = from_json(injection.scenario(), centres=register, regions=bundled.regions,
                         file=injection.FILE_NAME)
    centres = with_local_names(apply(register, scenario), bundled.settlements)
    return centres, to_current_layout(figures, bundled.crosswalk)


@pytest.fixture(scope="module")
def outputs(bundled, model, inputs):
    """The report on the corpus and its incident set whose names are payloads."""
    centres, figures = inputs
    sets = {s.indicator: s for s in incident_sets(figures, bundled.population)}
    chosen = sets["Q{{ 7*7 }}Q"]
    report = build_report(bundled, model=model, centres=centres, incidents=figures,
                          incident_set=chosen.key,
                          basis=basis_of(centres, file=injection.FILE_NAME))
    return report, chosen


def _figures(outputs, lang: str = "en"):
    """The map's classes and texts for the corpus's incident set (what every map draws)."""
    report, chosen = outputs
    classes = classes_of(report.regions, "incidents_per_100k", threshold=120,
                         incidents=chosen)
    texts = map_texts(report, "incidents_per_100k", lang=lang, threshold=120, mode="car",
                      date="2026-12-07", incidents=chosen)
    return classes, texts


def test_the_corpus_loads_with_every_payload_kept(inputs):
    centres, figures = inputs
    for payload in injection.names():
        assert payload in set(centres["name"]), payload[:30]
    assert {"Q{{ 7*7 }}Q", "Centre {# 5"} <= set(figures["indicator"])
    assert "Lp{{ lipsum }}pL" in set(figures["period"])


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_standalone_map_shows_every_name_as_written(bundled, inputs, outputs, lang,
                                                        guarded_templates):
    centres, _ = inputs
    report, chosen = outputs
    classes, texts = _figures(outputs, lang)
    page = standalone_map(report, bundled.regions, classes, centres=centres, lang=lang,
                          threshold=120, texts=texts, incidents=chosen)
    assert guarded_templates  # the check ran on what branca compiled
    # Centre names and settlements in popups and tooltips, the indicator in the legend,
    # the file in the source line: all as written.
    assert_literal(page, expected=[*injection.names(), "Q{{ 7*7 }}Q", injection.FILE_NAME],
                   html=True)


def test_the_page_map_shows_every_name_as_written(bundled, inputs, outputs, guarded_templates):
    from app import leaflet
    from coverage.labels import indicator_label
    from coverage.webparts import legend_html

    centres, _ = inputs
    report, chosen = outputs
    classes = classes_of(report.regions, "incidents_per_100k", threshold=120,
                         incidents=chosen)
    legend = legend_html(classes, "en", indicator_label("incidents_per_100k", "en",
                                                        threshold=120), False, rows=True)
    m, layers = map_parts(bundled.regions, report.regions, classes, centres=centres,
                          lang="en", threshold=120, asset_base="assets", legend=legend)
    args = leaflet.component_args(m, layers, height=500)
    shown = " ".join(str(args[k]) for k in ("feature_group", "script", "header", "html"))
    assert_literal(shown, expected=injection.names(), html=True)


def test_the_png_draws_every_text_as_written(bundled, inputs, outputs):
    import matplotlib.text

    centres, _ = inputs
    report, _ = outputs
    classes, texts = _figures(outputs)
    fig = static_map(bundled.regions, classes, centres, lang="en", texts=texts,
                     marks=marks_of(report.regions, 120))
    drawn = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert_literal(drawn, expected=[injection.FILE_NAME, "Q{{ 7*7 }}Q"])
    assert figure_png(fig).startswith(b"\x89PNG")


def test_the_pdf_writes_every_text_as_written(bundled, inputs, outputs):
    from coverage.brief import brief_pdf

    centres, _ = inputs
    report, _ = outputs
    classes, texts = _figures(outputs)
    pdf = brief_pdf(report, bundled.regions, classes, centres, lang="en", threshold=120,
                    texts=texts)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = re.sub(r"\s+", " ", text)
    assert_literal(flat, expected=["Q{{ 7*7 }}Q", injection.FILE_NAME])


def test_tables_and_data_files_keep_every_text_as_written(bundled, outputs):
    report, chosen = outputs
    classes = classes_of(report.regions, "incidents_per_100k", threshold=120,
                         incidents=chosen)
    table = region_table(report, classes, lang="en", threshold=120)
    csv_text = table_csv(table.assign(basis=report.basis.text("en")), lang="en").decode()
    book = load_workbook(io.BytesIO(table_xlsx(table, about={"basis": report.basis.text("en"),
                                                              "set": chosen.indicator},
                                               lang="en")))
    cells = " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row
                     if c.value is not None)
    geojson = regions_geojson(bundled.regions, report)
    report_text = dumps(report_json(report))
    for text, expected in ((csv_text, [injection.FILE_NAME]),
                           (cells, [injection.FILE_NAME, "Q{{ 7*7 }}Q"]),
                           (report_text, ["Q{{ 7*7 }}Q", "T{{ 7+7 }}A", "Centre {# 5",
                                          "Lp{{ lipsum }}pL"]),
                           (report_csv(report), ["Q{{ 7*7 }}Q", "T{{ 7+7 }}A"])):
        assert_literal(text, expected=expected)
    assert_literal(json.dumps(json.loads(geojson), ensure_ascii=False), expected=[])
    json.loads(report_text)  # still strict JSON


# ------------------------------------------------------------------ command line
@pytest.fixture(scope="module")
def files(tmp_path_factory, bundled):
    folder = tmp_path_factory.mktemp("templates")
    register = folder / injection.FILE_NAME
    register.write_bytes(injection.register())
    figures = folder / "inc.csv"
    figures.write_bytes(injection.incidents(list(bundled.regions["region_id"])))
    return register, figures, folder


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_map_command_writes_every_name_as_written(cli, files, lang, guarded_templates):
    register, _, folder = files
    out = folder / f"map-{lang}.html"
    run = cli("map", "--centres", str(register), "--lang", lang, "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert_literal(out.read_text(encoding="utf-8"),
                   expected=[*injection.names(), injection.FILE_NAME], html=True)


@pytest.mark.parametrize("fmt", ["geojson", "csv", "xlsx"])
def test_the_export_command_keeps_every_text_as_written(cli, files, fmt):
    register, figures, folder = files
    out = folder / f"export.{fmt}"
    run = cli("export", "--centres", str(register), "--incidents", str(figures),
              "--format", fmt, "--out", str(out))
    assert run.returncode == 0, run.stderr
    if fmt == "xlsx":
        book = load_workbook(out)
        text = " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row
                        if c.value is not None)
    else:
        text = out.read_text(encoding="utf-8-sig")
    assert_literal(text, expected=[injection.FILE_NAME])


def test_the_report_command_keeps_every_text_as_written(cli, files):
    register, figures, _ = files
    run = cli("report", "--centres", str(register), "--incidents", str(figures),
              "--minutes", "120")
    assert run.returncode == 0, run.stderr
    assert_literal(run.stdout, expected=["Q{{ 7*7 }}Q", "Centre {# 5", "Lp{{ lipsum }}pL"])
    assert_literal(run.stderr, expected=[injection.FILE_NAME])


# ------------------------------------------------------------------ the page
def _page_text(at: AppTest) -> str:
    parts = [str(e.value) for kind in (at.markdown, at.caption, at.error, at.success,
                                       at.warning, at.info, at.metric) for e in kind]
    parts += [tb.value.to_string() for tb in at.table]
    parts += [str(df.value) for df in at.dataframe]
    return "\n".join(parts)


def test_the_page_shows_every_text_as_written(bundled, guarded_templates):
    from coverage.safetext import md_escape

    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.file_uploader(key="up_centres").set_value(
        (injection.FILE_NAME, injection.register(), "text/csv")).run()
    at.file_uploader(key="up_incidents").set_value(
        ("inc.csv", injection.incidents(list(bundled.regions["region_id"])), "text/csv")).run()
    assert not at.exception, at.exception
    at.selectbox(key="ind").set_value("incidents_per_100k").run()
    assert not at.exception, at.exception
    text = _page_text(at)
    assert md_escape(injection.FILE_NAME) in text
    for marker in injection.evaluated_markers():
        assert marker not in _residue(text), marker
    args = map_args(at)
    assert_literal(args["feature_group"], expected=injection.names(), html=True)


def test_a_scenario_file_shows_its_names_as_written(guarded_templates):
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.session_state["side"] = t("tab_plan", "en")
    at.run()
    at.file_uploader(key="scenario_file").set_value(
        (injection.FILE_NAME + ".json", injection.scenario(), "application/json")).run()
    assert not at.exception, at.exception
    args = map_args(at)
    assert_literal(args["feature_group"], expected=["Kf{{ config }}fK", "Centre {# 5",
                                                    injection.SPIN], html=True)
    text = _page_text(at)
    for marker in injection.evaluated_markers():
        assert marker not in _residue(text), marker


@pytest.mark.parametrize("param", ["scn", "region", "ind", "inc", "lang", "sc", "t", "view"])
def test_template_text_in_a_share_link_opens_a_page_that_shows_it_as_text(
        param, guarded_templates):
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params[param] = "g{{ 7*7 }}_{% for i in range(3) %}o{% endfor %}{#"
    at.run()
    assert not at.exception, at.exception
    text = _page_text(at) + map_args(at)["feature_group"]
    assert "g49_" not in text and "ooo{" not in text
