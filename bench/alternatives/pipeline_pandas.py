"""The local pipeline of bench/run.sh written by hand in pandas, read_csv included:

    csv "airline.csv" | filter ArrDelay > 0 | derive late_h = ArrDelay / 60.0
      | summarize n = count(), mean_delay = mean(ArrDelay), hours = sum(late_h),
                  dep = mean(CRSDepTime) by DayOfWeek | sort DayOfWeek

usage: python3 pipeline_pandas.py CSV-PATH   (prints the result as CSV)
"""
import sys

import pandas

df = pandas.read_csv(sys.argv[1])
df = df[df["ArrDelay"] > 0]
df = df.assign(late_h=df["ArrDelay"] / 60.0)
result = df.groupby("DayOfWeek", sort=True).agg(
    n=("ArrDelay", "size"), mean_delay=("ArrDelay", "mean"), hours=("late_h", "sum"),
    dep=("CRSDepTime", "mean")).reset_index()
result.to_csv(sys.stdout, index=False)
