# Sourced by the checker scripts: where the npm checkers live; exits 77 (skip) without them.
checkers="${XDG_CACHE_HOME:-$HOME/.cache}/troupe/npm-report-checkers"
if [ ! -d "$checkers/node_modules/@cucumber/messages" ]; then
  echo "report checkers not installed in $checkers (run install_checkers.sh): skipping"
  exit 77
fi
