"""Streamlit AppTest: every control, in all three languages, shows the engine's figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coverage.i18n import (
    LANGUAGES,
    fmt_int,
    fmt_minutes,
    fmt_pct,
    fmt_pct_floor,
    incident_label,
    t,
)
from coverage.indicators import INDICATORS
from coverage.labels import indicator_label
from coverage.report import build_report
from coverage.safetext import md_escape
from coverage.travel import travel_mode
from tests.pageparts import map_args, map_legend, shown_cells

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture(scope="module")
def engine(bundled, model, report):
    # The session's default model; its car report (the same inputs) is the session's.
    cache = {"car": report}

    def report_of(name: str = "car"):
        if name not in cache:
            cache[name] = build_report(bundled, model=model, travel=travel_mode(name))
        return cache[name]

    return report_of


def start(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def open_tab(at: AppTest, key: str, lang: str = "en") -> AppTest:
    """Open a tab of the page (only the open tab is drawn) and rerun."""
    at.session_state["side" if key == "tab_plan" else "tab"] = t(key, lang)
    at.run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def legend(at: AppTest) -> str:
    """The legend's text: its HTML source, with character references read back."""
    return map_legend(at)


def share(area: dict, threshold: int, lang: str) -> str:
    """A headline share as shown: a floor (≥) where the register is incomplete."""
    return fmt_pct_floor(area["share_within"][threshold], lang,
                         floor=area["register_incomplete"])


@pytest.fixture(scope="module")
def app() -> AppTest:
    return start()


def test_default_view_shows_the_engine_figures(app, engine):
    r = engine()
    m = metrics(app)
    national, outside = r.areas["national"], r.areas["outside_almaty"]
    # The register locates 29 of the 69 centres officials report: the shares are floors.
    assert national["register_incomplete"]
    assert m[t("head_within", "en", t=120)] == share(national, 120, "en")
    assert m[t("head_within", "en", t=120)].startswith("≥")
    assert m[t("head_within_outside", "en")] == share(outside, 120, "en")
    assert m[t("head_centres", "en")] == "29"
    assert m[t("head_no_centre", "en")] == "3 / 20"
    low, high = national["share_within_range"][120]
    captions = " ".join(c.value for c in app.caption)
    assert t("range_driver", "en", low=fmt_pct(low, "en"), high=fmt_pct(high, "en"),
             driver=t(f"driver_{national['moved_most_by'][120]}_by", "en")) in captions
    assert "29 located of 69 reported (2024)" in captions
    assert t("floor_note", "en") in captions
    assert "Figures stand on\\: bundled register" in captions
    assert not app.query_params  # defaults keep the address clean
    # The whole country against the standards: 19,765,004 people / 10,000 -> 1,977 places.
    kz = r.standards.set_index("region_id").loc["KZ"]
    text = " ".join(m.value for m in app.markdown)
    assert f"{t('std_places', 'en')}: **{fmt_int(kz['shelter_places_needed'], 'en')}**" in text
    assert "**1,977**" in text and "at most 1,827" in text
    assert f"{t('std_regions_with', 'en')}: **17 / 20**" in text
    assert app.title[0].value == t("title", "en")


def test_threshold_control(engine):
    at = start()
    at.select_slider(key="t").set_value(60).run()
    r = engine()
    assert metrics(at)[t("head_within", "en", t=60)] == share(r.areas["national"], 60, "en")
    assert at.query_params["t"] == "60"
    table = at.dataframe[0].value
    assert t("col_share", "en", t=60) in table.columns


def test_scenario_control(engine):
    at = start()
    for name in ("no-car", "winter"):
        at.radio(key="sc").set_value(name).run()
        assert not at.exception
        assert metrics(at)[t("head_within", "en", t=120)] == share(
            engine(name).areas["national"], 120, "en")
        assert at.query_params["sc"] == name
    assert fmt_pct(engine("no-car").areas["national"]["share_within"][120], "en") != \
        fmt_pct(engine("car").areas["national"]["share_within"][120], "en")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_language_every_indicator(engine, lang):
    at = start(lang=lang) if lang != "en" else start()
    r = engine()
    m = metrics(at)
    assert m[t("head_within", lang, t=120)] == share(r.areas["national"], 120, lang)
    assert at.title[0].value == t("title", lang)
    assert at.selectbox(key="lang").label == t("language", lang)
    for indicator in INDICATORS:
        at.selectbox(key="ind").set_value(indicator).run()
        assert not at.exception, (lang, indicator)
        label = indicator_label(indicator, lang, threshold=120)
        assert t("legend_title", lang, indicator=label) in legend(at)
        table = at.dataframe[0].value
        assert t("col_region", lang) in table.columns and len(table) == 20
        assert any(s.value == t("table_title", lang, indicator=label)
                   for s in at.subheader)
    if lang != "en":
        assert at.query_params["lang"] == lang


