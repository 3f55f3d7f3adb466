#!/usr/bin/env bash
# Runs the whole suite of a build folder with ctest, then lists every test
# that was skipped or not run, with its reason (the last line of its output
# that speaks of it). A skip is a check that did not happen: with CI=true it
# fails the run (exit 1), otherwise it is only listed.
#   tests/tools/ctest-run.sh BUILD_DIR [CTEST_ARGS...]
# Exit: ctest's status if it failed, else 1 for a skip under CI, else 0.
set -uo pipefail

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: ctest-run.sh BUILD_DIR [CTEST_ARGS...]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
shift
junit=$build/Testing/ctest-junit.xml
mkdir -p "$build/Testing"
rm -f "$junit"

rc=0
ctest --test-dir "$build" --output-on-failure --no-tests=error \
  --output-junit "$junit" "$@" || rc=$?
[ -f "$junit" ] || { echo "ctest-run: ctest wrote no $junit" >&2; exit "$((rc ? rc : 1))"; }

skipped=0
python3 - "$junit" <<'PY' || skipped=$?
# ctest's JUnit file: <testcase name=... status="run|fail|notrun|disabled">,
# a skip holds <skipped message=...>, the output is in <system-out>.
import re, sys
import xml.etree.ElementTree as ET

cases = ET.parse(sys.argv[1]).getroot().iter("testcase")
listed = []
for c in cases:
    status = c.get("status", "")
    if status not in ("notrun", "disabled") and c.find("skipped") is None:
        continue
    out = c.findtext("system-out") or ""
    lines = [l.strip() for l in out.splitlines() if l.strip()]
    said = [l for l in lines if re.search(r"skip|not run|absent", l, re.I)]
    reason = (said or lines or ["(no output)"])[-1]
    sk = c.find("skipped")
    if sk is not None and sk.get("message") and not said:
        reason = sk.get("message")
    listed.append((c.get("name"), status, reason[:200]))
if listed:
    print("ctest-run: %d test(s) skipped or not run:" % len(listed))
    for name, status, reason in listed:
        print("  %s [%s]: %s" % (name, status, reason))
    sys.exit(3)
print("ctest-run: no test skipped")
PY

if [ "$skipped" -ne 0 ] && [ "$skipped" -ne 3 ]; then
  echo "ctest-run: cannot read $junit" >&2
  exit "$((rc ? rc : 1))"
fi
[ "$rc" -eq 0 ] || exit "$rc"
if [ "$skipped" -eq 3 ]; then
  if [ "${CI:-}" = true ]; then
    echo "ctest-run: CI=true and a test was skipped: a check that did not run fails CI" >&2
    exit 1
  fi
  echo "ctest-run: warning: a skipped test checked nothing (under CI=true this fails)" >&2
fi
exit 0
