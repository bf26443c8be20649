"""Template syntax in every text a user brings: the corpus and what it must never become.

Each payload is text a centre, a settlement, a kind, a note, an indicator, a period or a
file may be called. Evaluated as a Jinja template it would become one of ``EVALUATED``
(``T{{ 7+7 }}A`` -> ``T14A``), fail to compile (``{#`` without its end), run for hours
(``SPIN``) or leak the server's objects (``lipsum``). Shared by the unit, page, command
line and browser tests of ``tests/test_template_text.py`` and ``tests/test_browser.py``.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

ASTANA = (51.1801, 71.44598)

#: Payload -> what it becomes when a template engine evaluates it (None: it fails or
#: leaks something that ``LEAKS`` finds).
PAYLOADS: dict[str, str | None] = {
    "T{{ 7+7 }}A": "T14A",
    "Q{{ 7*7 }}Q": "Q49Q",
    "L{% for i in range(3) %}o{% endfor %}L": "LoooL",
    "Centre {# 5": None,
    "Lp{{ lipsum }}pL": None,
    "Kf{{ config }}fK": "KffK",
    "Cy{{ cycler.__init__.__globals__ }}yC": None,
    "</script><script>alert(49)</script>": None,
    "R{% raw %}w{% endraw %}R": "RwR",
    "{{ '<img src=x onerror=alert(1)>' }}": "<img src=x onerror=alert(1)>",
    # Markup made by evaluation from a function's name ("<function ...>"), no quote needed.
    "{{ lipsum|string|first }}img src=x onerror=alert(1){{ lipsum|string|last }}":
        "<img src=x onerror",
}
#: A 236-byte name whose six nested loops, evaluated, would run 40^6 times (hours). It
#: uses no character that HTML or Markdown escaping changes (no parenthesis, quote,
#: underscore or star), so escaping alone would not have stopped it.
_LOOPS = "{% set d = " + "9" * 40 + "|string %}" + "".join(
    f"{{% for {v} in d %}}" for v in "abcefg")
SPIN = "S" + _LOOPS + "x" + "{% endfor %}" * 6 + "S"
#: A name whose evaluation would hold gigabytes: five loops writing 40 digits each time.
HOG = "H" + _LOOPS.replace("{% for g in d %}", "") + "{{ d }}" + "{% endfor %}" * 5 + "H"
#: What evaluated templates leak: server functions, globals, undefined objects.
LEAKS = ("generate_lorem_ipsum", "<function", "0x7f", "__builtins__", "jinja2.",
         "Undefined", "<script>alert(49)</script>")


def evaluated_markers() -> list[str]:
    """Every text that shows a payload was evaluated somewhere."""
    return [v for v in PAYLOADS.values() if v is not None] + list(LEAKS)


def names(n: int | None = None) -> list[str]:
    """The payloads (the first ``n``), each made distinct by a number in front."""
    texts = [*PAYLOADS, SPIN, HOG]
    return texts[:n] if n is not None else texts


def _csv(rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


#: Settlements of the register's centres (lat, lon): one payload each, so every one is
#: drawn as its own centre.
TOWNS = [(51.18, 71.45), (43.25, 76.91), (42.32, 69.59), (50.28, 57.17), (47.1, 51.9),
         (52.29, 76.95), (49.8, 73.1), (53.28, 69.39), (44.85, 65.5), (51.23, 51.37),
         (42.9, 71.37), (47.78, 67.71), (45.02, 78.37)]


def register() -> bytes:
    """A valid register: a payload in every text column of every row."""
    rows: list[list[object]] = [["name", "lat", "lon", "settlement", "kind", "note",
                                 "name_local"]]
    for text, (lat, lon) in zip(names(), TOWNS, strict=True):
        rows.append([text, lat, lon, text, text, text, text])
    return _csv(rows)


def incidents(region_ids: list[str]) -> bytes:
    """Valid incident figures for every region: the indicator and period are payloads."""
    rows: list[list[object]] = [["region_id", "indicator", "period", "value", "coverage_note"]]
    indicator, period = "Q{{ 7*7 }}Q", "T{{ 7+7 }}A"
    for i, rid in enumerate(region_ids):
        rows.append([rid, indicator, period, 100 + 7 * i, "L{% for i in range(3) %}o{% endfor %}L"])
    for i, rid in enumerate(region_ids):
        rows.append([rid, "Centre {# 5", "Lp{{ lipsum }}pL", 50 + i, ""])
    return _csv(rows)


def scenario() -> bytes:
    """A scenario file adding a centre with a payload as its name and settlement."""
    added = [{"lat": lat, "lon": lon, "region_id": rid, "name": text, "settlement": text}
             for text, (lat, lon, rid) in zip(
                 ["Kf{{ config }}fK", "Centre {# 5", SPIN],
                 [(47.1, 51.9, "KZ-23"), (49.8, 73.1, "KZ-35"), (44.85, 65.5, "KZ-43")],
                 strict=True)]
    return json.dumps({"schema": "kz-crisis-centres-scenario/1", "added": added}).encode()


#: A file name made of template syntax (as a user's file may be called).
FILE_NAME = "Q{{ 7*7 }}Q {# register.csv"

_UNICODE_ESCAPES = re.compile(r"(?:\\u[0-9a-fA-F]{4})+")


def one_line(text: object) -> str:
    """``text`` as the map writes it: on one line, runs of white space (but a no-break
    space) made one space (:func:`coverage.safetext.html_text`)."""
    return re.sub(r"[^\S\u00a0]+", " ", str(text)).strip()


def visible(text: str) -> str:
    """``text`` as a reader sees it: JSON escapes and HTML character references read."""
    # A run of escapes at once: a character beyond U+FFFF is written as a surrogate pair.
    text = _UNICODE_ESCAPES.sub(lambda m: json.loads(f'"{m.group(0)}"'), text)
    return html.unescape(text.replace("\\/", "/").replace('\\"', '"'))
