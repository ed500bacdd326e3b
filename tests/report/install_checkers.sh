#!/usr/bin/env bash
# Installs the pinned npm packages the report checkers use into a cache folder (once per
# package-lock.json): ${XDG_CACHE_HOME:-$HOME/.cache}/troupe/npm-report-checkers.
# Exit 77 (CTest: skipped) when node or npm is missing or the registry cannot be reached.
set -euo pipefail
here="${1:-$(cd "$(dirname "$0")" && pwd)}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/troupe/npm-report-checkers"
command -v node >/dev/null && command -v npm >/dev/null || { echo "node/npm not installed: skipping"; exit 77; }
mkdir -p "$cache"
if [ -d "$cache/node_modules/@cucumber/html-formatter" ] && cmp -s "$here/package-lock.json" "$cache/package-lock.json"; then
  echo "report checkers already installed in $cache"
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$cache/"
# Two checkers may start at once: one installs, the other waits for its lock.
exec 9>"$cache/.install.lock"
flock 9
if ! (cd "$cache" && npm ci --no-audit --no-fund); then
  echo "npm could not install the report checkers (offline?): skipping"
  exit 77
fi
echo "report checkers installed in $cache"
