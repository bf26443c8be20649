"""scripts/build_data.py rebuilds the bundled files byte for byte."""

from __future__ import annotations

import subprocess
import sys

import pytest

from coverage import settings

ROOT = settings.DATA_DIR.parent


@pytest.mark.slow
def test_rebuild_reproduces_the_bundled_files(tmp_path):
    # The fact tables come from ../shared/reference when present, else from data/;
    # the derived files (boundaries, settlements, crosswalk) are always rebuilt.
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_data.py"),
                             "--out", str(tmp_path)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    bundled = sorted(p.name for p in settings.DATA_DIR.iterdir()
                     if p.suffix in (".csv", ".geojson"))
    rebuilt = sorted(p.name for p in tmp_path.iterdir())
    assert rebuilt == bundled
    for name in bundled:
        assert (tmp_path / name).read_bytes() == (settings.DATA_DIR / name).read_bytes(), name
