# Sourced by serve.sh and test.sh: install the locked node packages with `npm ci` when they are missing
# or package-lock.json changed. `build` installs what the build needs (Pagefind, which writes the search
# index); `test` also the test tools (devDependencies). A test install serves the build too.
node_mode="$1"
node_stamp="node_modules/.installed-$node_mode"
node_fresh() { [ -f "$1" ] && ! [ package-lock.json -nt "$1" ]; }
if ! node_fresh "$node_stamp" && ! { [ "$node_mode" = build ] && node_fresh node_modules/.installed-test; }; then
  if [ "$node_mode" = build ]; then
    npm ci --omit=dev --no-audit --no-fund --loglevel=error
  else
    npm ci --no-audit --no-fund --loglevel=error
  fi
  touch "$node_stamp"
fi
