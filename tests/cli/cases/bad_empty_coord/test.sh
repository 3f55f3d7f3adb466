# An empty latitude or longitude (also only spaces, which reads as "") is a bad row.
check_bad_rows bad.csv 3 2 \
  '3|lat||latitude' \
  '5|lon||longitude'
