# A .shp of garbage bytes next to genuine .shx/.dbf (also: empty; a
# genuine header before garbage; genuine but cut short):
# exit 2, a message naming the .shp, nothing written, no crash.
for ext in shx dbf prj cpg; do
  cp "$SHAPES/countries_110m.$ext" "garbage.$ext"
  cp "$SHAPES/countries_110m.$ext" "empty.$ext"
  cp "$SHAPES/countries_110m.$ext" "cut.$ext"
done
# deterministic garbage: 20000 pseudo-random bytes
python3 -c 'import random, sys; r = random.Random(1); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(20000)))' >garbage.shp
: >empty.shp
# a genuine header and first records, cut short
head -c 3000 "$SHAPES/countries_110m.shp" >cut.shp
# a genuine 100-byte header (so the file length it states is right too)
# followed by garbage records
python3 - "$SHAPES/countries_110m.shp" <<'PY'
import random, sys
real = open(sys.argv[1], "rb").read()
r = random.Random(2)
body = bytes(r.randrange(256) for _ in range(len(real) - 100))
open("badbody.shp", "wb").write(real[:100] + body)
PY
for ext in shx dbf prj cpg; do cp "$SHAPES/countries_110m.$ext" "badbody.$ext"; done

for shp in empty.shp garbage.shp badbody.shp cut.shp; do
  mark_previous map.png map.pdf m.json
  run_hotmap render --size 800x600 --dpi 100 --shapes "$shp" sites.csv \
    -o map.png -o map.pdf --manifest m.json
  expect_rejected map.png map.pdf m.json
  expect_stderr_line "hotmap: " "$shp"
done
