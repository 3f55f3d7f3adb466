# hotmap check: exit 0 on a good file (the summary on stderr, nothing
# written); exit 2 on a file with 3 bad rows, listing all 3 messages, also
# with --strict (check reports every problem).
run_hotmap check "$EXAMPLES/sites.csv"
expect_exit 0
expect_stderr_contains "sites.csv: 8 sites loaded, 0 rows skipped"
[ -z "$(find . -mindepth 1 -maxdepth 1 ! -name .io ! -name bad.csv)" ] ||
  fail "check wrote files: $(ls -A)"
_ok

for strict in "" --strict; do
  run_hotmap check $strict bad.csv
  expect_exit 2
  expect_row_message bad.csv 3 lat 95 latitude
  expect_row_message bad.csv 5 value "" value
  expect_row_message bad.csv 7 value -3 negative
  expect_stderr_contains "bad.csv: 3 sites loaded, 3 rows skipped"
done


# a file with no usable row at all
printf 'name,lat,lon,value\nA,95,0,1\nB,0,0,-1\n' >none.csv
run_hotmap check none.csv
expect_exit 2
expect_row_message none.csv 2 lat 95
expect_row_message none.csv 3 value -1
# an empty file, a header only
: >empty.csv
run_hotmap check empty.csv
expect_exit 2
expect_stderr_line "hotmap: empty.csv:"
printf 'name,lat,lon,value\n' >header.csv
run_hotmap check header.csv
expect_exit 2
expect_stderr_line "hotmap: header.csv:"

# --quiet: errors only. For check the bad rows are the errors (they make it
# exit 2), so they are still listed; a good file prints nothing.
run_hotmap check --quiet "$EXAMPLES/sites.csv"
expect_exit 0
expect_stderr_lacks "loaded"
run_hotmap check --quiet bad.csv
expect_exit 2
expect_row_message bad.csv 3 lat 95 latitude
expect_row_message bad.csv 5 value "" value
expect_row_message bad.csv 7 value -3 negative

# Each site's country, by the rule every map and batch follow (assign.h):
# the four countries of the example; a site in mid-ocean and a country
# name the shapes do not know are warned about (the file is still good)
run_hotmap check "$EXAMPLES/sites.csv"
expect_stderr_contains "sites.csv: 8 of 8 sites in 4 countries"
printf 'name,lat,lon,value,country\nYangon,16.8,96.15,2,Atlantis\nOcean,0,-30,3,\n' >where.csv
run_hotmap check where.csv --shapes "$SHAPES/countries_110m.shp"
expect_exit 0
expect_stderr_line "hotmap: where.csv:2: " "Atlantis" "placed by its coordinates"
expect_stderr_line "hotmap: where.csv:3: " "Ocean" "lies in no country"
expect_stderr_contains "where.csv: 1 of 2 sites in 1 country"
