#!/usr/bin/env bash
# Density anchor: 1 million points as a counts surface with GMT 6 (Debian 12: gmt 6.4.0).
#
# usage: gmt_density.sh CSV OUTPREFIX
#   CSV        lat,lon (bench/anchors/gen_density.py)
# The example's canvas, frame and borders (../shared/anchor-bench/gmt_map.sh: 8 x 6 in at
# 300 dpi = 2400 x 1800 px, title band, LCC 106/16/8/24 window over 92..127 E / 4..28 N,
# Natural Earth 10m); the points counted by xyz2grd -An on a lon/lat grid of 0.5 degrees (about
# 5 mm on the page; hotmap's hexagons are 4 mm), empty nodes blank (grdmath NAN), drawn by grdimage on
# a log viridis scale under the borders, with a colour bar: hotmap render --mode hexbin's job
# (bench/compare.sh, job density).
set -euo pipefail

CSV=$(realpath "$1"); OUT=$(realpath -m "$2")
DATA=/tmp/anchors/data
BORDERS=$DATA/countries_10m.gmt
EXTENT=92/127/4/28
W=8 ; H=6 ; BAND=0.5
MH=$(awk -v h="$H" -v b="$BAND" 'BEGIN { print h - b }')
PROJ=L106/16/8/24
DPI=300
SEA='#d6e9f5' ; LAND='#dcdcdc' ; BORDER='#333333'

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export GMT_TMPDIR=$WORK

# the map window, as gmt_map.sh: the projected box of the extent, widened to the map's aspect
IFS=/ read -r X0 X1 Y0 Y1 <<< "$EXTENT"
awk -v x0="$X0" -v x1="$X1" -v y0="$Y0" -v y1="$Y1" 'BEGIN { n = 100
  for (i = 0; i <= n; i++) { t = i / n
    print x0 + t * (x1 - x0), y0; print x0 + t * (x1 - x0), y1
    print x0, y0 + t * (y1 - y0); print x1, y0 + t * (y1 - y0) } }' |
  gmt mapproject -R"$EXTENT" -J$PROJ/1i -C -Fk > edge_km.txt
R=$(awk -v asp="$(awk -v w="$W" -v h="$MH" 'BEGIN { print w / h }')" '
  NR == 1 { a = b = $1; c = d = $2 }
  { if ($1 < a) a = $1; if ($1 > b) b = $1; if ($2 < c) c = $2; if ($2 > d) d = $2 }
  END { w = b - a; h = d - c
        if (w / h < asp) { m = (a + b) / 2; a = m - h * asp / 2; b = m + h * asp / 2 }
        else { m = (c + d) / 2; c = m - w / asp / 2; d = m + w / asp / 2 }
        printf "%.3f/%.3f/%.3f/%.3f+uk", a, b, c, d }' edge_km.txt)
J=$PROJ/${W}i

# counts per node (lon, lat from the CSV's lat,lon), blank where none, log10 for the colours
gmt xyz2grd "$CSV" -h1 -i1,0 -R$EXTENT -I0.5 -An -Gcount.nc
gmt grdmath count.nc 0 NAN LOG10 = logcount.nc
gmt makecpt -Cviridis -T0/5 -Ic > log.cpt

gmt begin "$OUT" png "E$DPI,A+r"
  gmt set PS_MEDIA 11ix11i MAP_FRAME_TYPE plain FONT_ANNOT_PRIMARY 9p,Helvetica
  gmt basemap -R0/$W/0/$H -Jx1i -B+n+gwhite
  echo "$(awk -v w="$W" -v h="$H" -v b="$BAND" 'BEGIN { print w / 2, h - b / 2 }')" |
    gmt text -F+f16p,Helvetica-Bold+jMC+t"Points per cell"
  gmt basemap -R$R -J$J -B+n+g"$SEA"
  gmt plot "$BORDERS" -G"$LAND"
  gmt grdimage logcount.nc -R$R -J$J -Clog.cpt -Q -nn
  gmt plot "$BORDERS" -W0.25p,"$BORDER"
  gmt colorbar -Clog.cpt -DjBL+w2i/0.15i+o0.3i+v -Bxa1+l"log10 points per cell" -R$R -J$J
gmt end
