#!/usr/bin/env bash
# shapes/provinces/build.sh: convert the first-level divisions that Debian's
# gmt-dcw package holds (GMT's Digital Chart of the World 2.1.1) for the eight
# countries it covers into shapefiles here, one per country (ISO3.shp, ...).
# Users never need to run it: the files are committed. See README.md.
set -euo pipefail
cd "$(dirname "$0")"
for p in gmt gmt-dcw python3-pyshp python3-shapely; do
  dpkg -s "$p" >/dev/null 2>&1 || { echo "build.sh: needs Debian's $p" >&2; exit 2; }
done
# grid in degrees: a two-thousandth of the country's map or finer (Canada,
# Russia and the USA with Alaska span 110 to 170 degrees)
for c in AR:ARG:0.01 AU:AUS:0.01 BR:BRA:0.01 CA:CAN:0.03 CN:CHN:0.01 IN:IND:0.01 \
         RU:RUS:0.04 US:USA:0.02; do
  IFS=: read -r iso2 iso3 grid <<<"$c"
  /usr/bin/python3 dcw2shp.py "$iso2" "$iso3" . "$grid"
done
rm -f gmt.history
