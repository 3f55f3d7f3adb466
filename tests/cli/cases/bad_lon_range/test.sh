# Longitude outside [-180, 180] is a bad row (also with ';' separators and
# the alternative header names site/latitude/longitude/count).
check_bad_rows bad.csv 3 2 \
  '3|longitude|180.5|longitude' \
  '5|longitude|-181|longitude'
