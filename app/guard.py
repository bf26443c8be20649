"""What one browser may ask of the server: nothing that stalls the other sessions.

Streamlit's server acts on every message a client sends over its websocket
(``AppSession.handle_backmsg``), and two of them let one client stall every session:

- ``clear_cache`` empties every shared cache (``st.cache_data`` and ``st.cache_resource``,
  the bundled data and the population model too): one a second held another user's
  update at 22-32 s and a new visitor's first page at 19-30 s;
- ``rerun_script`` has no rate: with ``runner.fastReruns`` each one stops the session's
  run and starts another script thread, so 200 a second left no time to any other run.

Streamlit 1.67.0 has no setting or hook for either (its docs and issues were searched;
``client.toolbarMode = "minimal"`` hides the menu's "Clear cache", but the server still
obeys the message). :func:`install` wraps the two handlers of ``AppSession``, once the
installed Streamlit is found to be the pinned one and to dispatch both messages through
them (:func:`check`, at start-up, :mod:`serve`):

- ``clear_cache`` from a client drops that session's own results only (``results`` in its
  state, :func:`app.engine.shared_or_session`): the shared caches survive any message;
- a session's reruns pass a token bucket: :data:`~coverage.settings.RERUN_BURST` at once,
  then :data:`~coverage.settings.RERUN_RATE` a second. A request beyond it is not lost: it
  is merged into one run that starts when the bucket allows, with the latest widget
  values, any button press of a merged request, and the whole page if any merged request
  asked for more than one fragment.

:func:`listed_files` reads the files a browser's uploader lists (the one other place this
module knows Streamlit's internals): after a restart the server no longer holds them.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.app_session import AppSession

from coverage import settings

LOG = logging.getLogger("guard")
#: The Streamlit release whose ``AppSession`` this module wraps (requirements.txt pins it).
PINNED = "1.67.0"
#: What ``AppSession.handle_backmsg`` must still do for the wraps to take effect.
_DISPATCH = ("self._handle_clear_cache_request()",
             "self._handle_rerun_script_request(msg.rerun_script)")
_TRIGGERS = ("trigger_value", "json_trigger_value", "string_trigger_value", "chat_input_value")
_ORIGINAL: dict[str, Callable] = {}
#: Clock and timer of the rerun buckets (tests replace them).
CLOCK: Callable[[], float] = time.monotonic


def _call_later(delay: float, fn: Callable[[], None]) -> None:
    """Run ``fn`` on the server's event loop after ``delay`` seconds."""
    asyncio.get_running_loop().call_later(delay, fn)


LATER: Callable[[float, Callable[[], None]], None] = _call_later


def check() -> None:
    """Refuse to start when the installed Streamlit is not the one these wraps were made for.

    Raises
    ------
    RuntimeError
        Another version, or ``AppSession`` no longer sends ``clear_cache`` and
        ``rerun_script`` to the wrapped handlers.
    """
    if st.__version__ != PINNED:
        raise RuntimeError(
            f"app/guard.py wraps AppSession of Streamlit {PINNED}, but {st.__version__} is "
            "installed: check that AppSession.handle_backmsg still dispatches clear_cache "
            "and rerun_script to the wrapped handlers, then update guard.PINNED")
    source = inspect.getsource(AppSession.handle_backmsg)
    missing = [d for d in _DISPATCH if d not in source]
    if missing or "self.request_rerun(client_state)" not in inspect.getsource(
            _ORIGINAL.get("rerun", AppSession._handle_rerun_script_request)):
        raise RuntimeError(f"AppSession of Streamlit {st.__version__} no longer does "
                           f"{missing or 'request_rerun'}: app/guard.py must be updated")


def install() -> None:
    """Wrap ``AppSession``'s cache-clear and rerun handlers (once; checked first)."""
    check()
    if _ORIGINAL:
        return
    _ORIGINAL["rerun"] = AppSession._handle_rerun_script_request
    _ORIGINAL["clear"] = AppSession._handle_clear_cache_request
    AppSession._handle_rerun_script_request = _limited_rerun  # type: ignore[method-assign]
    AppSession._handle_clear_cache_request = _confined_clear  # type: ignore[method-assign]
    LOG.info("client cache clears confined to their session; reruns limited to %s a "
             "second (bursts of %s)", settings.RERUN_RATE, settings.RERUN_BURST)


