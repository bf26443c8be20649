"""Whatever fails, the reader sees one line in the page's language, never Streamlit's
own error box (its trace, server paths and links to search engines)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from coverage.i18n import t


def _script() -> None:
    import streamlit as st

    from app.failsafe import on_script_error

    st.session_state["suppressed"] = on_script_error(RuntimeError("/srv/secret/path.py"))


def test_an_uncaught_error_shows_one_line_in_the_language_and_nothing_of_streamlit():
    at = AppTest.from_function(_script)
    at.session_state["view_lang"] = "kk"
    at.run()
    assert at.session_state["suppressed"] is True  # Streamlit shows nothing of its own
    assert [e.value for e in at.error] == [t("unexpected_error", "kk")]
    assert not at.exception
    assert "/srv/secret" not in " ".join(str(e.value) for e in at.error)


def test_an_unknown_language_falls_back_to_english():
    at = AppTest.from_function(_script)
    at.session_state["view_lang"] = "<script>"
    at.run()
    assert [e.value for e in at.error] == [t("unexpected_error", "en")]


def test_the_served_page_hands_every_uncaught_error_to_it():
    import serve
    from app.failsafe import on_script_error

    assert serve.app._on_script_error is on_script_error
