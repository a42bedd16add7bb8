#!/usr/bin/env bash
# Everything newsdesk needs on a fresh Debian machine: system libraries for Qt/QtWebEngine,
# spell-check dictionaries, validators and Xvfb; then a virtualenv in .venv with newsdesk
# installed in editable mode with its test tools. Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS=(
  # Qt 6 / QtWebEngine runtime libraries (offscreen and X11)
  libnss3 libxkbcommon0 libxkbcommon-x11-0 libegl1 libgl1 libopengl0 libfontconfig1
  libxcomposite1 libxdamage1 libxrandr2 libxtst6 libasound2 libdbus-1-3 libxkbfile1
  libxshmfence1 libgbm1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-image0 libxcb-render-util0
  fonts-dejavu-core fonts-noto-core
  # spell checking (English and German out of the box)
  libenchant-2-2 hunspell-en-us hunspell-en-gb hunspell-de-de
  # screenshots, validators for packaging files
  xvfb xauth desktop-file-utils appstream
  # a throwaway PostgreSQL server for the shared-library tests (scripts/postgres/)
  postgresql
)

missing=()
for pkg in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.newsdesk-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test,packaging]"
  touch "$stamp"
fi
