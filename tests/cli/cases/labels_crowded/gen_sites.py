#!/usr/bin/env python3
"""Write a crowded synthetic sites CSV to stdout (fixed seed: the same file
every time): the example's Myawaddy cluster (KK Park, Shwe Kokko, Myawaddy)
when it lies in the box, then random sites up to N, values spread over four
orders of magnitude, names of one to three Thai-like syllables plus a number.

usage: gen_sites.py N W S E N_LAT SEED
"""
import random
import sys

n = int(sys.argv[1])
w, s, e, nl = (float(v) for v in sys.argv[2:6])
r = random.Random(int(sys.argv[6]))
rows = []
for name, lat, lon, v in (("Myawaddy", 16.6881, 98.5084, 1000),
                          ("KK Park", 16.5633, 98.5720, 7000),
                          ("Shwe Kokko", 16.8370, 98.5260, 4000)):
    if w <= lon <= e and s <= lat <= nl:
        rows.append("%s,Myanmar,%.4f,%.4f,%d" % (name, lat, lon, v))
syl = ["ban", "mae", "sot", "chiang", "nong", "khon", "phra", "wat", "tha",
       "lam", "pak", "muang", "huai", "doi", "sai"]
i = 0
while len(rows) < n:
    i += 1
    name = "".join(r.choice(syl) for _ in range(r.randint(1, 3))).title()
    lat, lon = r.uniform(s, nl), r.uniform(w, e)
    v = int(10 ** r.uniform(0, 4))
    rows.append("%s %d,,%.4f,%.4f,%d" % (name, i, lat, lon, v))
sys.stdout.write("name,country,lat,lon,victims\n" + "\n".join(rows) + "\n")
