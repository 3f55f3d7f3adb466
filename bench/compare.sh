#!/usr/bin/env bash
# bench/compare.sh: time hotmap against GMT 6 and geopandas+matplotlib (and optionally cartopy).
#
# Jobs (all on the same CSV and world-atlas shapes as the anchors):
#   png        the example map, 2400x1800 PNG at 300 dpi
#   svg        the same as SVG      (GMT: PDF + pdftocairo -svg)
#   pdf        the same as PDF
#   html       hotmap's web page of the same map (-o map.html: its SVG inline, tooltips, the
#              table of the sites) against the anchors' SVG of the svg job (issue 16: SVG and
#              HTML at least 20x faster than geopandas' SVG)
#   furniture  hotmap only: the example PNG with labels, legend, scale bar and insets ("full":
#              --inset auto --locator) against --plain (issue 3: full / plain at most 1.5)
#   batch      per-country maps of the anchors' five countries at their 1200x900 px: hotmap
#              batch -j 1 and -j 2 (j1 / j2 reported, no criterion) against the anchors' *_batch
#              scripts (issue 6: fastest anchor / hotmap -j 2 >= 20)
#   scaling    hotmap only: hotmap batch with its defaults (every country with sites, 2400x1800
#              px, 300 dpi, shipped shapes) at -j 1 against -j 2 (issue 4: j1 / j2 at least 1.7;
#              each shapefile read once, checked on an untimed -j 2 --verbose run)
#   sites10k   10,000 random sites without labels: hotmap --plain --cluster none against the anchors'
#              no-label runs (ratio reported; no criterion)
#   sites100k  100,000 random sites without labels: hotmap --plain --cluster none against the anchors'
#              no-label runs (issue 6: at least 20x the fastest of GMT, geopandas, cartopy)
#   world110m  a world map of the example sites, Equal Earth, Natural Earth 1:110m, 2400x1800
#              PNG (anchors: bench/anchors/*_world.*; ratio reported)
#   country10m a detailed map of one country (Myanmar) at 1:10m, 2400x1800 PNG, its bbox padded
#              5% as the anchors' batch maps (anchors: bench/anchors/*_country.*; ratio reported)
#   density    1 million points (bench/anchors/gen_density.py, about 19 MB) as a hexbin PNG on the
#              example's frame and borders: hotmap --mode hexbin against geopandas+matplotlib
#              hexbin (bench/anchors/geopandas_density.py) and GMT xyz2grd -An + grdimage
#              (bench/anchors/gmt_density.sh), CSV reading included (issue 15: at least 8x
#              faster than both)
# After each round, every single-render hotmap job (png svg pdf sites10k sites100k world110m
# country10m) runs once more, untimed, with --timings: the report's stage breakdown (medians).
#
# usage: bench/compare.sh [-n N] [--with-cartopy] [--tools LIST] [--jobs LIST]
#                         [--slow-limit S] [--slow-rounds K] [--results FILE]
#                         [--keep DIR] [--no-install] [-h]
#   -n N            counted rounds (default 5); one uncounted warm-up run of each tool first
#   --with-cartopy  also run the cartopy anchors (installs python3-cartopy)
#   --tools LIST    comma list out of hotmap,gmt,geopandas,cartopy (default hotmap,gmt,geopandas)
#   --jobs LIST     comma list out of png,svg,pdf,furniture,batch,scaling,sites10k,sites100k,
#                   world110m,country10m (default: all)
#   --slow-limit S  a tool whose warm-up run of a job took more than S seconds (default 60)
#   --slow-rounds K   runs in only K of the N rounds of that job, spread out (default 3)
#   --results FILE  also write the report with the issue criteria to FILE; by default it goes
#                   to bench/RESULTS.md, but only from a full run (every job, N >= 5)
#   --keep DIR      copy each tool's warm-up output into DIR (to look at the maps)
#   --no-install    do not run apt-get/npm/prepare_data.sh even if something is missing (the
#                   1:110m conversion for world110m, a local ogr2ogr step, still runs)
#
# Each round runs every tool once per job, the tool order rotated from round to round, so
# that drifting load on a shared machine hits all tools alike. Prints median and min wall
# time, peak RSS (GNU time %M: the largest single process of the run's process tree), the
# ratios, hotmap's stage breakdown and each issue criterion with PASS/FAIL; writes the same
# report as markdown to bench/last-run.md (ignored by git) and, see --results, to
# bench/RESULTS.md.
# Exit status: 0 all runs fine, 1 some run or tool failed, 2 usage / missing shared/ folder.
set -euo pipefail

ROOT=$(cd "$(dirname "$(realpath "$0")")/.." && pwd)
ANCHOR_DIR=$(realpath -m "$ROOT/../shared/anchor-bench")
OWN_ANCHORS=$ROOT/bench/anchors                 # the world and country anchors (use ANCHOR_DIR)
export ANCHOR_BENCH=$ANCHOR_DIR
CACHE=${HOTMAP_BENCH_CACHE:-/tmp/hotmap-bench}  # npm tarball of world-atlas
A=/tmp/anchors                                  # fixed by the anchor scripts
CSV=$A/sites.csv
CSV10K=$A/random_10k.csv                        # written by prepare_data.sh
CSV100K=$A/random_100k.csv                      # written by prepare_data.sh
CSV1M=$A/random_1m.csv                          # written here by bench/anchors/gen_density.py
SHP110=$A/data/countries_110m.shp               # the anchors' 1:110m (world110m), made here
GMT110=$A/data/countries_110m.gmt
PY=/usr/bin/python3                             # Debian's python, where python3-geopandas lives
ARGS_GIVEN="$*"

# ---- hotmap's command line for the example map: adjust here -------------------------------
HOTMAP=${HOTMAP_BIN:-$ROOT/build/hotmap}
SHAPES=${HOTMAP_SHAPES:-$ROOT/shapes/countries_10m.shp}
SHAPES_FALLBACK=$A/data/countries_10m.shp       # same world-atlas data, converted by prepare_data.sh
HM_PROJ="+proj=lcc +lat_1=8 +lat_2=24 +lat_0=16 +lon_0=106 +datum=WGS84 +units=m +no_defs"
HM_TITLE="Scam-compound hotspots: reported victims by site"
hotmap_cmd() {  # $1 = output file (.png/.svg/.pdf), $2 = CSV (default $CSV); sets CMD
  CMD=("$HOTMAP" render "${2:-$CSV}" -o "$1" --size 2400x1800 --dpi 300 --extent "92,4,127,28"
       --proj "$HM_PROJ" --shapes "$SHAPES" --title "$HM_TITLE" --quiet)
}
# furniture job: the same PNG with everything (labels, country labels, legend, scale bar, a
# detail inset of each crowded cluster and a locator) and with --plain (symbols only)
FURNITURE_FULL=(--inset auto --locator)
FURNITURE_PLAIN=(--plain)
FURNITURE_MAX=1.5   # issue 3: full / plain
# world110m job: the example sites on the whole world, Equal Earth, the shipped 1:110m shapes
HM_WORLD_PROJ="+proj=eqearth +lon_0=0 +datum=WGS84 +units=m +no_defs"
HM_WORLD_EXTENT="-180,-90,180,90"
SHAPES110=${HOTMAP_SHAPES_110M:-$ROOT/shapes/countries_110m.shp}
hotmap_world_cmd() {  # $1 = output file; sets CMD
  CMD=("$HOTMAP" render "$CSV" -o "$1" --size 2400x1800 --dpi 300 --extent "$HM_WORLD_EXTENT"
       --proj "$HM_WORLD_PROJ" --shapes "$SHAPES110" --title "$HM_TITLE" --quiet)
}
# country10m job: one country at 1:10m, the example's LCC, extent = the country's bbox in the
# anchors' 10m polygons padded 5% per side (COUNTRY_EXTENT, W,S,E,N, worked out at set-up the
# way bench/anchors/gmt_country.sh and gmt_batch.sh do)
COUNTRY_NAME=Myanmar   # Natural Earth name, as the anchors' --country / 5th argument
hotmap_country_cmd() {  # $1 = output file; sets CMD
  CMD=("$HOTMAP" render "$CSV" -o "$1" --size 2400x1800 --dpi 300 --extent "$COUNTRY_EXTENT"
       --proj "$HM_PROJ" --shapes "$SHAPES" --title "$COUNTRY_NAME: reported victims by site"
       --quiet)
}
# batch job: hotmap batch of the same CSV, the anchors' countries (ISO3 of the names in
# gmt_batch.sh / geopandas_batch.py / cartopy_batch.py), shapes chosen by hotmap (shipped
# Natural Earth by scale), the anchors' pixel size (4 x 3 in at 300 dpi); -j 1 and -j 2
# against the anchors' batch scripts (issue 6)
BATCH_SIZE=1200x900
hotmap_batch_cmd() {  # $1 = out dir, $2 = -j value; sets CMD
  CMD=("$HOTMAP" batch "$CSV" --out-dir "$1" --size "$BATCH_SIZE" --dpi 300 -q
       --countries "$BATCH_ISO" -j "$2")
}
# scaling job: hotmap batch with its defaults (no --countries: every country with sites in the
# CSV; 2400x1800 px at 300 dpi; shipped Natural Earth by scale), -j 1 against -j 2 (issue 4)
hotmap_scaling_cmd() {  # $1 = out dir, $2 = -j value, $3 = -q (default) or --verbose; sets CMD
  CMD=("$HOTMAP" batch "$CSV" --out-dir "$1" "${3:--q}" -j "$2")
}
declare -A ISO3=([Myanmar]=MMR [Thailand]=THA [Cambodia]=KHM [Laos]=LAO [Philippines]=PHL
                 [Vietnam]=VNM [Malaysia]=MYS [Indonesia]=IDN [China]=CHN)