def test_region_view(engine):
    at = start(lang="ru")
    at.selectbox(key="region").set_value("KZ-43").run()
    r = engine().regions.set_index("region_id").loc["KZ-43"]
    m = metrics(at)
    assert m[t("tt_within", "ru", t=120)] == "≥\u00a0" + fmt_pct(r["share_within_120"], "ru")
    # Kyzylorda: at least one centre reported, none located; 331 people applied in 2023.
    text = " ".join(md.value for md in at.markdown)
    assert "Реестр: на карте 0; по официальным данным (2023) — не менее 1" in text
    assert "обратились 331 чел." in text
    assert any(w.value == t("reg_incomplete", "ru") for w in at.warning)
    assert m[t("tt_median", "ru")] == fmt_minutes(r["median_minutes"], "ru")
    assert m[t("tt_women", "ru")] == fmt_int(r["women"], "ru") == "415\u00a0243"
    assert any(w.value == t("region_no_centres", "ru") for w in at.warning)
    farthest = at.dataframe[0].value
    assert len(farthest) == 10 and t("tt_settlement", "ru") in farthest.columns
    at.selectbox(key="region").set_value("KZ-75").run()
    centres = at.dataframe[0].value
    # A Russian page names a centre as the register's local name does, in Cyrillic.
    assert len(centres) == 3 and "КГУ «Кризисный центр «Жан-Сая»»" in set(centres.iloc[:, 0])
    assert set(centres[t("tt_settlement", "ru")]) == {"Алматы"}
    assert not [c for c in centres.columns if "адрес" in c.lower() or "address" in c.lower()]
    assert at.query_params["region"] == "KZ-75"


def test_layers_and_basemap_toggles():
    at = start()
    at.checkbox(key="layer").check().run()
    assert t("legend_settlements", "en") in legend(at)
    at.checkbox(key="osm").check().run()
    assert not at.exception
    assert at.query_params["layer"] == "1" and at.query_params["osm"] == "1"


def test_presentation_layout_has_no_controls(engine):
    at = start(lang="ru", t="60")
    at.toggle(key="present").set_value(True).run()
    assert not at.exception
    assert len(at.sidebar.selectbox) == 0 and len(at.sidebar.radio) == 0
    assert at.query_params["view"] == "present"
    assert t("legend_title", "ru", indicator=indicator_label("share_within", "ru",
                                                             threshold=60)) in legend(at)
    at.run()  # a rerun without the controls keeps the view
    # The title carries the key number; the country's key figures stand beside the map.
    national = engine("car")
    assert fmt_pct_floor(national.areas["national"]["share_within"][60], "ru",
                         floor=True) in at.header[0].value.replace("\\", "")
    assert metrics(at)[t("tt_within", "ru", t=60)] == fmt_pct_floor(
        national.areas["national"]["share_within"][60], "ru", floor=True)
    assert "zoomControl.remove()" in map_args(at)["script"]  # no zoom buttons
    at.button(key="leave").click().run()
    assert "zoomControl.remove()" not in map_args(at)["script"]
    assert len(at.sidebar.selectbox) == 3  # language, indicator, reported figures
    assert at.selectbox(key="lang").label == t("language", "ru")
    assert at.select_slider(key="t").value == 60
    assert "view" not in at.query_params


def test_view_from_the_url(engine):
    at = start(lang="kk", ind="median_minutes", t="60", sc="winter", region="KZ-11")
    s = at.session_state
    assert (s.view_lang, s.view_ind, s.view_t, s.view_mode, s.view_region) == (
        "kk", "median_minutes", 60, "winter", "KZ-11")
    r = engine("winter")
    assert metrics(at)[t("head_within", "kk", t=60)] == share(r.areas["national"], 60, "kk")
    label = indicator_label("median_minutes", "kk", threshold=60)
    assert t("legend_title", "kk", indicator=label) in legend(at)


