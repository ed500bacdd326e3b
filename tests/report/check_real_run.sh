#!/usr/bin/env bash
# Runs a real suite with every file format and validates the outputs with the same checkers as
# the synthetic run. Skips (77) until the CLI takes --format or when the suite is missing.
#   check_real_run.sh TROUPE_EXE SUITE_DIR OUT_DIR
# SUITE_DIR holds troupe.json (or harmony-config.json) and the feature files.
set -uo pipefail
exe="$1"; suite="$2"; out="$3"
here="$(cd "$(dirname "$0")" && pwd)"
[ -x "$exe" ] || { echo "no troupe binary at $exe: skipping"; exit 77; }
"$exe" run --help 2>/dev/null | grep -q -- '--format' || { echo "troupe run has no --format yet: skipping"; exit 77; }
[ -f "$suite/troupe.json" ] || [ -f "$suite/harmony-config.json" ] || { echo "no suite in $suite: skipping"; exit 77; }
rm -rf "$out" && mkdir -p "$out"
cd "$suite"
"$exe" list >"$out/list.txt" || { echo "troupe list failed"; exit 1; }
sed -e 's/  (skipped: .*)$//' "$out/list.txt" >"$out/test-case-names.txt"
"$exe" run -j 2 --format progress --format "junit:$out/report.xml" --format "message:$out/messages.ndjson" \
  --format "html:$out/report.html" --format "rerun:$out/rerun.txt" >"$out/stdout.txt" 2>"$out/stderr.txt"
rc=$?
[ "$rc" -le 1 ] || { echo "troupe run ended with $rc"; cat "$out/stderr.txt"; exit 1; }
tail -n 1 "$out/stdout.txt" | grep -qE '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' \
  || { echo "the summary's last line is not 'N passed, N failed, N skipped'"; exit 1; }
status=0
"$here/check_junit.sh" "$out/report.xml" || status=1
"$here/check_messages.sh" "$out/messages.ndjson" "$out/cucumber.html" "$(wc -l <"$out/test-case-names.txt")" || status=1
"$here/check_html.sh" "$out/report.html" "$out/test-case-names.txt" "$out/report.png" || status=1
exit "$status"