SCALING_J_MIN=1.7   # issue 4: time(-j 1) / time(-j 2), scaling job
SPEEDUP_MIN=20      # issue 6: anchor / hotmap
MEM_EXAMPLE_MAX=100 # issue 6: MiB, example map
MEM_100K_MAX=200    # issue 6: MiB, 100k sites
# -------------------------------------------------------------------------------------------

ALL_JOBS=png,svg,pdf,html,furniture,batch,scaling,sites10k,sites100k,world110m,country10m,density
# single renders of hotmap: these get the --timings pass (stage breakdown)
TIMINGS_JOBS="png svg pdf html sites10k sites100k world110m country10m density"
N=5; TOOLS=hotmap,gmt,geopandas; JOBS=$ALL_JOBS; KEEP=; INSTALL=1; CARTOPY=0
SLOW_LIMIT=60; SLOW_ROUNDS=3; RESULTS=; RESULTS_GIVEN=0
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    -n) N=${2:?-n needs a number}; shift 2 ;;
    --with-cartopy) CARTOPY=1; shift ;;
    --tools) TOOLS=${2:?}; shift 2 ;;
    --jobs) JOBS=${2:?}; shift 2 ;;
    --slow-limit) SLOW_LIMIT=${2:?}; shift 2 ;;
    --slow-rounds) SLOW_ROUNDS=${2:?}; shift 2 ;;
    --results) RESULTS=$(realpath -m "${2:?}"); RESULTS_GIVEN=1; shift 2 ;;
    --keep) KEEP=$(realpath -m "${2:?}"); shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for v in "$N" "$SLOW_LIMIT" "$SLOW_ROUNDS"; do
  case "$v" in ''|*[!0-9]*|0) echo "compare.sh: -n, --slow-limit and --slow-rounds want positive integers" >&2; exit 2 ;; esac
done
[ "$CARTOPY" = 1 ] && case ",$TOOLS," in *,cartopy,*) ;; *) TOOLS=$TOOLS,cartopy ;; esac
IFS=, read -r -a TOOL_LIST <<< "$TOOLS"
IFS=, read -r -a JOB_LIST <<< "$JOBS"
for t in "${TOOL_LIST[@]}"; do
  case "$t" in hotmap|gmt|geopandas) ;; cartopy) CARTOPY=1 ;;
    *) echo "compare.sh: unknown tool '$t'" >&2; exit 2 ;; esac
done
for j in "${JOB_LIST[@]}"; do
  case ",$ALL_JOBS," in *",$j,"*) ;; *) echo "compare.sh: unknown job '$j'" >&2; exit 2 ;; esac
