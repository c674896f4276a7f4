#!/usr/bin/env bash
# Rebuild assets/vendor/plotly/plotly-custom.min.js: plotly.js with only the trace types the
# dashboard draws (scripts/plotly_bundle/index.js), bundled and minified with esbuild.
#
# The bundle is committed, so the app runs without npm; run this script only after changing the
# trace list or upgrading plotly. Needs node >= 20, npm and the npm registry. Versions are pinned in
# scripts/plotly_bundle/package.json and package-lock.json (`npm ci` installs exactly those).
#
# dcc.Graph draws with `window.Plotly` when the page defines it (dash/dcc/async-graph.js) and only
# otherwise fetches the full plotly.min.js of the `plotly` Python package, so the plotly.js version
# here must equal that one: the script refuses to build when they differ.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/scripts/plotly_bundle"
OUT="$ROOT/assets/vendor/plotly"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"

cd "$SRC"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
PINNED="$(node -p 'require("plotly.js/package.json").version')"
EXPECTED="$("$PYTHON" -c 'from plotly.offline import get_plotlyjs_version as v; print(v())')"
if [[ "$PINNED" != "$EXPECTED" ]]; then
    echo "error: scripts/plotly_bundle pins plotly.js $PINNED but the installed plotly package" \
         "ships plotly.js $EXPECTED: set package.json to $EXPECTED and run npm install" >&2
    exit 1
fi

mkdir -p "$OUT"
node build.js "$OUT/plotly-custom.min.js" "$PINNED"
cp node_modules/plotly.js/LICENSE "$OUT/LICENSE.txt"
echo "built $OUT/plotly-custom.min.js (plotly.js $PINNED, $(wc -c < "$OUT/plotly-custom.min.js") bytes)"
