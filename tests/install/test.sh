#!/usr/bin/env bash
# The installed hotmap (ctest's "install"):
#   test.sh BUILD_DIR SOURCE_DIR WORK_DIR CC [CFLAG...]
# installs BUILD_DIR into WORK_DIR/prefix, builds render_example.c against
# it with pkg-config (shared, then static from a copy holding only
# libhotmap.a), renders the example with it and with the installed
# bin/hotmap run from /, and formats the installed man page. Exit 0 pass,
# 1 fail.
set -euo pipefail
build=$(realpath "$1")
src=$(realpath "$2")
work=$3
shift 3
cc=("$@")

case "$work" in
  ""|/) echo "test.sh: refusing WORK_DIR '$work'" >&2; exit 2 ;;
esac
rm -rf -- "$work"
mkdir -p -- "$work"
work=$(realpath "$work")
p=$work/prefix
csv=$src/examples/sites.csv
unset HOTMAP_DATA_DIR HOTMAP_SHAPES_DIR

fail() { echo "install test: $*" >&2; exit 1; }

# png_size FILE: "W H" of a PNG, or fails
png_size() {
  local sig w h
  sig=$(od -An -tx1 -N8 "$1" | tr -d ' \n')
  [ "$sig" = 89504e470d0a1a0a ] || fail "$1 is not a PNG (starts $sig)"
  w=$(od -An -tu1 -j16 -N4 "$1" | awk '{print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4}')
  h=$(od -An -tu1 -j20 -N4 "$1" | awk '{print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4}')
  echo "$w $h"
}
expect_map() {
  [ -s "$1" ] || fail "$1 was not written"
  [ "$(png_size "$1")" = "2400 1800" ] || fail "$1 is $(png_size "$1"), not 2400x1800"
}

cmake --install "$build" --prefix "$p" >"$work/install.log" ||
  fail "cmake --install failed: $(tail -5 "$work/install.log")"
export PKG_CONFIG_PATH=$p/lib/pkgconfig
pkg-config --exists hotmap || fail "no hotmap.pc in $PKG_CONFIG_PATH"
libdir=$(pkg-config --variable=libdir hotmap)
[ "$(realpath "$libdir")" = "$(realpath "$p/lib")" ] || fail "hotmap.pc's libdir is $libdir"
for f in include/hotmap.h include/hotmap/map.h include/hotmap/render.h lib/libhotmap.a \
         lib/libhotmap.so lib/libhotmap.so.0 bin/hotmap share/man/man1/hotmap.1 \
         share/hotmap/shapes/countries_10m.shp share/hotmap/shapes/countries_110m.dbf \
         share/hotmap/styles/default.ini; do
  [ -s "$p/$f" ] || fail "$f is not installed"
done
soname=$(objdump -p "$p/lib/libhotmap.so" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = libhotmap.so.0 ] || fail "SONAME is '$soname', not libhotmap.so.0"

# the shared library, with the installed data named by HOTMAP_DATA_DIR
"${cc[@]}" -o "$work/render_shared" "$src/tests/install/render_example.c" \
  $(pkg-config --cflags --libs hotmap) || fail "render_example.c does not build against hotmap.pc"
# (the output read whole: grep -q would stop reading, and under pipefail
# ldd's SIGPIPE would fail the check now and then)
deps=$(LD_LIBRARY_PATH=$libdir ldd "$work/render_shared")
grep -q "=> $libdir/libhotmap.so.0 " <<<"$deps" ||
  fail "render_shared does not load $libdir/libhotmap.so.0"
(cd / && LD_LIBRARY_PATH=$libdir HOTMAP_DATA_DIR=$p/share/hotmap \
  "$work/render_shared" "$csv" "$work/shared.png") || fail "render_shared failed"
expect_map "$work/shared.png"
# ... and HOTMAP_DATA_DIR is what it read: a folder without shapes fails
mkdir -p "$work/nodata"
if (cd / && LD_LIBRARY_PATH=$libdir HOTMAP_DATA_DIR=$work/nodata \
    "$work/render_shared" "$csv" "$work/nodata.png" 2>"$work/nodata.err"); then
  fail "render_shared drew a map without shapes"
fi
grep -q "$work/nodata/shapes/countries_" "$work/nodata.err" ||
  fail "the error does not name \$HOTMAP_DATA_DIR/shapes: $(cat "$work/nodata.err")"

# the static library: a copy of the prefix with libhotmap.a only
cp -a "$p" "$work/static"
rm -f "$work"/static/lib/libhotmap.so*
PKG_CONFIG_PATH=$work/static/lib/pkgconfig "${cc[@]}" -o "$work/render_static" \
  "$src/tests/install/render_example.c" \
  $(PKG_CONFIG_PATH=$work/static/lib/pkgconfig pkg-config --static --cflags --libs hotmap) ||
  fail "render_example.c does not link with pkg-config --static --libs hotmap"
needed=$(objdump -p "$work/render_static")
if grep -q "NEEDED.*libhotmap" <<<"$needed"; then
  fail "render_static needs libhotmap.so"
fi
(cd / && HOTMAP_DATA_DIR=$p/share/hotmap "$work/render_static" "$csv" "$work/static.png") ||
  fail "render_static failed"
expect_map "$work/static.png"
cmp -s "$work/shared.png" "$work/static.png" || fail "the static and shared builds drew differently"

# the installed program, from /, finds the shapes of its own prefix
(cd / && "$p/bin/hotmap" render "$csv" -o "$work/cli.png" -v 2>"$work/cli.err") ||
  fail "installed hotmap failed: $(cat "$work/cli.err")"
grep -q "shapes $p/share/hotmap/shapes/countries_10m.shp" "$work/cli.err" ||
  fail "installed hotmap did not read its prefix's shapes: $(grep shapes "$work/cli.err")"
expect_map "$work/cli.png"
(cd / && "$build/hotmap" render "$csv" -o "$work/build.png" -q) || fail "build/hotmap failed"
cmp -s "$work/cli.png" "$work/build.png" || fail "installed and built hotmap drew differently"
# HOTMAP_DATA_DIR wins over the prefix
if (cd / && HOTMAP_DATA_DIR=$work/nodata "$p/bin/hotmap" render "$csv" -o "$work/x.png" \
    2>"$work/cli-nodata.err"); then
  fail "installed hotmap ignored HOTMAP_DATA_DIR"
fi
grep -q "$work/nodata/shapes/" "$work/cli-nodata.err" ||
  fail "installed hotmap did not look in \$HOTMAP_DATA_DIR: $(cat "$work/cli-nodata.err")"

# the man page: formats without warnings and lists every option of --help
man1=$p/share/man/man1/hotmap.1
groff -ww -man -Tascii -P-cbou "$man1" >"$work/man.txt" 2>"$work/man.err" || fail "groff failed"
[ ! -s "$work/man.err" ] || fail "groff warns: $(cat "$work/man.err")"
for c in render batch check; do
  "$p/bin/hotmap" "$c" --help | grep -oE -- '--[a-z-]+' | sort -u | while read -r opt; do
    grep -q -- "$opt" "$work/man.txt" || fail "the man page lacks $c's $opt"
  done
done
for c in render batch build check; do
  grep -q "^   $c\$" "$work/man.txt" || fail "the man page has no section for $c"
done
echo "install test: passed ($p)"
