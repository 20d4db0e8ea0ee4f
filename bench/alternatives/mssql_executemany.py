"""T-SQL upload the usual fast way: read the CSV (bigint, float; empty = NULL) and insert it with
pyodbc's fast_executemany in one transaction, into a new table.

usage: python3 mssql_executemany.py CONNECTION-STRING CSV-PATH TABLE
"""
import csv
import sys

import pyodbc

connection_string, path, table = sys.argv[1:4]
with open(path, newline="") as f:
    reader = csv.reader(f)
    next(reader)
    rows = [(int(i) if i else None, float(x) if x else None) for i, x in reader]
connection = pyodbc.connect(connection_string)
cursor = connection.cursor()
cursor.execute(f"DROP TABLE IF EXISTS {table}")
cursor.execute(f"CREATE TABLE {table} (i bigint, f float)")
cursor.fast_executemany = True
cursor.executemany(f"INSERT INTO {table} (i, f) VALUES (?, ?)", rows)
connection.commit()
