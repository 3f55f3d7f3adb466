# A shapefile that does not exist: exit 2, a message naming it, nothing
# written.
mark_previous map.png map.svg m.json
run_hotmap render --size 800x600 --dpi 100 --shapes nope.shp sites.csv \
  -o map.png -o map.svg --manifest m.json
expect_rejected map.png map.svg m.json
expect_stderr_line "hotmap: " "nope.shp"

# a folder of that name is no shapefile either
mkdir -p dir.shp
run_hotmap render --size 800x600 --dpi 100 --shapes dir.shp sites.csv -o map.png
expect_rejected map.png
expect_stderr_line "hotmap: " "dir.shp"
