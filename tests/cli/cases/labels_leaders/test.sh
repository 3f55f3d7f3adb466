# Leader lines (issue 3: labels "never drawn over another", no label on a
# symbol's centre): a label set farther out is joined to its symbol by a
# leader, drawn from the symbol's rim towards the nearest point of the
# label's box (src/render.c). On the example and on the crowded 300-site
# map of labels_crowded, no leader may pass over another symbol's centre
# or through another placed label (check_manifest.py --leaders).
need_cmd python3
python3 "$REPO/tests/cli/cases/labels_crowded/gen_sites.py" 300 98 15 101 18 1 >crowded.csv
run_hotmap render "$EXAMPLES/sites.csv" -o ex.png --manifest ex.json
expect_exit 0
python3 "$CHECK_MANIFEST" ex.json --leaders ||
  fail "the example's leader lines cross symbols or labels (see above)"
_ok
run_hotmap render crowded.csv -o map.png --manifest map.json
expect_exit 0
expect_json map.json "sum(1 for s in m['sites'] if s['label'] and s['label']['leader']) > 0" true
python3 "$CHECK_MANIFEST" map.json --leaders ||
  fail "leader lines cross other symbols' centres or other labels (see above)"
_ok
