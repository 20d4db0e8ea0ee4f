#!/usr/bin/env python3
"""Parse T-SQL with sqlglot and lint the tree for invalid forms sqlglot accepts.

Usage: tsql_lint.py [FILE ...]   (no files: one statement on stdin)

sqlglot's T-SQL parser accepts SQL that SQL Server rejects (ENGINES.md), so a parse
is necessary but not sufficient. After `sqlglot.parse_one(sql, read="tsql")` this
rejects:
  - a boolean expression as a select item (`SELECT a > 1 AS b`),
  - `LIMIT` (T-SQL has TOP / OFFSET ... FETCH),
  - `ORDER BY` in a derived table, subquery, CTE or UNION branch without TOP/OFFSET,
  - `IS TRUE` / `IS FALSE`,
  - `MEDIAN(...)`,
  - `PERCENTILE_CONT` / `PERCENTILE_DISC` in any form: SQL Server has them only as a window
    function (`... OVER (...)`) and Babelfish rejects that form (rex computes a median by
    `ROW_NUMBER()` and `COUNT() OVER`, valid on both),
  - `LIKE ... ESCAPE` (Babelfish ignores an escaped character right after `%`; bracket escapes
    `[%]`, `[_]`, `[[]` work on every T-SQL server),
  - `DATETRUNC` / `DATE_TRUNC` (SQL Server has DATETRUNC only from 2022; rex builds the
    first day with DATEFROMPARTS / DATEADD),
  - `INTERVAL` arithmetic (`d + INTERVAL '1' DAY`; T-SQL has DATEADD).
  - a frame (`ROWS BETWEEN …`) on `ROW_NUMBER`/`RANK`/`DENSE_RANK`/`NTILE`/`LAG`/`LEAD`
    (Msg 10752: frames only on aggregate windows),
  - `ROW_NUMBER`/`RANK`/`DENSE_RANK`/`NTILE`/`LAG`/`LEAD` without `ORDER BY` in `OVER` (Msg 4112),
  - a subquery inside an aggregate's argument (`SUM((SELECT ...))`, Msg 130: "Cannot perform an
    aggregate function on an expression containing an aggregate or a subquery"),
  - `GREATEST` / `LEAST` (SQL Server has them only from 2022).
A batch of several statements (rex's sp_execute_external_script batch: DECLARE, EXEC,
SELECT) is linted statement by statement, and the query inside `@input_data_1 = N'...'`
is linted as a statement of its own.
Prints `OK <file>` or one `ERROR <file>: <reason>` line per problem; exits 1 on any error.
"""
import sys

import sqlglot
from sqlglot import exp
from sqlglot.tokens import TokenType

PREDICATES = (exp.Predicate, exp.And, exp.Or, exp.Not, exp.Boolean, exp.Xor)


def lint_batch(sql):
    """The problems of a batch: each statement, and the input query of an external script."""
    try:
        statements = [s for s in sqlglot.parse(sql, read="tsql") if s is not None]
    except sqlglot.errors.ParseError as error:
        return ["sqlglot cannot parse it: " + str(error).splitlines()[0]]
    if len(statements) <= 1 and not any(isinstance(s, exp.Execute) for s in statements):
        return lint(sql)
    problems = []
    for statement in statements:
        problems += lint(statement.sql(dialect="tsql"))
        if isinstance(statement, exp.Execute):
            for argument in statement.expressions:
                pair = argument.this if isinstance(argument, exp.Alias) else argument
                if isinstance(pair, exp.EQ) and pair.this.name == "input_data_1" and isinstance(pair.expression, exp.National):
                    problems += ["in @input_data_1: " + p for p in lint(pair.expression.name)]
    return problems


