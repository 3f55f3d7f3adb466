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

# Build: compiler, CMake and the libraries hotmap is made of (Debian's shared
# ones).
# Run time: fonts (Noto covers Thai, Khmer, Lao, Myanmar) and PROJ's database.
# Tests: cmocka, python3 and PROJ's cs2cs (an independent transform).
PACKAGES=(
  build-essential cmake pkg-config
  libcsv-dev libproj-dev proj-data proj-bin libshp-dev libgeos-dev
  libcairo2-dev libpango1.0-dev libfontconfig-dev libpixman-1-dev zlib1g-dev libdeflate-dev
  libinih-dev libxml2-dev
  fonts-noto-core fontconfig
  libcmocka-dev python3
)
# Only for ./build.sh test: Debian's chromium opens the batch's index.html
# headless, with no network (tests/cli/cases/batch_index_html); poppler's
# pdftotext reads a PDF's text back (tests/cli/cases/pdf_text); locales
# gives the de_DE.UTF-8 locale (a decimal comma) that tests/unit/test_locale.c
# runs the library in; groff formats the installed man page (tests/install);
# clang-format checks the code's format (the test "format", .ci/run);
# valgrind runs the example under memcheck (tests/cli/cases/valgrind_clean);
# libxml2-utils' xmllint checks that an SVG is well-formed and Inkscape that
# it sees the SVG's layers (svg_live);
# nodejs (and its npm) installs tests/browser's axe-core and playwright-core
# from the npm registry (tests/browser/package-lock.json), which drive Debian's
# chromium through the web page (html_page);
# pyshp, shapely and pyproj check the world batch's maps against the shapes
# (tests/cli/world.py, run by Debian's /usr/bin/python3).
TEST_PACKAGES=(
  chromium poppler-utils locales groff-base clang-format valgrind libxml2-utils inkscape nodejs
  python3-pyshp python3-shapely python3-pyproj
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

# npm: Debian's package where nodejs does not bring its own
if [ "$mode" = test ] && ! command -v npm >/dev/null; then
  SUDO=
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    -o DPkg::Lock::Timeout=600 --no-install-recommends npm >&2
fi
# The browser tests' two packages, as the lock file pins them (no browser
# download: playwright-core drives Debian's chromium)
if [ "$mode" = test ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

# The decimal-comma locale of tests/unit/test_locale.c, generated once.
if [ "$mode" = test ] && ! locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then
  echo "build.sh: generating the de_DE.UTF-8 locale for the tests" >&2
  SUDO=
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO localedef -i de_DE -f UTF-8 de_DE.UTF-8
fi

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
