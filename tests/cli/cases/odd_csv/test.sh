# Odd CSVs never crash hotmap (run_hotmap fails on a signal or a sanitizer
# report) and give the documented outcome.
R=(render "${FAST[@]}")

printf 'name,lat,lon,value\nA,10,100,"5\nB,11,101,3\n' >unclosed.csv
mark_previous map.png
run_hotmap "${R[@]}" unclosed.csv -o map.png
expect_rejected map.png
expect_stderr_line "hotmap: unclosed.csv:2: " "quote"

printf 'name,lat,lon,value\nA,10,100,5\x00\nB,11,101,3\n' >nul.csv
run_hotmap "${R[@]}" nul.csv -o map.png
expect_rejected map.png
expect_stderr_line "hotmap: nul.csv:2: "

# a value too large for a double is no number
printf 'name,lat,lon,value\nA,10,100,1e400\nB,11,101,3\n' >huge.csv
run_hotmap "${R[@]}" huge.csv -o map.png
expect_exit 0
expect_row_message huge.csv 2 value 1e400
run_hotmap "${R[@]}" --strict huge.csv -o map.png
expect_exit 2

# a short row lacks its value; extra fields are ignored
printf 'name,lat,lon,value\nA,10,100\nB,11,101,3,extra,fields\n' >ragged.csv
run_hotmap "${R[@]}" ragged.csv -o map.png --manifest m.json
expect_exit 0
expect_row_message ragged.csv 2 value ""
expect_json m.json '[s["name"] for s in m["sites"]]' '["B"]'

# all values zero: every circle has radius 0, no division by zero
printf 'name,lat,lon,value\nA,10,100,0\nB,11,101,0\n' >zeros.csv
run_hotmap "${R[@]}" zeros.csv -o map.png --manifest m.json
expect_exit 0
expect_json m.json '[s["r"] for s in m["sites"]]' '[0.0, 0.0]'

# one site, and two sites at the same place: the extent is still padded
printf 'name,lat,lon,value\nA,16.7,98.5,5\n' >one.csv
run_hotmap "${R[@]}" one.csv -o map.png --manifest m.json
expect_exit 0
expect_json m.json 'm["extent"][2] - m["extent"][0] > 0.5 and m["extent"][3] - m["extent"][1] > 0.5' true
printf 'name,lat,lon,value\nA,16.7,98.5,5\nB,16.7,98.5,6\n' >same.csv
run_hotmap "${R[@]}" same.csv -o map.png
expect_exit 0

# a 60000-byte name is kept whole (its label is cut to 80 characters)
python3 -c "print('name,lat,lon,value'); print('X' * 60000 + ',10,100,5'); print('B,11,101,3')" >long.csv
run_hotmap "${R[@]}" long.csv -o map.png --manifest m.json
expect_exit 0
expect_json m.json 'len(m["sites"][0]["name"])' 60000
# past the 64 KiB bound on a field (docs/limits.md): a clear error, exit 2
python3 -c "print('name,lat,lon,value'); print('X' * 100000 + ',10,100,5'); print('B,11,101,3')" >huge.csv
run_hotmap "${R[@]}" huge.csv -o map.png
expect_exit 2
expect_stderr_contains "huge.csv:2: a field longer than 64 KiB"

# blank lines (also only spaces and separators) are no rows
printf 'name,lat,lon,value\nA,10,100,5\n\n\n  ,  ,  ,  \nB,11,101,3\n' >blank.csv
run_hotmap "${R[@]}" --strict blank.csv -o map.png --manifest m.json
expect_exit 0
expect_json m.json '[s["line"] for s in m["sites"]]' '[2, 6]'

# old Mac line ends (CR only)
printf 'name,lat,lon,value\rA,10,100,5\rB,11,101,3\r' >cr.csv
run_hotmap "${R[@]}" --strict cr.csv -o map.png --manifest m.json
expect_exit 0
expect_json m.json '[s["name"] for s in m["sites"]]' '["A", "B"]'

# a file that is only a header, and an empty file
printf 'name,lat,lon,value\n' >header.csv
: >empty.csv
for f in header.csv empty.csv; do
  mark_previous map.png
  run_hotmap "${R[@]}" "$f" -o map.png
  expect_rejected map.png
  expect_stderr_line "hotmap: $f:"
done

# a folder given as the CSV
mkdir -p dir.csv
mark_previous map.png
run_hotmap "${R[@]}" dir.csv -o map.png
expect_rejected map.png
expect_stderr_contains "dir.csv"
expect_no_temp
