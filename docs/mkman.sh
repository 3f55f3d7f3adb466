#!/bin/sh
# mkman.sh HOTMAP VERSION > hotmap.1: the man page, made from the program's
# own help texts (`hotmap --help`, `hotmap COMMAND --help`), whose option
# lines come from the one option table of src/cli/options.c; so the man page
# lists exactly the options the program takes. Run by the build (CMake).
set -eu
hotmap=$1
version=$2

# roff for help text: a line must not start with . or ', hyphens of
# options are minus signs
roff() {
  awk '
    function esc(s) { gsub(/\\/, "\\e", s); return s }
    function opt(s) { s = esc(s); gsub(/-/, "\\-", s); return s }
    /^usage: / { sub(/^usage: /, ""); print ".PP"; print ".B " opt($0); next }
    /^$/ { if (!inopts) print ".PP"; next }
    /^ +-/ {
      inopts = 1
      line = $0
      sub(/^ +/, "", line)
      # the left column ends at the first run of two or more spaces
      n = match(line, /  +/)
      left = substr(line, 1, n - 1); help = substr(line, n + RLENGTH)
      # --name METAVAR: the metavariable in italics
      k = split(left, w, " ")
      out = ""
      for (i = 1; i <= k; i++) {
        if (w[i] ~ /^-/) out = out (i > 1 ? " " : "") "\\fB" opt(w[i]) "\\fR"
        else out = out " \\fI" esc(w[i]) "\\fR"
      }
      print ".TP"; print out
      if (help ~ /^[.'\'']/) help = "\\&" help
      print esc(help)
      next
    }
    { line = $0; if (line ~ /^[.'\'']/) line = "\\&" line; print esc(line) }
  '
}

cat <<HEAD
.TH HOTMAP 1 "" "hotmap $version" "User Commands"
.SH NAME
hotmap \\- proportional-symbol maps from a CSV of geocoded sites
.SH SYNOPSIS
.B hotmap
.I COMMAND
.RI [ OPTIONS ]
\\&...
.br
.B hotmap \\-\\-version
.SH DESCRIPTION
hotmap draws maps (PNG, SVG, PDF) with one circle per site, its area in
proportion to the site's value, on Natural Earth's countries.
.SH COMMANDS
HEAD

commands=$("$hotmap" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ -n "$commands" ] || { echo "mkman.sh: no commands in $hotmap --help" >&2; exit 1; }
for c in $commands; do
  echo ".SS $c"
  help=$("$hotmap" "$c" --help) || { echo "mkman.sh: $hotmap $c --help failed" >&2; exit 1; }
  [ -n "$help" ] || { echo "mkman.sh: $hotmap $c --help printed nothing" >&2; exit 1; }
  printf '%s\n' "$help" | roff
done

cat <<'TAIL'
.SH ENVIRONMENT
.TP
.B HOTMAP_DATA_DIR
the folder of hotmap's data: the shipped Natural Earth shapes are read from
.IR $HOTMAP_DATA_DIR/shapes .
By default, the
.I share/hotmap
folder of the prefix hotmap is installed in.
.SH FILES
.TP
.I share/hotmap/shapes/
Natural Earth admin\-0 countries at 1:10m, 1:50m and 1:110m (public domain).
.TP
.I share/hotmap/styles/
the shipped styles; \fIdefault.ini\fR documents every key.
.SH EXIT STATUS
0 success; 1 failure while working (input/output, rendering); 2 bad usage or
bad input.
TAIL
