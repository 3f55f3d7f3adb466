# hotmap build: renders what is out of date and nothing else. A second run
# builds nothing, touching a CSV builds nothing, changing one cell rebuilds
# only the sections that read that CSV, changing one option only that
# section; a section whose CSV turns bad fails (exit 2) and keeps its last
# outputs; spec errors are exit 2 with SPEC:LINE. Paths are relative to the
# spec file, not to the current folder.
need_cmd python3 sha256sum

cp "$EXAMPLES/sites.csv" proj/a.csv
sed -i "s|@SHAPES@|$SHAPES/countries_110m.shp|" proj/spec.ini
mkdir -p proj/out
SECTIONS="map a|map b|map c|map s|batch countries"

# build_ran WHAT...: the last build built exactly the sections WHAT (as
# "map a"), and said "up to date" for every other one
build_ran() {
  local s want=" $* " built=() uptodate=()
  IFS='|' read -ra all <<<"$SECTIONS"
  for s in "${all[@]}"; do
    if grep -qF "hotmap: [$s] building: " "$IO/stderr"; then
      built+=("$s")
    elif grep -qF "hotmap: [$s] up to date" "$IO/stderr"; then
      uptodate+=("$s")
    else
      fail "[$s]: neither \"building\" nor \"up to date\" in stderr"
    fi
  done
  local got=
  for s in "${built[@]}"; do got+="[$s] "; done
  local exp=
  for s in "$@"; do exp+="[$s] "; done
  [ "$got" = "$exp" ] || fail "built: ${got:-nothing}; expected: ${exp:-nothing}"
  _ok
}
# the outputs of each section, with their mtimes and digests
outputs() {
  (cd proj/out && find . -type f ! -name '.hotmap-state*' | LC_ALL=C sort |
    while read -r f; do printf '%s %s %s\n' "$f" "$(stat -c %.9Y "$f")" "$(sha256sum <"$f" | cut -c1-16)"; done)
}
changed() { # changed BEFORE AFTER: the files whose line changed
  { diff <(echo "$1") <(echo "$2") || true; } | sed -n 's/^> \([^ ]*\) .*/\1/p' | tr '\n' ' '
}

# 1. the first build builds everything, into the spec's folder
run_hotmap build -v proj/spec.ini
expect_exit 0
build_ran "map a" "map b" "map c" "map s" "batch countries"
expect_stderr_contains "hotmap: [map a] building: no earlier build recorded"
expect_png proj/out/a.png 800 600
expect_png proj/out/b.png 800 600
expect_png proj/out/c.png 800 600
expect_magic proj/out/a.svg "<?xml" "<svg"
expect_file proj/out/a.json proj/out/s.json proj/out/countries/index.html proj/out/countries/MMR.png
expect_no_file out
expect_json proj/out/a.json 'm["max_value"]' 7000
v0=$(outputs)

# 2. again: nothing
sleep 0.02
run_hotmap build -v proj/spec.ini
expect_exit 0
build_ran
v1=$(outputs)
[ "$v0" = "$v1" ] || fail "a build with nothing to do changed: $(changed "$v0" "$v1")"
_ok

# 3. touch every input: still nothing (content, not timestamps)
sleep 0.02
touch proj/a.csv proj/c.csv proj/s.csv
run_hotmap build -v proj/spec.ini
expect_exit 0
build_ran
v2=$(outputs)
[ "$v0" = "$v2" ] || fail "touching the CSVs rebuilt: $(changed "$v0" "$v2")"
_ok

# 4. one cell of a.csv: the sections that read it, and only those
sed -i 's/^Bavet,Cambodia,11.0640,106.1480,800,/Bavet,Cambodia,11.0640,106.1480,900,/' proj/a.csv
grep -q ',900,' proj/a.csv || fail "the test could not edit proj/a.csv"
run_hotmap build -v proj/spec.ini
expect_exit 0
build_ran "map a" "map b" "batch countries"
expect_stderr_line "hotmap: [map a] building: " "a.csv changed"
expect_json proj/out/a.json '[s["value"] for s in m["sites"] if s["name"] == "Bavet"]' '[900]'
v3=$(outputs)
got=$(changed "$v2" "$v3")
for f in ./c.png ./s.png ./s.json; do
  [[ " $got " != *" $f "* ]] || fail "$f changed, but its section does not read a.csv"
  _ok
