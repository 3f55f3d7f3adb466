# render -j N: a PNG drawn in N bands at once. Bad values are usage errors
# (exit 2, nothing written); 1, 2 and 7 threads give the same layout (the
# manifest byte for byte) and the same picture (pixels read back; a border
# stroke cut at a band edge may move a few pixels by a few levels).
for j in 0 -1 65 abc 2x ""; do
  mark_previous map.png
  run_hotmap render "${FAST[@]}" -j "$j" "$EXAMPLES/sites.csv" -o map.png
  expect_rejected map.png
  expect_stderr_contains "-j"
done
for j in 1 2 7; do
  run_hotmap render "${FAST[@]}" --size 1200x900 -j "$j" "$EXAMPLES/sites.csv" \
    -o "map$j.png" --manifest "m$j.json"
  expect_exit 0
  expect_png "map$j.png" 1200 900
done
expect_same_bytes m1.json m2.json
expect_same_bytes m1.json m7.json
for j in 2 7; do
  python3 - "map1.png" "map$j.png" <<'PY' || fail "map$j.png differs from map1.png"
import struct, sys, zlib
def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])[0]
        if kind == b"IHDR": ihdr = struct.unpack(">IIBBBBB", body)
        if kind == b"IDAT": idat += body
        pos += 12 + n
    w, h, depth, colour = ihdr[:4]
    assert depth == 8 and colour == 2
    raw = zlib.decompress(idat)          # one zlib stream, Adler-32 checked
    assert len(raw) == h * (1 + 3 * w)
    return w, h, raw
w, h, a = pixels(sys.argv[1])
_, _, b = pixels(sys.argv[2])
differ = sum(1 for i in range(len(a)) if abs(a[i] - b[i]) > 40)
print(f"{differ} bytes differ by more than 40 levels", file=sys.stderr)
sys.exit(0 if differ <= 150 else 1)
PY
  _ok
done
