"""The "Your data" panel: a user's register or incident figures.

They are validated in memory and kept in the browser session's own state; problems are
listed as text. A file the browser still lists but the server no longer holds (it was
restarted, or the session ended) is named as lost, and the figures say what they stand on.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import replace

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import DeletedFile

import coverage
from app import guard, state
from app.engine import (
    load_data,
    uploads,
)
from app.inputs import Inputs
from coverage.errors import Problem, problem_rows, shown
from coverage.i18n import (
    t,
)
from coverage.incidents import (
    to_current_layout,
)
from coverage.safetext import md_escape
from coverage.validate import template_csv


def uploader_key(kind: str) -> str:
    """Return the key of the uploader of ``kind``: a new one (empty) after a lost file."""
    n = state.get(f"uploader_{kind}", 0)
    base = "scenario_file" if kind == "scenario" else f"up_{kind}"
    return base + (f"_{n}" if n else "")


def lost_upload(kind: str) -> bool:
    """Note a file the uploader of ``kind`` lists but the server no longer holds.

    After a restart (or a session that ended) the browser still lists the file, but its
    bytes and what was read from them are gone. Its name is kept for the message, the
    uploader starts again empty, and True is returned (the caller reruns the page).
    """
    key = uploader_key(kind)
    in_use = kind != "scenario" and getattr(state.inputs(), kind) != "bundled"
    if in_use or not isinstance(state.get(key), DeletedFile):
        return False  # what was read from it is still here: nothing lost
    names = state.get(f"listed_{key}") or []
    state.put(f"lost_{kind}", shown(names[0], 80) if names else "")
    state.put(f"uploader_{kind}", state.get(f"uploader_{kind}", 0) + 1)
    return True


def note_listed(kind: str) -> None:
    """Keep the names the browser's uploader lists, before the uploader reads them."""
    key = uploader_key(kind)
    state.put(f"listed_{key}", guard.listed_files(key))


def lost_message(kind: str, lang: str) -> str | None:
    """Return the message on a lost file of ``kind`` in ``lang`` (None when none was lost)."""
    name = state.get(f"lost_{kind}")
    if name is None:
        return None
    what = "scenario_lost" if kind == "scenario" else "upload_lost"
    return t(what, lang, file=md_escape(name)) if name else t(f"{what}_unnamed", lang)


def _take_upload(kind: str) -> None:
    """Validate an uploaded file in memory; use it only when it is valid."""
    upload = state.get(uploader_key(kind))
    if upload is None or isinstance(upload, DeletedFile):
        return  # removed, or lost with a restart: said under the uploader
    state.put(f"lost_{kind}", None)
    data = load_data()
    raw = upload.getvalue()  # bytes in memory: never written to disk, never logged
    key = hashlib.sha256(raw).hexdigest()[:20]
    try:
        if kind == "centres":
            frame = coverage.load_centres(raw, name=upload.name, regions=data.regions,
                                          settlements=data.settlements)
        else:
            table = coverage.load_incidents(raw, name=upload.name, regions=data.regions)
            layout = {"17": 17, "20": 20}.get(state.get("up_layout", "auto"))
            frame = to_current_layout(table, data.crosswalk, layout=layout)
    except coverage.DataError as exc:
        # The problems, not their text: the table is written in the language of each run.
        state.put(f"problems_{kind}", (upload.name, exc.problems, exc.total))
        return
    names = {"centres_file": upload.name} if kind == "centres" else {}
    _use_inputs(replace(state.inputs(), **{kind: key}, **names), frame=(key, frame))
    state.put(f"problems_{kind}", None)
    estimated = int(frame["estimated"].sum()) if "estimated" in frame else 0
    notices = list(frame.attrs.get("notices", []))
    state.put(f"notice_{kind}", (upload.name, len(frame),
                                  frame.attrs.get("dropped_address_columns", []),
                                  estimated, notices))


def _use_inputs(inp: Inputs, *, frame: tuple[str, object] | None = None) -> None:
    """Switch this session to ``inp``.

    Uploads and results no longer in use are dropped (so their memory returns).
    """
    held = uploads()
    if frame is not None:
        held[frame[0]] = frame[1]
    for key in list(held):
        if key not in (inp.centres, inp.incidents):
            del held[key]
    state.pop("results", None)
    state.set_inputs(inp)
    # The data in use changed: the whole page must follow, not only this panel.
    state.put("inputs_changed", True)


