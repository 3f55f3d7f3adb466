# Insets and labels (issue 3: detail insets "in a free corner", labels
# avoiding every piece of furniture). With --inset auto --locator:
#  - the example: the Myawaddy cluster gets a detail inset; site labels on
#    the main map and in each inset keep the placement rules (inside their
#    frame, no overlaps, on no symbol, none on the legend, the scale bar or
#    an inset panel), and no main-map symbol lies under the legend, the
#    scale bar or an inset panel (check_manifest.py --labels --furniture);
#  - a given --inset box on the example: the same;
#  - the crowded 300-site map of labels_crowded: the same rules; where no
#    corner is free an inset must be left out (as the locator is), not
#    drawn over the main map's sites.
need_cmd cs2cs geod python3
python3 "$REPO/tests/cli/cases/labels_crowded/gen_sites.py" 300 98 15 101 18 1 >crowded.csv

run_hotmap render --inset auto --locator "$EXAMPLES/sites.csv" -o ex.png \
  --manifest ex.json
expect_exit 0
expect_png ex.png 2400 1800
expect_json ex.json "[i['kind'] for i in m['insets']].count('detail') >= 1" true
expect_json ex.json "any(set(s['name'] for s in i['sites']) >= {'KK Park', 'Shwe Kokko', 'Myawaddy'} for i in m['insets'])" true
# the layer model: the main map's layers bottom first; a locator ends with
# the outline of the main map, a detail inset draws symbols and labels
expect_json ex.json "[l['kind'] for l in m['layers']]" \
  '["sea", "land", "borders", "country-names", "symbols", "site-labels"]'
expect_json ex.json "[[l['kind'] for l in i['layers']][-1] for i in m['insets'] if i['kind'] == 'locator']" \
  '["locator-frame"]'
expect_json ex.json "all('symbols' in [l['kind'] for l in i['layers']] for i in m['insets'] if i['kind'] == 'detail')" true
python3 "$CHECK_MANIFEST" ex.json --csv "$EXAMPLES/sites.csv" --labels \
  --furniture --all-labelled --legend-tol 0.5 --scalebar ||
  fail "example with insets: labels or furniture break the rules (see above)"
_ok

run_hotmap render --inset 98.3,16.4,98.8,17 "$EXAMPLES/sites.csv" -o given.png \
  --manifest given.json
expect_exit 0
expect_json given.json "len(m['insets'])" 1
python3 "$CHECK_MANIFEST" given.json --labels --furniture --legend-tol 0.5 \
  --scalebar ||
  fail "example with a given inset: labels or furniture break the rules"
_ok

run_hotmap render --inset auto --locator crowded.csv -o crowded.png \
  --manifest crowded.json
expect_exit 0
python3 "$CHECK_MANIFEST" crowded.json --labels --furniture --legend-tol 0.5 \
  --scalebar ||
  fail "crowded map with --inset auto: insets or labels cover sites (see above)"
_ok
