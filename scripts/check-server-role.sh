#!/usr/bin/env bash
# The server role alone, in a clean venv: `pip install '.[server]'` pinned by the lock, then
# `shomei-server sample` renders every certificate. Fails if any of the kiosk's packages (Qt,
# pyscard built with swig and a compiler, pyserial, escpos, pyusb, pyipp, httpx) got installed.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"  # built from a copy, so the checkout gets no build/ directory
cp -r pyproject.toml README.md issuance_contract drivers kiosk_app issuance_server "$work/src/"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check -c requirements.lock \
  "$work/src[server]"
for module in PySide6 smartcard serial escpos usb pyipp httpx; do
  if "$work/venv/bin/python" -c "import $module" 2>/dev/null; then
    echo "check-server-role: $module is installed in the server role" >&2
    exit 1
  fi
done
"$work/venv/bin/shomei-server" sample --data-dir "$work/data" --out "$work/samples" >/dev/null
count="$(find "$work/samples" -name '*.pdf' | wc -l)"
echo "check-server-role: $count sample PDFs rendered by a server installed without the kiosk's packages"
"$work/venv/bin/python" -m pip list --format=freeze --disable-pip-version-check | cut -d= -f1 | tr '\n' ' '
echo
