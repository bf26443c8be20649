#!/usr/bin/env bash
# Install the runtime requirements into .venv and start the dashboard on the bundled data.
# Extra arguments go to Streamlit, e.g. scripts/start.sh --server.port 8600
# It listens on 127.0.0.1 only (.streamlit/config.toml); to serve a network, say so:
#   scripts/start.sh --server.address 0.0.0.0
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup_env.sh requirements.txt
# serve.py: the page with its caches filled before the server answers (see serve.py).
exec .venv/bin/python -m streamlit run serve.py "$@"
