"""What a view or an export stands on: the bundled register, a user's file, or a scenario.

Every page, image, PDF, web map and table says it, so that a figure is never read
without knowing which centres it counts: "bundled register, 29 located" is not
"your file, 12 centres", and neither is "register + 5 planned".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from .completeness import is_planned
from .i18n import LANGUAGES, fmt_int, fmt_period, t
from .names import centre_name, centre_place

BUNDLED_PERIOD = "2017–2026"
#: Planned centres named in a basis text (all of them are in :meth:`Basis.as_dict`).
MAX_PLACES_NAMED = 6


@dataclass(frozen=True)
class Basis:
    """The centres behind a set of figures.

    Attributes
    ----------
    kind : str
        ``bundled`` (the register shipped with the dashboard) or ``file`` (a user's).
    file : str or None
        The user's file name, as the user gave it.
    located : int
        Existing centres in use (the register's, minus those a scenario disables).
    planned : int
        Centres a scenario adds.
    disabled : int
        Centres of the register a scenario leaves out.
    planned_places : tuple of str
        Where the planned centres are (settlement names in English, in the scenario's
        order).
    planned_in : tuple of (str, tuple of str)
        The same places in each language, as ``(lang, places)`` pairs (:meth:`places`).
    """

    kind: str = "bundled"
    file: str | None = None
    located: int = 0
    planned: int = 0
    disabled: int = 0
    planned_places: tuple[str, ...] = ()
    planned_in: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def scenario(self) -> bool:
        """True when a scenario adds or leaves out centres."""
        return bool(self.planned or self.disabled)

    def places(self, lang: str) -> tuple[str, ...]:
        """Return where the planned centres are, named in ``lang`` (English by default)."""
        return dict(self.planned_in).get(lang, self.planned_places)

    def as_dict(self) -> dict:
        """JSON-ready, with the English text (and names)."""
        out = {**asdict(self), "planned_places": list(self.planned_places),
               "scenario": self.scenario, "text": self.text("en")}
        out.pop("planned_in")
        return out

    def register_text(self, lang: str) -> str:
        """Return the register alone: "bundled register (29 centres, public reports 2017–2026)"."""
        if self.kind == "file":
            return t("basis_file", lang, file=self.file or "?",
                     n=fmt_int(self.located + self.disabled, lang))
        return t("basis_bundled", lang, n=fmt_int(self.located + self.disabled, lang),
                 period=BUNDLED_PERIOD)

    def text(self, lang: str) -> str:
        """Register and scenario: "... + 5 planned, 1 disabled (scenario)"."""
        out = self.register_text(lang)
        if not self.scenario:
            return out
        changes = []
        if self.planned:
            places = [p for p in self.places(lang) if p][:MAX_PLACES_NAMED]
            more = ", …" if len(self.planned_places) > MAX_PLACES_NAMED else ""
            named = f" ({', '.join(places)}{more})" if places else ""
            changes.append(t("basis_planned", lang, n=fmt_int(self.planned, lang)) + named)
        if self.disabled:
            changes.append(t("basis_disabled", lang, n=fmt_int(self.disabled, lang)))
        return t("basis_scenario", lang, register=out, changes=", ".join(changes))

    def count_text(self, lang: str) -> str:
        """Centres counted: "29 located" or "29 located + 5 planned"."""
        out = t("count_located", lang, n=fmt_int(self.located, lang))
        if self.planned:
            out += " + " + t("count_planned", lang, n=fmt_int(self.planned, lang))
        return out


def basis_of(centres: pd.DataFrame, *, file: str | None = None,
             disabled: int = 0) -> Basis:
    """Return the basis of figures computed on ``centres``.

    Parameters
    ----------
    centres : DataFrame
        Centres in use; rows with ``status == "planned"`` are a scenario's.
    file : str, optional
        Name of the user's register; the bundled register when omitted.
    disabled : int
        Centres of the register the scenario disables.
    """
    planned = is_planned(centres)
    rows = centres[planned].to_dict("records")
    # A centre added by a click away from any settlement has no settlement: its name says
    # where it is. Names in each language: those of :func:`coverage.names.with_local_names`
    # where ``centres`` has them.
    places = {lang: tuple(centre_place(r, lang) or centre_name(r, lang) for r in rows)
              for lang in LANGUAGES}
    return Basis(kind="file" if file else "bundled", file=file,
                 located=len(centres) - int(planned.sum()), planned=int(planned.sum()),
                 disabled=int(disabled), planned_places=places["en"],
                 planned_in=tuple(places.items()))


def source_line(basis: Basis, lang: str, *, scenario_text: str, date: str) -> str:
    """Return the line under every map and export: sources, centres counted, date.

    The date (ISO) is written in words in Russian and Kazakh ("26 ноября 2026 г.").
    """
    shown = date if lang == "en" else fmt_period(date, lang)
    return t("source_line", lang, basis=basis.text(lang), scenario=scenario_text, date=shown)


def reported_text(value: float, qualifier: str, lang: str) -> str:
    """Write an official count: ``4``, or ``at least 1`` when the source says so."""
    n = fmt_int(float(value), lang)
    return t("reg_at_least", lang, n=n) if qualifier == "at_least" else n


def register_cell(row: pd.Series, lang: str) -> str:
    """Write a region's register in a table cell: ``0 / 4 ⚠``, ``2 / 2``, ``1 / –``.

    ``row`` has ``centres_located``, ``centres_reported`` (``<NA>``: no official count),
    ``reported_qualifier`` and ``register_incomplete``.
    """
    located = fmt_int(float(row["centres_located"]), lang)
    if pd.isna(row["centres_reported"]):
        return f"{located} / –"
    reported = fmt_int(float(row["centres_reported"]), lang)
    if row["reported_qualifier"] == "at_least":
        reported = "≥" + reported
    return f"{located} / {reported}" + (" ⚠" if row["register_incomplete"] else "")


def register_line(row: pd.Series, lang: str) -> str:
    """Write a region's (or the country's) register in words, for the region view and PDF."""
    located = fmt_int(float(row["centres_located"]), lang)
    if pd.isna(row["centres_reported"]):
        return t("reg_no_count", lang, located=located)
    return t("reg_counts", lang, located=located,
             reported=reported_text(row["centres_reported"], row["reported_qualifier"], lang),
             period=row["reported_period"])


def map_note(basis: Basis, completeness: pd.DataFrame, lang: str) -> str:
    """Return the line under a static map's title.

    It says what the map stands on and how complete the register is (national count,
    and what the hatching means).
    """
    text = t("basis_caption", lang, basis=basis.text(lang))
    kz = completeness.set_index("region_id").loc["KZ"]
    if pd.isna(kz["centres_reported"]):
        return text
    return text + " " + t("static_register", lang, located=fmt_int(float(
        kz["centres_located"]), lang), reported=reported_text(
        kz["centres_reported"], kz["reported_qualifier"], lang), period=kz["reported_period"])
