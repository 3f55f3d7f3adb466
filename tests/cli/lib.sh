# Helpers for the CLI test cases; sourced by run.sh before a case's test.sh.
# A case runs in its own scratch folder (the current directory) holding a
# copy of the case's files. Environment: HOTMAP, PNGPROBE, NE, SHAPES,
# EXAMPLES, DATA, CHECK_MANIFEST, CASE, WORK_DIR.
#
#   run_hotmap ARGS...          run hotmap; sets STATUS, STDOUT, STDERR
#   expect_exit N               the last run exited with N
#   expect_stderr_contains T    stderr holds the text T (fixed string)
#   expect_stderr_lacks T       stderr does not hold T
#   expect_stdout_contains T
#   expect_stderr_line PREFIX T...   one stderr line starts with PREFIX and
#                               holds every T
#   expect_row_message FILE LINE HEADER TEXT [WHAT...]
#                               "hotmap: FILE:LINE: ..." naming the column
#                               header and the text found, as one line
#   expect_stderr_lines_with T N     exactly N stderr lines hold T
#   mark_previous F...          write "previous" into F
#   expect_previous F...        F still holds exactly "previous"
#   snapshot F... / expect_file_unchanged F...   byte-identical to snapshot
#   expect_no_temp [DIR...]     no ".*.hotmap-*" temp file left in DIR (.)
#   expect_file F... / expect_no_file F...
#   expect_png F W H            F is a PNG of W x H pixels
#   expect_magic F TEXT...      F starts with one of the TEXTs
#   expect_same_bytes A B       A and B are byte-identical
#   json_get FILE PYEXPR        print a value of a JSON file (m is the doc)
#   need_ne                     fail unless tests/data/naturalearth is there
#   need_cmd CMD                fail unless CMD is installed
#   fail MSG                    print MSG and the last run, exit 1
#   FAST                        array: small, quick map options

set -E
CHECKS=0
IO=$WORK_DIR/.io
mkdir -p "$IO"
: >"$IO/stdout"
: >"$IO/stderr"
LAST_CMD=
STATUS=
STDOUT=
STDERR=
FAST=(--size 800x600 --dpi 100 --shapes "$SHAPES/countries_110m.shp")

_show_last() {
  [ -n "$LAST_CMD" ] || return 0
  echo "  last command: $LAST_CMD"
  echo "  (in $WORK_DIR)"
  echo "  exit status: $STATUS"
  if [ -s "$IO/stdout" ]; then
    echo "  stdout:"
    head -n 40 "$IO/stdout" | sed 's/^/    | /'
  fi
  echo "  stderr:"
  if [ -s "$IO/stderr" ]; then
    head -n 60 "$IO/stderr" | sed 's/^/    | /'
  else
    echo "    (empty)"
  fi
}

fail() {
  {
    echo "FAIL [$CASE]: $*"
    _show_last
  } >&2
  exit 1
}

_ok() { CHECKS=$((CHECKS + 1)); }

# Report where a plain command in a test.sh failed under set -e.
trap 'rc=$?; echo "FAIL [$CASE]: command failed (status $rc) at ${BASH_SOURCE[0]}:$LINENO: $BASH_COMMAND" >&2; _show_last >&2' ERR

run_hotmap() {
  LAST_CMD="hotmap$(printf ' %q' "$@")"
  STATUS=0
  timeout 120 "$HOTMAP" "$@" >"$IO/stdout" 2>"$IO/stderr" </dev/null || STATUS=$?
  STDOUT=$(cat "$IO/stdout")
  STDERR=$(cat "$IO/stderr")
  if [ "$STATUS" -eq 124 ]; then
    fail "hotmap did not finish within 120 s"
  fi
  if [ "$STATUS" -ge 128 ]; then
    fail "hotmap crashed (killed by signal $((STATUS - 128))); no input may crash it"
  fi
  if grep -qE 'AddressSanitizer|runtime error:|LeakSanitizer' "$IO/stderr"; then
    fail "sanitizer report in stderr"
  fi
  return 0
}

