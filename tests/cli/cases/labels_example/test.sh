# The example map with defaults (issue 3): all 8 site labels placed (the
# ones left out are named), each reading the site's name, none overlapping
# another label, a symbol, the legend, the scale bar or a country label,
# all inside the frame; legend radii within 0.5 px of the formula; scale
# bar true within 1%; in the PNG, every symbol centre still symbol-coloured.
need_cmd cs2cs geod python3
run_hotmap render "$EXAMPLES/sites.csv" -o map.png --manifest map.json
expect_exit 0
expect_png map.png 2400 1800
python3 "$CHECK_MANIFEST" map.json --csv "$EXAMPLES/sites.csv" \
  --label-column name --in-frame --labels --all-labelled --legend-tol 0.5 \
  --scalebar --png map.png --pngprobe "$PNGPROBE" --sea 112 12 ||
  fail "the example's labels break the placement rules (see above)"
_ok
expect_json map.json "m['missing_glyphs']" 0
expect_json map.json "m['scaling']" area
# a legend and a scale bar are drawn, inside the frame
expect_json map.json "m['legend_box'] is not None and m['scalebar'] is not None" true
expect_json map.json "len(m['country_labels']) > 0" true
# --verbose has nothing to report as left out
run_hotmap render --verbose "$EXAMPLES/sites.csv" -o v.png
expect_exit 0
expect_stderr_lacks "left out"
