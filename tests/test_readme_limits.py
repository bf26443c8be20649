"""The README's table of limits says what the code does: written from the code's own
settings and messages, in the three languages, and up to date."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from coverage.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("limits_table",
                                                  ROOT / "scripts" / "limits_table.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_the_readme_holds_the_tables_as_the_code_writes_them():
    script = _script()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert script.updated(readme) == readme, "run: python scripts/limits_table.py --write"


def test_every_row_is_written_in_every_language():
    script = _script()
    for lang in LANGUAGES:
        lines = script.table(lang).splitlines()[2:]
        assert len(lines) == len(script.ROWS)
        for row, line in zip(script.ROWS, lines, strict=True):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            assert cells[0] == row.what[lang] and cells[2]
            if row.problem is not None or row.key:
                # A message, not its key, in the language: Cyrillic in Russian and Kazakh.
                assert "err_" not in cells[2] and "_" not in cells[2].split(":")[-1][:3]
                if lang != "en":
                    assert any("\u0400" <= ch <= "\u04ff" for ch in cells[2]), cells[2]
