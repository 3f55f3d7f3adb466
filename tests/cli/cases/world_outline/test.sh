# A whole-world map in a (pseudo)cylindrical projection ends where the world
# does: the sea fills the Equal Earth outline and the frame's corners beyond
# it are paper (default style: sea #d4e5ef, paper #ffffff). Read back from
# the PNG with pngprobe; the mid-Pacific point placed by PROJ's cs2cs, not
# by hotmap. A regional map has no outline: the corner of its frame that
# lies in the Pacific is sea.
need_cmd cs2cs python3
cp "$DATA/world.csv" world.csv # four cities around the world
run_hotmap render "${FAST[@]}" --extent -180,-90,180,90 --proj "+proj=eqearth +datum=WGS84" \
  world.csv -o world.png --manifest world.json
expect_exit 0
run_hotmap render "${FAST[@]}" --extent 100,0,140,30 "$EXAMPLES/sites.csv" -o sea.png \
  --manifest sea.json
expect_exit 0
python3 - "$PNGPROBE" <<'PY' || fail "the sea does not stop at the edge of the world"
import json, subprocess, sys
probe = sys.argv[1]
def pixels(png, pts):
    out = subprocess.run([probe, png] + [str(int(v)) for p in pts for v in p],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return [tuple(int(v) for v in l.split()) for l in out[1:]]
def near(rgb, want):
    return all(abs(a - b) <= 3 for a, b in zip(rgb, want))
SEA, PAPER = (0xd4, 0xe5, 0xef), (255, 255, 255)
for name, corner_colour, which in (("world", PAPER, (0, 1)), ("sea", SEA, (1,))):
    m = json.load(open(name + ".json"))
    f = m["frame"]
    x0, y0, x1 = f["x"] + 4, f["y"] + 4, f["x"] + f["width"] - 4
    # top corners (the legend and scale bar stand at the bottom)
    got = pixels(name + ".png", [[(x0, y0), (x1, y0)][k] for k in which])
    for rgb in got:
        assert near(rgb, corner_colour), f"{name}: frame corner {rgb}, want {corner_colour}"
    print(f"{name}: top corners {got}", file=sys.stderr)
m = json.load(open("world.json"))
a, b, c, d, e, f = m["transform"]
out = subprocess.run(["cs2cs", "-f", "%.6f", "+proj=longlat", "+datum=WGS84", "+to"]
                     + m["crs"].split(), input="-150 0\n", capture_output=True, text=True,
                     check=True).stdout.split()
E, N = float(out[0]), float(out[1])
rgb = pixels("world.png", [(a * E + c, e * N + f)])[0]
print(f"mid-Pacific {rgb}", file=sys.stderr)
assert near(rgb, SEA), f"mid-Pacific {rgb} is not sea"
PY
_ok
