"""Names in the reader's script: one name per place and language, everywhere it is shown.

A settlement is named from GeoNames' Cyrillic spellings in Russian and Kazakh (its Latin
name only where GeoNames has none), a centre by the register's local name; a centre the
planner adds is named after its settlement when shown, never stored translated.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from coverage.basis import basis_of
from coverage.candidates import Candidates
from coverage.i18n import settlement_name, t
from coverage.indicators import classes_of
from coverage.names import (
    centre_name,
    centre_names,
    centre_place,
    settlement_names,
    with_local_names,
)
from coverage.plan_format import plan_rows
from coverage.planning import plan_sites
from coverage.reach import by_settlement
from coverage.scenarios import (
    NewCentre,
    Scenario,
    apply,
    at_point,
    at_settlement,
    from_json,
    to_json,
    to_query,
)
from coverage.tables import (
    farthest_settlements,
    region_centres,
    settlement_labels,
    suggestion_table,
)
from coverage.travel import travel_mode
from coverage.webmap import map_html, region_map
from tests.pageparts import map_args, shown_cells

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
LATIN = re.compile(r"[A-Za-z]")
TERENOZEK, ASYQATA, SEREBRYANSK = 1518203, 1522643, 1519395
#: Each place's name as a reader of the language sees it.
EXPECTED = {
    (TERENOZEK, "en"): "Terenozek", (TERENOZEK, "ru"): "Теренозек",
    (TERENOZEK, "kk"): "Тереңөзек",
    # GeoNames also lists its former name "Кировский" (which Balpyk Bi had too).
    (ASYQATA, "en"): "Asyqata", (ASYQATA, "ru"): "Асықата", (ASYQATA, "kk"): "Асықата",
}


def _popups(page: str) -> list[str]:
    """Every popup of a web map's page, as text (tags and character references read)."""
    found = [json.loads(m.group(1)) for m in re.finditer(
        r'\.bindPopup\(("(?:[^"\\]|\\.)*")', page)]
    return [html.unescape(re.sub(r"<[^>]+>", "\n", p)) for p in found]


def _scenario(bundled, *gids: int) -> pd.DataFrame:
    scn = Scenario()
    for gid in gids:
        scn = scn.add(at_settlement(bundled.settlements, gid))
    return with_local_names(apply(bundled.centres, scn), bundled.settlements)


# ------------------------------------------------------------------ one name per place
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_settlement_has_one_name_in_every_part_of_the_page(bundled, report, model, lang):
    centres = _scenario(bundled, TERENOZEK, ASYQATA)
    labels = settlement_labels(bundled.settlements, bundled.regions, lang=lang)
    basis = basis_of(centres).text(lang)
    classes = classes_of(report.regions, "share_within", threshold=120)
    popups = _popups(map_html(region_map(bundled.regions, report.regions, classes,
                                         centres=centres, lang=lang, threshold=120,
                                         asset_base="x")))
    for gid in (TERENOZEK, ASYQATA):
        name = EXPECTED[gid, lang]
        planned = t("plan_new_centre", lang, place=name)
        region = bundled.settlements.set_index("geonameid").loc[gid, "region_id"]
        # The planner's list: "Name (Region)".
        assert labels[gid].startswith(f"{name} (")
        # The centre's card on the map: its name and its settlement.
        assert any(planned in p and f"{t('tt_settlement', lang)}: {name}" in p
                   for p in popups), name
        # The region view's table of centres.
        table = region_centres(centres, region, lang=lang)
        row = table[table[t("tt_settlement", lang)] == name]
        assert len(row) == 1 and row.iloc[0, 0].startswith(planned)
        # The basis line of the page, the PNG, the PDF and the tables.
        assert name in basis
        # The planner's suggestions (the place as the only candidate, in the register).
        plan = plan_sites(model.default, bundled.centres, bundled.settlements, k=1,
                          minutes=120, travel=travel_mode("car"),
                          candidates=Candidates(min_population=0, only=(gid,)))
        rows = plan_rows(plan, bundled.settlements, lang=lang, region_names={region: "R"})
        shown = suggestion_table(rows, lang=lang)
        assert shown[t("tt_settlement", lang)].tolist() == [name]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_farthest_settlements_take_the_planners_names(bundled, report, lang):
    table = farthest_settlements(report, "KZ-43", bundled.centres, lang=lang,
                                 settlements=bundled.settlements)
    towns = by_settlement(report.points)
    towns = towns[towns["region_id"] == "KZ-43"].sort_values("minutes", ascending=False)
    names = settlement_names(bundled.settlements, lang)
    expected = [names[int(g)] for g in towns["geonameid"].head(len(table))]
    assert table[t("tt_settlement", lang)].tolist() == expected
    # The nearest centre by the register's local name.
    local = set(bundled.centres["name_local"])
    assert set(table[t("tt_nearest", lang)]) <= local


