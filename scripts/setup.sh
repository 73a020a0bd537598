#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian 12 machine: Debian packages, then .venv with the project.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

mapfile -t packages < <(grep -v '^\s*#' scripts/debian-packages.txt | grep -v '^\s*$')
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The listed packages are brought to their current versions at most once a day, so that this
# machine (and CI on it) runs what a freshly set-up Debian 12 gets. The stamp lives outside the
# repository; SHOMEI_SKIP_UPGRADE=1 skips the daily upgrade (never the install of missing ones).
stamp_dir="${XDG_CACHE_HOME:-$HOME/.cache}/shomei-kiosk"
upgrade_stamp="$stamp_dir/debian-packages-upgraded"
today="$(date -u +%F)"
upgrade=0
if [ "${SHOMEI_SKIP_UPGRADE:-0}" != 1 ] && [ "$(cat "$upgrade_stamp" 2>/dev/null)" != "$today" ]; then
  upgrade=1
fi
if [ "${#missing[@]}" -gt 0 ] || [ "$upgrade" -eq 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt=($SUDO apt-get -o DPkg::Lock::Timeout=600 -y -qq)
  if ! "${apt[@]}" update; then
    if [ "${#missing[@]}" -gt 0 ]; then
      echo "setup: apt-get update failed; cannot install ${missing[*]}" >&2
      exit 1
    fi
    echo "setup: apt-get update failed (offline?); Debian packages not upgraded today" >&2
    upgrade=0
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    "${apt[@]}" install --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if [ "$upgrade" -eq 1 ]; then
    echo "setup: bringing the listed Debian packages to their current versions (daily)"
    "${apt[@]}" install --only-upgrade --no-install-recommends "${packages[@]}" >/dev/null
    mkdir -p "$stamp_dir"
    echo "$today" >"$upgrade_stamp"
  fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml requirements.lock | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -c requirements.lock -e '.[dev]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