def _confined_clear(self: AppSession) -> None:
    """Clear a client's cache: this session's own results, nothing shared."""
    state = self._session_state
    if "results" in state:
        del state["results"]
    LOG.debug("a client's clear_cache was confined to its own session")


# ----------------------------------------------------------------------- reruns
@dataclass
class Bucket:
    """A token bucket: ``burst`` requests at once, then ``rate`` a second."""

    rate: float
    burst: float
    tokens: float
    stamp: float

    def wait(self, now: float) -> float:
        """Take a token and return 0.0, or return the seconds until one is there."""
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


class RerunGate:
    """One session's rerun requests: run now, or merge into the one that waits its turn."""

    def __init__(self, run: Callable[[ClientState | None], None]) -> None:
        self._run = run
        now = CLOCK()
        self._bucket = Bucket(settings.RERUN_RATE, settings.RERUN_BURST,
                              settings.RERUN_BURST, now)
        self._pending: ClientState | None = None
        self._waiting = False
        #: Requests merged into another (for the log and the tests).
        self.merged = 0

    def ask(self, client_state: ClientState | None) -> None:
        """Run ``client_state`` now, or when the bucket allows (merged with later asks)."""
        if self._waiting:
            self._pending = merge(self._pending, client_state)
            self.merged += 1
            return
        wait = self._bucket.wait(CLOCK())
        if wait == 0.0:
            self._run(client_state)
            return
        self._pending, self._waiting = client_state, True
        LATER(wait, self._fire)

    def _fire(self) -> None:
        wait = self._bucket.wait(CLOCK())
        if wait > 0.0:  # woken a little early
            LATER(wait, self._fire)
            return
        state, self._pending, self._waiting = self._pending, None, False
        self._run(state)


_GATES: weakref.WeakKeyDictionary[AppSession, RerunGate] = weakref.WeakKeyDictionary()


def _limited_rerun(self: AppSession, client_state: ClientState | None = None) -> None:
    """Pass a client's rerun request through its session's :class:`RerunGate`."""
    gate = _GATES.get(self)
    if gate is None:
        session = weakref.ref(self)  # the gate must not keep an ended session alive

        def run(state: ClientState | None) -> None:
            alive = session()
            if alive is not None:
                _ORIGINAL["rerun"](alive, state)

        gate = _GATES[self] = RerunGate(run)
    gate.ask(client_state)


def merge(old: ClientState | None, new: ClientState | None) -> ClientState | None:
    """One request that does what ``old`` then ``new`` asked.

    The latest widget values, a button press (trigger) of ``old`` that ``new`` does not
    repeat, and the whole page unless both asked for the same fragment.
    """
    if old is None or new is None:
        return new if old is None else old
    out = ClientState()
    out.CopyFrom(new)
    if old.fragment_id != new.fragment_id:
        out.fragment_id = ""
    out.is_auto_rerun = old.is_auto_rerun and new.is_auto_rerun
    pressed = {w.id: w for w in old.widget_states.widgets if _pressed(w)}
    for w in out.widget_states.widgets:
        earlier = pressed.pop(w.id, None)
        if earlier is not None and not _pressed(w):
            w.CopyFrom(earlier)
    for w in pressed.values():
        out.widget_states.widgets.add().CopyFrom(w)
    return out


def _pressed(w: WidgetState) -> bool:
    kind = w.WhichOneof("value")
    return kind in _TRIGGERS and (kind != "trigger_value" or w.trigger_value)


# ----------------------------------------------------------------------- uploads
def listed_files(key: str) -> list[str]:
    """Names of the files the browser's uploader ``key`` lists, as it sent them.

    Read before the uploader is drawn in a run (then its value is still the browser's
    message). Empty when none, or when Streamlit keeps its widgets differently.
    """
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    try:
        ctx = get_script_run_ctx()
        states = ctx.session_state._state._new_widget_state.states  # type: ignore[union-attr]
        names = []
        for wid, value in list(states.items()):
            proto = getattr(value, "value", None)
            if wid.endswith(f"-{key}") and isinstance(proto, WidgetState) and \
                    proto.WhichOneof("value") == "file_uploader_state_value":
                names += [f.name for f in proto.file_uploader_state_value.uploaded_file_info]
        return names
    except AttributeError:  # another Streamlit: the name is not known, the loss still is
        return []
