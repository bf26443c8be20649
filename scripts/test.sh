#!/usr/bin/env bash
# Install everything the tests need (Python packages in .venv, Debian's Chromium for the
# browser tests) and run them all: lint, unit, Streamlit AppTest and browser tests.
# Extra arguments go to pytest, e.g. scripts/test.sh -k validation
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup_env.sh requirements-dev.txt
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "Installing Debian's chromium for the browser tests…"
  as_root apt-get update -qq
  as_root apt-get install -y -qq chromium >/dev/null
fi
.venv/bin/python -m ruff check .
.venv/bin/python -m mypy  # coverage/ (files and settings in pyproject.toml)
exec .venv/bin/python -m pytest "$@"
