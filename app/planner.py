"""The what-if planner.

Add, move, disable centres, set capacities, load and save a scenario, and ask where new
centres would help most.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import DeletedFile

import coverage
from app import state
from app.engine import base_centres, centres_for, load_data, town_labels
from app.grid import readable
from app.state import NO_CHANGE
from app.suggestions import suggestions
from app.uploads import lost_message, lost_upload, note_listed, problem_table, uploader_key
from coverage import settings
from coverage.completeness import is_planned
from coverage.errors import shown
from coverage.i18n import (
    fmt_int,
    t,
)
from coverage.names import centre_names, centre_places
from coverage.report import Report
from coverage.safetext import md_escape
from coverage.scenario_file import from_json, to_json
from coverage.scenarios import (
    Scenario,
    at_settlement,
    places_of,
)
from coverage.tables import (
    compare_table,
)


def _add_chosen_site() -> None:
    gid = state.get("add_site")
    if gid is None:
        return
    beds = int(state.get("add_beds") or 0) or None
    # No name given: the centre is named after its settlement, in the language it is shown
    # in (the scenario and its link keep the settlement's id, not a translated name).
    state.set_scenario(state.view().scn.add(at_settlement(load_data().settlements, gid,
                                                          beds=beds)))


def _disable_changed() -> None:
    state.set_scenario(state.view().scn.with_disabled(state.get("disable_centres")))


def _set_capacity() -> None:
    cid = state.get("cap_centre")
    if cid is not None:
        state.set_scenario(state.view().scn.with_capacity(cid, state.get("cap_beds")))


def _editor_key() -> str:
    """Return the key of the table of new centres: a new one after every edit."""
    n = state.get("added_editor_n", 0)
    return "added_editor" + (f"_{n}" if n else "")


def _added_edited() -> None:
    """Take a table edit of the new centres, or refuse it whole and say why.

    The edits come from the browser as they are: places must be a whole number from 0 to
    ``settings.MAX_BEDS`` (0: unknown), "remove" true or false; otherwise the scenario
    keeps its values. Either way the table starts again from the scenario.
    """
    editor = state.get(_editor_key())
    edits = editor.get("edited_rows", {}) if isinstance(editor, dict) else editor
    try:
        state.set_scenario(state.view().scn.edit_added(edits))
    except (ValueError, TypeError, AttributeError):
        state.put("plan_refused", _offending(edits))
    state.put("added_editor_n", state.get("added_editor_n", 0) + 1)


def _offending(edits: object) -> str:
    """Return the first value of ``edits`` that is not taken, as text (to name it)."""
    changes = edits.values() if isinstance(edits, dict) else [edits]
    for change in changes:
        if not isinstance(change, dict):
            return shown(change)
        if not isinstance(change.get("remove", False), bool):
            return shown(change["remove"])
        try:
            places_of(change.get("places"))
        except ValueError:
            return shown(change["places"])
    return shown(edits)


def _load_scenario() -> None:
    upload = state.get(uploader_key("scenario"))
    if upload is None or isinstance(upload, DeletedFile):
        return  # removed, or lost with a restart: said under the uploader
    state.put("lost_scenario", None)
    data = load_data()
    try:
        state.set_scenario(from_json(upload.getvalue(), centres=base_centres(state.inputs()),
                                regions=data.regions, file=upload.name))
        state.put("plan_error", None)
    except coverage.DataError as exc:
        state.put("plan_error", (exc.problems, exc.total))  # written in the page's language


def _centre_labels(lang: str) -> dict[str, str]:
    """Return "name — settlement" of every centre of the register (none disabled), by id.

    Named in ``lang``: the register's local name in Russian and Kazakh.
    """
    base = centres_for(NO_CHANGE, state.inputs())
    return dict(zip(base["centre_id"], [
        f"{name} — {place}" if place else name
        for name, place in zip(centre_names(base, lang), centre_places(base, lang))]))


def _added_names(scn: Scenario, lang: str) -> list[str]:
    """Return the names of the scenario's new centres in ``lang``, in the scenario's order."""
    centres = centres_for(scn, state.inputs())
    return centre_names(centres[is_planned(centres)], lang)


def planner(report: Report, baseline: Report, lang: str, threshold: int, sc: str) -> None:
    """Show the what-if planner beside the map: suggestions first, then the scenario."""
    data = load_data()
    scn: Scenario = state.view().scn
    regions = dict(zip(data.regions["region_id"], data.regions[f"name_{lang}"]))
    suggestions(lang, threshold, sc)
    st.divider()
    with st.container():
        st.subheader(t("plan_scenario", lang))
        labels = town_labels(lang)
        a, b = st.columns([3, 1])
        a.selectbox(t("plan_add_settlement", lang), [None, *labels],
                    key="add_site", format_func=lambda g: t("plan_pick", lang) if g is None
                    else labels[g])
        b.number_input(t("plan_places", lang), min_value=0, max_value=settings.MAX_BEDS,
                       step=1, key="add_beds")
        st.button(t("plan_add", lang), on_click=_add_chosen_site, key="add_button")
        st.toggle(t("plan_click_adds", lang), key="click_adds")
        if state.pop("plan_message", None):
            st.warning(t("plan_bad_click", lang))
        centre_labels = _centre_labels(lang)
        state.put("disable_centres", list(scn.disabled))
        st.multiselect(t("plan_disable", lang), list(centre_labels), key="disable_centres",
                       placeholder=t("choose_options", lang),
                       format_func=centre_labels.get, on_change=_disable_changed)
        a, b = st.columns([3, 1])
        a.selectbox(t("plan_capacity", lang), [None, *centre_labels], key="cap_centre",
                    format_func=lambda c: t("plan_pick_centre", lang) if c is None
                    else centre_labels[c])
        b.number_input(t("pop_capacity", lang), min_value=0, max_value=settings.MAX_BEDS,
                       step=1, key="cap_beds")
        st.button(t("plan_set_capacity", lang), on_click=_set_capacity, key="cap_button")
        if scn.added:
            st.caption(t("plan_added", lang))
            st.data_editor(pd.DataFrame({
                t("col_centres", lang): _added_names(scn, lang),
                t("col_region", lang): [regions[c.region_id] for c in scn.added],
                "places": pd.array([c.beds for c in scn.added], dtype="Int64"),
                "remove": False}), key=_editor_key(), on_change=_added_edited,
                hide_index=True, width="stretch",
                disabled=[t("col_centres", lang), t("col_region", lang)],
                column_config={"places": st.column_config.NumberColumn(
                    t("plan_places", lang), min_value=0, max_value=settings.MAX_BEDS,
                    step=1),
                    "remove": st.column_config.CheckboxColumn(t("plan_remove", lang))})
        if (refused := state.pop("plan_refused", None)) is not None:
            st.warning(t("plan_places_refused", lang, value=md_escape(refused),
                         limit=fmt_int(settings.MAX_BEDS, lang)))
        c1, c2 = st.columns(2)
        c1.download_button(t("plan_save", lang), to_json(scn).encode("utf-8"),
                           file_name="kz-crisis-centres-scenario.json",
                           mime="application/json", disabled=scn.empty, on_click="ignore")
        c2.button(t("plan_reset", lang), on_click=state.set_scenario, args=(NO_CHANGE,),
                  disabled=scn.empty, key="reset_scenario")
        note_listed("scenario")
        st.file_uploader(t("plan_load", lang), type=["json"], key=uploader_key("scenario"),
                         on_change=_load_scenario)
        if lost_upload("scenario"):
            st.rerun()  # the planner says so, with an empty uploader
        st.caption(f"{t('upload_limit', lang)} · JSON")
        if (message := lost_message("scenario", lang)) is not None:
            st.warning(message)
        if state.get("plan_error"):
            # A plain HTML table (readable by screen readers), every cell shown as text.
            problems, total = state.get("plan_error")
            st.table(problem_table(problems, lang, total=total, with_file=True))
        if not scn.empty:
            st.markdown(f"**{t('plan_compare', lang)}**")
            table = compare_table(baseline, report, region_names=regions, lang=lang,
                                  threshold=threshold)
            st.dataframe(readable(table, lang), hide_index=True, width="stretch")
