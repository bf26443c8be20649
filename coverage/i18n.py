"""English, Russian and Kazakh: the string catalogue and number formats.

Every label, legend, tooltip and table header of the dashboard comes from
:data:`CATALOGUE`, read from the gettext catalogues ``coverage/locale/<lang>/LC_MESSAGES/
coverage.po`` (:mod:`coverage.catalogue`); ``tests/test_catalogues.py`` fails when a key lacks
a language, is fuzzy, or has other placeholders than English. Numbers follow each
language's conventions (CLDR, through Babel): ``10,118,282`` and ``68.7%`` in English,
``10 118 282`` and ``68,7 %`` in Russian, ``68,7%`` in Kazakh.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import unicodedata

import pandas as pd

from . import settings
from .catalogue import load_messages

LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
DEFAULT_LANGUAGE = "en"

#: key -> {language: text}, read from the gettext catalogues in ``coverage/locale``
#: (:mod:`coverage.catalogue`). Placeholders in braces are filled by :func:`t`.
CATALOGUE: dict[str, dict[str, str]] = load_messages(tuple(LANGUAGES))

def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Return the text of ``key`` in ``lang`` with its placeholders filled.

    Raises
    ------
    KeyError
        Unknown key or language (a missing translation is a bug, never silently English).
    """
    text = CATALOGUE[key][lang]
    if "|" in text:
        text = _PLURAL.sub(lambda m: _plural_form(m, values, lang), text)
    text = text.format(**values) if values else text
    return _keep_together(text) if lang != "en" else text


#: ``{n|centre|centres}``: the form of the word that goes with ``n`` in the language, by
#: CLDR's plural rules (English one|other, Russian one|few|many, Kazakh one|other).
_PLURAL = re.compile(r"\{(\w+)\|([^{}]*)\}")
_CATEGORIES = {"en": ("one", "other"), "kk": ("one", "other"), "ru": ("one", "few", "many")}


def plural_category(n: float, lang: str) -> str:
    """Return CLDR's plural category of ``n`` in ``lang`` ("one", "few", "many", "other")."""
    from babel import Locale

    return str(Locale.parse(lang).plural_form(abs(n)))


def plural(n: float, lang: str, *forms: str) -> str:
    """Return the form of a word that goes with ``n``, forms in the order of the language.

    English and Kazakh: one, other; Russian: one, few, many ("центр", "центра", "центров":
    1, 2, 5 and 21 "центр").
    """
    order = _CATEGORIES[lang]
    category = plural_category(n, lang)
    i = order.index(category) if category in order else len(order) - 1
    return forms[min(i, len(forms) - 1)]


def _plural_form(match: re.Match, values: dict[str, object], lang: str) -> str:
    name, forms = match.group(1), match.group(2).split("|")
    value = values[name]
    n = float(str(value).replace("\u00a0", "").replace(" ", "").replace(",", "."))
    if forms == ["poss"]:  # Kazakh "6 467 718-і": the ending of the number as said
        return "-" + kk_possessive(int(n)).rsplit("-", 1)[1]
    return plural(n, lang, *forms)


#: Russian and Kazakh typography: a number stays with the digits after it ("100 000") and
#: with its unit ("120 мин", "68,7 %"): a no-break space, so no line breaks there.
_TOGETHER = re.compile(r"(?<=\d) (?=\d{3}\b|мин|км|%|ж\.|г\.|гг\.|жж\.)")


def _keep_together(text: str) -> str:
    return _TOGETHER.sub("\u00a0", text)


