#!/usr/bin/env bash
# bench/compare.sh: time hotmap against GMT 6 and geopandas+matplotlib (and optionally cartopy)
# on the example map: 2400x1800 PNG and SVG, same CSV, extent, projection and 10m shapes; and
# hotmap's cartographic furniture: the example PNG with labels, legend, scale bar and insets
# against the same map with --plain (issue 3: full / plain must be at most 1.5).
#
# usage: bench/compare.sh [-n N] [--with-cartopy] [--tools LIST] [--jobs LIST]
#                         [--keep DIR] [--no-install] [-h]
#   -n N            counted rounds (default 5); one uncounted warm-up run of each tool first
#   --with-cartopy  also run ../shared/anchor-bench/cartopy_map.py (installs python3-cartopy)
#   --tools LIST    comma list out of hotmap,gmt,geopandas,cartopy (default hotmap,gmt,geopandas)
#   --jobs LIST     comma list out of png,svg,furniture (default png,svg,furniture);
#                   furniture: hotmap only, "full" (defaults + --inset auto --locator) vs
#                   "plain" (--plain), skipped when hotmap has no --plain or is not in --tools
#   --keep DIR      copy each tool's warm-up output into DIR (to look at the maps)
#   --no-install    do not run apt-get/npm/prepare_data.sh even if something is missing
#
# Each round runs every tool once per job, the tool order rotated from round to round, so
# that drifting load on a shared machine hits all tools alike. Prints median and min wall
# time, peak RSS (GNU time %M: the largest single process of the run's process tree) and
# the ratios (for furniture: full / plain); writes the same table as markdown to
# bench/last-run.md.
# Exit status: 0 all runs fine, 1 some run or tool failed, 2 usage / missing shared/ folder.
set -euo pipefail

ROOT=$(cd "$(dirname "$(realpath "$0")")/.." && pwd)
ANCHOR_DIR=$(realpath -m "$ROOT/../shared/anchor-bench")
CACHE=${HOTMAP_BENCH_CACHE:-/tmp/hotmap-bench}  # npm tarball of world-atlas
A=/tmp/anchors                                  # fixed by the anchor scripts
CSV=$A/sites.csv
PY=/usr/bin/python3                             # Debian's python, where python3-geopandas lives

# ---- hotmap's command line for the example map: adjust here -------------------------------
HOTMAP=${HOTMAP_BIN:-$ROOT/build/hotmap}
SHAPES=${HOTMAP_SHAPES:-$ROOT/shapes/countries_10m.shp}
SHAPES_FALLBACK=$A/data/countries_10m.shp       # same world-atlas data, converted by prepare_data.sh
HM_PROJ="+proj=lcc +lat_1=8 +lat_2=24 +lat_0=16 +lon_0=106 +datum=WGS84 +units=m +no_defs"
HM_TITLE="Scam-compound hotspots: reported victims by site"
hotmap_cmd() {  # $1 = output file (.png or .svg); sets CMD to the full command line
  CMD=("$HOTMAP" render "$CSV" -o "$1" --size 2400x1800 --dpi 300 --extent "92,4,127,28"
       --proj "$HM_PROJ" --shapes "$SHAPES" --title "$HM_TITLE" --quiet)
}
# furniture job: the same PNG with everything (labels, country labels, legend, scale bar, a
# detail inset of each crowded cluster and a locator) and with --plain (symbols only)
FURNITURE_FULL=(--inset auto --locator)
FURNITURE_PLAIN=(--plain)
FURNITURE_MAX=1.5   # issue 3: full / plain
# -------------------------------------------------------------------------------------------

N=5; TOOLS=hotmap,gmt,geopandas; JOBS=png,svg,furniture; KEEP=; INSTALL=1; CARTOPY=0
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    -n) N=${2:?-n needs a number}; shift 2 ;;
    --with-cartopy) CARTOPY=1; shift ;;
    --tools) TOOLS=${2:?}; shift 2 ;;
    --jobs) JOBS=${2:?}; shift 2 ;;
    --keep) KEEP=$(realpath -m "${2:?}"); shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
case "$N" in ''|*[!0-9]*|0) echo "compare.sh: -n wants a positive integer" >&2; exit 2 ;; esac
[ "$CARTOPY" = 1 ] && case ",$TOOLS," in *,cartopy,*) ;; *) TOOLS=$TOOLS,cartopy ;; esac
IFS=, read -r -a TOOL_LIST <<< "$TOOLS"
IFS=, read -r -a JOB_LIST <<< "$JOBS"
for t in "${TOOL_LIST[@]}"; do
  case "$t" in hotmap|gmt|geopandas) ;; cartopy) CARTOPY=1 ;;
    *) echo "compare.sh: unknown tool '$t'" >&2; exit 2 ;; esac
