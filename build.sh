#!/usr/bin/env bash
# hotmap's one entry point: installs the Debian packages it needs, builds
# with CMake, and then either renders the example maps into out/ (default)
# or runs the whole test suite (./build.sh test).
set -euo pipefail
cd "$(dirname "$(realpath "$0")")"

mode=${1:-build}
case "$mode" in
  build|test) ;;
  *) echo "usage: ./build.sh [test]" >&2; exit 2 ;;
esac

# Build: compiler, CMake and the libraries hotmap is made of; curl, bzip2 and
# sqlite3 for deps/build.sh (PROJ and GEOS from source, see below).
# Run time: fonts (Noto covers Thai, Khmer, Lao, Myanmar) and PROJ's database.
# Tests: cmocka, python3 and PROJ's cs2cs (an independent transform).
PACKAGES=(
  build-essential cmake pkg-config curl bzip2 sqlite3 libsqlite3-dev
  libcsv-dev libproj-dev proj-data proj-bin libshp-dev libgeos-dev
  libcairo2-dev libpango1.0-dev libfontconfig-dev libpixman-1-dev zlib1g-dev libdeflate-dev
  libinih-dev
  fonts-noto-core fontconfig
  libcmocka-dev python3
)
# Only for ./build.sh test: Debian's chromium opens the batch's index.html
# headless, with no network (tests/cli/cases/batch_index_html); poppler's
# pdftotext reads a PDF's text back (tests/cli/cases/pdf_text).
TEST_PACKAGES=(
  chromium poppler-utils
)
if [ "$mode" = test ]; then
  PACKAGES+=("${TEST_PACKAGES[@]}")
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "build.sh: installing ${missing[*]}" >&2
  SUDO=
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}" >&2
fi

# PROJ and GEOS as static libraries, PROJ without libcurl and libtiff (once,
# ~4 min; .deps/): hotmap starts in 6 ms instead of 14. Without them CMake
# takes the system's: the same maps, a slower start.
deps/build.sh ||
  echo "build.sh: going on with the system's PROJ or GEOS (hotmap will start slower)" >&2

werror=OFF
[ "${CI:-}" = true ] && werror=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOTMAP_WERROR="$werror" >/dev/null
cmake --build build -j"$(nproc)"

if [ "$mode" = test ]; then
  # lists every skipped test at the end; with CI=true a skip fails the run
  tests/tools/ctest-run.sh build -j"$(nproc)"
  exit 0
fi

mkdir -p out
# examples/maps.ini: the Southeast Asia map, the Myawaddy close-up and one
# map per country; only what changed since the last run is rendered
build/hotmap build examples/maps.ini
echo "build.sh: maps in out/ (sea, myawaddy) and out/countries/ (open index.html)"