expect_exit() {
  [ "$STATUS" = "$1" ] || fail "expected exit status $1, got $STATUS"
  _ok
}

expect_stderr_contains() {
  local t
  for t in "$@"; do
    grep -qF -- "$t" "$IO/stderr" || fail "expected stderr to contain: $t"
    _ok
  done
}

expect_stderr_lacks() {
  local t
  for t in "$@"; do
    if grep -qF -- "$t" "$IO/stderr"; then
      fail "expected stderr NOT to contain: $t"
    fi
    _ok
  done
}

expect_stdout_contains() {
  local t
  for t in "$@"; do
    grep -qF -- "$t" "$IO/stdout" || fail "expected stdout to contain: $t"
    _ok
  done
}

# expect_stderr_line PREFIX TEXT...: one line starts with PREFIX and holds
# every TEXT (fixed strings).
expect_stderr_line() {
  local prefix=$1 line t found
  shift
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line == "$prefix"* ]] || continue
    found=1
    for t in "$@"; do
      [[ $line == *"$t"* ]] || { found=; break; }
    done
    if [ -n "$found" ]; then
      _ok
      return 0
    fi
  done <"$IO/stderr"
  local want="a stderr line starting with '$prefix'"
  for t in "$@"; do want+=" and containing '$t'"; done
  fail "expected $want"
}

# expect_row_message FILE LINE HEADER TEXT [WHAT...]: the message of a bad
# row: "hotmap: FILE:LINE: ..." naming the column by its header and quoting
# the text found.
expect_row_message() {
  local file=$1 line=$2 header=$3 text=$4
  shift 4
  expect_stderr_line "hotmap: $file:$line: " "\"$header\"" "\"$text\"" "$@"
}

# expect_stderr_lines_with TEXT N: exactly N lines of stderr hold TEXT.
expect_stderr_lines_with() {
  local n
  n=$(grep -cF -- "$1" "$IO/stderr" || true)
  [ "$n" = "$2" ] || fail "expected $2 stderr line(s) containing '$1', found $n"
  _ok
}

mark_previous() {
  local f
  for f in "$@"; do
    printf 'previous\n' >"$f"
  done
}

expect_previous() {
  local f
  for f in "$@"; do
    [ -f "$f" ] || fail "$f was removed (it held \"previous\" before the run)"
    if ! printf 'previous\n' | cmp -s - "$f"; then
      fail "$f was replaced; it must still hold \"previous\" ($(wc -c <"$f") bytes now, starting: $(head -c 16 "$f" | od -An -c | head -n 1))"
    fi
    _ok
  done
}

_snapname() { printf '%s/snap/%s' "$IO" "$(printf '%s' "$1" | tr '/' '%')"; }

snapshot() {
  local f
  mkdir -p "$IO/snap"
  for f in "$@"; do
    cp -- "$f" "$(_snapname "$f")"
  done
}

expect_file_unchanged() {
  local f
  for f in "$@"; do
    [ -f "$f" ] || fail "$f was removed"
    cmp -s -- "$f" "$(_snapname "$f")" || fail "$f changed; it must be byte-identical to before the run"
    _ok
  done
}

