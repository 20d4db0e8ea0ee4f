#!/usr/bin/env python3
"""Checks that N'...' literals rex writes read back, by sqlglot's T-SQL parser, as exactly
the text they quote.

Usage: check_tsql_literals.py CASES_JSON

CASES_JSON is a list of {"batch": T-SQL, "expected": {"script": text, "input_data_1": text}}:
each batch is parsed (sqlglot.parse, read="tsql"), its EXEC sp_execute_external_script
found, and each named argument's N'...' value compared with the expected text.
Prints `OK <count>` or one `ERROR <index>: ...` line per mismatch; exits 1 on any.
"""
import json
import sys

import sqlglot
from sqlglot import exp


def arguments(batch):
    """The N'...' values of the EXEC's named arguments, by name."""
    values = {}
    for statement in sqlglot.parse(batch, read="tsql"):
        if not isinstance(statement, exp.Execute):
            continue
        for argument in statement.expressions:
            pair = argument.this if isinstance(argument, exp.Alias) else argument
            if isinstance(pair, exp.EQ) and isinstance(pair.expression, exp.National):
                values[pair.this.name] = pair.expression.name
    return values


def main(path):
    with open(path, encoding="utf-8") as f:
        cases = json.load(f)
    failed = False
    for index, case in enumerate(cases):
        try:
            found = arguments(case["batch"])
        except sqlglot.errors.ParseError as error:
            print("ERROR %d: sqlglot cannot parse it: %s" % (index, str(error).splitlines()[0]))
            failed = True
            continue
        for name, expected in case["expected"].items():
            if found.get(name) != expected:
                got = found.get(name)
                print("ERROR %d: @%s differs (expected %d characters, got %s)"
                      % (index, name, len(expected), "none" if got is None else "%d" % len(got)))
                failed = True
    if not failed:
        print("OK %d" % len(cases))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
