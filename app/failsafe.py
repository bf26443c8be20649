"""What a reader sees when something fails that nothing else caught.

One line in the language of the page, never Streamlit's own error box with its trace,
its server paths and its links to search engines.

:func:`on_script_error` is given to ``st.App`` (``serve.py``): Streamlit calls it for any
uncaught exception of the page's script, of a fragment (the "Your data" panel, the
planner's suggestions) and of a widget's callback. The page's own ``try`` blocks
(``dashboard.main``) stay: they keep the controls usable when the rest fails.
"""

from __future__ import annotations

import logging

import streamlit as st

from coverage.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

LOG = logging.getLogger("dashboard")


def _language() -> str:
    try:
        lang = st.session_state.get("view_lang", DEFAULT_LANGUAGE)
    except Exception:  # no session (a failure before the page started)
        return DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def on_script_error(error: Exception) -> bool:
    """Log ``error`` for the server's operator and tell the reader in one line.

    Returns ``True``: Streamlit then shows nothing of its own.
    """
    LOG.error("the page failed", exc_info=error)
    try:
        st.error(t("unexpected_error", _language()))
    except Exception:  # outside a script run: the log is all there is
        LOG.exception("could not tell the reader")
    return True
