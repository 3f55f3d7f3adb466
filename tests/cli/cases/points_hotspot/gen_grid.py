"""A test grid for hot spots: sites on a lattice of 60 x 40 points a quarter
degree apart (100-115 E, 5-15 N), 3 sites round each point, 8 round the
points within sqrt(2) degrees of (111 E, 9 N) (a hot spot), none within 2
degrees of (105 E, 10 N) (a cold spot); jittered by up to 0.12 degrees with
a fixed seed."""
import random

random.seed(7)
print('name,lat,lon')
k = 0
for i in range(60):
    for j in range(40):
        lon, lat = 100 + i * 0.25, 5 + j * 0.25
        if (lon - 105) ** 2 + (lat - 10) ** 2 < 4.0:
            continue
        n = 8 if (lon - 111) ** 2 + (lat - 9) ** 2 < 2 else 3
        for _ in range(n):
            k += 1
            print('p%d,%.4f,%.4f' % (k, lat + random.uniform(-0.12, 0.12), lon + random.uniform(-0.12, 0.12)))