def test_the_same_name_is_chosen_whatever_the_order_of_spellings():
    spellings = "Алма-Ата;Алмаато;Алмати;Алматы;Верный;Вірний"
    shuffled = ";".join(reversed(spellings.split(";")))
    for lang in ("ru", "kk"):
        assert settlement_name("Almaty", spellings, lang) == "Алматы"
        assert settlement_name("Almaty", shuffled, lang) == "Алматы"


@pytest.mark.parametrize(("name", "spellings", "ru", "kk"), [
    # Today's name, not a former one, nor another language's.
    ("Astana", "Nұr-Sұltan;Ак-Мола;Акмола;Акмолінськ;Астана;Нур-Солтан;Нұр-Сұлтан;"
     "Остона;Цілиноград", "Астана", "Астана"),
    ("Kyzylorda", "Ак-Мечеть;Кзыл-Орда;Кызылорда;Перовск;Қизилўрда;Қызылорда",
     "Кызылорда", "Қызылорда"),
    # The Kazakh form in Kazakh, the Russian one in Russian.
    ("Kokshetau", "Кокшетау;Көкчө-Тоо;Көкшетау;Қўқшетау", "Кокшетау", "Көкшетау"),
    ("Taldykorgan", "Талдикорган;Талдыкорган;Талдықорған", "Талдыкорган", "Талдықорған"),
    # The fullest Kazakh form ("қ" read as GeoNames' "k" too), not a mixed or Uzbek one.
    ("Aktobe", "Aktөbe;Aktөbə;Актобе;Актюбинск;Актөбе;Актөбә;Актөбө;Ақтөбе", "Актобе",
     "Ақтөбе"),
    ("Ekibastuz", "Екибастуз;Екібастуз;Екібастұз;Экибастуз", "Екибастуз", "Екібастұз"),
    ("Esik", "Єсік;Есик;Иссиқ;Иссык;Ишек", "Есик", "Есик"),
    # The Kazakh name where GeoNames' own is the Russian exonym (settings.KAZAKH_SPELLINGS).
    ("Ust-Kamenogorsk", "Ост-Каменогорск;Усть-Каменогорск;Өskemen;Өскемен",
     "Усть-Каменогорск", "Өскемен"),
    # No Cyrillic spelling (or only mixed ones): the Latin name is kept.
    ("Koktal", "", "Koktal", "Koktal"),
    ("Sarykamys", float("nan"), "Sarykamys", "Sarykamys"),
    ("Kokpekty", "Kөkpekti", "Kokpekty", "Kokpekty"),
])
def test_which_spelling_names_a_settlement(name, spellings, ru, kk):
    assert settlement_name(name, spellings, "en") == name
    assert settlement_name(name, spellings, "ru") == ru
    assert settlement_name(name, spellings, "kk") == kk


def test_every_bundled_settlement_reads_in_the_script_of_the_language(bundled):
    s = bundled.settlements
    for lang in ("ru", "kk"):
        names = settlement_names(s, lang)
        for gid, latin, cyrillic in zip(s["geonameid"], s["name"], s["cyrillic_names"]):
            name = names[int(gid)]
            # Latin only where GeoNames gives no spelling in Russian or Kazakh letters.
            assert not LATIN.search(name) or name == latin, (latin, cyrillic, name)


# ------------------------------------------------------------------ planned centres
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_planned_centre_is_named_in_the_script_of_the_language(bundled, lang):
    s = bundled.settlements
    written = s[[not LATIN.search(settlement_name(n, c, lang))
                 for n, c in zip(s["name"], s["cyrillic_names"])]]
    centres = _scenario(bundled, *written["geonameid"].head(40))
    planned = centres[centres["status"] == "planned"]
    names = centre_names(planned, lang)
    assert len(names) == 40
    assert not [n for n in names if LATIN.search(n)]
    assert not [p for p in basis_of(centres).places(lang) if LATIN.search(p)]


def test_a_scenario_and_its_link_hold_no_translated_name(bundled):
    scn = Scenario().add(at_settlement(bundled.settlements, SEREBRYANSK))
    assert scn.added[0].name == "New centre, Serebryansk"
    assert scn.added[0].geonameid == SEREBRYANSK
    assert to_query(scn) == f"g{SEREBRYANSK}"
    assert not re.search("[а-яА-ЯёЁ]", to_json(scn))
    centres = with_local_names(apply(bundled.centres, scn), bundled.settlements)
    row = centres[centres["status"] == "planned"].iloc[0].to_dict()
    assert centre_name(row, "en") == "New centre, Serebryansk"
    assert centre_name(row, "ru") == "Новый центр, Серебрянск"
    assert centre_name(row, "kk") == "Жаңа орталық, Серебрянск"


