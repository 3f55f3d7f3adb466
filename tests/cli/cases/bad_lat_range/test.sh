# Latitude outside [-90, 90] is a bad row (91.5 and -90.0001), but -90 and
# 90 themselves are fine.
check_bad_rows bad.csv 3 2 \
  '3|lat|91.5|latitude' \
  '5|lat|-90.0001|latitude'

run_hotmap check poles.csv
expect_exit 0
expect_stderr_contains "poles.csv: 3 sites loaded, 0 rows skipped"