done
for f in ./a.png ./a.json ./b.png ./countries/KHM.json; do
  [[ " $got " == *" $f "* ]] || fail "$f did not change after a.csv did (changed: $got)"
  _ok
done

# 5. one option of one section: that section only
sed -i '/^\[map c\]/a title = Two sites in the Philippines' proj/spec.ini
run_hotmap build -v proj/spec.ini
expect_exit 0
build_ran "map c"
expect_stderr_line "hotmap: [map c] building: " "options changed"
v4=$(outputs)
got=$(changed "$v3" "$v4")
[ "$got" = "./c.png " ] || fail "changing [map c]'s title changed: $got"
_ok

# 6. an output removed: its section rebuilds
rm proj/out/b.png
run_hotmap build -v proj/spec.ini
expect_exit 0
build_ran "map b"
expect_stderr_line "hotmap: [map b] building: " "b.png is missing"
expect_png proj/out/b.png 800 600

# 7. another hotmap version recorded: rebuilt
sed -i 's|^\([^\t]*/proj/spec.ini:c\tversion\t\).*|\10.0.0-old|' proj/out/.hotmap-state
grep -q '0.0.0-old' proj/out/.hotmap-state || fail "no version line for [map c] in proj/out/.hotmap-state"
run_hotmap build -v proj/spec.ini
expect_exit 0
build_ran "map c"
expect_stderr_line "hotmap: [map c] building: " "version changed"

# 8. a bad row in a strict section: exit 2, its messages, its last outputs
# kept byte for byte; the other sections are not touched
cp proj/s.csv good-s.csv
snapshot proj/out/s.png proj/out/s.json
sed -i 's/^Bavet,11.0640,/Bavet,999,/' proj/s.csv
v5=$(outputs)
run_hotmap build -v proj/spec.ini
expect_exit 2
build_ran "map s"
expect_row_message "proj/s.csv" 3 lat 999 latitude
expect_stderr_contains "hotmap: [map s] failed; earlier outputs kept"
expect_file_unchanged proj/out/s.png proj/out/s.json
expect_no_temp proj/out
v6=$(outputs)
[ "$v5" = "$v6" ] || fail "a failed build changed: $(changed "$v5" "$v6")"
_ok
# still bad: tried again, not taken as up to date
run_hotmap build -v proj/spec.ini
expect_exit 2
build_ran "map s"
expect_file_unchanged proj/out/s.png proj/out/s.json
# the good CSV back: its outputs are those of that content, up to date
cp good-s.csv proj/s.csv
run_hotmap build -v proj/spec.ini
expect_exit 0
build_ran

# 9. bad specs: exit 2, SPEC:LINE, nothing built
printf '[map a]\nsites = a.csv\noutput = out/x.png\ncolour = red\n' >proj/bad1.ini
printf '# maps\n[maps a]\nsites = a.csv\noutput = out/x.png\n' >proj/bad2.ini
printf '[map a]\noutput = out/x.png\ntitle = No sites\n' >proj/bad3.ini
printf '[map a]\nsites = a.csv\noutput = out/x.png\n\n[map b]\nsites = c.csv\noutput = out/y.png\nextent = 1,2,3,4\nextent = 5,6,7,8\n' >proj/bad4.ini
printf '[batch x]\nsites = a.csv\nout-dir = out/x\nextent = 1,2,3,4\n' >proj/bad5.ini
for spec in "bad1.ini:4:|unknown key|colour" "bad2.ini:2:|unknown section|maps" \
            "bad3.ini:1:|needs sites" "bad4.ini:9:|extent|twice" "bad5.ini:4:|extent|[batch]"; do
  IFS='|' read -r where t1 t2 <<<"$spec"
  run_hotmap build -v "proj/${where%%:*}"
  expect_exit 2
  expect_stderr_line "hotmap: proj/$where " "$t1" "${t2:-$t1}"
  expect_stderr_lacks "building"
  expect_no_file proj/out/x.png proj/out/y.png proj/out/x
done
run_hotmap build -v proj/missing.ini
expect_exit 2
expect_stderr_line "hotmap: proj/missing.ini" "No such file"
run_hotmap build
expect_exit 2
run_hotmap build --frobnicate proj/spec.ini
expect_exit 2