def _reset_data(kind: str) -> None:
    names = {"centres_file": None} if kind == "centres" else {}
    _use_inputs(replace(state.inputs(), **{kind: "bundled"}, **names))
    state.put(f"notice_{kind}", None)
    state.put(f"problems_{kind}", None)


@st.fragment
def your_data(lang: str) -> None:
    """Show the uploads of a register and of incident figures, with templates and problems."""
    if state.pop("inputs_changed", False):
        st.rerun()  # a new register or incident table: every figure follows
    lost = [k for k in ("centres", "incidents") if state.get(f"lost_{k}") is not None]
    with st.expander(t("data_title", lang), expanded=bool(
            lost or state.get("problems_centres") or state.get("problems_incidents"))):
        for kind, types in (("centres", ["csv", "xlsx", "geojson", "json"]),
                            ("incidents", ["csv", "xlsx"])):
            note_listed(kind)
            st.file_uploader(t(f"up_{kind}", lang), type=types, key=uploader_key(kind),
                             on_change=_take_upload, args=(kind,),
                             help=t("up_help", lang))
            if lost_upload(kind):
                st.rerun()  # the page says so, with an empty uploader
            # Streamlit writes its size hint in English only: ours, in the language.
            st.caption(f"{t('upload_limit', lang)} · {', '.join(types).upper()}")
            if (message := lost_message(kind, lang)) is not None:
                st.warning(message)
            if kind == "incidents":
                st.radio(t("up_layout", lang), ["auto", "17", "20"], key="up_layout",
                         format_func=lambda k: t(f"layout_{k}", lang), horizontal=True)
            st.download_button(t(f"template_{kind}", lang), template_csv(kind),
                               file_name=f"template-{kind}.csv", mime="text/csv",
                               key=f"template_{kind}", on_click="ignore")
            _in_use(kind, lang)


def _in_use(kind: str, lang: str) -> None:
    """Say which file of ``kind`` is in use, and what was wrong with the last one."""
    in_use = getattr(state.inputs(), kind)
    notice = state.get(f"notice_{kind}")
    if in_use != "bundled" and notice:
        name, rows, dropped, estimated, notices = notice
        st.success(t(f"in_use_{kind}", lang, file=md_escape(name), n=rows))
        if dropped:
            st.warning(t("dropped_address", lang, columns=md_escape(", ".join(dropped))))
        if notices:
            st.table(problem_table(notices, lang))
        if estimated:
            st.info(t("estimated_note", lang, n=estimated))
        st.button(t("reset_data", lang), key=f"reset_{kind}", on_click=_reset_data,
                  args=(kind,))
    problems = state.get(f"problems_{kind}")
    if problems:
        name, kept, total = problems
        st.error(t("upload_rejected", lang, file=md_escape(name), n=total))
        # An HTML table, readable by screen readers; every cell shown as text.
        st.table(problem_table(kept, lang, total=total))


def problem_table(problems: list[Problem], lang: str, *, total: int | None = None,
                  with_file: bool = False) -> pd.DataFrame:
    """Write problems as a table in ``lang``, every cell escaped for ``st.table``.

    Parameters
    ----------
    problems : list of Problem
        The problems (or notices) kept.
    lang : str
        Language of the headers and of the "what is wrong" and "how to fix" cells; the
        file's own text (names, cells) stays as it is.
    total : int, optional
        How many were found: a last row counts those beyond ``problems``.
    with_file : bool
        Keep the file's name as the first column (a scenario names its own file).
    """
    df = pd.DataFrame(problem_rows(problems, lang, total=total),
                      columns=["file", "row", "column", "problem", "fix"])
    if not with_file:
        df = df.drop(columns="file")
    return text_table(df.rename(columns={
        "file": t("prob_file", lang), "row": t("prob_row", lang),
        "column": t("prob_column", lang), "problem": t("prob_problem", lang),
        "fix": t("prob_fix", lang)}))


def text_table(df: pd.DataFrame) -> pd.DataFrame:
    """Escape a table whose cells and headers come from a file, for ``st.table``.

    ``st.table`` renders Markdown: every value is escaped, so it shows as the text it is.
    """
    def cell(value: object) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))  # row numbers, not 192.0
        return md_escape(value)

    out = df.astype(object).map(cell)
    out.columns = [md_escape(c) for c in out.columns]
    return out
