"""Local fetch through Arrow: arrow-odbc's record batches, one pyarrow Table, to_pandas, then
the aggregates of the rex pipeline (see fetch_pyodbc.py), printed as CSV. arrow-odbc's defaults:
it sizes its fetch buffers from the column sizes the driver reports (psqlODBC: 8190 bytes for text).
psqlODBC reports float8 as SQL_FLOAT of precision 17, which arrow-odbc reads as float32 (f_sum came
out 9505461000.0 instead of 9505461025.457), so the schema maps float32 back to float64.

usage: python3 fetch_arrow.py CONNECTION-STRING
"""
import sys

import pandas
import pyarrow
from arrow_odbc import read_arrow_batches_from_odbc


def float64(schema: pyarrow.Schema) -> pyarrow.Schema:
    return pyarrow.schema([f.with_type(pyarrow.float64()) if f.type == pyarrow.float32() else f for f in schema])


reader = read_arrow_batches_from_odbc("SELECT i, f, t, d FROM bench_big", connection_string=sys.argv[1],
                                      map_schema=float64)
df = pyarrow.Table.from_batches(list(reader), schema=reader.schema).to_pandas()
result = pandas.DataFrame({
    "n": [len(df)], "i_max": [df["i"].max()], "f_sum": [df["f"].sum()],
    "t_n": [df["t"].count()], "d_max": [df["d"].dropna().max()],
})
result.to_csv(sys.stdout, index=False)