done
for j in "${JOB_LIST[@]}"; do
  case "$j" in png|svg|furniture) ;; *) echo "compare.sh: unknown job '$j'" >&2; exit 2 ;; esac
done
has_tool() { case ",$TOOLS," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
has_job() { case ",$JOBS," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
# the anchors (shared/anchor-bench, GMT, geopandas, world-atlas data) serve png and svg only
NEED_ANCHORS=0
if has_job png || has_job svg; then NEED_ANCHORS=1; fi
FURNITURE_NOTE=
if has_job furniture && ! has_tool hotmap; then
  FURNITURE_NOTE="furniture job skipped: hotmap is not in --tools"
fi

if [ "$NEED_ANCHORS" = 1 ] && [ ! -d "$ANCHOR_DIR" ]; then
  echo "compare.sh: $ANCHOR_DIR is missing: the reference scripts (shared/anchor-bench) must sit" \
       "beside the repo as ../shared/anchor-bench" >&2
  exit 2
fi

say() { printf '== %s\n' "$*" >&2; }

# ---- 1. dependencies (skipped when all present) -------------------------------------------
PKGS=(gmt gmt-dcw gmt-gshhg-low ghostscript python3-geopandas python3-matplotlib python3-pyproj
      python3-numpy poppler-utils gdal-bin time)
[ "$CARTOPY" = 1 ] && PKGS+=(python3-cartopy)
command -v npm >/dev/null 2>&1 || PKGS+=(npm)
[ "$NEED_ANCHORS" = 1 ] || PKGS=(time)   # furniture alone: hotmap and GNU time only
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

# data: world-atlas 2.0.2 from npm -> shapefiles/OGR_GMT + sites.csv under /tmp/anchors
TGZ=$CACHE/world-atlas-2.0.2.tgz
if [ "$NEED_ANCHORS" = 1 ] &&
   { [ ! -s "$A/data/countries_10m.shp" ] || [ ! -s "$A/data/countries_10m.gmt" ] || [ ! -s "$CSV" ]; }; then
  [ "$INSTALL" = 1 ] || { echo "compare.sh: $A is not prepared (--no-install given)" >&2; exit 1; }
  if [ ! -s "$TGZ" ]; then
    mkdir -p "$CACHE"
    say "npm pack world-atlas@2.0.2 -> $CACHE"
    (cd "$CACHE" && npm pack world-atlas@2.0.2 --silent >/dev/null)
  fi
  say "prepare_data.sh $TGZ"
  bash "$ANCHOR_DIR/prepare_data.sh" "$TGZ" >&2
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
if [ ! -s "$CSV" ]; then   # furniture alone on an unprepared machine: the repo's copy
  CSV=$ROOT/examples/sites.csv
fi
SHAPES_NOTE=
if has_tool hotmap && [ ! -e "$SHAPES" ]; then
  SHAPES_NOTE="$SHAPES not found: hotmap used $SHAPES_FALLBACK (same world-atlas data)"
  say "$SHAPES_NOTE"
  SHAPES=$SHAPES_FALLBACK
fi

# furniture needs hotmap's --plain (symbols only); until it has one, skip the job
if has_job furniture && has_tool hotmap; then
  if [ ! -x "$HOTMAP" ]; then
    FURNITURE_NOTE="furniture job skipped: no hotmap binary at $HOTMAP"
  elif ! "$HOTMAP" render --help 2>&1 | grep -q -- '--plain'; then
    FURNITURE_NOTE="hotmap has no --plain yet: furniture job skipped"
  fi
fi
if [ -n "$FURNITURE_NOTE" ]; then
  say "$FURNITURE_NOTE"
  JOB_LIST=()
  for j in ${JOBS//,/ }; do [ "$j" = furniture ] || JOB_LIST+=("$j"); done
  JOBS=$(IFS=,; echo "${JOB_LIST[*]}")
  if [ "${#JOB_LIST[@]}" = 0 ]; then echo "compare.sh: $FURNITURE_NOTE; nothing to run" >&2; exit 0; fi
fi
# the "tools" of a job: png/svg compare tools; furniture compares two hotmap command lines
job_tools() { if [ "$1" = furniture ]; then echo full plain; else echo "${TOOL_LIST[@]}"; fi; }

# ---- 2. the runs ---------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hotmap-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RES=$WORK/results.tsv   # job tool round wall_s rss_kib status
: > "$RES"
declare -A BROKEN=()    # "job/tool" -> reason; such a pair is not run again

# run_one JOB TOOL ROUND: runs once, appends a line to $RES; returns non-zero on failure
run_one() {
  local job=$1 tool=$2 round=$3 d out rc t0 t1 rss
  d=$WORK/$job-$tool; mkdir -p "$d"; rm -f "$d"/out.*
  CMD=()
  out=$d/out.$job
  [ "$job" = furniture ] && out=$d/out.png
  case "$tool" in
    hotmap)    hotmap_cmd "$out" ;;
    full)      hotmap_cmd "$out"; CMD+=("${FURNITURE_FULL[@]}") ;;
    plain)     hotmap_cmd "$out"; CMD+=("${FURNITURE_PLAIN[@]}") ;;
    gmt)       CMD=(bash "$ANCHOR_DIR/gmt_map.sh" "$CSV" "$job" "$d/out") ;;
    geopandas) CMD=("$PY" "$ANCHOR_DIR/geopandas_map.py" --csv "$CSV" --fmt "$job" --out "$d/out") ;;
    cartopy)   CMD=("$PY" "$ANCHOR_DIR/cartopy_map.py" --csv "$CSV" --fmt "$job" --out "$d/out") ;;
  esac
  if { [ "$tool" = hotmap ] || [ "$job" = furniture ]; } && [ ! -x "$HOTMAP" ]; then
    BROKEN[$job/$tool]="no binary at $HOTMAP"
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
    if [ -n "$KEEP" ]; then mkdir -p "$KEEP"; cp "$out" "$KEEP/$tool.${out##*.}"; fi
    printf '%s\t%s\t%s\n' "$job" "$tool" "$(describe "$out")" >> "$WORK/outputs.tsv"
  fi
  return 0
}