done
has_tool() { case ",$TOOLS," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
has_job() { case ",$JOBS," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
# RESULTS.md is the project's record: by default written only by a full run
FULL_RUN=1
for j in ${ALL_JOBS//,/ }; do has_job "$j" || FULL_RUN=0; done
[ "$N" -ge 5 ] || FULL_RUN=0
has_tool hotmap || FULL_RUN=0
if [ "$RESULTS_GIVEN" = 0 ] && [ "$FULL_RUN" = 1 ]; then RESULTS=$ROOT/bench/RESULTS.md; fi
# the anchors' folder (scripts, world-atlas data, CSVs) serves every job but furniture and
# scaling (hotmap only: they read $CSV, or the repo's copy of it when it is not prepared)
NEED_ANCHORS=0
for j in png svg pdf html batch sites10k sites100k world110m country10m density; do has_job "$j" && NEED_ANCHORS=1; done
NOTES=()   # lines for the report
note() { NOTES+=("$*"); say "$*"; }
say() { printf '== %s\n' "$*" >&2; }
declare -A JOB_SKIP=()   # hotmap-only job -> why it is skipped
for j in furniture scaling; do
  has_job "$j" && ! has_tool hotmap && JOB_SKIP[$j]="$j job skipped: hotmap is not in --tools"
done

if [ "$NEED_ANCHORS" = 1 ] && [ ! -d "$ANCHOR_DIR" ]; then
  echo "compare.sh: $ANCHOR_DIR is missing: the reference scripts (shared/anchor-bench) must sit" \
       "beside the repo as ../shared/anchor-bench" >&2
  exit 2
fi

# ---- 1. dependencies (skipped when all present) -------------------------------------------
PKGS=(gmt gmt-dcw gmt-gshhg-low ghostscript python3-geopandas python3-matplotlib python3-pyproj
      python3-numpy poppler-utils gdal-bin time)
[ "$CARTOPY" = 1 ] && PKGS+=(python3-cartopy)
command -v npm >/dev/null 2>&1 || PKGS+=(npm)
[ "$NEED_ANCHORS" = 1 ] || PKGS=(time)   # furniture/scaling alone: hotmap and GNU time only
missing_pkgs() {
  local p
  for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
  done
}
mapfile -t MISSING < <(missing_pkgs)
if [ "${#MISSING[@]}" -gt 0 ]; then
  if [ "$INSTALL" = 0 ]; then
    echo "compare.sh: missing packages (--no-install given): ${MISSING[*]}" >&2; exit 1
  fi
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  say "installing: ${MISSING[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${MISSING[@]}" >&2
fi

# data: world-atlas 2.0.2 from npm -> shapefiles/OGR_GMT + CSVs under /tmp/anchors
TGZ=$CACHE/world-atlas-2.0.2.tgz
if [ "$NEED_ANCHORS" = 1 ] &&
   { [ ! -s "$A/data/countries_10m.shp" ] || [ ! -s "$A/data/countries_10m.gmt" ] ||
     [ ! -s "$CSV" ] || [ ! -s "$CSV10K" ] || [ ! -s "$CSV100K" ]; }; then
  [ "$INSTALL" = 1 ] || { echo "compare.sh: $A is not prepared (--no-install given)" >&2; exit 1; }
  if [ ! -s "$TGZ" ]; then
    mkdir -p "$CACHE"
    say "npm pack world-atlas@2.0.2 -> $CACHE"
    (cd "$CACHE" && npm pack world-atlas@2.0.2 --silent >/dev/null)
  fi
  say "prepare_data.sh $TGZ"
  bash "$ANCHOR_DIR/prepare_data.sh" "$TGZ" >&2
fi
# density: 1 million points, generated with a fixed seed
if has_job density && [ ! -s "$CSV1M" ]; then
  say "gen_density.py $CSV1M"
  "$PY" "$OWN_ANCHORS/gen_density.py" "$CSV1M"
fi

# world110m: prepare_data.sh converts only the 1:10m and 1:50m countries; convert 1:110m the
# same way (ogr2ogr of world-atlas' TopoJSON), then cut it at the antimeridian
# (bench/anchors/cut_antimeridian.py: world-atlas' Russia, Fiji and Antarctica rings are stitched
# across +-180 for spherical drawing and give bands across a flat world map; hotmap's shipped
# shapes had the same done by shapes/build.sh) and write OGR_GMT for GMT. Once: skipped when
# both files are there (the .gmt is written last).
if has_job world110m && { [ ! -s "$SHP110" ] || [ ! -s "$GMT110" ]; }; then
  [ -s "$A/package/countries-110m.json" ] ||
    { echo "compare.sh: $A/package/countries-110m.json missing: run prepare_data.sh (without --no-install)" >&2; exit 1; }
  say "converting $A/package/countries-110m.json -> $SHP110 and ${GMT110##*/} (cut at the antimeridian)"
  T110=$(mktemp -d "${TMPDIR:-/tmp}/hotmap-110m.XXXXXX")
  ogr2ogr -f "ESRI Shapefile" -overwrite -lco ENCODING=UTF-8 -a_srs EPSG:4326 -nlt MULTIPOLYGON \
    -nln countries_110m "$T110/raw.shp" "$A/package/countries-110m.json" countries >&2
  "$PY" "$OWN_ANCHORS/cut_antimeridian.py" "$T110/raw.shp" "$T110/countries_110m.shp" >&2
  # -skipfailures as prepare_data.sh (the OGR_GMT writer rejects empty geometries)
  ogr2ogr -skipfailures -f OGR_GMT -nlt MULTIPOLYGON "$T110/countries_110m.gmt" "$T110/countries_110m.shp" >&2
  mkdir -p "$A/data"; rm -f "$GMT110"
  for e in shp shx dbf prj cpg; do
    [ ! -e "$T110/countries_110m.$e" ] || mv -f "$T110/countries_110m.$e" "$A/data/countries_110m.$e"
  done
  mv -f "$T110/countries_110m.gmt" "$GMT110"
  rm -rf "$T110"
fi

# country10m: the country's bbox in the anchors' 10m polygons, padded 5% per side (as
# gmt_country.sh computes it on every run), for hotmap's --extent W,S,E,N
COUNTRY_EXTENT=
if has_job country10m; then
  COUNTRY_EXTENT=$(awk -v want="$COUNTRY_NAME" '
    /^# @D/ { split(substr($0, 5), f, "|"); cur = f[2]; next }
    /^[#>]/ { next }
    cur == want {
      x = $1 + 0; y = $2 + 0
      if (!n++) { x0 = x1 = x; y0 = y1 = y }
      if (x < x0) x0 = x; if (x > x1) x1 = x
      if (y < y0) y0 = y; if (y > y1) y1 = y
    }
    END { if (!n) exit 1; dx = (x1 - x0) * 0.05; dy = (y1 - y0) * 0.05
          printf "%.6f,%.6f,%.6f,%.6f\n", x0 - dx, y0 - dy, x1 + dx, y1 + dy }' "$A/data/countries_10m.gmt") ||
    { echo "compare.sh: no country '$COUNTRY_NAME' in $A/data/countries_10m.gmt" >&2; exit 2; }
  say "country10m: $COUNTRY_NAME, extent (W,S,E,N, bbox padded 5%) $COUNTRY_EXTENT"
fi

# hotmap: build it when the binary is missing
if has_tool hotmap && [ ! -x "$HOTMAP" ]; then
  if [ -x "$ROOT/build.sh" ] || [ -f "$ROOT/build.sh" ]; then
    say "$HOTMAP missing: running ./build.sh"
    (cd "$ROOT" && bash ./build.sh) >&2 || say "./build.sh failed"
  else
    say "$HOTMAP missing and there is no $ROOT/build.sh"
  fi
fi
if [ ! -s "$CSV" ]; then   # furniture/scaling alone on an unprepared machine: the repo's copy
  CSV=$ROOT/examples/sites.csv
fi
if has_tool hotmap && [ ! -e "$SHAPES" ]; then
  note "$SHAPES not found: hotmap used $SHAPES_FALLBACK (same world-atlas data)"
  SHAPES=$SHAPES_FALLBACK
fi
if has_tool hotmap && has_job world110m && [ ! -e "$SHAPES110" ]; then
  note "$SHAPES110 not found: hotmap used $SHP110 (the anchors' 1:110m, same world-atlas data)"
  SHAPES110=$SHP110
fi
HAS_PLAIN=0; HAS_BATCH=0; HAS_TIMINGS=0; HAS_CLUSTER=0
if [ -x "$HOTMAP" ]; then
  # the help read whole first: "hotmap --help | grep -q" under pipefail failed
  # whenever grep quit before hotmap had written the rest (SIGPIPE), and the
  # 100k job then ran without --cluster none now and then
  RENDER_HELP=$("$HOTMAP" render --help 2>&1 || true)
  case "$RENDER_HELP" in *--plain*) HAS_PLAIN=1 ;; esac
  case "$RENDER_HELP" in *--cluster*) HAS_CLUSTER=1 ;; esac
  case "$RENDER_HELP" in *--timings*) HAS_TIMINGS=1 ;; esac
  "$HOTMAP" batch --help >/dev/null 2>&1 && HAS_BATCH=1
fi
DO_TIMINGS=0
if has_tool hotmap; then
  for j in $TIMINGS_JOBS; do has_job "$j" && DO_TIMINGS=1; done
  if [ "$DO_TIMINGS" = 1 ] && [ "$HAS_TIMINGS" = 0 ]; then
    DO_TIMINGS=0; note "hotmap render has no --timings: no stage breakdown"
  fi
fi

# furniture needs hotmap's --plain (symbols only); until it has one, skip the job
if has_job furniture && has_tool hotmap && [ -z "${JOB_SKIP[furniture]:-}" ]; then
  if [ ! -x "$HOTMAP" ]; then
    JOB_SKIP[furniture]="furniture job skipped: no hotmap binary at $HOTMAP"
  elif [ "$HAS_PLAIN" = 0 ]; then
    JOB_SKIP[furniture]="hotmap has no --plain yet: furniture job skipped"
  fi
fi
for j in furniture scaling; do
  [ -n "${JOB_SKIP[$j]:-}" ] || continue
  note "${JOB_SKIP[$j]}"
  JOB_LIST=()
  for k in ${JOBS//,/ }; do [ "$k" = "$j" ] || JOB_LIST+=("$k"); done
  JOBS=$(IFS=,; echo "${JOB_LIST[*]}")
  if [ "${#JOB_LIST[@]}" = 0 ]; then echo "compare.sh: ${JOB_SKIP[$j]}; nothing to run" >&2; exit 0; fi
done

# batch: the countries the anchors' batch scripts draw, as ISO3 for hotmap --countries
BATCH_NAMES=; BATCH_ISO=; BATCH_COUNT=
if has_job batch; then
  BATCH_NAMES=$(sed -n 's/^COUNTRIES="\(.*\)"$/\1/p' "$ANCHOR_DIR/gmt_batch.sh")
  for f in geopandas_batch.py cartopy_batch.py; do
    py_names=$(sed -n 's/^COUNTRIES = \[\(.*\)\]$/\1/p' "$ANCHOR_DIR/$f" | tr -d '",' | xargs)
    [ "$py_names" = "$BATCH_NAMES" ] ||
      note "warning: $f draws '$py_names', gmt_batch.sh '$BATCH_NAMES'"
  done
  for c in $BATCH_NAMES; do
    [ -n "${ISO3[$c]:-}" ] || { echo "compare.sh: no ISO3 code for anchor country '$c': add it to ISO3" >&2; exit 2; }
    BATCH_ISO+=${BATCH_ISO:+,}${ISO3[$c]}
  done
  BATCH_COUNT=$(wc -w <<< "$BATCH_NAMES")
  say "batch countries: $BATCH_NAMES -> --countries $BATCH_ISO"
fi

# the "tools" of a job: furniture compares two hotmap command lines, scaling hotmap batch -j 1
# and -j 2, batch hotmap -j 1 and -j 2 and the anchors' loops, the others the tools of --tools
job_tools() {
  case "$1" in
    furniture) echo full plain ;;
    scaling) if has_tool hotmap; then echo hotmap_j1 hotmap_j2; fi ;;
    batch) local t l=(); has_tool hotmap && l+=(hotmap_j1 hotmap_j2)
           for t in "${TOOL_LIST[@]}"; do [ "$t" = hotmap ] || l+=("$t"); done; echo "${l[@]}" ;;
    *) echo "${TOOL_LIST[@]}" ;;
  esac
}

