"""Tables as a person reads them: numbers in the language's format, never "None".

Streamlit's table shows an empty (null) cell as "None" whatever a Styler says, so a missing
number is kept as infinity (it sorts last) and written "no data", a missing text as "—".
The numbers stay numbers, so a click on a header still sorts them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from coverage.i18n import t
from coverage.tables import formatters

#: What a missing text reads as (any language).
MISSING_TEXT = "—"


@dataclass(frozen=True)
class Cells:
    """Rows (positions) of one column written by their own function (one Styler call)."""

    column: str
    rows: list[int]
    show: Callable[[object], str]


def readable(df: pd.DataFrame, lang: str, *, kinds: dict[str, str] | None = None,
             cells: list[Cells] | None = None) -> Styler:
    """Return ``df`` styled for ``st.dataframe``: formats per kind, no null cell.

    Parameters
    ----------
    kinds : dict, optional
        Column -> display kind (:func:`coverage.tables.formatters`); default
        ``df.attrs["kinds"]``.
    cells : list of Cells, optional
        Cells read differently (a floor "≥ 0.1%", a gap "≤ 1,827", "<5 reported"); their
        missing values are left to these display functions.
    """
    out = df.copy()
    missing: dict[str, list] = {}
    for col in out.columns:
        values = out[col]
        if not values.isna().any():
            continue
        if _numbers(values):
            missing[col] = list(out.index[values.isna().to_numpy()])
            out[col] = pd.to_numeric(values, errors="coerce").astype(float).fillna(np.inf)
        else:
            out[col] = values.astype(object).where(values.notna(), MISSING_TEXT)
    kinds = kinds if kinds is not None else df.attrs.get("kinds", {})
    styled = out.style.format({c: f for c, f in formatters(kinds, lang).items() if c in out})
    no_data = t("no_data", lang)
    for col, rows in missing.items():
        styled = styled.format(lambda _v: no_data, subset=pd.IndexSlice[rows, [col]])
    for c in cells or []:
        if c.column in out and c.rows:
            styled = styled.format(c.show, subset=pd.IndexSlice[
                [out.index[r] for r in c.rows], [c.column]])
    return styled


def _numbers(values: pd.Series) -> bool:
    """Whether a column holds numbers (a list of floats and NA makes an object column)."""
    if pd.api.types.is_bool_dtype(values):
        return False
    if pd.api.types.is_numeric_dtype(values):
        return True
    present = values.dropna()
    return len(present) > 0 and all(
        isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in present)