describe() {  # size, and pixel size of a PNG (IHDR) / width,height attributes of an SVG root
  local f=$1 kib dims=
  kib=$(( ($(stat -c %s "$f") + 1023) / 1024 ))
  case "$f" in
    *.png) dims=$(od -An -tu1 -j16 -N8 "$f" | awk '{ printf "%dx%d px", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }') ;;
    *.svg) dims=$(head -c 4000 "$f" | tr '\n' ' ' | grep -o '<svg[^>]*>' | head -n 1 |
                  grep -o ' \(width\|height\)="[^"]*"' | tr -d ' "' | paste -sd' ' || true) ;;
  esac
  echo "$kib KiB${dims:+, $dims}"
}

rotate() {  # rotate ROUND JOB: print the job's tool list rotated by ROUND
  local r=$1 list i k
  read -r -a list <<< "$(job_tools "$2")"
  k=${#list[@]}
  for ((i = 0; i < k; i++)); do echo "${list[$(((i + r) % k))]}"; done
}

START_DATE=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
say "warm-up (not counted)"
for job in "${JOB_LIST[@]}"; do
  for tool in $(job_tools "$job"); do run_one "$job" "$tool" warmup || true; done
done
for ((r = 1; r <= N; r++)); do
  say "round $r/$N"
  for job in "${JOB_LIST[@]}"; do
    while read -r tool; do
      [ -n "${BROKEN[$job/$tool]:-}" ] && continue
      run_one "$job" "$tool" "$r" || true
    done < <(rotate "$r" "$job")
  done
done
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 3. report -----------------------------------------------------------------------------
ver() { local o; if o=$("$@" 2>/dev/null); then printf '%s\n' "${o%%$'\n'*}"; fi; }
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
MEM=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "no commit")
HMV=; [ -x "$HOTMAP" ] && HMV=$(ver "$HOTMAP" --version)
VERSIONS="${HMV:-hotmap ?} (repo $COMMIT); GMT $(ver gmt --version); ghostscript $(ver gs --version)"
VERSIONS+="; geopandas $($PY -c 'import geopandas; print(geopandas.__version__)' 2>/dev/null || echo ?)"
VERSIONS+=", matplotlib $($PY -c 'import matplotlib; print(matplotlib.__version__)' 2>/dev/null || echo ?)"
[ "$CARTOPY" = 1 ] && VERSIONS+=", cartopy $($PY -c 'import cartopy; print(cartopy.__version__)' 2>/dev/null || echo ?)"
touch "$WORK/outputs.tsv"
BROKEN_TSV=$WORK/broken.tsv; : > "$BROKEN_TSV"
for k in "${!BROKEN[@]}"; do printf '%s\t%s\n' "$k" "${BROKEN[$k]}" >> "$BROKEN_TSV"; done

