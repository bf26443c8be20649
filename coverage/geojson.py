"""GeoJSON points as table rows, read one feature at a time within bounds.

The features of a FeatureCollection are parsed one by one (:func:`coverage.jsonread.
parse_value`), each within :data:`~coverage.settings.MAX_FEATURE_VALUES` values and
:data:`~coverage.settings.MAX_COLUMNS` keys per object, and turned into a row at once. A
file is refused at the first feature past the table's row limit, the first property
name past :data:`~coverage.settings.MAX_COLUMNS` different names (features that each
bring new names would otherwise make a table of features times names), the first value
longer than a cell may be, or the first JSON value past
:data:`~coverage.settings.MAX_JSON_VALUES`.

The row number of feature *n* (counted from 1) is *n* + 1, as if the features were rows
under a header, so that messages read the same as for a spreadsheet.
"""

from __future__ import annotations

import json

from . import settings
from .errors import DataError, Problem, shown
from .jsonread import (
    JsonLimitError,
    JsonLimits,
    load_bounded,
    parse_value,
    read_key,
    refusal,
    skip_space,
)
from .limits import RowLimit, cell_over

Rows = list[tuple[int, list[str]]]


def cell_text(value: object) -> str:
    """Write a property's value as a cell: JSON numbers such as 50.0 as "50"."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[: settings.MAX_CELL_CHARS + 1]
    return str(value)


class _Features:
    """Rows of the features read so far, refused at the first one past a limit."""

    def __init__(self, name: str, rows: RowLimit) -> None:
        self.name, self.limit = name, rows
        self.names: dict[str, None] = {}
        self.records: list[tuple[int, dict[str, str]]] = []
        self.problems: list[Problem] = []
        self.seen = 0  # features, points or not
        self.values = 0  # JSON values of the whole file

    def refuse_feature(self, exc: JsonLimitError, row: int, *, file_cap: bool) -> DataError:
        """Return the error of a feature past a limit (``file_cap``: the file's limit)."""
        if exc.what == "keys":
            return DataError.single(self.name, key="too_many_properties", row=row,
                                    fix_key="too_wide", values={"limit": exc.limit})
        if exc.what == "values" and not file_cap:
            return DataError.single(self.name, key="feature_too_big", row=row,
                                    values={"limit": exc.limit})
        if exc.what == "values":
            exc = JsonLimitError("values", settings.MAX_JSON_VALUES)
        error = refusal(exc, self.name)
        return DataError([Problem(self.name, row, None, key=p.key, values=p.values,
                                  fix_key=p.fix_key) for p in error.problems])

    def read_array(self, text: str, pos: int) -> int:
        """Read the features array that starts at ``pos`` (its ``[``); return its end."""
        self.names, self.records, self.problems, self.seen = {}, [], [], 0
        pos = skip_space(text, pos + 1)
        if text[pos:pos + 1] == "]":
            return pos + 1
        while True:
            self.seen += 1
            row = self.seen + 1
            if self.seen > self.limit.limit:
                raise self.limit.refuse(self.name, row)
            room = settings.MAX_JSON_VALUES - self.values
            limits = JsonLimits(values=min(settings.MAX_FEATURE_VALUES, room),
                                keys=settings.MAX_COLUMNS)
            try:
                feature, pos, count = parse_value(text, pos, limits, level=2)
            except JsonLimitError as exc:
                raise self.refuse_feature(
                    exc, row, file_cap=room < settings.MAX_FEATURE_VALUES) from None
            self.values += count
            self.add(row, feature)
            pos = skip_space(text, pos)
            sep = text[pos:pos + 1]
            if sep == "]":
                return pos + 1
            if sep != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
            pos += 1

    def add(self, row: int, feature: object) -> None:
        """Turn one feature into a row (a problem when it is not a point)."""
        geom = feature.get("geometry") if isinstance(feature, dict) else None
        coords = geom.get("coordinates") if isinstance(geom, dict) else None
        if not isinstance(geom, dict) or geom.get("type") != "Point" or not isinstance(
                coords, list) or len(coords) < 2:
            self.problems.append(Problem(self.name, row, "geometry", key="not_point"))
            return
        props = feature.get("properties") if isinstance(feature, dict) else None
        record: dict[str, str] = {}
        for key, value in (props.items() if isinstance(props, dict) else ()):
            record[key] = "" if value is None else cell_text(value)
        record["lon"], record["lat"] = cell_text(coords[0]), cell_text(coords[1])
        for key, cell in record.items():
            if len(cell) > settings.MAX_CELL_CHARS or len(key) > settings.MAX_CELL_CHARS:
                raise cell_over(self.name, row, shown(key))
            if key not in self.names:
                self.names[key] = None
                if len(self.names) > settings.MAX_COLUMNS:
                    raise DataError.single(self.name, key="too_many_names", row=row,
                                           fix_key="too_wide",
                                           values={"limit": settings.MAX_COLUMNS})
        if len(self.names) * (len(self.records) + 1) > settings.MAX_CELLS:
            raise DataError.single(self.name, key="too_many_cells", fix_key="split",
                                   row=row, values={"limit": settings.MAX_CELLS})
        self.records.append((row, record))

    def table(self) -> tuple[list[str], Rows]:
        """Return the header (every property name, ``lon`` and ``lat``) and the rows."""
        if self.problems:
            raise DataError(self.problems)
        if not self.seen:
            raise DataError.single(self.name, key="no_features")
        header = list(self.names)
        return header, [(n, [r.get(h, "") for h in header]) for n, r in self.records]


def _members(text: str, pos: int, features: _Features) -> int:
    """Read the top object's members from ``pos`` (after its ``{``); return its end."""
    pos = skip_space(text, pos)
    if text[pos:pos + 1] == "}":
        return pos + 1
    while True:
        key, pos = read_key(text, pos)
        pos = skip_space(text, pos)
        if key == "features" and text[pos:pos + 1] == "[":
            pos = features.read_array(text, pos)
        else:
            try:
                _, pos, count = parse_value(
                    text, pos, JsonLimits(values=settings.MAX_JSON_VALUES - features.values),
                    level=1)
            except JsonLimitError as exc:  # the file's limit, not what was left of it
                if exc.what != "values":
                    raise
                raise JsonLimitError("values", settings.MAX_JSON_VALUES) from None
            features.values += count
            if key == "features":  # not an array: no features
                features.seen = 0
        pos = skip_space(text, pos)
        sep = text[pos:pos + 1]
        if sep == "}":
            return pos + 1
        if sep != ",":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = skip_space(text, pos + 1)


def geojson_rows(text: str, name: str, rows: RowLimit) -> tuple[list[str], Rows]:
    """Point features of a GeoJSON FeatureCollection as a header and numbered rows.

    Each row holds a feature's properties plus ``lon`` and ``lat``.

    Raises
    ------
    DataError
        Not JSON, not a FeatureCollection of points, or past a limit (see the module's
        text).
    """
    features = _Features(name, rows)
    start = skip_space(text, 0)
    if text[start:start + 1] != "{":
        load_bounded(text, name)  # a syntax error or a limit is the better message
        raise DataError.single(name, key="no_features")
    try:
        end = skip_space(text, _members(text, start + 1, features))
        if end != len(text):
            raise json.JSONDecodeError("Extra data", text, end)
    except DataError:
        raise
    except (ValueError, JsonLimitError) as exc:  # JSONDecodeError, JsonConstantError
        raise refusal(exc, name) from None
    return features.table()
