"""Check and keep in step the message catalogues in ``coverage/locale/``.

Run from the repository root::

    python scripts/catalogues.py check   # what is missing, fuzzy or wrong; exit 1 if any
    python scripts/catalogues.py sync    # after English changed: see below

``sync`` takes ``en/LC_MESSAGES/coverage.po`` as the source. In every other language it
adds new keys (empty, to translate), drops keys English no longer has, and refreshes each
entry's ``#. en:`` comment; where the English changed, the entry is marked ``fuzzy`` so a
translator checks it (the tests fail until the flag is removed). The files are written in
one layout, so a sync that changes nothing leaves them byte for byte as they were.

A translator edits ``msgstr`` in ``ru/…/coverage.po`` or ``kk/…/coverage.po`` (with any PO
editor, e.g. Poedit), or the Markdown texts beside them (``method.md``).
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coverage.catalogue import (  # noqa: E402
    SOURCE_LANGUAGE,
    po_path,
    read_catalogue,
)
from coverage.i18n import LANGUAGES  # noqa: E402

WIDTH = 92
# Dates in the header would change every file on every sync: one fixed date instead.
_FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
HEADER = """\
{name} messages of the crisis-centre coverage dashboard for Kazakhstan.
Message ids are the keys the code uses; the "en:" comment is the English text.
Check with: python scripts/catalogues.py check"""


def new_catalogue(lang: str) -> Catalog:
    """Return an empty catalogue of ``lang`` with the project's header."""
    return Catalog(locale=lang, domain="coverage", project="kz-crisis-coverage", version="1",
                   header_comment="\n".join(f"# {line}" for line in
                                            HEADER.format(name=LANGUAGES[lang]).splitlines()),
                   language_team=LANGUAGES[lang], last_translator="the project's translators",
                   msgid_bugs_address="the project's issue tracker", fuzzy=False)


def save(catalogue: Catalog, lang: str) -> None:
    """Write ``catalogue`` as the ``.po`` file of ``lang`` in the one layout."""
    catalogue.creation_date = catalogue.revision_date = _FIXED_DATE
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalogue, width=WIDTH, omit_header=False, include_lineno=False)


def sync() -> int:
    """Bring every language in step with English; return the number of entries changed."""
    source = [m for m in read_catalogue(SOURCE_LANGUAGE) if m.id]
    changed = 0
    for lang in LANGUAGES:
        if lang == SOURCE_LANGUAGE:
            continue
        old = {str(m.id): m for m in read_catalogue(lang) if m.id}
        out = new_catalogue(lang)
        for english in source:
            key, comment = str(english.id), f"en: {english.string}"
            message = old.get(key) or english.clone()
            text = str(message.string) if key in old else ""
            flags = set(message.flags)
            notes = [c for c in message.auto_comments if c.startswith("section:")]
            was = " ".join(c for c in message.auto_comments if not c.startswith("section:"))
            if key in old and " ".join(was.split()) != " ".join(comment.split()):
                changed += "fuzzy" not in flags
                flags.add("fuzzy")
            changed += key not in old
            out.add(key, text, auto_comments=[*notes, comment], flags=flags)
        changed += len(set(old) - {str(m.id) for m in source})
        save(out, lang)
    return changed


def check() -> list[str]:
    """Return every problem of the catalogues, and ``msgfmt --check``'s if it is installed."""
    from coverage.catalogue import check_catalogues
    problems = check_catalogues(tuple(LANGUAGES))
    msgfmt = shutil.which("msgfmt")
    for lang in LANGUAGES if msgfmt else ():
        run = subprocess.run([msgfmt, "--check", "-o", "/dev/null",
                              str(po_path(lang))], capture_output=True, text=True, check=False)
        if run.returncode:
            problems += [f"{lang} msgfmt: {line}" for line in run.stderr.splitlines()]
    return problems


def main(argv: list[str] | None = None) -> int:
    """Run ``check`` or ``sync``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["check", "sync"])
    args = parser.parse_args(argv)
    if args.command == "sync":
        print(f"{sync()} entries added, dropped or marked fuzzy")
    problems = check()
    print("\n".join(problems) or "catalogues complete and consistent")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