def test_bad_url_values_fall_back_to_defaults():
    at = start(lang="xx", t="999", ind="<script>", region="KZ-00", sc="plane")
    s = at.session_state
    assert (s.view_lang, s.view_t, s.view_ind, s.view_region, s.view_mode) == (
        "en", 120, "share_within", "KZ", "car")


def test_threshold_and_indicator_changes_do_not_rerun_the_population_model(monkeypatch):
    import streamlit as st

    import coverage.population

    calls = []
    real = coverage.population.demand_model

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(coverage.population, "demand_model", counted)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = start()
    assert len(calls) == 1
    at.select_slider(key="t").set_value(180).run()
    at.selectbox(key="ind").set_value("places_per_10k").run()
    at.radio(key="sc").set_value("winter").run()
    assert not at.exception and len(calls) == 1


def test_planner_scenario_and_suggestions(engine, bundled):
    from coverage.candidates import Candidates
    from coverage.planning import plan_sites
    from coverage.scenarios import Scenario, apply

    at = open_tab(start(), "tab_plan")
    # Add a centre at Serebryansk (East Kazakhstan has none) with 20 places.
    at.selectbox(key="add_site").set_value(1519395)
    at.number_input(key="add_beds").set_value(20)
    at.button(key="add_button").click().run()
    assert not at.exception
    scn = at.session_state.view_scn
    assert len(scn.added) == 1 and scn.added[0].beds == 20
    assert at.query_params["scn"] == "g1519395_20"
    m = metrics(at)
    # A planned centre is counted apart: 29 located + 1 planned, and East Kazakhstan still
    # has no located centre.
    assert m[t("head_centres", "en")] == "29 + 1"
    assert m[t("head_no_centre", "en")] == "3 / 20"
    captions = " ".join(c.value for c in at.caption)
    assert "29 located + 1 planned" in captions and "1 planned" in captions
    assert "planned centre (scenario)" in legend(at)
    # Disable one of the three Almaty centres: nothing moves but the count.
    at.multiselect(key="disable_centres").set_value(["kc-02"]).run()
    assert metrics(at)[t("head_centres", "en")] == "28 + 1"
    assert at.query_params["scn"] == "g1519395_20~-kc-02"
    # Capacity of an existing centre: the known places follow.
    at.selectbox(key="cap_centre").set_value("kc-03")
    at.number_input(key="cap_beds").set_value(30)
    at.button(key="cap_button").click().run()
    assert at.session_state.view_scn.beds == (("kc-03", 30),)
    captions = " ".join(c.value for c in at.caption)
    assert "200 places known" in captions, captions  # 150 + 20 + 30
    # Suggestions for the scenario, then all of them added.
    at.slider(key="plan_k").set_value(3)
    at.button(key="plan_run").click().run()
    assert not at.exception
    plan = plan_sites(engine().points, apply(bundled.centres, at.session_state.view_scn),
                      bundled.settlements, k=3, minutes=120, travel=travel_mode("car"),
                      candidates=Candidates.of(bundled.regions),
                      region_ids=tuple(bundled.regions["region_id"]))
    assert any(t("objective_coverage_value", "en", t=120,
                 before=fmt_pct(plan.share_before, "en"),
                 after=fmt_pct(plan.share_after, "en")) in md.value for md in at.markdown)
    at.button(key="plan_add_all").click().run()
    assert len(at.session_state.view_scn.added) == 4
    assert metrics(at)[t("head_within", "en", t=120)] == "≥\u00a0" + fmt_pct(
        plan.share_after, "en")
    at.button(key="reset_scenario").click().run()
    assert at.session_state.view_scn == Scenario() and "scn" not in at.query_params
    assert metrics(at)[t("head_centres", "en")] == "29"


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_planner_objectives_reasons_and_how_sure(bundled, model, lang):
    from coverage.candidates import Candidates
    from coverage.i18n import fmt_int, fmt_minutes
    from coverage.planning import plan_sites
    from coverage.stability import plan_variants, stability

    at = open_tab(start(lang=lang), "tab_plan", lang)
    at.slider(key="plan_k").set_value(2)
    at.radio(key="plan_objective").set_value("time").run()
    at.button(key="plan_run").click().run()
    assert not at.exception
    options = {"candidates": Candidates.of(bundled.regions),
               "region_ids": tuple(bundled.regions["region_id"])}
    plan = plan_sites(model.default, bundled.centres, bundled.settlements, k=2, minutes=120,
                      travel=travel_mode("car"), objective="time", **options)
    line = t("objective_time_value", lang, t=120,
             before=fmt_minutes(plan.mean_minutes(plan.value_before), lang),
             after=fmt_minutes(plan.mean_minutes(plan.value_after), lang))
    assert any(line in md.value for md in at.markdown), line
    # Each site with its reason, in the language: Kyzylorda is a capital with no centre.
    reasons = " ".join(md.value for md in at.markdown)
    assert t("why_capital", lang)[1:] in reasons
    # The objective changes: the same question is answered again without another press.
    at.radio(key="plan_objective").set_value("capacity").run()
    cap = plan_sites(model.default, bundled.centres, bundled.settlements, k=2, minutes=120,
                     travel=travel_mode("car"), objective="capacity", **options)
    assert any(t("objective_capacity_value", lang, t=120, before=fmt_int(cap.value_before, lang),
                 after=fmt_int(cap.value_after, lang)) in md.value for md in at.markdown)
    # How sure: chosen again "m of 13" for each site, as coverage.stability counts.
    at.button(key="plan_sure_run").click().run()
    assert not at.exception
    tried = plan_variants(model, bundled.centres, settlements=bundled.settlements,
                          regions=bundled.regions, centre_counts=bundled.centre_counts)
    sure = stability(cap, tried, bundled.settlements)
    cells = [row for df in at.dataframe for row in shown_cells(df)]
    lines = " ".join(md.value for md in at.markdown)
    for m, low, high in zip(sure["chosen_in_variants"], sure["women_min"], sure["women_max"]):
        assert any(t("plan_stability_of", lang, m=int(m), n=13) in row for row in cells)
        assert t("plan_sure_line", lang, m=int(m), n=13, low=fmt_int(low, lang),
                 high=fmt_int(high, lang)) in lines
    at.button(key="plan_add_all").click().run()
    assert [c.geonameid for c in at.session_state.view_scn.added] == \
        cap.chosen["geonameid"].tolist()


