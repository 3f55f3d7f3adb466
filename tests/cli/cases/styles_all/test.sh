# Styles (issue 3): every styles/*.ini renders the example (exit 0, a valid
# PNG, the manifest's checks incl. label rules, legend radii within 0.5 px
# and the scale bar); the sea differs between default and dark; a style
# with scaling = flannery gives radii r_max*(v/max)^0.5716, legend too;
# --category with the colour-blind style works. A broken style (unknown key,
# bad colour, bad length, unknown section, bad scaling, syntax) is exit 2,
# "hotmap: FILE:LINE: ..." and leaves earlier outputs untouched.
need_cmd cs2cs geod python3

# pixel of LON LAT on the map of MANIFEST, via cs2cs and the transform
sea_px() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, subprocess, sys
m = json.load(open(sys.argv[1]))
t = m["transform"]
out = subprocess.run(["cs2cs", "-f", "%.6f", "+proj=longlat", "+datum=WGS84",
                      "+type=crs", "+to", m["crs"]],
                     input="%s %s\n" % (sys.argv[2], sys.argv[3]),
                     capture_output=True, text=True, check=True).stdout.split()
e, n = float(out[0]), float(out[1])
print(int(t[0] * e + t[1] * n + t[2]), int(t[3] * e + t[4] * n + t[5]))
PY
}

n=0
for style in "$REPO"/styles/*.ini; do
  name=$(basename "$style" .ini)
  n=$((n + 1))
  run_hotmap render --style "$style" "$EXAMPLES/sites.csv" -o "$name.png" \
    -o "$name.svg" --manifest "$name.json"
  expect_exit 0
  expect_png "$name.png" 2400 1800
  expect_magic "$name.svg" "<?xml" "<svg"
  python3 "$CHECK_MANIFEST" "$name.json" --csv "$EXAMPLES/sites.csv" \
    --in-frame --labels --legend-tol 0.5 --scalebar --png "$name.png" \
    --pngprobe "$PNGPROBE" ||
    fail "style $name: the map breaks its manifest checks (see above)"
  _ok
  expect_json "$name.json" "m['missing_glyphs']" 0
done
[ "$n" -ge 4 ] || fail "expected at least 4 styles in styles/, found $n"
for name in default print dark colorblind; do expect_file "$name.png"; done

# the sea (South China Sea) differs between default and dark
read -r sx sy < <(sea_px default.json 112 12)
read -r dx dy < <(sea_px dark.json 112 12)
sea_default=$("$PNGPROBE" default.png "$sx" "$sy" | sed -n 2p)
sea_dark=$("$PNGPROBE" dark.png "$dx" "$dy" | sed -n 2p)
[ "$sea_default" != "$sea_dark" ] ||
  fail "the sea is RGB ($sea_default) in both default and dark"
_ok
# dark is dark: the sea's channels average under 80
awk -v c="$sea_dark" 'BEGIN { split(c, v, " "); exit !((v[1] + v[2] + v[3]) / 3 < 80) }' ||
  fail "dark.ini's sea is RGB ($sea_dark), not dark"
_ok
# default.ini is the built-in default: same map as no --style
run_hotmap render "$EXAMPLES/sites.csv" -o nostyle.png --manifest nostyle.json
expect_exit 0
expect_same_bytes default.png nostyle.png
expect_same_bytes default.json nostyle.json

# flannery scaling from a style
printf '[symbols]\nscaling = flannery\n' >flannery.ini
run_hotmap render --style flannery.ini "$EXAMPLES/sites.csv" -o fl.png --manifest fl.json
expect_exit 0
expect_json fl.json "m['scaling']" flannery
python3 "$CHECK_MANIFEST" fl.json --csv "$EXAMPLES/sites.csv" --labels \
  --legend-tol 0.5 ||
  fail "flannery: radii or legend off the formula r_max*(v/max)^0.5716"
_ok
# not the area radii: 1000 of 7000 is visibly smaller than with area
expect_json fl.json "abs(m['sites'][0]['r'] - m['r_max'] * (1000 / 7000) ** 0.5716) < 0.01" true

# categories with the colour-blind palette
run_hotmap render --style "$REPO/styles/colorblind.ini" --category country \
  "$EXAMPLES/sites.csv" -o cat.png --manifest cat.json
expect_exit 0
expect_png cat.png 2400 1800
expect_json cat.json "sorted(set(s.get('category') for s in m['sites']))" \
  '["Cambodia", "Laos", "Myanmar", "Philippines"]'

# broken styles: exit 2, "hotmap: FILE:LINE: ...", outputs untouched
printf '[map]\nsea = #123456\nsee = #ffffff\n' >unknown_key.ini
printf '[map]\nland = #f2efe9\nsea = #12345\n' >bad_colour.ini
printf '[text]\ncolor = blurple\n' >bad_colour_name.ini
printf '[symbols]\nmax-radius = 5 furlongs\n' >bad_length.ini
printf '[mapp]\nsea = #123456\n' >unknown_section.ini
printf '[symbols]\nscaling = cubic\n' >bad_scaling.ini
printf '; comment\n[map\nsea = #123456\n' >syntax.ini
for spec in unknown_key.ini:3:see bad_colour.ini:3:#12345 \
  bad_colour_name.ini:2:blurple bad_length.ini:2:furlongs \
  unknown_section.ini:1:mapp bad_scaling.ini:2:cubic syntax.ini:2:; do
  IFS=: read -r file line word <<<"$spec"
  cp default.png out.png
  cp default.json out.json
  snapshot out.png out.json
  mark_previous out.svg
  run_hotmap render --style "$file" "$EXAMPLES/sites.csv" -o out.png -o out.svg \
    --manifest out.json
  expect_exit 2
  expect_file_unchanged out.png out.json
  expect_previous out.svg
  expect_no_temp
  if [ -n "$word" ]; then
    expect_stderr_line "hotmap: $file:$line: " "$word"
  else
    expect_stderr_line "hotmap: $file:$line: "
  fi
  expect_stderr_lacks "sites loaded"
done
# a style file that does not exist
mark_previous out.svg
run_hotmap render --style nosuch.ini "$EXAMPLES/sites.csv" -o out.svg
expect_rejected out.svg
expect_stderr_line "hotmap: " "nosuch.ini"
