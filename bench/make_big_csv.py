"""The table of issue 15 as CSV: bigint, float8, text of about 20 characters, date; 5% NULLs.

usage: python3 make_big_csv.py PATH ROWS   (deterministic: the same ROWS give the same bytes)
"""
import datetime
import random
import sys

rng = random.Random(15)
base = datetime.date(1970, 1, 1)
with open(sys.argv[1], "w") as out:
    out.write("i,f,t,d\n")
    for n in range(int(sys.argv[2])):
        null = lambda: rng.random() < 0.05
        i = "" if null() else str(rng.randrange(-2**62, 2**62))
        f = "" if null() else repr(rng.randrange(10**9) / 1000)
        t = "" if null() else f"name {n} " + "x" * rng.randrange(10)
        d = "" if null() else (base + datetime.timedelta(days=rng.randrange(20000))).isoformat()
        out.write(f"{i},{f},{t},{d}\n")