def _charts(at: AppTest) -> list[tuple[dict, list]]:
    """Every Vega-Lite chart on the page: its spec and its data frames."""
    import json

    import pyarrow as pa

    out = []
    for el in at.get("vega_lite_chart"):
        frames = [pa.ipc.open_stream(ds.data.data).read_pandas() for ds in el.proto.datasets]
        out.append((json.loads(el.proto.spec), frames))
    return out


def _title(spec: dict) -> str:
    title = spec.get("title")
    text = title.get("text", "") if isinstance(title, dict) else title or ""
    return " ".join(text) if isinstance(text, list) else str(text)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_silent_zones_scatter_and_marks_in_every_language(engine, bundled, lang):
    at = start(lang=lang) if lang != "en" else start()
    r = engine().regions.set_index("region_id")
    silent = r.index[r["silent_zone_120"]]
    names = r[f"name_{lang}"]
    # The map's legend and the ranking (the tab open first) mark them.
    assert t("legend_silent", lang, t=120) in legend(at)
    ranking = at.dataframe[0].value
    flag = ranking[t("col_silent", lang, t=120)] == t("yes", lang)
    shown = ranking.loc[flag, t("col_region", lang)].str.rstrip(" †")
    assert set(shown) == set(names[silent])
    assert not _charts(at)  # the other tabs are drawn only when opened
    # The scatter: titled in the language, one point per region, each labelled.
    open_tab(at, "tab_violence", lang)
    charts = _charts(at)
    scatter = [c for c in charts if _title(c[0]) == t("sil_title", lang, t=120)]
    assert len(scatter) == 1
    points = max((f for f in scatter[0][1] if "region_id" in f), key=len)  # the dots
    assert len(points) == 20 and set(points["region_id"]) == set(r.index)
    assert set(points.loc[points["silent"], "region_id"]) == set(silent)
    by_id = points.set_index("region_id")
    assert by_id.loc["KZ-43", "share_pct"] == pytest.approx(r.loc["KZ-43", "share_within_120"]
                                                            * 100)
    assert by_id.loc["KZ-43", "quadrant_label"] == t("q_silent", lang)
    # The rule, its thresholds and the list of silent zones, in words.
    text = " ".join(m.value for m in at.markdown)
    assert t("sil_list", lang, t=120, names=", ".join(names[silent])) in text
    # The national charts: four, titled in the language.
    titles = {_title(s) for s, _ in charts}
    for key in ("ser_by_year", "ser_quarantine", "ser_orders", "ser_helpline"):
        assert t(key, lang) in titles
    assert any(c.value == t("ser_break", lang) for c in at.caption)


