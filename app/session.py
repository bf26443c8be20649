"""A browser session's own values: the door to ``st.session_state``.

It is used by :mod:`app.state`, which the sections go through, and by :mod:`app.engine`.
"""

from __future__ import annotations

import streamlit as st

from app.inputs import BUNDLED, Inputs


def inputs() -> Inputs:
    """Which register and incident figures this session uses."""
    return st.session_state.get("inputs", BUNDLED)


def set_inputs(inp: Inputs) -> None:
    """Switch the register or incident figures this session uses."""
    st.session_state.inputs = inp


def get(key: str, default: object = None) -> object:
    """Return a widget's or a section's value in this session."""
    return st.session_state.get(key, default)


def put(key: str, value: object) -> None:
    """Keep a value for this session (messages, requests between reruns)."""
    st.session_state[key] = value


def pop(key: str, default: object = None) -> object:
    """Take a value out of this session's state."""
    return st.session_state.pop(key, default)


def setdefault(key: str, default: object) -> object:
    """Return this session's value of ``key``, set to ``default`` the first time."""
    return st.session_state.setdefault(key, default)
