#!/usr/bin/env bash
# World map of the example sites with GMT 6 (modern mode), Debian 12: gmt 6.4.0 + ghostscript 10.0.
#
# usage: gmt_world.sh [CSV] [FMT] [OUTPREFIX] [LABELS]
#   CSV       name,country,lat,lon,victims   (default /tmp/anchors/sites.csv)
#   FMT       png | svg | pdf                (default png; svg = PDF + pdftocairo -svg)
#   OUTPREFIX output path without extension   (default /tmp/anchors/out/gmt_world)
#   LABELS    1 = label every site, 0 = no labels
#
# The style of ../shared/anchor-bench/gmt_map.sh (canvas 8 x 6 in at 300 dpi = 2400 x 1800 px,
# 0.5 in title band, sea/land/border colours, area-true circles with the largest 60 px in
# radius, labels right of the circles, legend bottom left), for the whole world in Equal Earth
# (WGS84, lon0 0). GMT 6.4 has no native Equal Earth (-J) and its PROJ-string -J does not plot
# (gmt plot: "Bad case in gmt_map_clip_path"), but gmt mapproject projects with a PROJ string:
# so every run projects the polygons and sites to metres with mapproject -J"+proj=eqearth" and
# plots them on a linear (Cartesian) frame. Window = the projected bbox of lon -180..180 /
# lat -90..90 (edges densified) widened to the map area's aspect. Countries: Natural Earth 1:110m
# (world-atlas 2.0.2 TopoJSON -> shapefile -> OGR_GMT, cut at the antimeridian, /tmp/anchors/data).
set -euo pipefail

CSV=${1:-/tmp/anchors/sites.csv}
FMT=${2:-png}
OUT=${3:-/tmp/anchors/out/gmt_world}
LABELS=${4:-1}
CSV=$(realpath "$CSV"); OUT=$(realpath -m "$OUT")

BORDERS=/tmp/anchors/data/countries_110m.gmt
W=8 ; H=6 ; BAND=0.5                                      # inches
MH=$(awk -v h="$H" -v b="$BAND" 'BEGIN { print h - b }')  # map height
PROJ="+proj=eqearth +lon_0=0 +datum=WGS84 +units=m +no_defs"
RGEO=-180/180/-90/90
DPI=300
MAXR_PX=60               # radius of the largest circle, pixels
SEA='#d6e9f5' ; LAND='#dcdcdc' ; BORDER='#333333'
TITLE='Scam-compound hotspots: reported victims by site'
LEGEND=BL

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export GMT_TMPDIR=$WORK

# 1. map window (metres): densify the lon/lat box, project, widen to the map area's aspect
IFS=/ read -r X0 X1 Y0 Y1 <<< "$RGEO"
awk -v x0="$X0" -v x1="$X1" -v y0="$Y0" -v y1="$Y1" 'BEGIN { n = 100
  for (i = 0; i <= n; i++) { t = i / n
    print x0 + t * (x1 - x0), y0; print x0 + t * (x1 - x0), y1
    print x0, y0 + t * (y1 - y0); print x1, y0 + t * (y1 - y0) } }' |
  gmt mapproject -R"$RGEO" -J"$PROJ" > edge_m.txt
