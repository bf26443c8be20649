"""The one error type users see: a :class:`DataError` whose message they can act on.

A :class:`Problem` carries a message key and the values it names (a file's cells, counts,
limits), not finished English text, so that the page and the command line can write it
in English, Russian or Kazakh (:meth:`Problem.text`). The values stay the user's text:
they are never translated, only numbers are written in the language's format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field

from . import settings
from .i18n import CATALOGUE, DEFAULT_LANGUAGE, t

#: Russian and Kazakh write "1 234,5" where English writes "1,234.5".
_LOCAL_DIGITS = str.maketrans({",": "\u00a0", ".": ","})


class _Number:
    """A number of a message, written as its format spec asks, in a language's format.

    ``str()`` stays the plain number, so that :func:`coverage.i18n.t` can choose the
    word that goes with it (``{n|строка|строки|строк}``).
    """

    def __init__(self, value: float, lang: str) -> None:
        self.value, self.lang = value, lang

    def __format__(self, spec: str) -> str:
        text = format(self.value, spec)
        return text if self.lang == "en" else text.translate(_LOCAL_DIGITS)

    def __str__(self) -> str:
        return str(self.value)


def _localised(values: Mapping[str, object], lang: str) -> dict[str, object]:
    """Wrap the numbers of ``values`` for ``lang``; text (the user's) stays as it is."""
    return {k: _Number(v, lang) if isinstance(v, (int, float)) and not isinstance(v, bool)
            else v for k, v in values.items()}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    Built either from a message key, written in any language (``Problem(file, row,
    column, key="not_lat", values={"value": "abc"})``), or, as before keys existed, from
    English text (``Problem(file, row, column, "what", "how to fix")``).

    Attributes
    ----------
    file : str
        File name as the user knows it (never a temporary path).
    row : int or None
        Row as a spreadsheet shows it: the header is row 1, the first record row 2.
        ``None`` when the problem concerns the whole file.
    column : str or None
        Column name, or ``None`` when the problem concerns a whole row or the file.
    message : str
        What is wrong, in English (filled from ``key`` when one is given).
    fix : str
        How to fix it, in English (filled from the fix key when one is given).
    key : str
        The message: ``err_<key>`` in :data:`coverage.i18n.CATALOGUE`; empty for an
        English-only problem.
    values : dict
        The message's placeholders: the file's text as it is, numbers as numbers.
    fix_key : str or None
        The fix: ``fix_<fix_key>``. ``None`` takes ``fix_<key>`` when the catalogue has
        one (most messages have their own fix); ``""`` means no fix.
    """

    file: str
    row: int | None
    column: str | None
    message: str = ""
    fix: str = ""
    _: KW_ONLY
    key: str = ""
    values: Mapping[str, object] = field(default_factory=dict, hash=False)
    fix_key: str | None = None

    def __post_init__(self) -> None:
        """Fill the English message and fix of a keyed problem (read by the English code)."""
        if self.key:
            object.__setattr__(self, "values", dict(self.values))
            object.__setattr__(self, "message", self.text("en"))
            object.__setattr__(self, "fix", self.fix_text("en"))

    @property
    def _fix_entry(self) -> str | None:
        if self.fix_key is None:
            name = f"fix_{self.key}"
            return name if name in CATALOGUE else None
        return f"fix_{self.fix_key}" if self.fix_key else None

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Write what is wrong in ``lang`` (English for a problem without a key)."""
        if not self.key:
            return self.message
        return t(f"err_{self.key}", lang, **_localised(self.values, lang))

    def fix_text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Write how to fix it in ``lang``; empty when there is no fix."""
        if not self.key:
            return self.fix
        entry = self._fix_entry
        return t(entry, lang, **_localised(self.values, lang)) if entry else ""

    def line(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Write the problem on one line in ``lang``: where, what, and how to fix it."""
        where = [shown(self.file, 80)]
        if self.row is not None:
            where.append(t("prob_at_row", lang, row=self.row))
        if self.column is not None:
            where.append(t("prob_at_column", lang, column=self.column))
        fix = self.fix_text(lang)
        text = f"{', '.join(where)}: {self.text(lang)}"
        text = f"{text} ({fix})" if fix else text
        return " ".join(text.split())  # one line, whatever a file's cells hold

    def __str__(self) -> str:
        """Write the problem on one line in English."""
        return self.line(DEFAULT_LANGUAGE)


def shown(value: object, limit: int = 60) -> str:
    """Quote a value from a file in a message: one line, at most ``limit`` characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problem_rows(problems: Sequence[Problem], lang: str = DEFAULT_LANGUAGE, *,
                 total: int | None = None) -> list[dict]:
    """Return problems as plain dicts in ``lang``, for a table shown to the user.

    Parameters
    ----------
    problems : sequence of Problem
        The problems kept.
    lang : str
        Language of the "problem" and "fix" cells; file, row and column are the file's.
    total : int, optional
        How many problems were found; when more than ``problems``, a last row counts
        the others.
    """
    rows = [{"file": p.file, "row": p.row, "column": p.column, "problem": p.text(lang),
             "fix": p.fix_text(lang)} for p in problems]
    more = 0 if total is None else total - len(problems)
    if more > 0 and problems:
        rows.append({"file": problems[0].file, "row": None, "column": None,
                     "problem": t("more_problems", lang, n=_Number(more, lang)),
                     "fix": t("fix_more_problems", lang)})
    return rows


class DataError(ValueError):
    """Bad input data; the message names file, row and column of every problem.

    ``str()`` is English; :meth:`text` writes it in another language.

    Parameters
    ----------
    problems : list of Problem
        Every problem found; validation collects them all before raising. The first
        :data:`~coverage.settings.MAX_PROBLEMS_KEPT` are kept in ``problems`` and
        ``total`` counts them all, so that a file of a million bad rows gives a short
        table and a short message.
    """

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("DataError needs at least one problem")
        self.total = len(problems)
        self.problems = list(problems[: settings.MAX_PROBLEMS_KEPT])
        super().__init__(self.summary("\n"))

    @property
    def more(self) -> int:
        """Problems found beyond those kept."""
        return self.total - len(self.problems)

    def summary(self, sep: str = "; ", lang: str = DEFAULT_LANGUAGE) -> str:
        """Write the first problems in ``lang``, then how many more there are.

        At most :data:`~coverage.settings.MAX_PROBLEMS_LISTED` are listed (on one line
        with ``sep="; "``).
        """
        listed = settings.MAX_PROBLEMS_LISTED
        lines = [p.line(lang) for p in self.problems[:listed]]
        if self.total > listed:
            lines.append(t("more_problems", lang, n=_Number(self.total - listed, lang)))
        return sep.join(lines)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Write every listed problem in ``lang``, one a line (``str()`` in English)."""
        return self.summary("\n", lang)

    @classmethod
    def single(
        cls, file: str, message: str = "", *, row: int | None = None,
        column: str | None = None, fix: str = "", key: str = "",
        values: Mapping[str, object] | None = None, fix_key: str | None = None,
    ) -> DataError:
        """Build an error with a single problem (see :class:`Problem` for the keys)."""
        return cls([Problem(file, row, column, message, fix, key=key, values=values or {},
                            fix_key=fix_key)])

    def records(self, lang: str = DEFAULT_LANGUAGE) -> list[dict]:
        """Return the problems as plain dicts in ``lang``, for a table shown to the user.

        The kept ones come first, then a last row counting the others.
        """
        return problem_rows(self.problems, lang, total=self.total)
