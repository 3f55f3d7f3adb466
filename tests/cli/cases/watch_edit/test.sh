# hotmap build --watch: after a save of the CSV, in place or by rename as
# editors do, the map is rebuilt within a second (measured: the output's
# bytes and its manifest's values change); a bad CSV gives its messages and
# leaves the last good map; an edit of the spec is picked up; SIGINT stops
# it with exit 0 within a second. The watcher is always killed on exit.
need_cmd python3 sha256sum

cp "$EXAMPLES/sites.csv" proj/w.csv
sed -i "s|@SHAPES@|$SHAPES/countries_110m.shp|" proj/spec.ini
mkdir -p proj/out
W=
stop_watcher() {
  if [ -n "$W" ] && kill -0 "$W" 2>/dev/null; then
    kill -TERM "$W" 2>/dev/null
    sleep 0.3
    kill -KILL "$W" 2>/dev/null
  fi
  return 0
}
trap stop_watcher EXIT
LAST_CMD="hotmap build --watch proj/spec.ini (in the background)"
"$HOTMAP" build --watch proj/spec.ini >"$IO/stdout" 2>"$IO/stderr" </dev/null &
W=$!

now_ms() { echo $(($(date +%s%N) / 1000000)); }
count() { grep -cF -- "$1" "$IO/stderr" || true; }
alive() { kill -0 "$W" 2>/dev/null || fail "the watcher exited; it must keep running"; }
# wait_count TEXT N SECONDS: until N stderr lines hold TEXT
wait_count() {
  local end=$(($(now_ms) + $3 * 1000))
  while [ "$(count "$1")" -lt "$2" ]; do
    alive
    [ "$(now_ms)" -lt "$end" ] || fail "no '$1' (x$2) on stderr within $3 s"
    sleep 0.05
  done
}
digest() { sha256sum <"$1" | cut -c1-64; }
bavet() { json_get proj/out/w.json '[s["value"] for s in m["sites"] if s["name"] == "Bavet"][0]'; }
# rebuilt_within WHAT OLD_DIGEST VALUE T0: poll every 50 ms until w.png's
# bytes changed and w.json says Bavet = VALUE; fail after 3 s, or when that
# took 1 s or more; prints the latency in ms
rebuilt_within() {
  local what=$1 old=$2 value=$3 t0=$4 t
  while :; do
    t=$(now_ms)
    if [ "$(digest proj/out/w.png)" != "$old" ] && [ "$(bavet 2>/dev/null)" = "$value" ]; then
      break
    fi
    alive
    [ $((t - t0)) -lt 3000 ] || fail "$what: the map was not rebuilt within 3 s"
    sleep 0.05
  done
  [ $((t - t0)) -lt 1000 ] || fail "$what: the map was rebuilt $((t - t0)) ms after the save; it must take under 1 s"
  _ok
  echo $((t - t0))
}

# the first build, then watching
wait_count "hotmap: watching proj/spec.ini" 1 60
expect_png proj/out/w.png 800 600
expect_png proj/out/o.png 800 600
o_before=$(digest proj/out/o.png)
o_mtime=$(stat -c %.9Y proj/out/o.png)
[ "$(bavet)" = 800 ] || fail "w.json: Bavet is $(bavet), expected 800"
sleep 0.2

# 1. saved in place (same inode: truncate and write)
ino=$(stat -c %i proj/w.csv)
old=$(digest proj/out/w.png)
new=$(sed 's/^Bavet,Cambodia,11.0640,106.1480,800,/Bavet,Cambodia,11.0640,106.1480,900,/' proj/w.csv)
t0=$(now_ms)
printf '%s\n' "$new" >proj/w.csv
[ "$(stat -c %i proj/w.csv)" = "$ino" ] || fail "the test meant to write proj/w.csv in place"
lat_inplace=$(rebuilt_within "saved in place" "$old" 900 "$t0")
wait_count "hotmap: watching proj/spec.ini" 2 5