expect_no_temp() {
  local d left
  [ $# -gt 0 ] || set -- .
  for d in "$@"; do
    left=$(find "$d" -maxdepth 1 -name '.*.hotmap-*' 2>/dev/null)
    [ -z "$left" ] || fail "temp file(s) left behind in $d: $left"
    _ok
  done
}

expect_file() {
  local f
  for f in "$@"; do
    [ -s "$f" ] || fail "expected a non-empty file $f"
    _ok
  done
}

expect_no_file() {
  local f
  for f in "$@"; do
    [ ! -e "$f" ] || fail "expected no file $f, but it was written"
    _ok
  done
}

expect_png() {
  local f=$1 size
  expect_file "$f"
  size=$("$PNGPROBE" "$f" 2>&1) || fail "$f is not a readable PNG: $size"
  [ "$size" = "$2 $3" ] || fail "expected $f to be $2x$3 pixels, pngprobe says: $size"
  _ok
}

expect_magic() {
  local f=$1 m head
  shift
  expect_file "$f"
  for m in "$@"; do
    head=$(head -c "${#m}" -- "$f" | tr -d '\0')
    if [ "$head" = "$m" ]; then
      _ok
      return 0
    fi
  done
  fail "expected $f to start with one of: $* (it starts with: $(head -c 16 "$f" | od -An -c | head -n 1))"
}

expect_same_bytes() {
  cmp -s -- "$1" "$2" || fail "expected $1 and $2 to be byte-identical ($(cmp -- "$1" "$2" 2>&1 | head -n 1))"
  _ok
}

# json_get FILE PYEXPR: print the value of a Python expression on the JSON
# document m (strings raw, anything else as JSON).
json_get() {
  python3 - "$1" "$2" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    m = json.load(f)
v = eval(sys.argv[2], {"m": m})
print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
PY
}

# expect_json FILE PYEXPR WANT: json_get FILE PYEXPR prints exactly WANT.
expect_json() {
  local got
  got=$(json_get "$1" "$2") || fail "cannot read $2 from $1"
  [ "$got" = "$3" ] || fail "expected $2 in $1 to be $3, got $got"
  _ok
}

need_ne() {
  [ -f "$NE/ne_110m_admin_0_countries.shp" ] ||
    fail "$NE/ne_110m_admin_0_countries.shp is missing (tests/data/naturalearth is part of the repository)"
}

need_cmd() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 ||
      fail "this test needs '$c' (Debian package: $(case $c in cs2cs|projinfo) echo proj-bin ;; *) echo "$c" ;; esac)); ./build.sh installs it"
  done
}

# The checks every rejected render shares: exit 2, the outputs that held
# "previous" are untouched, no temp file left.
expect_rejected() {
  expect_exit 2
  expect_previous "$@"
  expect_no_temp
}

# check_bad_rows CSV LOADED SKIPPED SPEC...
# The bad-row contract, each SPEC being "LINE|HEADER|TEXT|WORD" (WORD: a
# word the message must hold, e.g. "latitude"), in file order:
#  - with --strict: exit 2, the first SPEC's message, outputs untouched, no
#    temp file;
#  - without: exit 0, every SPEC's message as a warning (same form), the
#    summary "CSV: LOADED sites loaded, SKIPPED rows skipped", the map and
#    the manifest written, the manifest holding LOADED sites and none of the
#    bad lines.
check_bad_rows() {
  local csv=$1 loaded=$2 skipped=$3 spec first line header text word
  shift 3
  first=$1

  mark_previous map.png m.json
  run_hotmap render --strict "${FAST[@]}" "$csv" -o map.png --manifest m.json
  expect_rejected map.png m.json
  IFS='|' read -r line header text word <<<"$first"
  expect_row_message "$csv" "$line" "$header" "$text" "$word"
  expect_stderr_lacks "sites loaded"

  run_hotmap check --strict "$csv"
  expect_exit 2
  expect_row_message "$csv" "$line" "$header" "$text" "$word"

  mark_previous map.png m.json
  run_hotmap render "${FAST[@]}" "$csv" -o map.png --manifest m.json
  expect_exit 0
  for spec in "$@"; do
    IFS='|' read -r line header text word <<<"$spec"
    expect_row_message "$csv" "$line" "$header" "$text" "$word"
    expect_stderr_line "hotmap: $csv:$line: " "skipped"
  done
  # each bad row once, plus the summary
  expect_stderr_lines_with "hotmap: $csv:" "$(($# + 1))"
  expect_stderr_contains "$csv: $loaded sites loaded, $skipped rows skipped"
  expect_png map.png 800 600
  expect_json m.json 'len(m["sites"])' "$loaded"
  for spec in "$@"; do
    IFS='|' read -r line header text word <<<"$spec"
    expect_json m.json "[s['line'] for s in m['sites'] if s['line'] == $line]" "[]"
  done
  expect_no_temp
}
