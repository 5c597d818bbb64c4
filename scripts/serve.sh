#!/usr/bin/env bash
# Install what the build needs (Debian's nodejs/npm and python3-venv when missing, the pinned Python
# packages into .venv, the locked Pagefind binary into node_modules) and serve the site with live reload
# on http://127.0.0.1:8000/ (content/ and the templates are watched too). --dirty: after a save, MkDocs
# converts only the pages whose Markdown changed, the edited paper's first (scripts/papersite/incremental.py).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/apt.sh
packages=()
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
"${PYTHON:-python3}" -c "import ensurepip" >/dev/null 2>&1 || packages+=(python3-venv)
apt_install "${packages[@]}"
source scripts/venv.sh requirements.txt
source scripts/node.sh build
exec .venv/bin/mkdocs serve --dirty --dev-addr "${ADDR:-127.0.0.1:8000}" "$@"