read -r WX0 WX1 WY0 WY1 < <(awk -v asp="$(awk -v w="$W" -v h="$MH" 'BEGIN { print w / h }')" '
  NR == 1 { a = b = $1; c = d = $2 }
  { if ($1 < a) a = $1; if ($1 > b) b = $1; if ($2 < c) c = $2; if ($2 > d) d = $2 }
  END { w = b - a; h = d - c
        if (w / h < asp) { m = (a + b) / 2; a = m - h * asp / 2; b = m + h * asp / 2 }
        else { m = (c + d) / 2; c = m - w / asp / 2; d = m + w / asp / 2 }
        printf "%.3f %.3f %.3f %.3f\n", a, b, c, d }' edge_m.txt)
R=$WX0/$WX1/$WY0/$WY1
J=X${W}i/${MH}i

# 2. the countries, projected to metres
gmt mapproject "$BORDERS" -R"$RGEO" -J"$PROJ" > borders_m.gmt

# 3. symbols: x y (metres) diameter(in) victims name, largest first; legend (values to 1 digit)
awk -F, -v maxr="$MAXR_PX" -v dpi="$DPI" '
  NR == 1 { next }
  { n++; lat[n] = $3; lon[n] = $4; v[n] = $5; nm[n] = $1; if ($5 > vmax) vmax = $5 }
  function nice(x,   p) { p = 10 ^ int(log(x) / log(10)); return int(x / p + 0.5) * p }
  function commas(x,   s) { s = sprintf("%d", x); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); return s }
  END {
    for (i = 1; i <= n; i++)
      printf "%s\t%s\t%.5f\t%s\t%s\n", lon[i], lat[i], 2 * maxr / dpi * sqrt(v[i] / vmax), v[i], nm[i] > "sites.tsv"
    split(nice(vmax) " " nice(vmax / 2.5) " " nice(vmax / 7), L, " ")
    print "H 11p,Helvetica-Bold Reported victims" > "legend.txt"
    for (k = 1; k <= 3; k++) {
      d = 2 * maxr / dpi * sqrt(L[k] / vmax)
      g = d / 2 - 0.07; if (g < 0.02) g = 0.02        # rows are ~0.15 in; make room for big circles
      printf "G %.3fi\n", g > "legend.txt"
      printf "S 0.28i c %.4fi red@50 0.5p,darkred 0.62i %s\n", d, commas(L[k]) > "legend.txt"
      printf "G %.3fi\n", g > "legend.txt"
    }
  }' "$CSV"
sort -t$'\t' -k4,4gr sites.tsv | gmt mapproject -R"$RGEO" -J"$PROJ" > sites_m.tsv

case "$FMT" in
  png) BEGIN_ARGS=("$OUT" png "E$DPI,A+r,C-dALLOWPSTRANSPARENCY") ;;
  pdf|svg) BEGIN_ARGS=("$WORK/map" pdf "A+r,C-dALLOWPSTRANSPARENCY") ;;
  *) echo "unknown format $FMT" >&2; exit 2 ;;
esac

gmt begin "${BEGIN_ARGS[@]}"
  gmt set PS_MEDIA 11ix11i MAP_FRAME_TYPE plain FONT_ANNOT_PRIMARY 9p,Helvetica
  # white canvas of exactly W x H in (the crop then gives W*DPI x H*DPI px) and the title band
  gmt basemap -R0/"$W"/0/"$H" -Jx1i -B+n+gwhite
  awk -v w="$W" -v h="$H" -v b="$BAND" 'BEGIN { print w / 2, h - b / 2 }' |
    gmt text -F+f16p,Helvetica-Bold+jMC+t"$TITLE"
  # sea, then land + borders (polygon outlines) from NE 110m, projected
  gmt basemap -R"$R" -J"$J" -B+n+g"$SEA"
  gmt plot borders_m.gmt -G"$LAND" -W0.25p,"$BORDER"
  # clip the site layer to the map rectangle (GMT draws whole symbols past the frame otherwise)
  printf '0 0\n%s 0\n%s %s\n0 %s\n' "$W" "$W" "$MH" "$MH" | gmt clip -R0/"$W"/0/"$MH" -Jx1i
    cut -f1-3 sites_m.tsv | gmt plot -R"$R" -J"$J" -Sci -Gred@50 -W0.4p,darkred
    if [ "$LABELS" = 1 ]; then
      # each label just right of its circle: plot x + radius + gap, in inches
      awk -F'\t' -v x0="$WX0" -v x1="$WX1" -v y0="$WY0" -v y1="$WY1" -v w="$W" -v h="$MH" '
        { printf "%.5f\t%.5f\t%s\n", ($1 - x0) / (x1 - x0) * w + $3 / 2 + 0.03,
                                    ($2 - y0) / (y1 - y0) * h, $5 }' sites_m.tsv > lab_xy.tsv
      gmt text lab_xy.tsv -R0/"$W"/0/"$MH" -Jx1i -F+f9p,Helvetica-Bold,black=~1.5p,white+jML
    fi
  gmt clip -C
  gmt legend legend.txt -R"$R" -J"$J" -Dj$LEGEND+w1.7i+o0.15i -F+gwhite+p0.5p,gray30 --FONT_ANNOT_PRIMARY=10p
gmt end

if [ "$FMT" = svg ]; then
  pdftocairo -svg "$WORK/map.pdf" "$OUT.svg"
elif [ "$FMT" = pdf ]; then
  mv "$WORK/map.pdf" "$OUT.pdf"
fi
