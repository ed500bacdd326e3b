#!/usr/bin/env bash
# Cucumber Messages check: schema and references (check_messages.mjs), then the page the
# official html-formatter makes from them must show every pickle in headless Chromium.
#   check_messages.sh MESSAGES.ndjson OUT.html [EXPECTED_TEST_CASES]
set -euo pipefail
messages="$1"; page="$2"; expected="${3:-}"
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/checkers_env.sh"
node "$here/check_messages.mjs" "$checkers" "$messages" "$page" $expected
if ! command -v chromium >/dev/null; then echo "chromium missing: rendering check skipped"; exit 0; fi
source "$here/chromium_env.sh"
dom="$(run_chromium --virtual-time-budget=10000 --dump-dom "file://$(realpath "$page")")"
missing=0
# Every pickle name must be on the rendered page.
while IFS= read -r name; do
  if ! grep -qF -- "$name" <<<"$dom"; then echo "not rendered by html-formatter: $name"; missing=1; fi
done < <(node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
  for (const l of lines) { const e = JSON.parse(l); if (e.pickle) console.log(e.pickle.name); }' "$messages" | sort -u)
# Its statistics count every test case (it lists one test case per pickle).
if [ -n "$expected" ] && ! grep -qF "/ $expected) passed" <<<"$dom"; then
  echo "html-formatter page does not count $expected test cases"; missing=1
fi
[ "$missing" -eq 0 ] && echo "html-formatter page shows every pickle${expected:+ and counts $expected test cases}"
exit "$missing"
