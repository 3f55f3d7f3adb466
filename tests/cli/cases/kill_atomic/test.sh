# Nothing lost when hotmap is killed: SIGKILL at random moments during renders
# of a large map (PNG + PDF + manifest, 10m shapes), many times over; after
# each kill every output is the complete old file or the complete new one,
# never torn; temp files of killed runs are removed by the next run.
# KILL_RUNS overrides the number of runs (default 200).
runs=${KILL_RUNS:-200}

# two versions of the data, so that "old" and "new" outputs differ
cp "$EXAMPLES/sites.csv" a.csv
sed 's/,7000,/,9000,/' "$EXAMPLES/sites.csv" >b.csv
ARGS=(--size 2000x1500 --dpi 250 --inset auto)

t0=$(date +%s%N)
run_hotmap render "${ARGS[@]}" a.csv -o ref_a.png -o ref_a.pdf --manifest ref_a.json
expect_exit 0
t1=$(date +%s%N)
run_hotmap render "${ARGS[@]}" b.csv -o ref_b.png -o ref_b.pdf --manifest ref_b.json
expect_exit 0
t2=$(date +%s%N)
# kills spread over 1.2 times one render, however fast this machine is: the
# quicker of the two timed (one render slowed by the other tests running
# beside it spread the kills so wide that only 44 of 200 came in time)
span=$(awk -v a="$((t1 - t0))" -v b="$((t2 - t1))" \
  'BEGIN { printf "%.3f", (a < b ? a : b) / 1e9 * 1.2 }')
for ext in png pdf json; do
  cmp -s "ref_a.$ext" "ref_b.$ext" && fail "the two versions give the same $ext"
done
cp ref_a.png map.png; cp ref_a.pdf map.pdf; cp ref_a.json map.json

whole() { # $1: output extension: the file is ref_a's or ref_b's, byte for byte
  cmp -s "map.$1" "ref_a.$1" || cmp -s "map.$1" "ref_b.$1"
}

killed=0
for i in $(seq "$runs"); do
  csv=a.csv; [ $((i % 2)) = 0 ] && csv=b.csv
  # a kill anywhere from start-up to the renames at the end
  delay=$(awk -v s="$i" -v span="$span" 'BEGIN { srand(s); printf "%.3f", 0.002 + rand() * span }')
  # in a subshell, so that the shell's "Killed" notice goes to /dev/null too
  (timeout -s KILL "$delay" "$HOTMAP" render "${ARGS[@]}" -q "$csv" -o map.png -o map.pdf \
    --manifest map.json) 2>/dev/null && st=0 || st=$?
  [ "$st" = 137 ] && killed=$((killed + 1))
  for ext in png pdf json; do
    whole "$ext" || fail "run $i (killed after ${delay}s, exit $st): map.$ext is torn or foreign"
  done
  CHECKS=$((CHECKS + 1))
done
echo "kill_atomic: $runs runs, $killed killed before the end"
[ "$killed" -gt $((runs / 4)) ] || fail "only $killed of $runs runs were killed: the test did not test"

# temp files of killed runs: gone after the next complete run
run_hotmap render "${ARGS[@]}" a.csv -o map.png -o map.pdf --manifest map.json
expect_exit 0
expect_same_bytes map.png ref_a.png
expect_no_temp
