#!/usr/bin/env bash
# Opens troupe's HTML report in headless Chromium: the rendered DOM must hold every test case
# name listed in NAMES.txt (one a line) and a timeline, and a screenshot must come out non-empty.
#   check_html.sh REPORT.html NAMES.txt SCREENSHOT.png
set -euo pipefail
page="$(realpath "$1")"; names="$2"; png="$3"
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/chromium_env.sh"
if grep -qiE '(src|href)="(https?:)?//' "$page"; then echo "the page loads something from the network"; exit 1; fi
dom="$(run_chromium --dump-dom "file://$page")"
missing=0
while IFS= read -r name; do
  [ -n "$name" ] || continue
  grep -qF -- "$name" <<<"$dom" || { echo "not on the rendered page: $name"; missing=1; }
done <"$names"
grep -q 'class="timeline"' <<<"$dom" || { echo "no timeline rendered"; missing=1; }
grep -q 'class="matrix"' <<<"$dom" || { echo "no platform matrix rendered"; missing=1; }
rm -f "$png"
run_chromium --hide-scrollbars --window-size=1280,1600 --screenshot="$png" "file://$page" >/dev/null || true
if [ ! -s "$png" ]; then echo "chromium made no screenshot"; missing=1; fi
[ "$missing" -eq 0 ] && echo "report renders: $(wc -l <"$names") test cases found, screenshot $(stat -c %s "$png") bytes"
exit "$missing"
