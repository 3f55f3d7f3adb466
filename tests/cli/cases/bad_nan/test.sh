# NaN as latitude, longitude or value (any case), and an infinite value,
# are bad rows.
check_bad_rows bad.csv 3 4 \
  '3|lat|NaN|latitude' \
  '5|lon|nan|longitude' \
  '6|value|NaN|value' \
  '7|value|inf|value'
