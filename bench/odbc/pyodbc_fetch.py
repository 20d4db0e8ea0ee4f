"""Reads one query's result with pyodbc (fetchmany) and prints rows and seconds.

usage: python3 pyodbc_fetch.py CONNECTION-STRING SQL
"""
import sys
import time

import pyodbc


def main() -> None:
    connection_string, sql = sys.argv[1], sys.argv[2]
    connection = pyodbc.connect(connection_string, autocommit=True)
    start = time.perf_counter()
    cursor = connection.cursor()
    cursor.execute(sql)
    rows = 0
    while True:
        batch = cursor.fetchmany(10_000)
        if not batch:
            break
        rows += len(batch)
    print(f"rows={rows} seconds={time.perf_counter() - start}")


if __name__ == "__main__":
    main()
