#!/usr/bin/env bash
# Install the pinned build requirements into .venv and serve the site with live reload on
# http://127.0.0.1:8000/ (content/ and the templates are watched too).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh requirements.txt
exec .venv/bin/mkdocs serve --dev-addr "${ADDR:-127.0.0.1:8000}" "$@"