# ---- 2. the runs ---------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hotmap-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# run a snapshot of the binary, so that a rebuild during the run does not mix two versions;
# a copy outside the build tree finds the repo's shapes through HOTMAP_DATA_DIR
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "no commit")
DIRTY=$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo ", uncommitted changes" || true)
HOTMAP_BUILT=
if [ -x "$HOTMAP" ]; then
  HOTMAP_BUILT=$(date -u -r "$HOTMAP" '+%Y-%m-%d %H:%M UTC')
  mkdir -p "$WORK/bin"; cp "$HOTMAP" "$WORK/bin/hotmap"; HOTMAP=$WORK/bin/hotmap
  export HOTMAP_DATA_DIR=${HOTMAP_DATA_DIR:-$ROOT}
fi
RES=$WORK/results.tsv   # job tool round wall_s rss_kib status
TIM=$WORK/timings.tsv   # job round load_csv load_shapes project layout draw encode total (ms)
: > "$RES"; : > "$WORK/outputs.tsv"; : > "$TIM"
declare -A BROKEN=()    # "job/tool" -> reason; such a pair is not run again
declare -A SLOW=()      # "job/tool" -> warm-up seconds, for tools over --slow-limit
SCALING_COUNT=; SCALING_PX=   # maps per scaling run and their pixel size (set by its first run)

# scaling check (not timed), on the scaling job's command line at -j 2 with --verbose: hotmap's
# own count of shapefile reads, and strace's count of opens of each shapefile's .dbf (one per
# read; the .shp is opened twice per read, once for its header check)
SCALING_VERBOSE=; SCALING_STRACE=; SCALING_ONCE=
if has_job scaling && has_tool hotmap && [ "$HAS_BATCH" = 1 ]; then
  hotmap_scaling_cmd "$WORK/verbose-out" 2 --verbose
  if command -v strace >/dev/null 2>&1; then
    strace -f -qq -e trace=open,openat -o "$WORK/strace" "${CMD[@]}" > "$WORK/verbose.log" 2>&1 || true
    SCALING_STRACE=$(grep -o '"[^"]*\.dbf"' "$WORK/strace" | sort | uniq -c |
      awk '{ n++; if ($1 != 1) bad++; f = $2; sub(/.*\//, "", f)
             s = s sprintf("%s%s %dx", n > 1 ? ", " : "", f, $1) }
           END { gsub(/"/, "", s); printf "%s %d shapefiles opened (.dbf): %s\n", bad ? "FAIL" : "ok", n, s }')
    SCALING_STRACE=${SCALING_STRACE:-FAIL no shapefile opened}
  else
    "${CMD[@]}" > "$WORK/verbose.log" 2>&1 || true
    SCALING_STRACE="not checked (no strace)"
  fi
  SCALING_VERBOSE=$(grep -m1 'shapefiles read' "$WORK/verbose.log" || echo "no 'shapefiles read' line in --verbose output")
  SCALING_VERBOSE=${SCALING_VERBOSE#hotmap: }
  say "scaling -j 2 --verbose: $SCALING_VERBOSE"
  say "scaling -j 2 strace:    $SCALING_STRACE"
  SCALING_ONCE=0
  case "$SCALING_VERBOSE" in *"(each once)"*) case "$SCALING_STRACE" in ok*|"not checked"*) SCALING_ONCE=1 ;; esac ;; esac
  rm -rf "$WORK/verbose-out" "$WORK/strace"
fi

# run_one JOB TOOL ROUND: runs once, appends a line to $RES; returns non-zero on failure
# job_cmd JOB TOOL DIR: the command line of one run of JOB by TOOL writing into DIR: sets
# CMD, OUT (output file, or folder for batch), EXT (png/svg/pdf) and KIND (file or dir)
job_cmd() {
  local job=$1 tool=$2 d=$3 labels=1 csv=$CSV
  EXT=$job; KIND='file'; CMD=()
  case "$job" in furniture|sites10k|sites100k|world110m|country10m|density) EXT=png ;; batch|scaling) KIND='dir' ;; esac
  # the anchors have no web page: their SVG is the yardstick
  [ "$job" = html ] && [ "$tool" != hotmap ] && EXT=svg
  OUT=$d/out.$EXT; [ "$KIND" = dir ] && OUT=$d/out
  case "$job" in sites10k) labels=0; csv=$CSV10K ;; sites100k) labels=0; csv=$CSV100K ;; esac
  case "$job/$tool" in
    batch/hotmap_j1) hotmap_batch_cmd "$OUT" 1 ;;
    batch/hotmap_j2) hotmap_batch_cmd "$OUT" 2 ;;
    scaling/hotmap_j1) hotmap_scaling_cmd "$OUT" 1 ;;
    scaling/hotmap_j2) hotmap_scaling_cmd "$OUT" 2 ;;
    batch/gmt)       CMD=(bash "$ANCHOR_DIR/gmt_batch.sh" "$CSV" "$OUT") ;;
    batch/geopandas) CMD=("$PY" "$ANCHOR_DIR/geopandas_batch.py" --csv "$CSV" --outdir "$OUT") ;;
    batch/cartopy)   CMD=("$PY" "$ANCHOR_DIR/cartopy_batch.py" --csv "$CSV" --outdir "$OUT") ;;
    furniture/full)  hotmap_cmd "$OUT"; CMD+=("${FURNITURE_FULL[@]}") ;;
    furniture/plain) hotmap_cmd "$OUT"; CMD+=("${FURNITURE_PLAIN[@]}") ;;
    world110m/hotmap) hotmap_world_cmd "$OUT" ;;
    world110m/gmt)   CMD=(bash "$OWN_ANCHORS/gmt_world.sh" "$CSV" "$EXT" "$d/out" 1) ;;
    world110m/*)     CMD=("$PY" "$OWN_ANCHORS/${tool}_world.py" --csv "$CSV" --fmt "$EXT" --out "$d/out") ;;
    country10m/hotmap) hotmap_country_cmd "$OUT" ;;
    country10m/gmt)  CMD=(bash "$OWN_ANCHORS/gmt_country.sh" "$CSV" "$EXT" "$d/out" 1 "$COUNTRY_NAME") ;;
    country10m/*)    CMD=("$PY" "$OWN_ANCHORS/${tool}_country.py" --csv "$CSV" --fmt "$EXT" --out "$d/out"
                          --country "$COUNTRY_NAME") ;;
    density/hotmap)  hotmap_cmd "$OUT" "$CSV1M"; CMD+=(--mode hexbin --title "Points per hexagon") ;;
    density/geopandas) CMD=("$PY" "$OWN_ANCHORS/geopandas_density.py" --csv "$CSV1M" --out "$d/out") ;;
    density/gmt)     CMD=(bash "$OWN_ANCHORS/gmt_density.sh" "$CSV1M" "$d/out") ;;
    density/*)       CMD=(false) ;;
    # the anchors draw every site: so does hotmap (--cluster none), whose
    # default clusters a crowd that no symbol size can show
    */hotmap)        hotmap_cmd "$OUT" "$csv"; [ "$labels" = 0 ] && CMD+=(--plain)
                     [ "$labels" = 0 ] && [ "$HAS_CLUSTER" = 1 ] && CMD+=(--cluster none) ;;
    */gmt)           CMD=(bash "$ANCHOR_DIR/gmt_map.sh" "$csv" "$EXT" "$d/out" "$labels") ;;
    */geopandas|*/cartopy)
      CMD=("$PY" "$ANCHOR_DIR/${tool}_map.py" --csv "$csv" --fmt "$EXT" --out "$d/out")
      [ "$labels" = 0 ] && CMD+=(--no-labels) ;;
  esac
  return 0
}

