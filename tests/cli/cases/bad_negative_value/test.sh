# A negative value is a bad row (zero is fine).
check_bad_rows bad.csv 4 2 \
  '3|victims|-5|negative' \
  '5|victims|-1,000|negative'