def test_silent_zones_follow_threshold_mode_and_layout(engine):
    at = open_tab(start(t="60", sc="no-car"), "tab_violence")
    r = engine("no-car").regions.set_index("region_id")
    charts = _charts(at)
    scatter = next(c for c in charts if _title(c[0]) == t("sil_title", "en", t=60))
    points = max((f for f in scatter[1] if "region_id" in f), key=len)
    assert set(points.loc[points["silent"], "region_id"]) == set(
        r.index[r["silent_zone_60"]])
    at.radio(key="units").set_value("17").run()
    assert not at.exception
    scatter = next(c for c in _charts(at) if _title(c[0]) == t("sil_title", "en", t=60))
    points = max((f for f in scatter[1] if "region_id" in f), key=len)
    assert len(points) == 17
    pair = points.set_index("region_id").loc["KZ-63"]
    assert pair["label"] == "East Kazakhstan + Abai"
    assert at.query_params["units"] == "17"


def test_region_view_says_silent_zone_and_reported_figures():
    at = start(lang="ru")
    at.selectbox(key="region").set_value("KZ-43").run()
    assert any(w.value == t("region_silent", "ru", t=120) for w in at.warning)
    text = " ".join(m.value for m in at.markdown)
    # Kyzylorda 2022: 18 offences in the family-domestic sphere, 4.3 per 100,000 women.
    label = md_escape("уголовные правонарушения в семейно-бытовой сфере")  # shown as text
    assert f"{label}: **18 (4,3 на 100\u00a0000 женщин)**" in text
    at.selectbox(key="region").set_value("KZ-10").run()
    assert any(t("inc_note_from", "ru")[1:] in c.value for c in at.caption)  # capitalised
    assert not any(w.value == t("region_silent", "ru", t=120) for w in at.warning)


def test_incident_map_gives_indicator_period_source_and_caveat():
    at = start(ind="incidents_per_100k", lang="kk")
    # Under the map: the figures' indicator, period, source and the June 2022 caveat.
    text = " ".join(c.value for c in at.caption)
    assert md_escape(t("form1m_source", "kk")) in text
    assert md_escape(t("inc_june_caveat", "kk")) in text
    assert md_escape(t("legend_incidents", "kk", indicator=incident_label(
        "criminal_offences_family_domestic_sphere", "kk"), period="2022", n=20)) in text
    # Murders: many regions under five, shown as such in the legend and the ranking.
    key = "murders_family_domestic_sphere_art99@2022"
    at.selectbox(key="inc").set_value(key).run()
    assert t("suppressed", "kk") in legend(at)
    assert at.query_params["inc"] == key


#: What a person must never read in a table cell.
UNREADABLE = {"None", "nan", "NaN", "inf", "-inf", "<NA>", "NaT"}


def _unreadable(at: AppTest) -> set[str]:
    return {cell for df in at.dataframe for row in shown_cells(df) for cell in row
            if cell in UNREADABLE or UNREADABLE & set(cell.split())}


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_tables_never_show_none_or_nan(lang):
    # Every indicator (no centre, "<5 reported"), a region with unknown capacities, the
    # planner with a scenario and its suggestions, and the reported-violence table.
    for ind in INDICATORS:
        at = start(lang=lang, ind=ind, region="KZ-63", scn="g1519395_20")
        assert at.dataframe and not _unreadable(at), (ind, _unreadable(at))
    at = start(lang=lang, ind="incidents_per_100k",
               inc="murders_family_domestic_sphere_art99@2022")
    assert not _unreadable(at)
    open_tab(at, "tab_violence", lang)
    assert not _unreadable(at)
    at = open_tab(start(lang=lang, scn="g1519395_20"), "tab_plan", lang)
    at.button(key="plan_run").click().run()
    shown = [shown_cells(df) for df in at.dataframe]
    assert len(shown) >= 2 and not _unreadable(at)  # the comparison and the suggestions
    # The suggestions' "women newly within reach" is among the first columns.
    headers = [list(df.value.columns) for df in at.dataframe]
    assert any(h[:3].count(t("col_gained", lang)) for h in headers)
    # Gaps that are unknown read "≤ n", never "no data".
    ranking = shown_cells(start(lang=lang).dataframe[0])
    assert any(cell.startswith("≤\u00a0") for row in ranking for cell in row)
