# A file that is not UTF-8 (Latin-1 bytes; the first at physical line 5,
# after a quoted field spanning lines 2-3) is bad input: exit 2 with the
# line of the first bad byte, nothing written, with or without --strict.
mark_previous map.png m.json
run_hotmap render "${FAST[@]}" latin1.csv -o map.png --manifest m.json
expect_rejected map.png m.json
expect_stderr_line "hotmap: latin1.csv:5: " "UTF-8"
expect_stderr_lacks "sites loaded"

run_hotmap render --strict "${FAST[@]}" latin1.csv -o map.png
expect_rejected map.png m.json
expect_stderr_line "hotmap: latin1.csv:5: " "UTF-8"

run_hotmap check latin1.csv
expect_exit 2
expect_stderr_line "hotmap: latin1.csv:5: " "UTF-8"

# a UTF-8 BOM followed by Latin-1: still not UTF-8
printf '\xef\xbb\xbfname,lat,lon,value\nA,10,100,1\nB\xe9,11,101,2\n' >bom_latin1.csv
run_hotmap check bom_latin1.csv
expect_exit 2
expect_stderr_line "hotmap: bom_latin1.csv:3: " "UTF-8"

# overlong / truncated UTF-8 sequences are not UTF-8 either
printf 'name,lat,lon,value\nA,10,100,1\nB,11,101,2\nC\xc0\xaf,12,102,3\n' >overlong.csv
run_hotmap check overlong.csv
expect_exit 2
expect_stderr_line "hotmap: overlong.csv:4: " "UTF-8"
printf 'name,lat,lon,value\nA,10,100,1\nB\xe0\x80,11,101,2\n' >truncated.csv
run_hotmap check truncated.csv
expect_exit 2
expect_stderr_line "hotmap: truncated.csv:3: " "UTF-8"
