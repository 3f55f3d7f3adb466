# The CLI under valgrind's memcheck: no invalid access, no use of
# uninitialised memory, no definite leak, over the main paths: a map with
# labels, insets, locator and every format; a batch on two threads; a build
# and its up-to-date run; check on bad rows; errors on bad input.
# Not registered in the sanitizer build (tests/CMakeLists.txt): valgrind
# cannot run ASan binaries.
if nm -D "$HOTMAP" 2>/dev/null | grep -q __asan_init ||
   nm "$HOTMAP" 2>/dev/null | grep -q __asan_init; then
  fail "$HOTMAP is a sanitizer build, which valgrind cannot run"
fi
need_cmd valgrind

VG=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite
    --suppressions="$REPO/tests/valgrind.supp"
    --errors-for-leak-kinds=definite --track-origins=no)

vg() { # vg EXPECTED_EXIT ARGS...: hotmap under memcheck
  local want=$1
  shift
  LAST_CMD="valgrind hotmap $*"
  "${VG[@]}" "$HOTMAP" "$@" >"$IO/stdout" 2>"$IO/stderr" && STATUS=0 || STATUS=$?
  STDERR=$(cat "$IO/stderr")
  [ "$STATUS" = 99 ] && fail "valgrind found errors"
  grep -q "^==[0-9]*== " "$IO/stderr" && fail "valgrind reported something"
  [ "$STATUS" = "$want" ] || fail "expected exit $want, got $STATUS"
  CHECKS=$((CHECKS + 1))
}

cp "$EXAMPLES/sites.csv" sites.csv
vg 0 render "${FAST[@]}" --inset auto --locator --label name sites.csv -o m.png -o m.svg \
  -o m.pdf --manifest m.json
vg 0 batch "${FAST[@]}" sites.csv --out-dir countries -j 2 --manifest --format png,svg
cat >spec.ini <<INI
[map m]
sites = sites.csv
output = out/m.png
size = 600x450
dpi = 75
INI
vg 0 build spec.ini
vg 0 build -v spec.ini
printf 'name,lat,lon,value\nA,95,100,1\nB,10,100,x\nC,10,100,3\n' >bad.csv
vg 2 check bad.csv
vg 2 render "${FAST[@]}" --strict bad.csv -o bad.png
vg 2 render "${FAST[@]}" sites.csv -o x.png --proj EPSG:999999
vg 2 render "${FAST[@]}" sites.csv -o x.png --style /nonexistent.ini
