# A value that is not a number is a bad row.
check_bad_rows bad.csv 3 2 \
  '3|value|many|not a number' \
  '5|value|0x10|not a number'
