# Sourced by serve.sh and test.sh: create .venv with the given pinned requirements file when it or
# the requirements changed since the last install.
requirements="$1"
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv || {
    rm -rf .venv
    echo "error: could not create .venv; on Debian install the venv module: apt-get install python3-venv" >&2
    exit 1
  }
fi
stamp=".venv/.installed-$(basename "$requirements")"
if [ ! -f "$stamp" ] || [ -n "$(find requirements*.txt -newer "$stamp" 2>/dev/null)" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
  touch "$stamp"
fi
export NO_MKDOCS_2_WARNING=1
# Same commit, same bytes: dates in the build come from the last commit, not the clock.
SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null || echo 0)"
export SOURCE_DATE_EPOCH