def kk_possessive(n: int) -> str:
    """Return a Kazakh number with its third-person possessive ending: "6 946 727-сі".

    The ending follows the last number word said ("жеті" -> "-сі", "алты" -> "-сы",
    "бір" -> "-і", "тоғыз" -> "-ы"), by vowel harmony and whether it ends in a vowel.
    """
    n = int(abs(n))
    text = fmt_int(n, "kk")
    if n == 0:
        return f"{text}-і"
    ones = {1: "і", 2: "сі", 3: "і", 4: "і", 5: "і", 6: "сы", 7: "сі", 8: "і", 9: "ы"}
    tens = {1: "ы", 2: "сы", 3: "ы", 4: "ы", 5: "сі", 6: "ы", 7: "і", 8: "і", 9: "ы"}
    if n % 10:
        ending = ones[n % 10]
    elif n % 100:
        ending = tens[(n // 10) % 10]
    elif n % 1000:
        ending = "і"  # жүз
    elif n % 1_000_000:
        ending = "ы"  # мың
    else:
        ending = "ы"  # миллион
    return f"{text}-{ending}"


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def fmt_int(value: float | None, lang: str) -> str:
    """Whole number with the language's thousands separator; "no data" for NaN/None."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return t("no_data", lang)
    n = int(round(value))
    return _group(n, ",") if lang == "en" else _group(n, "\u00a0")


def fmt_num(value: float | None, lang: str, digits: int = 1) -> str:
    """Decimal number: ``1,234.5`` in English, ``1 234,5`` in Russian and Kazakh."""
    if value is None or not math.isfinite(value):
        return t("no_data", lang)
    text = f"{value:,.{digits}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u00a0").replace(".", ",")


def fmt_pct(share: float | None, lang: str, digits: int = 1) -> str:
    """Write a share from 0 to 1 as a percentage, as CLDR writes it in ``lang``.

    ``68.7%`` in English, ``68,7 %`` in Russian (a no-break space), ``68,7%`` in Kazakh.
    """
    if share is None or not math.isfinite(share):
        return t("no_data", lang)
    from babel.numbers import format_percent

    return format_percent(share, format=_percent_pattern(lang, digits), locale=lang)


@functools.lru_cache(maxsize=16)
def _percent_pattern(lang: str, digits: int) -> str:
    from babel import Locale

    # The language's own pattern ("#,##0 %" in Russian), with the decimals asked for.
    pattern = Locale.parse(lang).percent_formats[None].pattern
    return pattern.replace("#,##0", "#,##0." + "0" * digits, 1) if digits else pattern


def fmt_pct_floor(share: float | None, lang: str, *, floor: bool, digits: int = 1) -> str:
    """Write a share that may be a floor: ``≥ 0.1%`` where the register is incomplete."""
    text = fmt_pct(share, lang, digits)
    return f"≥\u00a0{text}" if floor and share is not None and math.isfinite(share) else text


def fmt_minutes(minutes: float | None, lang: str) -> str:
    """Travel minutes, or "no centre in reach" when infinite, "no data" when NaN."""
    if minutes is None or math.isnan(minutes):
        return t("no_data", lang)
    if math.isinf(minutes):
        return t("unreachable", lang)
    return t("minutes", lang, m=fmt_int(minutes, lang))


_KAZAKH_LETTERS = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
#: Letters of Russian and Kazakh. A spelling with any other letter is another language's
#: (Uzbek "Қўқшетау", Tatar "Җаек", Serbian "Семеј") or mixes scripts ("Zhaңaөzen",
#: "Сексеуiл" with a Latin i): never the reader's.
_READER_LETTERS = (frozenset(chr(c) for c in range(0x410, 0x450)) | frozenset("Ёё")
                   | _KAZAKH_LETTERS)
#: Cyrillic to Latin, only to measure how alike a spelling and GeoNames' name are (never
#: shown). "й" is "j" so that a misspelt "Мунайшй" reads less like "Munayshy" than
#: "Мунайшы" does.
_ROMAN = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d", "е": "e",
    "ё": "e", "ж": "zh", "з": "z", "и": "i", "і": "i", "й": "j", "к": "k", "қ": "q",
    "л": "l", "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya"})
#: A spelling less alike than this to GeoNames' name is a former or another name of the
#: place ("Алма-Ата" and "Верный" for Almaty, "Кировский" for Asyqata, "Нұр-Сұлтан" for
#: Astana): used only when GeoNames has no other.
_ALIKE = 0.5


def _letters(text: str) -> str:
    """Lower-case Latin letters of ``text``, words separated by one space."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text.lower())
                    if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[a-z]+", plain))


#: GeoNames writes Kazakh "қ" and "ғ" as q/gh in some names (Zhezqazghan) and k/g in
#: most (Aktobe, Taldykorgan): the second reading only ranks spellings already alike.
_ROMAN_KG = str.maketrans({"қ": "k", "ғ": "g"})


def _alike(spelling: str, latin: str, *, kg: bool = False) -> float:
    """How alike a Cyrillic spelling and a Latin name (as letters) are, 0 to 1."""
    text = spelling.lower().translate(_ROMAN_KG) if kg else spelling.lower()
    return difflib.SequenceMatcher(None, _letters(text.translate(_ROMAN)), latin).ratio()


@functools.lru_cache(maxsize=4096)
def settlement_name(name: str, cyrillic_names: object, lang: str) -> str:
    """Return a settlement's name in ``lang``: the same name wherever the page shows it.

    English: GeoNames' name. Russian and Kazakh: one of GeoNames' Cyrillic spellings
    (``cyrillic_names``, ``;``-separated), always the same for the same place:

    1. spellings in Russian and Kazakh letters only (not Ukrainian, Uzbek or mixed);
    2. first those that read like GeoNames' name (transliterated, more than half alike),
       so a former name (Алма-Ата, Кировский) is not taken for today's;
    3. then, in Kazakh, the Kazakh form (with Kazakh letters: Тереңөзек; the more of them
       the better, Ақтөбе before Актөбе), in Russian the form without them (Теренозек);
       where the two cannot be told apart, the other;
    4. then the most alike, then the first in alphabetical order.

    Where GeoNames' own name is a Russian exonym of a town with another Kazakh name
    (Ust-Kamenogorsk, Өскемен), :data:`coverage.settings.KAZAKH_SPELLINGS` names which of
    GeoNames' spellings is the Kazakh one. Where GeoNames has no Cyrillic spelling of the
    place, the Latin name is kept, in every language.
    """
    if lang == "en" or not isinstance(cyrillic_names, str):
        return name
    spellings = [s.strip() for s in cyrillic_names.split(";")
                 if s.strip() and all(ch in _READER_LETTERS for ch in s if ch.isalpha())]
    if lang == "kk" and settings.KAZAKH_SPELLINGS.get(name) in spellings:
        return settings.KAZAKH_SPELLINGS[name]
    if not spellings:
        return name
    latin = _letters(name)

    def rank(spelling: str) -> tuple[bool, bool, int, float, str]:
        alike = _alike(spelling, latin)
        kazakh = len(_KAZAKH_LETTERS & set(spelling))
        return (alike <= _ALIKE, bool(kazakh) != (lang == "kk"),
                -kazakh if lang == "kk" else 0,
                -max(alike, _alike(spelling, latin, kg=True)), spelling)

    return min(spellings, key=rank).strip()


def format_kind(kind: str, value: float | None, lang: str) -> str:
    """Write a value as ``kind``: int, pct, minutes, num1 or num2 (NaN: "no data")."""
    number = None if pd.isna(value) else float(value)
    if kind == "int":
        return fmt_int(number, lang)
    if kind == "pct":
        return fmt_pct(number, lang)
    if kind == "minutes":
        return fmt_minutes(float("nan") if number is None else number, lang)
    if kind in ("num1", "num2"):
        return fmt_num(number, lang, int(kind[-1]))
    raise ValueError(f"unknown value kind '{kind}'")


def incident_label(indicator: str, lang: str) -> str:
    """Return an incident indicator's name in ``lang``; unknown ones as written."""
    key = f"inc_{indicator}"
    return t(key, lang) if key in CATALOGUE else indicator.replace("_", " ")


#: Short month names (standalone) per language.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
           "сентябрь", "октябрь", "ноябрь", "декабрь"),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
           "қыркүйек", "қазан", "қараша", "желтоқсан"),
}
#: Russian months after a day ("16 марта"): the genitive.
MONTHS_WITH_DAY_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                      "августа", "сентября", "октября", "ноября", "декабря")
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _date_parts(text: str) -> tuple[str, int | None, int | None] | None:
    m = _DATE.fullmatch(text.strip())
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        return None
    return m.group(1), int(m.group(2)) if m.group(2) else None, \
        int(m.group(3)) if m.group(3) else None