def lint(sql):
    """The list of problems in one T-SQL statement (empty when it is fine)."""
    problems = []
    try:
        tree = sqlglot.parse_one(sql, read="tsql")
    except sqlglot.errors.ParseError as error:
        return ["sqlglot cannot parse it: " + str(error).splitlines()[0]]
    if tree is None:
        return ["empty statement"]

    for token in sqlglot.tokenize(sql, read="tsql"):
        if token.token_type == TokenType.LIMIT:
            problems.append("LIMIT is not T-SQL (use TOP or OFFSET ... FETCH)")

    for select in tree.find_all(exp.Select):
        for item in select.expressions:
            value = item.this if isinstance(item, exp.Alias) else item
            if isinstance(value, PREDICATES):
                problems.append("boolean expression as a select item: " + item.sql(dialect="tsql"))
        if select.args.get("order") is not None and select is not tree:
            limited = select.args.get("limit") is not None or select.args.get("offset") is not None
            if not limited:
                problems.append("ORDER BY in a derived table, subquery, CTE or UNION branch without TOP/OFFSET")

    for node in tree.find_all(exp.Is):
        if isinstance(node.expression, exp.Boolean):
            problems.append("IS TRUE / IS FALSE is not T-SQL")

    for node in tree.find_all(exp.Median):
        problems.append("MEDIAN is not T-SQL (use ROW_NUMBER() and COUNT() OVER)")
    for node in tree.find_all(exp.Anonymous):
        if str(node.this).upper() == "MEDIAN":
            problems.append("MEDIAN is not T-SQL")

    for node in tree.walk():
        node = node[0] if isinstance(node, tuple) else node
        name = type(node).__name__
        if name in ("DateTrunc", "TimestampTrunc", "DatetimeTrunc", "TimeTrunc") or (
                isinstance(node, exp.Anonymous) and str(node.this).upper() in ("DATETRUNC", "DATE_TRUNC")):
            problems.append("DATETRUNC exists only from SQL Server 2022 (use DATEFROMPARTS / DATEADD)")
        if isinstance(node, exp.Interval):
            problems.append("INTERVAL is not T-SQL (use DATEADD)")

    # Ranking and offset windows (SQL Server documentation; sqlglot and Babelfish accept both forms).
    ranking = (exp.RowNumber, exp.Rank, exp.DenseRank, exp.Ntile, exp.Lag, exp.Lead)
    for window in tree.find_all(exp.Window):
        if isinstance(window.this, ranking):
            name = type(window.this).__name__.upper()
            if window.args.get("spec") is not None:
                problems.append(name + " OVER with a frame (ROWS/RANGE) is an error in T-SQL (Msg 10752)")
            if window.args.get("order") is None:
                problems.append(name + " OVER needs ORDER BY in T-SQL (Msg 4112)")

    for node in tree.find_all(exp.PercentileCont, exp.PercentileDisc):
        parent = node.parent
        if isinstance(parent, exp.WithinGroup):
            parent = parent.parent
        if not isinstance(parent, exp.Window):
            problems.append("PERCENTILE_CONT/PERCENTILE_DISC used without OVER (T-SQL has it only as a window function)")
        else:
            problems.append("PERCENTILE_CONT/PERCENTILE_DISC OVER is rejected by Babelfish (use ROW_NUMBER() and COUNT() OVER)")

    # Msg 130 (SQL Server documentation; sqlglot and Babelfish accept the form).
    for node in tree.find_all(exp.AggFunc, exp.Anonymous):
        if isinstance(node, exp.Anonymous) and str(node.this).upper() not in ("COUNT_BIG", "STDEV", "VAR"):
            continue
        if any(inner is not node for inner in node.find_all(exp.Subquery, exp.Select)):
            problems.append(node.key.upper() + " over a subquery is an error in T-SQL (Msg 130)")

    for node in tree.find_all(exp.Greatest, exp.Least):
        problems.append(node.key.upper() + " exists only from SQL Server 2022 (use CASE)")

    for node in tree.find_all(exp.Escape):
        problems.append("LIKE ... ESCAPE is not portable to Babelfish (use bracket escapes [%], [_], [[])")
    return problems


def main(argv):
    inputs = [(path, open(path, encoding="utf-8").read()) for path in argv[1:]]
    if not inputs:
        inputs = [("<stdin>", sys.stdin.read())]
    failed = False
    for name, sql in inputs:
        problems = lint_batch(sql)
        if problems:
            failed = True
            for problem in problems:
                print("ERROR %s: %s" % (name, problem))
        else:
            print("OK %s" % name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
