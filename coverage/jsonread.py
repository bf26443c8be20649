"""Bounded JSON: a parser that counts as it goes and stops at the first value past a limit.

``json.loads`` builds the whole document before anything can be counted: a file of
10 MB may hold millions of values (3 million empty lists take some 250 MB), and a
GeoJSON's features only become rows afterwards. This parser walks the text with an
explicit stack (no recursion), reads strings with the standard library's C
``scanstring`` and counts values, nesting and the keys of each object as it goes, so a
file is refused at its first value past :class:`JsonLimits`, long before it is built.
It accepts what ``json.loads`` accepts, minus ``NaN`` and ``Infinity``, and gives its
messages ("Expecting value: line 1 column 5 (char 4)").

:func:`parse_value` reads one value at a position, so that a reader can stream the
members of a large array one at a time (:mod:`coverage.geojson`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]  # C where there is one
from typing import Any

from . import settings
from .errors import DataError, shown

_WS = re.compile(r"[ \t\n\r]*")
_BLANK = frozenset(" \t\n\r")
#: A key without escapes, its colon and the blanks around them, in one step (a fast path).
_PLAIN_KEY = re.compile(r'[ \t\n\r]*"([^"\\\x00-\x1f]*)"[ \t\n\r]*:[ \t\n\r]*')
#: JSON's number, ASCII digits only (``\d`` would take other scripts' digits).
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LITERALS = (("true", True), ("false", False), ("null", None))
_CONSTANTS = ("NaN", "Infinity", "-Infinity")


@dataclass(frozen=True)
class JsonLimits:
    """What one parse may hold.

    Attributes
    ----------
    depth : int
        Nesting levels of the whole document (its top value is level 1).
    values : int
        Values in all (numbers, strings, literals, arrays, objects; keys not counted).
    keys : int or None
        Keys one object may hold; ``None``: only the other limits bound them.
    """

    depth: int = settings.MAX_JSON_DEPTH
    values: int = settings.MAX_JSON_VALUES
    keys: int | None = None


class JsonLimitError(Exception):
    """A limit was passed: ``what`` is ``depth``, ``values`` or ``keys``."""

    def __init__(self, what: str, limit: int) -> None:
        super().__init__(f"more than {limit} {what}")
        self.what, self.limit = what, limit


class JsonConstantError(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``: not numbers in JSON."""

    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


def skip_space(text: str, pos: int) -> int:
    """Return the position of the first non-blank character at or after ``pos``."""
    end: int = _WS.match(text, pos).end()  # type: ignore[union-attr]  # matches ""
    return end


def read_key(text: str, pos: int) -> tuple[str, int]:
    """Read ``"key" :`` at ``pos``; return the key and where its value starts."""
    if plain := _PLAIN_KEY.match(text, pos):
        return plain.group(1), plain.end()
    pos = skip_space(text, pos)
    if text[pos:pos + 1] != '"':
        raise json.JSONDecodeError("Expecting property name enclosed in double quotes",
                                   text, pos)
    key, pos = scanstring(text, pos + 1, True)
    pos = skip_space(text, pos)
    if text[pos:pos + 1] != ":":
        raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
    return key, pos + 1


def _scalar(text: str, pos: int) -> tuple[object, int]:
    """Read a string, number or literal at ``pos``."""
    if text[pos:pos + 1] == '"':
        return scanstring(text, pos + 1, True)
    if number := _NUMBER.match(text, pos):
        token = number.group()
        frac, exp = number.groups()
        try:
            return (float(token) if frac or exp else int(token)), number.end()
        except ValueError:  # an integer of more than 4,300 digits
            raise json.JSONDecodeError("Number too long", text, pos) from None
    for word, value in _LITERALS:
        if text.startswith(word, pos):
            return value, pos + len(word)
    for word in _CONSTANTS:
        if text.startswith(word, pos):
            raise JsonConstantError(word)
    raise json.JSONDecodeError("Expecting value", text, pos)


#: What :func:`_open` gives for a container that has members to come.
_OPENED = object()