def _day_month(month: int | None, day: int | None, lang: str) -> str:
    if month is None:
        return ""
    if day:
        months = MONTHS_WITH_DAY_RU if lang == "ru" else MONTHS[lang]
        return f"{day} {months[month - 1]}"
    return MONTHS[lang][month - 1]


def fmt_period(period: str, lang: str) -> str:
    """Write a period such as ``2024-01..2024-08`` for ``lang`` ("Jan–Aug 2024").

    Anything else is returned as written in English; in Russian and Kazakh a note in
    brackets (the sources' English, e.g. "(YTD as of 2024-12-20)") becomes "(with
    caveats, see the source)", and a period the source does not state says so.
    """
    text = str(period)
    if lang != "en" and text.startswith("year-to-date"):
        return t("period_unstated", lang)
    if lang != "en" and " (" in text:
        head = text.split(" (", 1)[0].strip()
        shown = fmt_period(head, lang)
        return (f"{shown} ({t('period_caveat', lang)})" if shown != head or head.isdigit()
                else t("period_unstated", lang))
    found = [_date_parts(p) for p in text.split("..")]
    parts = [p for p in found if p is not None]
    if not parts or len(parts) < len(found) or len(parts) > 2:
        return text
    year_ru = " г." if lang == "ru" else ""
    if len(parts) == 1:
        year, month, day = parts[0]
        text = _day_month(month, day, lang)
        return (f"{year} ж. {text}" if lang == "kk" else f"{text} {year}{year_ru}").strip() \
            if text else year
    (y1, m1, d1), (y2, m2, d2) = parts
    a, b = _day_month(m1, d1, lang), _day_month(m2, d2, lang)
    dash = " – " if (d1 or d2) else "–"
    if y1 == y2:
        span = f"{a}{dash}{b}" if a and b else y1
        return f"{y1} ж. {span}" if lang == "kk" and a else (f"{span} {y1}{year_ru}" if a
                                                             else y1)
    left = f"{y1} ж. {a}" if lang == "kk" else f"{a} {y1}{year_ru}"
    right = f"{y2} ж. {b}" if lang == "kk" else f"{b} {y2}{year_ru}"
    return f"{left.strip()} – {right.strip()}"
