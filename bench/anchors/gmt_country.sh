#!/usr/bin/env bash
# One detailed country map of the example sites with GMT 6: ../shared/anchor-bench/gmt_map.sh
# at full size, fitted to the country like gmt_batch.sh's maps.
#
# usage: gmt_country.sh [CSV] [FMT] [OUTPREFIX] [LABELS] [COUNTRY]
#   CSV, FMT, OUTPREFIX, LABELS as gmt_map.sh (defaults: /tmp/anchors/sites.csv, png,
#   /tmp/anchors/out/gmt_country, 1); COUNTRY = Natural Earth name (default Myanmar)
# Extent = the country's bbox in Natural Earth 10m (the OGR_GMT polygons, one awk pass as in
# gmt_batch.sh) padded by 5% of its width/height on every side; gmt_map.sh projects it to the
# common LCC (8/24, lon0 106, lat0 16) and widens it to the map area; canvas 8 x 6 in at 300 dpi
# = 2400 x 1800 px, 16p title "COUNTRY: reported victims by site", the legend in the corner
# that covers fewest sites (as gmt_batch.sh). The shared folder is $ANCHOR_BENCH, default
# ../../../shared/anchor-bench from this file.
set -euo pipefail
HERE=$(dirname "$(realpath "$0")")
SHARED=${ANCHOR_BENCH:-$(realpath -m "$HERE/../../../shared/anchor-bench")}
CSV=$(realpath "${1:-/tmp/anchors/sites.csv}")
FMT=${2:-png}
OUT=$(realpath -m "${3:-/tmp/anchors/out/gmt_country}")
LABELS=${4:-1}
COUNTRY=${5:-Myanmar}
GMTFILE=/tmp/anchors/data/countries_10m.gmt

ext=$(awk -v want="$COUNTRY" '
  /^# @D/ { split(substr($0, 5), f, "|"); cur = f[2]; next }
  /^[#>]/ { next }
  cur == want {
    x = $1 + 0; y = $2 + 0
    if (!n++) { x0 = x1 = x; y0 = y1 = y }
    if (x < x0) x0 = x; if (x > x1) x1 = x
    if (y < y0) y0 = y; if (y > y1) y1 = y
  }
  END { if (!n) exit 1; dx = (x1 - x0) * 0.05; dy = (y1 - y0) * 0.05
        printf "%.6f/%.6f/%.6f/%.6f\n", x0 - dx, x1 + dx, y0 - dy, y1 + dy }' "$GMTFILE") ||
  { echo "gmt_country.sh: no country named '$COUNTRY' in $GMTFILE" >&2; exit 2; }

MAP_EXTENT=$ext MAP_W=8 MAP_H=6 MAP_BAND=0.5 MAP_TITLE="$COUNTRY: reported victims by site" \
MAP_TITLE_SIZE=16p MAP_LEGEND=auto \
  bash "$SHARED/gmt_map.sh" "$CSV" "$FMT" "$OUT" "$LABELS"
