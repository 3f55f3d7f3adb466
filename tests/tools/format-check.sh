#!/usr/bin/env bash
# format-check.sh [REPO]: every .c and .h of the repository (REPO,
# default: the one this script is in) is formatted as the repo's
# .clang-format says (`clang-format --dry-run --Werror`); prints the files
# that are not, with clang-format's first complaints. In a git checkout: the
# tracked files and the new ones git does not ignore; elsewhere the .c and .h
# under src/, include/, tests/ and bench/. Exit 0: all formatted; 1: some
# file is not, or clang-format is missing.
set -euo pipefail
repo=${1:-$(cd "$(dirname "$(realpath "$0")")/../.." && pwd)}
cd "$repo"
command -v clang-format >/dev/null ||
  { echo "format-check: clang-format is missing (Debian package clang-format)" >&2; exit 1; }
[ -f .clang-format ] || { echo "format-check: no .clang-format in $repo" >&2; exit 1; }

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -d '' files < <(git ls-files -z --cached --others --exclude-standard -- '*.c' '*.h')
else
  mapfile -d '' files < <(find src include tests bench -name '*.[ch]' -print0 2>/dev/null | sort -z)
fi
present=()
for f in "${files[@]}"; do
  [ -f "$f" ] && present+=("$f") # not one deleted but not yet committed
done
files=("${present[@]}")
[ ${#files[@]} -gt 0 ] || { echo "format-check: no .c or .h file found in $repo" >&2; exit 1; }

# one run over all the files (a run per file took 20 s here); each
# complaint names its file
if out=$(clang-format --dry-run --Werror -- "${files[@]}" 2>&1); then
  echo "format-check: ${#files[@]} files formatted ($(clang-format --version))"
  exit 0
fi
printf '%s\n' "$out" | head -n 40
mapfile -t bad < <(printf '%s\n' "$out" | sed -n 's/^\([^:]*\.[ch]\):[0-9]*:[0-9]*: .*/\1/p' | sort -u)
echo "format-check: ${#bad[@]} of ${#files[@]} files not formatted as .clang-format says ($(clang-format --version)); clang-format -i them:"
printf '  %s\n' "${bad[@]}"
exit 1