def _open(text: str, pos: int, stack: list[list], memo: dict[str, str],
          limits: JsonLimits, level: int) -> tuple[object, int]:
    """Open the array or object at ``pos``: an empty one is a value, else it is stacked."""
    if len(stack) + level >= limits.depth:
        raise JsonLimitError("depth", limits.depth)
    opening = text[pos]
    pos = skip_space(text, pos + 1)
    if text[pos:pos + 1] == ("}" if opening == "{" else "]"):
        return ({} if opening == "{" else []), pos + 1
    if opening == "{":
        key, pos = read_key(text, pos)
        stack.append([{}, memo.setdefault(key, key)])
    else:
        stack.append([[], None])
    return _OPENED, pos


def parse_value(text: str, pos: int, limits: JsonLimits,
                level: int = 0) -> tuple[object, int, int]:
    """Parse the JSON value at ``pos`` within ``limits``.

    Parameters
    ----------
    text : str
        The document.
    pos : int
        Where the value starts (blanks before it are skipped).
    limits : JsonLimits
        Bounds of this value (``values`` counts only this value's).
    level : int
        Nesting levels above the value (0 for a document's top value).

    Returns
    -------
    value : object
        The value, as ``json.loads`` gives it.
    end : int
        The position after the value.
    count : int
        Values it holds, itself included.

    Raises
    ------
    json.JSONDecodeError, JsonConstantError, JsonLimitError
    """
    stack: list[list] = []  # open containers: [container, key], key None in an array
    count, memo = 0, dict[str, str]()
    value: object
    most = limits.values
    keys = limits.keys if limits.keys is not None else len(text)
    # The loop runs once per value: blanks are skipped only where there are some.
    while True:
        if text[pos:pos + 1] in _BLANK:
            pos = skip_space(text, pos)
        count += 1
        if count > most:
            raise JsonLimitError("values", most)
        opening = text[pos:pos + 1]
        if opening == '"':
            value, pos = scanstring(text, pos + 1, True)
        elif opening in ("{", "["):
            value, pos = _open(text, pos, stack, memo, limits, level)
            if value is _OPENED:
                continue
        else:
            value, pos = _scalar(text, pos)
        # Put the value in its container; close every container that ends here.
        while stack:
            top = stack[-1]
            container: Any = top[0]
            key = top[1]
            if key is None:
                container.append(value)
            else:
                container[key] = value
                if len(container) > keys:
                    raise JsonLimitError("keys", keys)
            sep = text[pos:pos + 1]
            if sep in _BLANK:
                pos = skip_space(text, pos)
                sep = text[pos:pos + 1]
            if sep == ",":
                if key is not None:
                    key, pos = read_key(text, pos + 1)
                    top[1] = memo.setdefault(key, key)
                else:
                    pos += 1
                break
            if sep != ("]" if key is None else "}"):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
            value, pos = container, pos + 1
            stack.pop()
        else:
            return value, pos, count


def as_text(doc: str | bytes) -> str:
    """Decode JSON bytes as ``json.loads`` does (UTF-8, -16 or -32, by the first bytes)."""
    if isinstance(doc, (bytes, bytearray)):
        return bytes(doc).decode(json.detect_encoding(doc), "surrogatepass")
    if doc.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", doc, 0)
    return doc


def refusal(exc: Exception, name: str) -> DataError:
    """Return the DataError for what :func:`parse_value` raised."""
    if isinstance(exc, JsonConstantError):
        return DataError.single(name, key="json_constant", values={"word": exc.word},
                                fix_key="bad_json")
    if isinstance(exc, JsonLimitError) and exc.what == "depth":
        return DataError.single(name, key="json_deep", values={"levels": exc.limit})
    if isinstance(exc, JsonLimitError):
        return DataError.single(name, key="json_values", values={"limit": exc.limit})
    # The parser's own words (English) are a value: where the file breaks.
    return DataError.single(name, key="bad_json", values={"detail": shown(exc, 120)})


def load_bounded(doc: str | bytes, name: str, limits: JsonLimits | None = None) -> object:
    """Parse a whole JSON document within ``limits`` (the settings' by default).

    Raises
    ------
    DataError
        ``bad_json``, ``json_constant``, ``json_deep`` or ``json_values``, naming ``name``.
    """
    limits = limits or JsonLimits()
    try:
        text = as_text(doc)
        value, pos, _ = parse_value(text, 0, limits)
        pos = skip_space(text, pos)
        if pos != len(text):
            raise json.JSONDecodeError("Extra data", text, pos)
    except (ValueError, JsonLimitError) as exc:  # JSONDecodeError, UnicodeDecodeError too
        raise refusal(exc, name) from None
    return value
