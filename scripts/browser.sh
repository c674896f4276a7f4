#!/usr/bin/env bash
# `make browser`: a browser for image, PDF and brief exports (the dashboard itself needs none).
# Uses one that is already there; else installs Debian's chromium (root, or sudo); on Ubuntu,
# whose apt "chromium" is only a stub for the snap, and on other systems, says what to do and
# exits 1. Usage: scripts/browser.sh <python of the app's venv>
set -uo pipefail

PY=${1:-python3}
VENV_BIN=$(dirname "$PY")

if "$PY" -m browser 2>/dev/null; then
  exit 0
fi
if [ -n "${BROWSER_PATH:-}" ]; then  # a wrong BROWSER_PATH: installing would not change that
  "$PY" -m browser
  exit 1
fi

# Kaleido's own Chrome needs no root and works everywhere Chrome for Testing does.
fallback="or run $VENV_BIN/kaleido_get_chrome (downloads Kaleido's own Chrome, no root needed)"

say() { printf 'make browser: %s\n' "$*" >&2; }

case "$(uname -s)" in
  Linux) ;;
  Darwin)
    say "on macOS install Google Chrome (https://www.google.com/chrome/) or Chromium" \
      "(brew install --cask chromium), $fallback; then run make browser again to check."
    exit 1 ;;
  *)
    say "install Chrome, Chromium or Edge, set BROWSER_PATH to its executable, $fallback."
    exit 1 ;;
esac

if ! command -v apt-get >/dev/null || ! command -v apt-cache >/dev/null; then
  say "no apt-get here: install chromium (or Chrome) with your package manager," \
    "set BROWSER_PATH if it is not in a usual place, $fallback."
  exit 1
fi

SUDO=()
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo >/dev/null; then
    say "installing chromium needs root and there is no sudo: ask an administrator to run" \
      "'apt-get install chromium', $fallback."
    exit 1
  fi
  SUDO=(sudo)
fi

"${SUDO[@]}" apt-get update -qq || { say "apt-get update failed; $fallback."; exit 1; }

# Ubuntu ships no chromium .deb: its package only installs a script that needs the snap.
if apt-cache show chromium chromium-browser 2>/dev/null | grep -qi 'snap'; then
  if command -v snap >/dev/null && snap list >/dev/null 2>&1; then
    say "apt's chromium here is a stub for the snap: installing the chromium snap."
    "${SUDO[@]}" snap install chromium || { say "snap install chromium failed; $fallback."; exit 1; }
  else
    say "apt's chromium here (Ubuntu) is only a stub for the chromium snap, and snapd is not" \
      "running (a container, or WSL without systemd). Install Google Chrome's .deb" \
      "(https://www.google.com/chrome/, then: sudo apt-get install ./google-chrome-stable_current_amd64.deb)," \
      "$fallback."
    exit 1
  fi
elif ! DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq chromium >/dev/null; then
  say "apt-get install chromium failed; $fallback."
  exit 1
fi

"$PY" -m browser