run_one() {
  local job=$1 tool=$2 round=$3 d out rc t0 t1 rss ext kind
  d=$WORK/$job-$tool; mkdir -p "$d"; rm -rf "$d"/out "$d"/out.*
  job_cmd "$job" "$tool" "$d"
  out=$OUT; ext=$EXT; kind=$KIND
  local why=
  case "$job/$tool" in
    furniture/*|*/hotmap*) [ -x "$HOTMAP" ] || why="no binary at $HOTMAP" ;;
  esac
  case "$job/$tool" in
    sites10k/hotmap|sites100k/hotmap) [ -z "$why" ] && [ "$HAS_PLAIN" = 0 ] && why="hotmap has no --plain" ;;
    density/cartopy) why="no cartopy anchor for the density job (geopandas draws the same)" ;;
  esac
  [ -z "$why" ] && { [ "$job" = batch ] || [ "$job" = scaling ]; } && [ "${tool#hotmap}" != "$tool" ] &&
    [ "$HAS_BATCH" = 0 ] &&
    why="hotmap has no batch command"
  if [ -n "$why" ]; then
    BROKEN[$job/$tool]=$why
    printf '%s\t%s\t%s\t-\t-\tmissing\n' "$job" "$tool" "$round" >> "$RES"
    return 1
  fi
  t0=$EPOCHREALTIME
  set +e
  /usr/bin/time -f %M -o "$d/time" "${CMD[@]}" < /dev/null > "$d/log" 2>&1
  rc=$?
  set -e
  t1=$EPOCHREALTIME
  rss=$(tail -n 1 "$d/time" 2>/dev/null || true)
  local status=ok
  if [ "$rc" != 0 ]; then status="exit $rc"
  elif [ "$kind" = dir ]; then
    local npng want=$BATCH_COUNT; npng=$(find "$out" -maxdepth 1 -name '*.png' -size +0 2>/dev/null | wc -l)
    if [ "$job" = scaling ]; then
      # every country with sites: the number of maps the first scaling run that exits 0 wrote
      # (the -j 1 warm-up, which runs first), at least one; later runs must write as many
      if [ -z "$SCALING_COUNT" ] && [ "$npng" -ge 1 ]; then
        SCALING_COUNT=$npng
        SCALING_PX=$(png_dims "$(find "$out" -maxdepth 1 -name '*.png' | sort | head -n 1)")
        say "scaling: $tool $round run wrote $SCALING_COUNT maps ($SCALING_PX): every run must write as many"
      fi
      want=${SCALING_COUNT:-1}
    fi
    [ "$npng" = "$want" ] || status="$npng of $want maps"
  elif [ ! -s "$out" ]; then status="no output"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$job" "$tool" "$round" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" "${rss:--}" "$status" >> "$RES"
  if [ "$status" != ok ]; then
    say "$tool $job (round $round) FAILED: $status; last lines of its output:"
    tail -n 15 "$d/log" | sed 's/^/   | /' >&2
    [ "$round" = warmup ] && BROKEN[$job/$tool]=$status
    return 1
  fi
  if [ "$round" = warmup ]; then
    if [ -n "$KEEP" ]; then
      mkdir -p "$KEEP"
      if [ "$kind" = dir ]; then rm -rf "$KEEP/$job-$tool"; cp -r "$out" "$KEEP/$job-$tool"
      else cp "$out" "$KEEP/$job-$tool.$ext"; fi
    fi
    printf '%s\t%s\t%s\n' "$job" "$tool" "$(describe "$out")" >> "$WORK/outputs.tsv"
  fi
  return 0
}

# timings_one JOB ROUND: hotmap's run of JOB once more, untimed, without --quiet and with
# --timings; appends "job round load_csv load_shapes project layout draw encode total" (ms, "-"
# for a figure missing from hotmap's line) to $TIM
TIM_KEYS="load CSV|load shapes|project|layout|draw|encode|total"
timings_one() {
  local job=$1 round=$2 d=$WORK/$1-hotmap-timings a line vals rc
  mkdir -p "$d"; rm -rf "$d"/out "$d"/out.*
  job_cmd "$job" hotmap "$d"
  local c=()
  for a in "${CMD[@]}"; do [ "$a" = --quiet ] || c+=("$a"); done
  c+=(--timings)
  set +e
  "${c[@]}" < /dev/null > "$d/log" 2>&1
  rc=$?
  set -e
  if [ "$rc" != 0 ]; then
    say "hotmap $job --timings (round $round) FAILED: exit $rc; last lines of its output:"
    tail -n 15 "$d/log" | sed 's/^/   | /' >&2
    return 1
  fi
  # "hotmap: timings (ms): load CSV 0.1, load shapes 6.3, project 6.1, layout 20.2, draw 9.0,
  # encode 162.2; total 210.9": each figure by its name, wherever it stands in the line
  line=$(grep -m1 -i 'timings' "$d/log" || true)
  vals=$(awk -v l="$line" -v keys="$TIM_KEYS" 'BEGIN {
      n = split(keys, k, "|"); l = tolower(l)
      for (i = 1; i <= n; i++) {
        v = "-"
        if (match(l, "(^|[^a-z])" tolower(k[i]) "[ :=]+[0-9]+([.][0-9]+)?")) {
          m = substr(l, RSTART, RLENGTH)
          if (match(m, "[0-9]+([.][0-9]+)?$")) v = substr(m, RSTART, RLENGTH)
        }
        printf "%s%s", (i > 1 ? "\t" : ""), v
      } }')
  printf '%s\t%s\t%s\n' "$job" "$round" "$vals" >> "$TIM"
  [ -n "$line" ] || say "hotmap $job --timings (round $round): no timings line in its output"
  return 0
}

png_dims() { od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d px", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'; }
describe() {  # size, and pixel size of a PNG (IHDR) / width,height of an SVG / page size of a PDF
  local f=$1 kib dims=
  if [ -d "$f" ]; then   # batch folder: number of PNGs, total size, pixel size of the first
    local first n
    first=$(find "$f" -maxdepth 1 -name '*.png' | sort | head -n 1)
    n=$(find "$f" -maxdepth 1 -name '*.png' | wc -l)
    kib=$(( ($(find "$f" -maxdepth 1 -name '*.png' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }') + 1023) / 1024 ))
    echo "$n PNG, $kib KiB${first:+, $(png_dims "$first")}"
    return
  fi
  kib=$(( ($(stat -c %s "$f") + 1023) / 1024 ))
  case "$f" in
    *.png) dims=$(png_dims "$f") ;;
    *.svg) dims=$(head -c 4000 "$f" | tr '\n' ' ' | grep -o '<svg[^>]*>' | head -n 1 |
                  grep -o ' \(width\|height\)="[^"]*"' | tr -d ' "' | paste -sd' ' || true) ;;
    *.pdf) dims=$(pdfinfo "$f" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]* x [0-9.]* pts\).*/\1/p' || true) ;;
  esac
  echo "$kib KiB${dims:+, $dims}"
}

rotate() {  # rotate ROUND JOB: print the job's tool list rotated by ROUND
  local r=$1 list i k
  read -r -a list <<< "$(job_tools "$2")"
  k=${#list[@]}
  for ((i = 0; i < k; i++)); do echo "${list[$(((i + r) % k))]}"; done
}
# a slow tool runs in K of the N rounds, spread out: round r when floor(rK/N) steps up
slow_round() { local r=$1 k=$(( SLOW_ROUNDS < N ? SLOW_ROUNDS : N )); [ $(( r * k / N )) -gt $(( (r - 1) * k / N )) ]; }

fuzz_count() { pgrep -c -f '(^|/)fuzz_' 2>/dev/null || true; }
START_DATE=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
FUZZ0=$(fuzz_count)
say "warm-up (not counted)"
for job in "${JOB_LIST[@]}"; do
  for tool in $(job_tools "$job"); do
    run_one "$job" "$tool" warmup || true
    w=$(awk -F'\t' -v j="$job" -v t="$tool" '$1 == j && $2 == t && $3 == "warmup" && $6 == "ok" { print $4 }' "$RES")
    if [ -n "$w" ] && [ "$SLOW_ROUNDS" -lt "$N" ] && awk -v w="$w" -v l="$SLOW_LIMIT" 'BEGIN { exit !(w > l) }'; then
      SLOW[$job/$tool]=$w
      rounds=; for ((r = 1; r <= N; r++)); do slow_round "$r" && rounds+=${rounds:+,}$r; done
      note "$job/$tool: warm-up took $w s > $SLOW_LIMIT s, so it runs in $SLOW_ROUNDS of the $N rounds (rounds $rounds)"
    fi
  done
done
for ((r = 1; r <= N; r++)); do
  say "round $r/$N"
  for job in "${JOB_LIST[@]}"; do
    while read -r tool; do
      [ -n "${BROKEN[$job/$tool]:-}" ] && continue
      [ -n "${SLOW[$job/$tool]:-}" ] && ! slow_round "$r" && continue
      run_one "$job" "$tool" "$r" || true
    done < <(rotate "$r" "$job")
  done
  # stage breakdown: hotmap's single renders again, untimed, with --timings
  if [ "$DO_TIMINGS" = 1 ]; then
    for job in "${JOB_LIST[@]}"; do
      case " $TIMINGS_JOBS " in *" $job "*) ;; *) continue ;; esac
      [ -n "${BROKEN[$job/hotmap]:-}" ] && continue
      timings_one "$job" "$r" || true
    done
  fi
