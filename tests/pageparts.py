"""Read the page's map from an AppTest run: its component's arguments and its legend."""

from __future__ import annotations

import html
import json
import re

from streamlit.testing.v1 import AppTest

_LEGEND = re.compile(r'd\.innerHTML = ("(?:[^"\\]|\\.)*")')


def map_args(at: AppTest) -> dict:
    """The arguments the page sent to the map component (its scripts, key, height...)."""
    found = []

    def walk(node) -> None:
        if getattr(node, "type", "") == "component_instance":
            found.append(json.loads(node.proto.json_args))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    (args,) = [a for a in found if "feature_group" in a]
    return args


def map_legend(at: AppTest, *, raw: bool = False) -> str:
    """The legend in the map's frame: its HTML (``raw``) or with character references read."""
    match = _LEGEND.search(map_args(at)["feature_group"])
    assert match, "the map has no legend"
    source = json.loads(match.group(1))
    return source if raw else html.unescape(source)


def shown_cells(element) -> list[list[str]]:
    """The cells of an ``st.dataframe`` as a person reads them (the Styler's display values)."""
    import pyarrow as pa

    proto = element.proto
    data = proto.arrow_data if hasattr(proto, "arrow_data") else proto
    values = pa.ipc.open_stream(data.data).read_all()
    shown = (pa.ipc.open_stream(data.styler.display_values).read_all()
             if data.HasField("styler") else values)
    out = []
    for i in range(values.num_rows):
        row = []
        for j in range(values.num_columns):
            # The grid writes "None" in a null cell, whatever the Styler says.
            raw = values.column(j)[i]
            row.append("None" if not raw.is_valid else str(shown.column(j)[i].as_py()))
        out.append(row)
    return out