FURNITURE_DESC="full = ${FURNITURE_FULL[*]}, plain = ${FURNITURE_PLAIN[*]}"
export START_DATE LOAD0 LOAD1 CPU MEM VERSIONS SHAPES_NOTE N TOOLS JOBS FURNITURE_NOTE
export FURNITURE_MAX FURNITURE_DESC
NPROC=$(nproc); export NPROC
set +e
"$PY" - "$RES" "$WORK/outputs.tsv" "$BROKEN_TSV" "$ROOT/bench/last-run.md" <<'PYEOF'
import os, statistics, sys
res, outputs, broken, md_path = sys.argv[1:5]
E = os.environ
rows = [l.rstrip("\n").split("\t") for l in open(res) if l.strip()]
outs = {(j, t): d for j, t, d in (l.rstrip("\n").split("\t") for l in open(outputs) if l.strip())}
brk = dict(l.rstrip("\n").split("\t", 1) for l in open(broken) if l.strip())
jobs, tools = E["JOBS"].split(","), E["TOOLS"].split(",")
JOBNAME = {"png": "example PNG", "svg": "example SVG", "furniture": "furniture PNG"}
jtools = lambda j: ["full", "plain"] if j == "furniture" else tools
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
f = lambda x, p=3: "-" if x is None else f"{x:.{p}f}"
head = ["job", "tool", "runs ok", "median s", "min s", "peak RSS MiB", "time / hotmap", "output"]
table, summary, failed = [], [], False
for j in jobs:
    if j == "furniture":   # full / plain, both hotmap
        ref = stat.get((j, "plain"), {}).get("med")
        for t in jtools(j):
            s = stat[j, t]
            if s["broken"] or s["fail"]:
                failed = True
            runs = f"{s['n']}/{s['n'] + s['fail']}" if not s["broken"] else f"FAILED ({s['broken']})"
            ratio = f"{s['med'] / ref:.2f}" if (ref and s["med"] is not None) else "-"
            table.append([JOBNAME[j], "hotmap " + t, runs, f(s["med"]), f(s["min"]),
                          f(s["rss"], 0), ratio, outs.get((j, t), "-")])
        full = stat[j, "full"]["med"]
        if full is not None and ref:
            r = full / ref
            lim = float(E["FURNITURE_MAX"])
            summary.append(f"furniture: full {full:.3f} s, plain {ref:.3f} s median -> ratio "
                           f"full/plain {r:.2f} ({'within' if r <= lim else 'OVER'} the "
                           f"{lim:g} of issue 3; {E['FURNITURE_DESC']})")
        else:
            summary.append("furniture: no ratio (full or plain failed)")
        continue
    hm = stat.get((j, "hotmap"), {}).get("med")
    for t in tools:
        s = stat[j, t]
        if s["broken"] or s["fail"]:
            failed = True
        runs = f"{s['n']}/{s['n'] + s['fail']}" if not s["broken"] else f"FAILED ({s['broken']})"
        ratio = f"{s['med'] / hm:.2f}" if (hm and s["med"] is not None) else "-"
        table.append([JOBNAME[j], t, runs, f(s["med"]), f(s["min"]), f(s["rss"], 0), ratio,
                      outs.get((j, t), "-")])
    anchors = [(stat[j, t]["med"], t) for t in ("gmt", "geopandas")
               if (j, t) in stat and stat[j, t]["med"] is not None]
    if hm and anchors:
        best, bt = min(anchors)
        summary.append(f"{JOBNAME[j]}: hotmap {hm:.3f} s median, peak RSS "
                       f"{f(stat[j, 'hotmap']['rss'], 1)} MiB; faster of GMT/geopandas = {bt} "
                       f"{best:.2f} s -> ratio {best / hm:.1f}x (anchor / hotmap)")
    elif anchors:
        best, bt = min(anchors)
        summary.append(f"{JOBNAME[j]}: no hotmap time; faster of GMT/geopandas = {bt} {best:.2f} s")
    else:
        summary.append(f"{JOBNAME[j]}: no ratio (GMT and geopandas both missing or failed)")

info = [f"date: {E['START_DATE']}",
        f"machine: {E['NPROC']} CPUs, {E['CPU']}, {E['MEM']}; load average {E['LOAD0']} at start, {E['LOAD1']} at end",
        f"versions: {E['VERSIONS']}",
        f"method: {E['N']} counted rounds after 1 warm-up run each, tool order rotated per round; "
        "wall time per process run; peak RSS = max over runs of GNU time %M (largest single process)"]
if E.get("SHAPES_NOTE"):
    info.append("note: " + E["SHAPES_NOTE"])
if E.get("FURNITURE_NOTE"):
    info.append("note: " + E["FURNITURE_NOTE"])
if "furniture" in jobs:
    info.append("furniture rows: 'time / hotmap' is time / (hotmap --plain)")

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

with open(md_path, "w") as m:
    m.write("# hotmap benchmark: last run of bench/compare.sh\n\n")
    for l in info:
        m.write(f"- {l}\n")
    m.write("\n| " + " | ".join(head) + " |\n|" + "|".join("---:" if i in num else "---" for i in range(len(head))) + "|\n")
    for r in table:
        m.write("| " + " | ".join(str(c) for c in r) + " |\n")
    m.write("\n" + "\n".join(f"- {l}" for l in summary) + "\n")
print(f"\n(written to {md_path})")
sys.exit(1 if failed else 0)
PYEOF
rc=$?
exit $rc