# 2. saved by writing a temp file and renaming it over (new inode)
old=$(digest proj/out/w.png)
sed 's/^Bavet,Cambodia,11.0640,106.1480,900,/Bavet,Cambodia,11.0640,106.1480,950,/' proj/w.csv >proj/.w.csv.swp
t0=$(now_ms)
mv proj/.w.csv.swp proj/w.csv
[ "$(stat -c %i proj/w.csv)" != "$ino" ] || fail "the test meant to replace proj/w.csv by rename"
lat_rename=$(rebuilt_within "saved by rename" "$old" 950 "$t0")
wait_count "hotmap: watching proj/spec.ini" 3 5

# 3. a bad CSV (its lat column renamed away): messages, the last good map
# stays, still watching
snapshot proj/out/w.png proj/out/w.json
good=$(cat proj/w.csv)
sed '1s/,lat,/,latitude_x,/' proj/w.csv >proj/.bad.tmp
mv proj/.bad.tmp proj/w.csv
wait_count "[map w] failed; earlier outputs kept" 1 3
expect_stderr_line "hotmap: " "w.csv" "lat"
wait_count "hotmap: watching proj/spec.ini" 4 3
alive
_ok
expect_file_unchanged proj/out/w.png proj/out/w.json
expect_no_temp proj/out

# 4. a slow save: half a file (cut inside a quoted field: an error, the
# last good map stays), then the rest: the complete CSV is built
full=$(sed 's/^Bavet,Cambodia,11.0640,106.1480,950,/Bavet,Cambodia,11.0640,106.1480,975,/' <<<"$good")
head -c 300 <<<"$full" >proj/w.csv
wait_count "[map w] failed; earlier outputs kept" 2 3
expect_file_unchanged proj/out/w.png proj/out/w.json
old=$(digest proj/out/w.png)
sleep 0.2
t0=$(now_ms)
printf '%s\n' "$full" >proj/w.csv
lat_half=$(rebuilt_within "the rest of a half-written file" "$old" 975 "$t0")
expect_json proj/out/w.json 'len(m["sites"])' 8

# 5. back to content built before: that map is up to date, nothing rebuilt
snapshot proj/out/w.png
n=$(count "hotmap: [map w] building: ")
printf '%s\n' "$full" >proj/w.csv
sleep 0.6
[ "$(count "hotmap: [map w] building: ")" = "$n" ] ||
  fail "rewriting proj/w.csv with the same bytes rebuilt [map w]"
_ok
expect_file_unchanged proj/out/w.png

# the other section was never rebuilt
[ "$(digest proj/out/o.png)" = "$o_before" ] && [ "$(stat -c %.9Y proj/out/o.png)" = "$o_mtime" ] ||
  fail "proj/out/o.png was rebuilt though o.csv and [map o] never changed"
_ok

# 6. an edit of the spec: [map o] only
sed -i '/^\[map o\]/a title = Edited while watching' proj/spec.ini
n=$(count "hotmap: [map w] building: ")
wait_count "hotmap: [map o] building: " 2 3
end=$(($(now_ms) + 3000))
while [ "$(digest proj/out/o.png)" = "$o_before" ]; do
  alive
  [ "$(now_ms)" -lt "$end" ] || fail "[map o] was not rebuilt after its title changed"
  sleep 0.05
done
_ok
[ "$(count "hotmap: [map w] building: ")" = "$n" ] || fail "editing [map o] in the spec rebuilt [map w]"
_ok

# 7. SIGINT: exit 0 within 1 s
t0=$(now_ms)
kill -INT "$W"
status=
while :; do
  if ! kill -0 "$W" 2>/dev/null; then
    status=0
    wait "$W" || status=$?
    break
  fi
  [ $(($(now_ms) - t0)) -lt 3000 ] || fail "the watcher did not stop within 3 s of SIGINT"
  sleep 0.05
done
t_stop=$(($(now_ms) - t0))
W=
STATUS=$status
expect_exit 0
[ "$t_stop" -lt 1000 ] || fail "the watcher took $t_stop ms to stop after SIGINT; it must take under 1 s"
_ok
expect_stderr_contains "hotmap: stopped"
if grep -qE 'AddressSanitizer|runtime error:|LeakSanitizer' "$IO/stderr"; then
  fail "sanitizer report in the watcher's stderr"
fi
_ok
expect_no_temp proj/out
echo "watch latency: in place $lat_inplace ms, by rename $lat_rename ms, after a half-written file $lat_half ms; SIGINT to exit $t_stop ms"
