"""Start-up the usual way: import pandas and pyodbc, connect, run a small query into a
DataFrame and print it as CSV (what `rex -e 'table bench_big | take 10'` does on a server).

usage: python3 small_query.py CONNECTION-STRING
"""
import sys

import pandas
import pyodbc

cursor = pyodbc.connect(sys.argv[1], autocommit=True).cursor()
cursor.execute("SELECT * FROM bench_big LIMIT 10")
df = pandas.DataFrame.from_records(cursor.fetchall(), columns=[c[0] for c in cursor.description])
df.to_csv(sys.stdout, index=False)
