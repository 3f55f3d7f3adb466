#!/usr/bin/env bash
# Runs one CLI test case (called by ctest, see tests/CMakeLists.txt):
#   run.sh HOTMAP_BIN PNGPROBE_BIN CASE_DIR WORK_DIR NE_DIR
# Recreates WORK_DIR, copies the case's files into it, cd's there and runs
# the case's test.sh with the helpers of lib.sh. Exit 0 pass, 1 fail,
# 77 skipped (ctest counts it a skip; tests/tools/ctest-run.sh lists it and fails CI).
set -euo pipefail

if [ $# -ne 5 ]; then
  echo "usage: run.sh HOTMAP_BIN PNGPROBE_BIN CASE_DIR WORK_DIR NE_DIR" >&2
  exit 2
fi

CLI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$CLI_DIR/../.." && pwd)
HOTMAP=$(realpath "$1")
PNGPROBE=$(realpath "$2")
CASE_DIR=$(cd "$3" && pwd)
WORK_DIR=$4
NE=$5
SHAPES=$REPO/shapes
EXAMPLES=$REPO/examples
DATA=$REPO/tests/cli/data # CSVs that several cases share
CHECK_MANIFEST=$CLI_DIR/check_manifest.py
CASE=$(basename "$CASE_DIR")
export HOTMAP PNGPROBE NE SHAPES EXAMPLES DATA CHECK_MANIFEST CASE CASE_DIR REPO

[ -f "$CASE_DIR/test.sh" ] || { echo "run.sh: $CASE_DIR/test.sh is missing" >&2; exit 1; }
[ -x "$HOTMAP" ] || { echo "run.sh: $HOTMAP is not executable" >&2; exit 1; }

case "$WORK_DIR" in
  ""|/) echo "run.sh: refusing WORK_DIR '$WORK_DIR'" >&2; exit 2 ;;
esac
rm -rf -- "$WORK_DIR"
mkdir -p -- "$WORK_DIR"
WORK_DIR=$(cd "$WORK_DIR" && pwd)
export WORK_DIR
cp -R -- "$CASE_DIR"/. "$WORK_DIR"/
rm -f -- "$WORK_DIR/test.sh"
cd "$WORK_DIR"

# shellcheck source=lib.sh
. "$CLI_DIR/lib.sh"
# shellcheck disable=SC1091
. "$CASE_DIR/test.sh"
echo "PASS: $CASE ($CHECKS checks)"
exit 0
