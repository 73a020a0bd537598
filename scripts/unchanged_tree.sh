#!/usr/bin/env bash
# Run a command; fail if it changed the checkout (tracked files, or files git does not ignore).
# `make test` runs pytest under it: tests never write tracked files (they write under build/ or a
# temporary directory); works on a tree with uncommitted changes too (it compares contents).
set -euo pipefail
cd "$(dirname "$0")/.."

snapshot() {
  git status --porcelain
  git diff HEAD --binary | sha256sum
  git ls-files --others --exclude-standard -z | xargs -0r sha256sum
}

before=$(snapshot)
status=0
"$@" || status=$?
after=$(snapshot)
if [ "$before" != "$after" ]; then
  echo "unchanged_tree: the run changed the checkout (tests must not write tracked files):" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi
exit "$status"
