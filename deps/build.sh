#!/usr/bin/env bash
# Builds PROJ 9.1.1 and GEOS 3.11.1 (the versions Debian 12 ships, from
# Debian's own source tarballs, checksummed) as static libraries into
# .deps/proj and .deps/geos, which CMakeLists.txt then links instead of the
# system's shared ones. Run by build.sh; about 4 minutes, once.
#
# Why: start-up. Debian's libproj.so brings in libcurl-gnutls and libtiff, and
# through them some 30 more shared libraries (GnuTLS, OpenSSL's libcrypto,
# Kerberos, LDAP, SSH, WebP, JPEG, ...), which the dynamic loader maps and
# relocates at every start of hotmap: 6-7 ms of a 14 ms start, a tenth of a
# whole map. hotmap never fetches grids from the network nor reads GeoTIFF
# grids, so PROJ is built without both. GEOS's C++ library binds 5,500 of its
# own symbols at every start (a third of what the loader does): linked in,
# they are bound when hotmap is linked (7.6 -> 6.0 ms). The same versions give
# the same maps, byte for byte.
#
# Idempotent: does nothing for a library .deps holds already. When a download
# or a build fails it says so and exits 1; build.sh then goes on with the
# system's libraries (slower start, same maps).
set -euo pipefail
cd "$(dirname "$(realpath "$0")")/.."

POOL=http://deb.debian.org/debian/pool/main

# build_dep NAME URL SHA256 CMAKE-OPTIONS...
build_dep() {
  local name=$1 url=$2 sha256=$3
  shift 3
  local prefix=$PWD/.deps/$name work=$PWD/.deps/$name-build
  local stamp="$url $sha256 $prefix $*"
  if [ "$(cat "$prefix/.stamp" 2>/dev/null)" = "$stamp" ]; then
    return 0
  fi
  rm -rf "$work" "$prefix"
  mkdir -p "$work/src"
  echo "deps: building $name from $url into .deps/$name (once, ~2 min)" >&2
  if ! curl -fsSL --retry 3 -o "$work/src.tar" "$url"; then
    echo "deps: could not download $url" >&2
    return 1
  fi
  if ! echo "$sha256  $work/src.tar" | sha256sum -c --quiet -; then
    echo "deps: $url is not the expected file (sha256 differs)" >&2
    return 1
  fi
  tar -xf "$work/src.tar" -C "$work/src" --strip-components=1
  if ! { cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
           -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
           -DCMAKE_INSTALL_PREFIX="$prefix" "$@" &&
         cmake --build "$work/build" -j"$(nproc)" &&
         cmake --install "$work/build"; } >"$work/log" 2>&1; then
    tail -20 "$work/log" >&2
    echo "deps: the $name build failed (whole log: $work/log)" >&2
    rm -rf "$prefix"
    return 1
  fi
  echo "$stamp" >"$prefix/.stamp"
  rm -rf "$work"
  echo "deps: $name in .deps/$name" >&2
}

status=0
build_dep proj "$POOL/p/proj/proj_9.1.1.orig.tar.gz" \
  003cd4010e52bb5eb8f7de1c143753aa830c8902b6ed01209f294846e40e6d39 \
  -DENABLE_CURL=OFF -DENABLE_TIFF=OFF -DBUILD_APPS=OFF || status=1
build_dep geos "$POOL/g/geos/geos_3.11.1.orig.tar.bz2" \
  6d0eb3cfa9f92d947731cc75f1750356b3bdfc07ea020553daf6af1c768e0be2 \
  -DBUILD_BENCHMARKS=OFF -DBUILD_DOCUMENTATION=OFF -DBUILD_GEOSOP=OFF || status=1
exit $status
