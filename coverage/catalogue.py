"""The message catalogues: gettext ``.po`` files and Markdown texts, one set per language.

Every text of the dashboard lives in ``coverage/locale/<lang>/``:

- ``LC_MESSAGES/coverage.po``: one entry per message. The message id is the key the code
  uses (``t("title", lang)``); ``msgstr`` is the text in that language. Russian and Kazakh
  entries carry the English text as a ``#. en:`` comment, so a translator sees what to
  translate; ``scripts/catalogues.py sync`` refreshes those comments and marks an entry
  fuzzy when its English changed.
- ``method.md``: the long "Data and method" text, Markdown with ``{placeholders}``.

Placeholders are Python's ``{name}`` and the counted word ``{n|centre|centres}``: the
forms of the word that goes with ``n``, in the order of CLDR's plural categories for the
language (English and Kazakh one|other, Russian one|few|many). Because the message ids are
keys, not English sentences, ``msgfmt --check-format`` has nothing to compare a translation
with; :func:`check_catalogues` compares each with the English catalogue instead (and
``msgfmt --check`` still checks each file's syntax and header).

The files are read at import with Babel (about 20 ms for all three), so there is no compiled
``.mo`` to keep in step. A fuzzy or empty translation is left out, as gettext does;
:func:`check_catalogues` (run by the tests) reports it.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

#: Folder of the catalogues: ``<lang>/LC_MESSAGES/coverage.po`` and ``<lang>/method.md``.
LOCALE_DIR: Path = Path(__file__).resolve().parent / "locale"
DOMAIN = "coverage"
SOURCE_LANGUAGE = "en"
#: Forms a counted word needs in each language (CLDR plural categories).
PLURAL_FORMS: dict[str, int] = {"en": 2, "kk": 2, "ru": 3}

_COUNTED = re.compile(r"\{(\w+)\|([^{}]*)\}")


def po_path(lang: str) -> Path:
    """Return the path of the ``.po`` file of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(lang: str) -> Catalog:
    """Read the catalogue of ``lang`` (every entry, fuzzy ones included)."""
    with po_path(lang).open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN)


def load_messages(languages: list[str] | tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Return ``key -> {language: text}`` for every translated, non-fuzzy entry.

    Parameters
    ----------
    languages
        Language codes, each with a catalogue under :data:`LOCALE_DIR`.
    """
    messages: dict[str, dict[str, str]] = {}
    for lang in languages:
        for message in read_catalogue(lang):
            if message.id and message.string and not message.fuzzy:
                messages.setdefault(str(message.id), {})[lang] = str(message.string)
    return messages


def read_text(name: str, lang: str) -> str:
    """Return the Markdown text ``<lang>/<name>.md``."""
    return (LOCALE_DIR / lang / f"{name}.md").read_text(encoding="utf-8")


def placeholders(text: str) -> set[str]:
    """Return the names a text fills: ``{name}``, ``{name:fmt}`` and ``{n|one|other}``."""
    return {name.split("|")[0].split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(text) if name}


def _counted_only(text: str) -> set[str]:
    """Names used only to choose a word's form (``{n|centre|centres}``, never ``{n}``)."""
    plain = {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text)
             if name and "|" not in name}
    return {name for name, _ in _COUNTED.findall(text)} - plain


def same_placeholders(text: str, source: str) -> bool:
    """Whether a translation fills the names its source does.

    A name the source uses only to choose a word's form may be left out where the language
    does not change the word with the number (Kazakh "5 әйел", English "5 women").
    """
    have, want = placeholders(text), placeholders(source)
    return have <= want and want - have <= _counted_only(source)


def _entry_problems(key: str, text: str, source: str, lang: str) -> list[str]:
    try:
        placeholders(text)
    except ValueError as exc:
        return [f"{lang} {key}: not a valid format ({exc})"]
    problems = []
    if not same_placeholders(text, source):
        problems.append(f"{lang} {key}: placeholders {sorted(placeholders(text))}, "
                        f"English has {sorted(placeholders(source))}")
    for name, forms in _COUNTED.findall(text):
        # {n|poss}: the Kazakh possessive ending of the number (i18n.kk_possessive).
        if forms != "poss" and len(forms.split("|")) != PLURAL_FORMS[lang]:
            problems.append(f"{lang} {key}: {{{name}|{forms}}} needs {PLURAL_FORMS[lang]} forms")
    return problems


def _english_note(message: Message) -> str:
    """Return the ``#. en:`` comment of ``message`` however wrapped, spaces normalised."""
    note = " ".join(c for c in message.auto_comments if not c.startswith("section:"))
    return " ".join(note.removeprefix("en:").split())


def check_catalogues(languages: list[str] | tuple[str, ...]) -> list[str]:
    """List what is wrong with the catalogues, one line each; empty when all is well.

    Checks that every language has every key of the English catalogue and no other, with
    a non-empty, non-fuzzy translation, the same placeholders as English, the number of
    plural forms its language needs, and (in the other languages) an ``en:`` comment equal
    to today's English.
    """
    source = {str(m.id): m for m in read_catalogue(SOURCE_LANGUAGE) if m.id}
    problems: list[str] = []
    for lang in languages:
        catalogue = {str(m.id): m for m in read_catalogue(lang) if m.id}
        problems += [f"{lang} {key}: missing" for key in sorted(set(source) - set(catalogue))]
        problems += [f"{lang} {key}: not in English (obsolete)"
                     for key in sorted(set(catalogue) - set(source))]
        for key, message in catalogue.items():
            if key not in source:
                continue
            english = str(source[key].string)
            if not str(message.string).strip():
                problems.append(f"{lang} {key}: empty")
            elif message.fuzzy:
                problems.append(f"{lang} {key}: fuzzy (check it, then remove the flag)")
            problems += _entry_problems(key, str(message.string), english, lang)
            if lang != SOURCE_LANGUAGE and _english_note(message) != " ".join(english.split()):
                problems.append(f"{lang} {key}: its 'en:' comment is not today's English "
                                "(run scripts/catalogues.py sync)")
    return problems