done
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
FUZZ1=$(fuzz_count)
END_DATE=$(date -u '+%H:%M:%S UTC')

# ---- 3. report -----------------------------------------------------------------------------
ver() { local o; if o=$("$@" 2>/dev/null); then printf '%s\n' "${o%%$'\n'*}"; fi; }
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
MEM=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
OS=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-}")
HMV=; [ -x "$HOTMAP" ] && HMV=$(ver "$HOTMAP" --version)
VERSIONS="${HMV:-hotmap ?} (repo $COMMIT$DIRTY${HOTMAP_BUILT:+, binary built $HOTMAP_BUILT}); GMT $(ver gmt --version); ghostscript $(ver gs --version)"
VERSIONS+="; geopandas $($PY -c 'import geopandas; print(geopandas.__version__)' 2>/dev/null || echo ?)"
VERSIONS+=", matplotlib $($PY -c 'import matplotlib; print(matplotlib.__version__)' 2>/dev/null || echo ?)"
[ "$CARTOPY" = 1 ] && VERSIONS+=", cartopy $($PY -c 'import cartopy; print(cartopy.__version__)' 2>/dev/null || echo ?)"
BROKEN_TSV=$WORK/broken.tsv; : > "$BROKEN_TSV"
for k in "${!BROKEN[@]}"; do printf '%s\t%s\n' "$k" "${BROKEN[$k]}" >> "$BROKEN_TSV"; done
NOTES_TXT=$WORK/notes.txt; : > "$NOTES_TXT"
for l in "${NOTES[@]}"; do printf '%s\n' "$l" >> "$NOTES_TXT"; done
if [ -z "$RESULTS" ]; then
  printf 'bench/RESULTS.md not updated: only a full run (every job, -n >= 5, hotmap in --tools) writes it; --results FILE to write anyway\n' >> "$NOTES_TXT"
fi