def test_a_scenario_saved_with_a_translated_name_reads_in_every_language(bundled):
    saved = Scenario().add(NewCentre(lon=82.49, lat=49.69, region_id="KZ-63",
                                     name="Новый центр, Серебрянск", geonameid=SEREBRYANSK,
                                     settlement="Serebryansk"))
    scn = from_json(to_json(saved), centres=bundled.centres, regions=bundled.regions)
    centres = with_local_names(apply(bundled.centres, scn), bundled.settlements)
    row = centres[centres["status"] == "planned"].iloc[0].to_dict()
    assert centre_name(row, "en") == "New centre, Serebryansk"
    assert centre_name(row, "kk") == "Жаңа орталық, Серебрянск"
    # A name of the scenario's own stays as it is.
    own = Scenario().add(NewCentre(lon=82.49, lat=49.69, region_id="KZ-63",
                                   name="Shelter of the akimat", geonameid=SEREBRYANSK,
                                   settlement="Serebryansk"))
    centres = with_local_names(apply(bundled.centres, own), bundled.settlements)
    row = centres[centres["status"] == "planned"].iloc[0].to_dict()
    assert {centre_name(row, lang) for lang in ("en", "ru", "kk")} == {"Shelter of the akimat"}
    assert centre_place(row, "ru") == "Серебрянск"


def test_a_centre_at_a_point_is_named_by_its_coordinates_in_the_language(bundled):
    scn = Scenario().add(at_point(bundled.regions, 64.98, 45.05))
    centres = with_local_names(apply(bundled.centres, scn), bundled.settlements)
    basis = basis_of(centres)
    assert basis.places("en") == ("New centre at 45.05, 64.98",)
    assert basis.places("ru") == ("Новый центр: 45,05° с. ш., 64,98° в. д.",)
    assert "45,05° с. е., 64,98° ш. б." in basis.text("kk")


# ------------------------------------------------------------------ the register
def test_a_centre_with_a_local_name_shows_it_in_russian_and_kazakh(bundled, report):
    centres = with_local_names(bundled.centres, bundled.settlements)
    kc09 = centres.set_index("centre_id").loc["kc-09"]
    table = region_centres(centres, "KZ-35", lang="ru")
    row = table[table[t("col_centres", "ru")] == kc09["name_local"]]
    assert len(row) == 1 and row.iloc[0][t("tt_settlement", "ru")] == "Кушокы"
    assert centre_name(kc09.to_dict(), "kk") == kc09["name_local"]
    assert centre_place(kc09.to_dict(), "kk") == "Қушоқы"
    classes = classes_of(report.regions, "share_within", threshold=120)
    popups = _popups(map_html(region_map(bundled.regions, report.regions, classes,
                                         centres=centres, lang="ru", threshold=120,
                                         asset_base="x")))
    assert any(kc09["name_local"] in p and "Населённый пункт: Кушокы" in p for p in popups)
    # Without a local name, the English one.
    bare = bundled.centres.drop(columns="name_local").iloc[0].to_dict()
    assert centre_name(bare, "ru") == bare["name"]


def test_the_english_view_is_unchanged(bundled):
    centres = _scenario(bundled, SEREBRYANSK)
    register = centres[centres["status"] != "planned"]
    assert centre_names(register, "en") == register["name"].tolist()
    assert [centre_place(r, "en") for r in register.to_dict("records")] == \
        register["settlement"].tolist()
    assert basis_of(centres).text("en").endswith("1 planned (Serebryansk)")
    # The register's own columns stay the English data the figures and exports use.
    assert centres["name"].tolist() == apply(bundled.centres, Scenario().add(
        at_settlement(bundled.settlements, SEREBRYANSK)))["name"].tolist()


def test_names_never_carry_an_address(bundled):
    centres = with_local_names(bundled.centres, bundled.settlements)
    added = set(centres.columns) - set(bundled.centres.columns)
    assert added == {f"{k}_{lang}" for k in ("name", "settlement")
                     for lang in ("en", "ru", "kk")}
    # A row that carried an address (never kept by the loaders) would still not show it.
    from coverage.webmap import _centre_popup

    row = {**centres.iloc[0].to_dict(), "address": "ул. Абая, 10", "street": "Абая"}
    assert "Абая" not in _centre_popup(row, "ru")


# ------------------------------------------------------------------ the page
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_page_names_a_planned_centre_alike_everywhere(lang):
    name = EXPECTED[TERENOZEK, lang]
    planned = t("plan_new_centre", lang, place=name)
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params.update(lang=lang, region="KZ-43", scn=f"g{TERENOZEK}")
    at.run()
    assert not at.exception, at.exception
    # The basis line under the title and the map (Markdown-escaped: read back).
    captions = re.sub(r"\\(.)", r"\1", " ".join(c.value for c in at.caption))
    assert f"({name})" in captions
    cells = [cell for df in at.dataframe for row in shown_cells(df) for cell in row]
    assert f"{planned} ({t('pop_planned', lang)})" in cells and name in cells
    popups = _popups(map_args(at)["feature_group"])
    assert any(planned in p and f"{t('tt_settlement', lang)}: {name}" in p for p in popups)
    at.session_state["side"] = t("tab_plan", lang)
    at.run()
    assert not at.exception, at.exception
    cells = [cell for df in at.dataframe for row in shown_cells(df) for cell in row]
    assert planned in cells
    assert at.query_params["scn"] == f"g{TERENOZEK}"
