#!/usr/bin/env bash
# Builds PROJ 9.1.1 (the version Debian 12 ships, from Debian's own source
# tarball) as a static library without libcurl and libtiff, into .deps/proj,
# which CMakeLists.txt then links instead of the system's libproj.
#
# Why: Debian's libproj.so brings in libcurl-gnutls and libtiff, and through
# them some 30 more shared libraries (GnuTLS, OpenSSL's libcrypto, Kerberos,
# LDAP, SSH, WebP, JPEG, ...), which the dynamic loader maps and relocates at
# every start of hotmap: 6-7 ms of a 14 ms start, a tenth of a whole map.
# hotmap never fetches grids from the network nor reads GeoTIFF grids, so it
# needs neither. Same PROJ version, same results (the example maps are the
# same bytes either way).
#
# Idempotent: does nothing when .deps/proj holds this build already. When the
# download or the build fails it says so and exits 1; build.sh then goes on
# with the system's PROJ (slower start, same maps).
set -euo pipefail
cd "$(dirname "$(realpath "$0")")/.."

version=9.1.1
url=http://deb.debian.org/debian/pool/main/p/proj/proj_${version}.orig.tar.gz
sha256=003cd4010e52bb5eb8f7de1c143753aa830c8902b6ed01209f294846e40e6d39
flags="-DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DENABLE_CURL=OFF
  -DENABLE_TIFF=OFF -DBUILD_APPS=OFF -DBUILD_TESTING=OFF
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON"
prefix=$PWD/.deps/proj
stamp="$version $sha256 $prefix $(echo $flags)"

if [ -f "$prefix/lib/libproj.a" ] && [ "$(cat "$prefix/.stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi

work=$PWD/.deps/proj-build
rm -rf "$work" "$prefix"
mkdir -p "$work"
echo "deps: building PROJ $version without curl and libtiff into .deps/proj (once, ~2 min)" >&2
if ! curl -fsSL --retry 3 -o "$work/proj.tar.gz" "$url"; then
  echo "deps: could not download $url" >&2
  exit 1
fi
if ! echo "$sha256  $work/proj.tar.gz" | sha256sum -c --quiet -; then
  echo "deps: $url is not the expected file (sha256 differs)" >&2
  exit 1
fi
tar -xzf "$work/proj.tar.gz" -C "$work"
# shellcheck disable=SC2086 # $flags is a list of options
if ! { cmake -S "$work/proj-$version" -B "$work/build" $flags \
         -DCMAKE_INSTALL_PREFIX="$prefix" &&
       cmake --build "$work/build" -j"$(nproc)" &&
       cmake --install "$work/build"; } >"$work/log" 2>&1; then
  tail -20 "$work/log" >&2
  echo "deps: the PROJ build failed (whole log: $work/log)" >&2
  rm -rf "$prefix"
  exit 1
fi
echo "$stamp" >"$prefix/.stamp"
rm -rf "$work"
echo "deps: PROJ $version in .deps/proj" >&2