FURNITURE_DESC="full = ${FURNITURE_FULL[*]}, plain = ${FURNITURE_PLAIN[*]}"
export START_DATE END_DATE LOAD0 LOAD1 FUZZ0 FUZZ1 CPU MEM OS VERSIONS N TOOLS JOBS
export FURNITURE_MAX FURNITURE_DESC SCALING_J_MIN SPEEDUP_MIN MEM_EXAMPLE_MAX MEM_100K_MAX
export BATCH_NAMES BATCH_ISO ARGS_GIVEN CARTOPY BATCH_SIZE
export SCALING_VERBOSE SCALING_STRACE SCALING_ONCE SCALING_COUNT SCALING_PX
export COUNTRY_NAME COUNTRY_EXTENT HM_WORLD_EXTENT HM_WORLD_PROJ TIMINGS_JOBS
SHAPES_SHOWN=${SHAPES#"$ROOT"/}; SHAPES110_SHOWN=${SHAPES110#"$ROOT"/}; export SHAPES_SHOWN SHAPES110_SHOWN
NPROC=$(nproc); export NPROC
set +e
"$PY" - "$RES" "$WORK/outputs.tsv" "$BROKEN_TSV" "$NOTES_TXT" "$ROOT/bench/last-run.md" "$RESULTS" "$TIM" <<'PYEOF'
import os, statistics, sys
res, outputs, broken, notes, md_path, results_path, timings = sys.argv[1:8]
E = os.environ
rows = [l.rstrip("\n").split("\t") for l in open(res) if l.strip()]
outs = {(j, t): d for j, t, d in (l.rstrip("\n").split("\t") for l in open(outputs) if l.strip())}
brk = dict(l.rstrip("\n").split("\t", 1) for l in open(broken) if l.strip())
jobs, tools = E["JOBS"].split(","), E["TOOLS"].split(",")
anchors_all = [t for t in ("gmt", "geopandas", "cartopy") if t in tools]
JOBNAME = {"png": "example PNG", "svg": "example SVG", "pdf": "example PDF",
           "html": "example HTML (anchors: SVG)",
           "furniture": "furniture PNG", "batch": "batch of 5",
           "scaling": f"scaling (batch of {E.get('SCALING_COUNT') or 'all'})", "sites10k": "10k sites PNG",
           "sites100k": "100k sites PNG", "world110m": "world 110m PNG",
           "country10m": f"{E['COUNTRY_NAME']} 10m PNG", "density": "density 1M PNG"}
TOOLNAME = {("furniture", "full"): "hotmap full", ("furniture", "plain"): "hotmap --plain",
            ("batch", "hotmap_j1"): "hotmap -j 1", ("batch", "hotmap_j2"): "hotmap -j 2",
            ("scaling", "hotmap_j1"): "hotmap -j 1", ("scaling", "hotmap_j2"): "hotmap -j 2",
            ("sites10k", "hotmap"): "hotmap --plain", ("sites100k", "hotmap"): "hotmap --plain"}
for t in anchors_all:
    TOOLNAME["sites10k", t] = t + " (no labels)"
    TOOLNAME["sites100k", t] = t + " (no labels)"
    TOOLNAME["batch", t] = f"{t} ({t}_batch)"
    TOOLNAME["world110m", t] = f"{t} ({t}_world)"
    TOOLNAME["country10m", t] = f"{t} ({t}_country)"
    TOOLNAME["density", t] = f"{t} ({t}_density)"
TOOLNAME["density", "hotmap"] = "hotmap --mode hexbin"
REF = {"furniture": "plain", "batch": "hotmap_j2", "scaling": "hotmap_j2"}   # "time / ref" column

def jtools(j):
    if j == "furniture":
        return ["full", "plain"]
    if j == "batch":
        return (["hotmap_j1", "hotmap_j2"] if "hotmap" in tools else []) + anchors_all
    if j == "scaling":
        return ["hotmap_j1", "hotmap_j2"] if "hotmap" in tools else []
    return tools

stat = {}
for j in jobs:
    for t in jtools(j):
        rs = [r for r in rows if r[0] == j and r[1] == t and r[2] != "warmup"]
        ok = [r for r in rs if r[5] == "ok"]
        wall = [float(r[3]) for r in ok]
        rss = [int(r[4]) for r in ok if r[4].isdigit()]
        stat[j, t] = dict(n=len(ok), fail=len(rs) - len(ok),
                          med=statistics.median(wall) if wall else None,
                          min=min(wall) if wall else None,
                          rss=max(rss) / 1024 if rss else None,
                          broken=brk.get(f"{j}/{t}"))
med = lambda j, t: stat.get((j, t), {}).get("med")
f = lambda x, p=3: "-" if x is None else f"{x:.{p}f}"
head = ["job", "tool", "runs ok", "median s", "min s", "peak RSS MiB", "time / ref", "output"]
table, summary, failed = [], [], False
for j in jobs:
    ref = med(j, REF.get(j, "hotmap"))
    for t in jtools(j):
        s = stat[j, t]
        if s["broken"] or s["fail"]:
            failed = True
        runs = f"{s['n']}/{s['n'] + s['fail']}" if not s["broken"] else f"FAILED ({s['broken']})"
        ratio = f"{s['med'] / ref:.2f}" if (ref and s["med"] is not None) else "-"
        table.append([JOBNAME[j], TOOLNAME.get((j, t), t), runs, f(s["med"]), f(s["min"]),
                      f(s["rss"], 0), ratio, outs.get((j, t), "-")])

def fastest(j, among):
    a = [(med(j, t), t) for t in among if med(j, t) is not None]
    return min(a) if a else (None, None)

crit = []   # (issue, what, measured, ok or None)
def criterion(issue, what, measured, ok):
    crit.append((issue, what, measured, ok))

S = float(E["SPEEDUP_MIN"])
for j in jobs:
    if j in ("png", "svg", "pdf"):
        hm = med(j, "hotmap")
        best, bt = fastest(j, [t for t in ("gmt", "geopandas") if t in tools])
        what = f"{JOBNAME[j]}: hotmap >= {S:g}x faster than the faster of GMT and geopandas"
        if hm and best:
            summary.append(f"{JOBNAME[j]}: hotmap {hm:.3f} s median, peak RSS "
                           f"{f(stat[j, 'hotmap']['rss'], 1)} MiB; faster of GMT/geopandas = {bt} "
                           f"{best:.2f} s -> ratio {best / hm:.1f}x (anchor / hotmap)")
            criterion(6, what, f"{best / hm:.1f}x ({bt} {best:.2f} s / hotmap {hm:.3f} s)", best / hm >= S)
        else:
            summary.append(f"{JOBNAME[j]}: no ratio (hotmap or both anchors missing or failed)")
            criterion(6, what, "not measured", None)
        gp = med(j, "geopandas")
        if j == "svg" and hm and gp:
            criterion(16, "example SVG: hotmap >= 20x faster than geopandas' SVG",
                      f"{gp / hm:.1f}x (geopandas {gp:.2f} s / hotmap {hm:.3f} s)", gp / hm >= 20)
    elif j == "html":
        hm, gp = med(j, "hotmap"), med(j, "geopandas")
        what = "example HTML: hotmap's page >= 20x faster than geopandas' SVG"
        if hm and gp:
            summary.append(f"{JOBNAME[j]}: hotmap {hm:.3f} s median, peak RSS "
                           f"{f(stat[j, 'hotmap']['rss'], 1)} MiB; geopandas' SVG {gp:.2f} s "
                           f"-> ratio {gp / hm:.1f}x")
            criterion(16, what, f"{gp / hm:.1f}x (geopandas {gp:.2f} s / hotmap {hm:.3f} s)", gp / hm >= 20)
        else:
            summary.append(f"{JOBNAME[j]}: no ratio (hotmap or geopandas missing or failed)")
            criterion(16, what, "not measured", None)
    elif j == "furniture":
        full, plain = med(j, "full"), med(j, "plain")
        lim = float(E["FURNITURE_MAX"])
        what = f"furniture: full / plain <= {lim:g}"
        if full is not None and plain:
            r = full / plain
            summary.append(f"furniture: full {full:.3f} s, plain {plain:.3f} s median -> ratio "
                           f"full/plain {r:.2f} ({'within' if r <= lim else 'OVER'} the "
                           f"{lim:g} of issue 3; {E['FURNITURE_DESC']})")
            criterion(3, what, f"{r:.2f} (full {full:.3f} s / plain {plain:.3f} s)", r <= lim)
        else:
            summary.append("furniture: no ratio (full or plain failed)")
            criterion(3, what, "not measured", None)
    elif j == "batch":
        j1, j2 = med(j, "hotmap_j1"), med(j, "hotmap_j2")
        ctry = f"{E['BATCH_NAMES']} = --countries {E['BATCH_ISO']}, {E['BATCH_SIZE']}"
        if j1 and j2:
            summary.append(f"batch ({ctry}): hotmap -j 1 {j1:.3f} s, -j 2 {j2:.3f} s median -> "
                           f"j1/j2 {j1 / j2:.2f} (information only: issue 4 is measured on the "
                           "scaling job)")
        elif "hotmap" in tools:
            summary.append("batch: no j1/j2 ratio (hotmap batch missing or failed)")
        best, bt = fastest(j, anchors_all)
        what = f"batch: hotmap -j 2 >= {S:g}x faster than the fastest anchor's loop"
        if j2 and best:
            summary.append(f"batch: fastest anchor = {bt}_batch {best:.2f} s -> ratio {best / j2:.1f}x "
                           f"(anchor / hotmap -j 2; issue 6 wants >= {S:g})")
            criterion(6, what, f"{best / j2:.1f}x ({bt} {best:.2f} s / hotmap {j2:.3f} s)", best / j2 >= S)
        else:
            criterion(6, what, "not measured", None)
    elif j == "scaling":
        j1, j2 = med(j, "hotmap_j1"), med(j, "hotmap_j2")
        lim = float(E["SCALING_J_MIN"])
        n, px = E.get("SCALING_COUNT"), (E.get("SCALING_PX") or "").replace(" px", "")
        desc = f"{n} maps, {px}" if n and px else "hotmap batch's defaults"
        what = f"scaling: all countries with sites ({desc}): time(-j 1) / time(-j 2) >= {lim:g}"
        if j1 and j2:
            summary.append(f"scaling (hotmap batch with its defaults: all countries with sites, {desc}): "
                           f"hotmap -j 1 {j1:.3f} s, -j 2 {j2:.3f} s median -> j1/j2 {j1 / j2:.2f} "
                           f"(issue 4 wants >= {lim:g})")
            criterion(4, what, f"{j1 / j2:.2f} (-j 1 {j1:.3f} s / -j 2 {j2:.3f} s)", j1 / j2 >= lim)
        else:
            summary.append("scaling: no j1/j2 ratio (hotmap batch missing or failed)")
            criterion(4, what, "not measured", None)
        what = "scaling: each shapefile read once (-j 2 --verbose)"
        if E.get("SCALING_VERBOSE"):
            v = E["SCALING_VERBOSE"]
            summary.append(f"scaling -j 2 --verbose: \"{v}\"; strace: {E['SCALING_STRACE']}")
            vn = v.split(" maps", 1)[0]
            if n and vn.isdigit() and vn != n:
                summary.append(f"warning: the --verbose run made {vn} maps, the timed runs {n}")
            criterion(4, what, f"\"{v}\"; strace: {E['SCALING_STRACE']}", E.get("SCALING_ONCE") == "1")
        else:
            criterion(4, what, "not measured", None)
    elif j in ("sites10k", "world110m", "country10m"):   # reported, no issue criterion
        hm = med(j, "hotmap")
        best, bt = fastest(j, anchors_all)
        hmname = "hotmap --plain" if j == "sites10k" else "hotmap"
        if hm and best:
            summary.append(f"{JOBNAME[j]}{' (no labels)' if j == 'sites10k' else ''}: {hmname} "
                           f"{hm:.3f} s median, peak RSS {f(stat[j, 'hotmap']['rss'], 1)} MiB; "
                           f"fastest anchor = {bt} {best:.2f} s -> ratio {best / hm:.1f}x "
                           "(anchor / hotmap; no issue criterion)")
        else:
            summary.append(f"{JOBNAME[j]}: no ratio (hotmap or every anchor missing or failed)")
    elif j == "density":
        hm = med(j, "hotmap")
        best, bt = fastest(j, [t for t in ("gmt", "geopandas") if t in tools])
        what = ("density: 1M points as a hexbin PNG, hotmap >= 8x faster than the faster of "
                "geopandas+matplotlib hexbin and GMT xyz2grd + grdimage")
        if hm and best:
            summary.append(f"density (1M points, hexbin): hotmap {hm:.3f} s median, peak RSS "
                           f"{f(stat[j, 'hotmap']['rss'], 1)} MiB; fastest anchor = {bt} {best:.2f} s "
                           f"-> ratio {best / hm:.1f}x (anchor / hotmap)")
            criterion(15, what, f"{best / hm:.1f}x ({bt} {best:.2f} s / hotmap {hm:.3f} s)", best / hm >= 8)
        else:
            summary.append("density: no ratio (hotmap or every anchor missing or failed)")
            criterion(15, what, "not measured", None)
    elif j == "sites100k":
        hm = med(j, "hotmap")
        best, bt = fastest(j, anchors_all)
        miss = [t for t in ("gmt", "geopandas", "cartopy") if t not in tools]
        what = (f"100k sites: hotmap --plain >= {S:g}x faster than the fastest of GMT, geopandas, cartopy"
                + (f" (not run: {', '.join(miss)})" if miss else ""))
        if hm and best:
            summary.append(f"100k sites (no labels): hotmap --plain {hm:.3f} s median, peak RSS "
                           f"{f(stat[j, 'hotmap']['rss'], 1)} MiB; fastest anchor = {bt} {best:.2f} s "
                           f"-> ratio {best / hm:.1f}x (anchor / hotmap)")
            criterion(6, what, f"{best / hm:.1f}x ({bt} {best:.2f} s / hotmap {hm:.3f} s)", best / hm >= S)
        else:
            summary.append("100k sites: no ratio (hotmap or every anchor missing or failed)")
            criterion(6, what, "not measured", None)
# memory
ex = [(stat[j, "hotmap"]["rss"], j) for j in ("png", "svg", "pdf")
      if j in jobs and (j, "hotmap") in stat and stat[j, "hotmap"]["rss"] is not None]
what = f"peak memory of the example map < {E['MEM_EXAMPLE_MAX']} MiB (largest of PNG/SVG/PDF)"
if not any(j in jobs for j in ("png", "svg", "pdf")):
    pass
elif ex:
    m, mj = max(ex)
    criterion(6, what, f"{m:.1f} MiB ({JOBNAME[mj]})", m < float(E["MEM_EXAMPLE_MAX"]))
else:
    criterion(6, what, "not measured", None)
what = f"peak memory with 100k sites < {E['MEM_100K_MAX']} MiB"
r = stat.get(("sites100k", "hotmap"), {}).get("rss")
if "sites100k" in jobs:
    criterion(6, what, "not measured" if r is None else f"{r:.1f} MiB",
              None if r is None else r < float(E["MEM_100K_MAX"]))

fz0, fz1 = E.get("FUZZ0") or "0", E.get("FUZZ1") or "0"
info = [f"date: {E['START_DATE']} to {E['END_DATE']}",
        f"machine: {E['NPROC']} CPUs, {E['CPU']}, {E['MEM']}, {E['OS']}",
        f"load: load average {E['LOAD0']} at start, {E['LOAD1']} at end; "
        f"fuzz_ processes running: {fz0} at start, {fz1} at end"
        + (" (nice 19, competing for the 2 cores: times are inflated)" if fz0 != "0" or fz1 != "0" else ""),
        f"versions: {E['VERSIONS']}",
        f"command: bench/compare.sh {E['ARGS_GIVEN']}".rstrip(),
        f"method: {E['N']} counted rounds after 1 warm-up run each, tool order rotated per round; "
        "wall time per process run; peak RSS = max over runs of GNU time %M (largest single process)",
        "time / ref: median / hotmap's median (furniture: / hotmap --plain; batch and scaling: "
        "/ hotmap -j 2)"]
if "batch" in jobs:
    info.append(f"batch: hotmap batch --size {E['BATCH_SIZE']} --dpi 300 with its default shapes "
                "(shipped Natural Earth, scale chosen per map); the anchors' batch scripts draw "
                "1200x900 px (4 x 3 in at 300 dpi) from the 10m shapes")
if "scaling" in jobs:
    info.append("scaling: hotmap batch CSV -q -j 1 against -j 2 with hotmap's defaults otherwise "
                "(every country with sites, no --countries; --size 2400x1800 --dpi 300; shipped "
                "shapes by scale)" + (f": {E['SCALING_COUNT']} maps of {E['SCALING_PX']}"
                                      if E.get("SCALING_COUNT") else ""))
if "world110m" in jobs:
    info.append(f"world110m: extent {E['HM_WORLD_EXTENT']}, Equal Earth ({E['HM_WORLD_PROJ']}); "
                f"hotmap {E['SHAPES110_SHOWN']}, the anchors (bench/anchors/*_world.*) world-atlas "
                "countries-110m converted by ogr2ogr and cut at the antimeridian; GMT projects with "
                "gmt mapproject (PROJ) and plots on a linear frame (GMT 6.4 has no Equal Earth -J)")
if "country10m" in jobs:
    info.append(f"country10m: {E['COUNTRY_NAME']}, extent {E['COUNTRY_EXTENT']} (W,S,E,N: its "
                "bbox in the 10m polygons padded 5% per side, as the anchors' batch maps), the "
                f"example's LCC; hotmap {E['SHAPES_SHOWN']}, the anchors "
                "(bench/anchors/*_country.*) their 10m conversion")
info += [l.rstrip("\n") for l in open(notes) if l.strip()]

# hotmap's stage breakdown: medians of the --timings runs
TKEYS = ["load CSV", "load shapes", "project", "layout", "draw", "encode", "total"]
trows = [l.rstrip("\n").split("\t") for l in open(timings) if l.strip()]
stage_head = ["job"] + TKEYS
stage_table = []
for j in [j for j in jobs if j in E["TIMINGS_JOBS"].split()]:
    rs = [r for r in trows if r[0] == j]
    if not rs:
        continue
    cells, n_ok = [], 0
    for i in range(len(TKEYS)):
        v = []
        for r in rs:
            try:
                v.append(float(r[2 + i]))
            except (IndexError, ValueError):
                pass
        n_ok = max(n_ok, len(v))
        cells.append(f"{statistics.median(v):.1f}" if v else "-")
    name = JOBNAME[j] + (" (--plain)" if j in ("sites10k", "sites100k") else "")
    if n_ok != int(E["N"]):
        name += f" ({n_ok} runs)"
    stage_table.append([name] + cells)
stage_title = f"hotmap stage breakdown (median ms over {E['N']} runs)"
stage_note = ("hotmap --timings, one untimed run per round after the timed ones (no --quiet); "
              "total = hotmap's own time from reading the CSV to the written file, without "
              "process start and exit (in the wall times above)")

crit.sort(key=lambda c: c[0])
crit_lines = [f"issue {i}: {w}: {m} -> {'PASS' if ok else 'FAIL' if ok is False else 'NOT MEASURED'}"
              for i, w, m, ok in crit]

w = [max(len(str(r[i])) for r in [head] + table) for i in range(len(head))]
num = {2, 3, 4, 5, 6}
line = lambda r: "  ".join(str(c).rjust(w[i]) if i in num else str(c).ljust(w[i]) for i, c in enumerate(r)).rstrip()
print()
for l in info:
    print(l)
print()
print(line(head))
print(line(["-" * x for x in w]))
for r in table:
    print(line(r))
print()
for l in summary:
    print(l)
if stage_table:
    sw = [max(len(str(r[i])) for r in [stage_head] + stage_table) for i in range(len(stage_head))]
    sline = lambda r: "  ".join(str(c).ljust(sw[i]) if i == 0 else str(c).rjust(sw[i])
                                for i, c in enumerate(r)).rstrip()
    print()
    print(stage_title + ":")
    print(sline(stage_head))
    print(sline(["-" * x for x in sw]))
    for r in stage_table:
        print(sline(r))
    print(stage_note)
print()
for l in crit_lines:
    print(l)

def write_md(path, title):
    with open(path, "w") as m:
        m.write(f"# {title}\n\n")
        for l in info:
            m.write(f"- {l}\n")
        m.write("\n| " + " | ".join(head) + " |\n|"
                + "|".join("---:" if i in num else "---" for i in range(len(head))) + "|\n")
        for r in table:
            m.write("| " + " | ".join(str(c) for c in r) + " |\n")
        m.write("\n" + "\n".join(f"- {l}" for l in summary) + "\n")
        if stage_table:
            m.write(f"\n## {stage_title}\n\n| " + " | ".join(stage_head) + " |\n|---|"
                    + "|".join("---:" for _ in stage_head[1:]) + "|\n")
            for r in stage_table:
                m.write("| " + " | ".join(str(c) for c in r) + " |\n")
            m.write(f"\n{stage_note}\n")
        m.write("\n## Issue criteria\n\n" + "\n".join(f"- {l}" for l in crit_lines) + "\n")

write_md(md_path, "hotmap benchmark: last run of bench/compare.sh")
print(f"\n(written to {md_path}" + (f" and {results_path})" if results_path else ")"))
if results_path:
    write_md(results_path, "hotmap benchmark results (bench/compare.sh)")
sys.exit(1 if failed else 0)
PYEOF
rc=$?
exit $rc
