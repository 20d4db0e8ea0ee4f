import RexData

// The four dialect tables. Each one is complete on its own; the generator reads them
// and never tests a dialect's name. Facts behind each entry: ENGINES.md.

extension SQLDialect {
    /// SQL Server / Azure SQL (T-SQL).
    public static let tsql = SQLDialect(
        name: "tsql",
        // Names in brackets, `]` doubled (SQLQuoting.identifier); Babelfish rejects `]]` inside a
        // bracketed name (SQL Server accepts it): no workaround, such names fail there only.
        identifierOpen: "[", identifierClose: "]",
        stringPrefix: "N",
        limitStyle: .topOrOffsetFetch,
        booleansAreValues: false,
        trueLiteral: "CAST(1 AS bit)", falseLiteral: "CAST(0 AS bit)",
        castTypes: [.int: "bigint", .float: "float", .text: "nvarchar(max)", .bool: "bit",
                    .date: "date", .datetime: "datetime", .bytes: "varbinary(max)"],
        columnTypes: [.int: "bigint", .float: "float", .text: "nvarchar(max)", .bool: "bit",
                      .date: "date", .datetime: "datetime", .bytes: "varbinary(max)"],
        codePointCollation: nil,
        nullsLast: .caseKey,
        maxIdentifierBytes: nil,
        wrapsAnyQuery: false,
        // `[` is a LIKE wildcard too. Bracket escapes (`[%]`, `[_]`, `[[]`) rather than `ESCAPE`:
        // Babelfish ignores an ESCAPE character right after `%`; brackets work on both.
        likeMetacharacters: ["%", "_", "["],
        likeEscape: .brackets,
        functions: [
            "divide": "CAST({0} AS float) / NULLIF({1}, 0)",
            "modulo": "{0} % NULLIF({1}, 0)",
            "abs": "ABS({0})", "floor": "FLOOR({0})", "ceil": "CEILING({0})",
            "sqrt": "SQRT(CASE WHEN {0} >= 0 THEN {0} END)", "sqrt(nonnegative)": "SQRT({0})", "exp": TSQLFragment.exp,
            "ln": "LOG(CASE WHEN {0} > 0 THEN {0} END)", "log10": "LOG10(CASE WHEN {0} > 0 THEN {0} END)",
            // POWER takes the type of its first argument: POWER(2, -1) is 0. Undefined and
            // infinite powers raise (Msg 3623): null (SPEC §2).
            "power": TSQLFragment.power,
            // Float arithmetic beyond the range raises (Msg 8115; Babelfish: also an underflow
            // to zero): null, and 0 for an underflow (SPEC §2).
            "add(float)": TSQLFragment.guardedSum("+"), "subtract(float)": TSQLFragment.guardedSum("-"),
            "multiply(float)": TSQLFragment.guardedProduct("*"), "divide(float)": TSQLFragment.guardedProduct("/"),
            // The shortest decimal form rounded half away from zero (SPEC §2): a decimal cast
            // would keep 15 decimals on SQL Server and 15 digits on Babelfish.
            "round1": TSQLFragment.round("0"), "round2": TSQLFragment.round(TSQLFragment.clampedInt("{1}", 400)),
            // ROUND of a bigint is a bigint, half away from zero; an overflow is an error.
            "round2(int)": "ROUND({0}, \(TSQLFragment.clampedInt("{1}", 38)))",
            "lower": "LOWER({0})", "upper": "UPPER({0})",
            // LEN ignores trailing spaces.
            "length": "CAST(LEN({0} + N'x') - 1 AS bigint)",
            "trim": "LTRIM(RTRIM({0}))",
            "substr2": "SUBSTRING({0}, {1}, 2147483647)", "substr3": "SUBSTRING({0}, {1}, {2})",
            "replace": "REPLACE({0}, {1}, {2})",
            // CONCAT treats NULL as ''; + propagates it.
            "concat": "{0} + {1}",
            "year": "CAST(YEAR({0}) AS bigint)", "month": "CAST(MONTH({0}) AS bigint)",
            "day": "CAST(DAY({0}) AS bigint)", "hour": "CAST(DATEPART(hour, {0}) AS bigint)",
            "weekday": "CAST((DATEPART(weekday, {0}) + @@DATEFIRST - 2) % 7 + 1 AS bigint)",
            // `date + 30` is an error (Msg 206): DATEADD and DATEDIFF; their count is an int.
            "add_days": "DATEADD(day, CAST({1} AS int), {0})",
            "diff_days": "CAST(DATEDIFF(day, {1}, {0}) AS bigint)",
            // DATEADD(month, …) clamps to the month end (Jan 31 + 1 month is Feb 28/29).
            "add_months": "DATEADD(month, CAST({1} AS int), {0})",
            // No DATETRUNC before SQL Server 2022: the first day is built from its parts.
            "date_trunc.year(date)": "DATEFROMPARTS(YEAR({0}), 1, 1)",
            "date_trunc.quarter(date)": "DATEFROMPARTS(YEAR({0}), (MONTH({0}) - 1) / 3 * 3 + 1, 1)",
            "date_trunc.month(date)": "DATEFROMPARTS(YEAR({0}), MONTH({0}), 1)",
            // Monday under any DATEFIRST: 1900-01-01 was a Monday (DATEDIFF(week, …) differs on Babelfish).
            "date_trunc.week(date)": "DATEADD(day, -((DATEDIFF(day, CAST('19000101' AS date), {0}) % 7 + 7) % 7), {0})",
            "date_trunc.day(date)": "CAST({0} AS date)",
            // A datetime keeps its type: the same first day, cast back to datetime.
            "date_trunc.year(datetime)": "CAST(DATEFROMPARTS(YEAR({0}), 1, 1) AS datetime)",
            "date_trunc.quarter(datetime)": "CAST(DATEFROMPARTS(YEAR({0}), (MONTH({0}) - 1) / 3 * 3 + 1, 1) AS datetime)",
            "date_trunc.month(datetime)": "CAST(DATEFROMPARTS(YEAR({0}), MONTH({0}), 1) AS datetime)",
            "date_trunc.week(datetime)": "CAST(DATEADD(day, -((DATEDIFF(day, CAST('19000101' AS date), {0}) % 7 + 7) % 7), CAST({0} AS date)) AS datetime)",
            "date_trunc.day(datetime)": "CAST(CAST({0} AS date) AS datetime)",
            // TRY_CAST('' AS bigint) is 0, `… AS float` 0.0 (empty text converts; it is not
            // NULL), and `' ' = ''` (trailing spaces are ignored), so NULLIF(x, N'') makes both
            // the empty and the all-space text NULL first (SPEC §2: not a valid literal).
            // CAST truncates on SQL Server but rounds on Babelfish (PostgreSQL's float8 → int8):
            // ROUND(x, 0, 1) truncates on both first.
            "int(float)": "CAST(ROUND({0}, 0, 1) AS bigint)", "int(text)": "TRY_CAST(NULLIF({0}, N'') AS bigint)", "int(bool)": "CAST({0} AS bigint)",
            "float(int)": "CAST({0} AS float)", "float(text)": "TRY_CAST(NULLIF({0}, N'') AS float)", "float(bool)": "CAST({0} AS float)",
            "text(int)": "CAST({0} AS nvarchar(20))",
            // rex's float text (ValueText.float): the shortest round-trip form, found from style
            // 3's 17 digits (CAST keeps about 6).
            "text(float)": TSQLFragment.floatText,
            "text(bool)": "CASE WHEN {0} = 1 THEN N'true' WHEN {0} = 0 THEN N'false' END",
            "text(date)": "CONVERT(nvarchar(10), {0}, 23)", "text(datetime)": "CONVERT(nvarchar(30), {0}, 126)",
            "text(bytes)": "CONVERT(nvarchar(max), {0}, 2)",
            // TRY_CONVERT(date, '', 23) is 1900-01-01, not NULL: NULLIF(x, N'') first (as int(text)).
            "date(text)": "TRY_CONVERT(date, NULLIF({0}, N''), 23)", "date(datetime)": "CAST({0} AS date)",
            "literal.date": "CAST({0} AS date)", "literal.datetime": "CAST({0} AS datetime)",
            "literal.bytes": "0x{0}", "literal.bigint": "CAST({0} AS bigint)", "literal.float.positional": "{0}E0",
            "literal.int64": "CAST({0} AS bigint)",
            "datetime.separator": "T", "datetime.fractionDigits": "3",
        ],
        aggregates: [
            "count()": .template("COUNT_BIG(*){over}"), "count": .template("COUNT_BIG({0}){over}"),
            "count_distinct": .template("COUNT_BIG(DISTINCT {0}){over}"),
            // SUM of bigint fails on an overflowing partial sum (row-order dependent): sum as
            // decimal(38, 0), which cannot overflow, and convert the total (an error beyond bigint).
            "sum(int)": .template("CAST(SUM(CAST({0} AS decimal(38, 0))){over} AS bigint)"),
            // SUM and AVG of floats raise beyond the range (Msg 8115): null (SPEC §2).
            "sum(float)": .template(TSQLFragment.floatSum),
            "mean": .template("AVG(CAST({0} AS float)){over}"), "mean(float)": .template(TSQLFragment.floatMean),
            "min": .template("MIN({0}){over}"), "max": .template("MAX({0}){over}"),
            "min(bool)": .template("CAST(MIN(CAST({0} AS int)){over} AS bit)"),
            "max(bool)": .template("CAST(MAX(CAST({0} AS int)){over} AS bit)"),
            "any": .template("CAST(MAX(CASE WHEN {0} THEN 1 WHEN NOT ({0}) THEN 0 END){over} AS bit)"),
            "all": .template("CAST(MIN(CASE WHEN {0} THEN 1 WHEN NOT ({0}) THEN 0 END){over} AS bit)"),
            // STDEV and VAR lose digits when the mean is large against the spread (values near
            // 1e8 with spread 0.1 are off by 1e-7 relative): two passes, as everywhere.
            "sd": .twoPassVariance(squareRoot: true), "var": .twoPassVariance(squareRoot: false),
            // SQL Server allows PERCENTILE_CONT only as a window (`… OVER (PARTITION BY …)`), and
            // Babelfish rejects that form: the median by ROW_NUMBER() and COUNT() OVER each
            // group, the average of the middle one or two values, works on both.
            "median": .rankMedian,
        ],
        // COUNT(DISTINCT …) OVER is not allowed.
        windowAggregates: ["count_distinct": .rankCountDistinct],
        // Babelfish runs T-SQL on PostgreSQL's executor, which plans a full join only as a merge
        // or hash join ("FULL JOIN is only supported with merge-joinable or hash-joinable join
        // conditions"): other conditions as the left join and the unmatched right rows.
        fullJoin: .nativeWhenEquality,
        // SQL Server does not fold a constant whose computation raises, but Babelfish plans T-SQL
        // with PostgreSQL, which does (`(-3) - 9223372036854775807` in a branch no row takes): a
        // nondeterministic zero (RAND(), PostgreSQL's volatile random() there) keeps it to run
        // time. No date zero: `date + int` is an error in T-SQL (Msg 206).
        volatileZero: [.int: "0 * CAST(RAND() AS bigint)", .float: "0 * RAND()"],
        // text and round of a float are scalar subqueries of eight or nine levels (SQL Server
        // nests 32): one nested in another, or read by a later step inside a larger expression,
        // is computed in a derived table below instead of inside the other.
        hoistedFunctions: [.toText, .round],
        refusesSubqueriesInAggregates: true,
        // A name starting with # is a local temporary table, visible to its connection only.
        temporaryTables: TemporaryTableRule(namePrefix: "#", create: "CREATE TABLE")
    )

    /// PostgreSQL 12+.
    public static let postgres = SQLDialect(
        name: "postgres",
        identifierOpen: "\"", identifierClose: "\"",
        stringPrefix: "", backslashMayEscape: true,
        limitStyle: .limitOffset,
        booleansAreValues: true,
        trueLiteral: "TRUE", falseLiteral: "FALSE",
        castTypes: [.int: "bigint", .float: "double precision", .text: "text", .bool: "boolean",
                    .date: "date", .datetime: "timestamp", .bytes: "bytea"],
        columnTypes: [.int: "bigint", .float: "double precision", .text: "text", .bool: "boolean",
                      .date: "date", .datetime: "timestamp", .bytes: "bytea"],
        codePointCollation: "C",
        nullsLast: .clause,
        maxIdentifierBytes: 63,
        wrapsAnyQuery: true,
        likeMetacharacters: ["%", "_"],
        functions: [
            "divide": "CAST({0} AS double precision) / NULLIF({1}, 0)",
            "modulo": "{0} % NULLIF({1}, 0)",
            "abs": "abs({0})", "floor": "floor({0})", "ceil": "ceil({0})",
            "sqrt": "sqrt(CASE WHEN {0} >= 0 THEN {0} END)", "sqrt(nonnegative)": "sqrt({0})",
            // float8 arithmetic raises on overflow and on underflow to zero; SPEC §2 wants null
            // and 0. ln(max double) = 709.782712893384, ln(2^-1075) = -745.1332191019412 (whose
            // exp rounds to 0, as 2^-1075 does): exact.
            "exp": "CASE WHEN {0} > 709.782712893384 THEN NULL WHEN {0} <= -745.1332191019412 THEN 0 ELSE exp({0}) END",
            "ln": "ln(CASE WHEN {0} > 0 THEN {0} END)", "log10": "log10(CASE WHEN {0} > 0 THEN {0} END)",
            // Undefined powers (0 to a negative power, a negative base to a fractional power)
            // raise in PostgreSQL: null; infinite ones and underflows raise too (`PostgresFragment.power`).
            "power": PostgresFragment.power,
            "multiply(float)": PostgresFragment.guardedFloat("*"),
            // A sum overflows only when both terms have the same sign and one is at least 2^1023;
            // it does exactly when |a|/2 + |b|/2 rounds to 2^1023 or more (halving is exact here,
            // and the halved sum rounds as the sum does: max + 1 is max, not an overflow). Terms
            // below 1 count as 1 (they cannot decide it), since halving 5e-324 raises an underflow.
            // (abs of a float: abs(bigint) itself overflows on -2^63.)
            "add(float)": "CASE WHEN sign({0}) <> sign({1}) OR (abs(CAST({0} AS double precision)) < 8.98846567431158e307 AND abs(CAST({1} AS double precision)) < 8.98846567431158e307) THEN {0} + {1} WHEN greatest(abs(CAST({0} AS double precision)), 1.0) / 2 + greatest(abs(CAST({1} AS double precision)), 1.0) / 2 >= 8.98846567431158e307 THEN NULL ELSE {0} + {1} END",
            "subtract(float)": "CASE WHEN sign({0}) = sign({1}) OR (abs(CAST({0} AS double precision)) < 8.98846567431158e307 AND abs(CAST({1} AS double precision)) < 8.98846567431158e307) THEN {0} - {1} WHEN greatest(abs(CAST({0} AS double precision)), 1.0) / 2 + greatest(abs(CAST({1} AS double precision)), 1.0) / 2 >= 8.98846567431158e307 THEN NULL ELSE {0} - {1} END",
            "divide(float)": PostgresFragment.guardedFloat("/"),
            // round(float8) is half to even and round(float8, int) does not exist: round a numeric.
            // float8 → numeric keeps 15 digits; the text is the shortest round-trip form
            // (extra_float_digits = 1, set by RexODBC on connect), so round that (SPEC §2).
            "round1": "CAST(round(CAST(CAST({0} AS text) AS numeric)) AS double precision)",
            // Digits beyond ±400 change nothing more (every double lies between 1e-400 and 1e400),
            // and round's count is an integer. A result beyond the float range (the largest double
            // to -308 digits) is null (SPEC §2), where the cast to float8 raises.
            "round2": "CASE WHEN abs(\(PostgresFragment.roundedNumeric)) > 1.7976931348623157e308 THEN NULL"
                + " ELSE CAST(\(PostgresFragment.roundedNumeric) AS double precision) END",
            "round2(int)": "CAST(round(CAST({0} AS numeric), \(PostgresFragment.clampedInteger("{1}", 400))) AS bigint)",
            "lower": "lower({0})", "upper": "upper({0})",
            "length": "CAST(length({0}) AS bigint)",
            "trim": "btrim({0}, ' ')",
            "substr2": "substr({0}, CAST({1} AS integer))",
            "substr3": "substr({0}, CAST({1} AS integer), CAST({2} AS integer))",
            "replace": "replace({0}, {1}, {2})",
            "concat": "{0} || {1}",
            "year": "CAST(EXTRACT(year FROM {0}) AS bigint)", "month": "CAST(EXTRACT(month FROM {0}) AS bigint)",
            "day": "CAST(EXTRACT(day FROM {0}) AS bigint)", "hour": "CAST(EXTRACT(hour FROM {0}) AS bigint)",
            "weekday": "CAST(EXTRACT(isodow FROM {0}) AS bigint)",
            // date + bigint does not exist; date + integer is a date, date - date an integer.
            // The count is clamped before its cast to integer, which PostgreSQL computes while
            // planning for a constant: past the clamp every date is out of range anyway.
            // (CASE, not least/greatest, which skip a null.)
            "add_days": PostgresFragment.dateInRange(PostgresFragment.addDays),
            "add_days(constant)": PostgresFragment.dateInRange(PostgresFragment.addDays, inline: true),
            "diff_days": "CAST({0} - {1} AS bigint)",
            // date + interval clamps to the month end but is a timestamp: cast back to date.
            "add_months": PostgresFragment.dateInRange(PostgresFragment.addMonths),
            "add_months(constant)": PostgresFragment.dateInRange(PostgresFragment.addMonths, inline: true),
            // date_trunc of a date is a timestamptz in the session time zone: truncate the
            // timestamp and cast back to date ('week' is ISO: Monday). A timestamp keeps its type.
            "date_trunc.year(date)": "CAST(date_trunc('year', CAST({0} AS timestamp)) AS date)",
            "date_trunc.year(datetime)": "date_trunc('year', {0})",
            "date_trunc.quarter(date)": "CAST(date_trunc('quarter', CAST({0} AS timestamp)) AS date)",
            "date_trunc.quarter(datetime)": "date_trunc('quarter', {0})",
            "date_trunc.month(date)": "CAST(date_trunc('month', CAST({0} AS timestamp)) AS date)",
            "date_trunc.month(datetime)": "date_trunc('month', {0})",
            "date_trunc.week(date)": "CAST(date_trunc('week', CAST({0} AS timestamp)) AS date)",
            "date_trunc.week(datetime)": "date_trunc('week', {0})",
            "date_trunc.day(date)": "CAST(date_trunc('day', CAST({0} AS timestamp)) AS date)",
            "date_trunc.day(datetime)": "date_trunc('day', {0})",
            // A float cast to bigint rounds half to even: truncate first.
            "int(float)": "CAST(trunc({0}) AS bigint)",
            // Text beyond the 64-bit range is not a valid literal: null, not an error (SPEC §2).
            // At most 19 digits after leading zeros, so the numeric cast cannot fail. In these
            // three, `CAST(CAST(x AS text) AS t)`: PostgreSQL converts `CAST('' AS date)` of a
            // quoted literal (a derived constant) while parsing, before the guard around it runs.
            "int(text)": "CASE WHEN {0} ~ '^[-+]?0*[0-9]{1,19}$' THEN CASE WHEN CAST(CAST({0} AS text) AS numeric) BETWEEN -9223372036854775808 AND 9223372036854775807 THEN CAST(CAST({0} AS text) AS bigint) END END",
            "int(bool)": "CAST(CAST({0} AS integer) AS bigint)",
            "float(int)": "CAST({0} AS double precision)",
            // float8 input raises beyond the range (1e999) and on underflow to zero (1e-400):
            // infinite is null and underflow 0 (SPEC §2). The range is checked on the exact
            // numeric (bounds just above the rounding midpoints 2^1024 − 2^970 and 2^-1075);
            // exponents of five digits or more are decided by their sign alone.
            "float(text)": "CASE WHEN {0} ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$' THEN CASE WHEN {0} ~ '[eE][-+]?0*[0-9]{5,}$' THEN CASE WHEN {0} ~ '[eE]-' OR {0} ~ '^[-+]?[0.]*[eE]' THEN 0 END WHEN abs(CAST(CAST({0} AS text) AS numeric)) >= 1.797693134862315808e308 THEN NULL WHEN abs(CAST(CAST({0} AS text) AS numeric)) <= 2.4703282292062327209e-324 THEN 0 ELSE CAST(CAST({0} AS text) AS double precision) END END",
            "float(bool)": "CAST(CAST({0} AS integer) AS double precision)",
            "text(int)": "CAST({0} AS text)",
            // rex's float text (ValueText.float, Swift's description): the shortest round-trip
            // digits; exponent form `1e-05`, `1.5e+300` below 1e-4 and above 2^53 (PostgreSQL's
            // own text has the same exponent form there), else positional with at least one
            // decimal (`3.0`, `1000000000000000.0`), which the exact numeric of the text gives.
            "text(float)": "CASE WHEN {0} = 0 THEN CASE WHEN CAST({0} AS text) LIKE '-%' THEN '-0.0' ELSE '0.0' END WHEN abs({0}) > 9007199254740992 OR abs({0}) < 0.0001 THEN CAST({0} AS text) ELSE regexp_replace(CAST(CAST(CAST({0} AS text) AS numeric) AS text), '^(-?[0-9]+)$', '\\1.0') END",
            "text(bool)": "CASE WHEN {0} THEN 'true' WHEN NOT {0} THEN 'false' END",
            "text(date)": "to_char({0}, 'YYYY-MM-DD')",
            "text(datetime)": "replace(CAST({0} AS text), ' ', 'T')",
            "text(bytes)": "encode({0}, 'hex')",
            // A cast of an impossible date (2024-02-30) is an error: check the day against the month first.
            "date(text)": "CASE WHEN {0} ~ '^([0-9][0-9][0-9][1-9]|[0-9][0-9][1-9]0|[0-9][1-9]00|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN CASE WHEN CAST(substr({0}, 9, 2) AS integer) <= EXTRACT(day FROM CAST(substr({0}, 1, 7) || '-01' AS date) + interval '1 month' - interval '1 day') THEN CAST(CAST({0} AS text) AS date) END END",
            "date(datetime)": "CAST({0} AS date)",
            "literal.date": "DATE {0}", "literal.datetime": "TIMESTAMP {0}",
            "literal.bytes": "decode('{0}', 'hex')", "literal.bigint": "{0}", "literal.int64": "CAST({0} AS bigint)",
            // A literal like 0.1 is numeric in PostgreSQL (exact decimal arithmetic): floats are doubles.
            "literal.float": "CAST({0} AS double precision)",
            "datetime.separator": " ", "datetime.fractionDigits": "6",
        ],
        aggregates: [
            "count()": .template("count(*){over}"), "count": .template("count({0}){over}"),
            "count_distinct": .template("count(DISTINCT {0}){over}"),
            // sum(bigint) is numeric: back to bigint (an overflow is an error).
            // float8 sums raise on overflow, and every aggregate of a query is computed even where
            // a CASE would not use it: sum the terms of 1e290 or more scaled by 2^-64 (exact), the
            // others as they are (neither sum can overflow), and combine; an overflow is null (SPEC §2).
            "sum(int)": .template("CAST(sum({0}){over} AS bigint)"),
            "sum(float)": .template(PostgresFragment.floatSum),
            "mean": .template("avg(CAST({0} AS double precision)){over}"),
            "mean(float)": .template(PostgresFragment.floatMean),
            "min": .template("min({0}){over}"), "max": .template("max({0}){over}"),
            "min(text)": .template("min({0} COLLATE \"C\"){over}"), "max(text)": .template("max({0} COLLATE \"C\"){over}"),
            "min(bool)": .template("bool_and({0}){over}"), "max(bool)": .template("bool_or({0}){over}"),
            "any": .template("bool_or({0}){over}"), "all": .template("bool_and({0}){over}"),
            // var_samp/stddev_samp of float8 use a one-pass sum of squares that cancels when the
            // mean is large against the spread (values near 1e8 with spread 0.1 are off by 1e-7
            // relative): two passes, the deviations from a window mean first.
            "sd": .twoPassVariance(squareRoot: true), "var": .twoPassVariance(squareRoot: false),
            // The median by window ranks, as on SQLite and SQL Server (percentile_cont's
            // interpolation, low + (high − low) · 0.5, is infinite for middle values of opposite
            // signs beyond 8.9e307; the ranked form takes (low + high) / 2 there).
            "median": .rankMedian,
        ],
        windowAggregates: ["median": .rankMedian, "count_distinct": .rankCountDistinct],
        // FULL JOIN only with merge- or hash-joinable conditions (an equality of the two sides).
        fullJoin: .nativeWhenEquality,
        volatileZero: [.int: "0 * CAST(random() AS bigint)", .float: "0 * random()", .date: "CAST(0 * random() AS integer)"],
        temporaryTables: TemporaryTableRule(create: "CREATE TEMP TABLE")
    )

    /// SQLite 3.39+ (math functions built in).
    public static let sqlite = SQLDialect(
        name: "sqlite",
        identifierOpen: "\"", identifierClose: "\"",
        stringPrefix: "",
        limitStyle: .limitOffset,
        booleansAreValues: true,
        trueLiteral: "1", falseLiteral: "0",
        castTypes: [.int: "INTEGER", .float: "REAL", .text: "TEXT", .bool: "INTEGER",
                    .date: "TEXT", .datetime: "TEXT", .bytes: "BLOB"],
        // Declared types are what sqliteodbc's catalog reports back (SQLColumns), so they
        // name the rex type: BIGINT (not INTEGER, which it reports as 32-bit), BOOLEAN,
        // DATE and TIMESTAMP (values stored as ISO text), all with SQLite's usual affinities.
        columnTypes: [.int: "BIGINT", .float: "REAL", .text: "TEXT", .bool: "BOOLEAN",
                      .date: "DATE", .datetime: "TIMESTAMP", .bytes: "BLOB"],
        codePointCollation: nil,   // BINARY: UTF-8 byte order is code-point order
        nullsLast: .clause,
        maxIdentifierBytes: nil,
        wrapsAnyQuery: true,
        likeMetacharacters: ["%", "_"],
        functions: [
            "divide": "CAST({0} AS REAL) / NULLIF({1}, 0)",
            "modulo": "{0} % NULLIF({1}, 0)",
            "abs": "abs({0})", "floor": "floor({0})", "ceil": "ceil({0})",
            // Infinite results are null (SPEC §2): 9e999 is SQLite's infinity; NaN is stored as NULL.
            "sqrt": "sqrt({0})", "exp": "nullif(exp({0}), 9e999)", "ln": "ln({0})",
            // SQLite's log10 is ln(x)/ln(10), a digit off at powers of ten (log10(0.1) is
            // -0.9999999999999998, so power(-6, log10(0.1)) was null): a normal x that is the
            // double of 1eK gives K, as C's log10 does.
            "log10": "(SELECT CASE WHEN x >= 2.2250738585072014e-308 AND e LIKE '1e%' AND CAST(e AS REAL) = x THEN CAST(substr(e, 3) AS REAL) ELSE log10(x) END FROM (SELECT x, printf('%.0e', x) AS e FROM (SELECT CAST({0} AS REAL) AS x)))",
            "power": "nullif(nullif(pow({0}, {1}), 9e999), -9e999)",
            "multiply(float)": "nullif(nullif({0} * {1}, 9e999), -9e999)",
            "add(float)": "nullif(nullif({0} + {1}, 9e999), -9e999)",
            "subtract(float)": "nullif(nullif({0} - {1}, 9e999), -9e999)",
            "divide(float)": "nullif(nullif(CAST({0} AS REAL) / NULLIF({1}, 0), 9e999), -9e999)",
            // round(x) adds 0.5 and truncates, which turns 0.49999999999999994 into 1.
            "round1": "CASE WHEN abs({0}) < 0.5 THEN 0.0 ELSE round({0}) END",
            // round(x, n) rounds a 15-digit form and ignores a negative n: round the shortest
            // digits (SPEC §2) by hand, in a subquery so that x is written once. `+ 0.0` makes a
            // result rounded to zero, and a zero x, 0.0, not -0.0 ('-0e2'), as PostgreSQL's numeric
            // and pandas give; one beyond the range (the largest double to -308 digits) is null,
            // not Infinity.
            "round2": "(SELECT CASE WHEN x IS NULL OR n IS NULL THEN NULL WHEN x = 0 OR \(SQLiteFragment.decimalExponent) + 1 + n >= length(\(SQLiteFragment.significantDigits)) THEN x + 0.0 WHEN \(SQLiteFragment.decimalExponent) + 1 + n < 0 THEN 0.0 ELSE nullif(nullif(CAST(CASE WHEN x < 0 THEN '-' ELSE '' END || (CAST(substr(\(SQLiteFragment.significantDigits), 1, \(SQLiteFragment.decimalExponent) + 1 + n) AS INTEGER) + (substr(\(SQLiteFragment.significantDigits), \(SQLiteFragment.decimalExponent) + 2 + n, 1) >= '5')) || 'e' || (-n) AS REAL) + 0.0, 9e999), -9e999) END FROM (SELECT x, n, \(SQLiteFragment.shortestExponentForm) AS e FROM (SELECT {0} AS x, {1} AS n)))",
            // round(int, n) is REAL in SQLite: integer arithmetic, half away from zero, on the
            // quotient and remainder by the unit (x ± half a unit overflowed near the limits); a
            // result beyond the range turns into a REAL: an error, as `add(int)` makes it. To -19
            // digits, half a unit is 5e18: a larger magnitude rounds to ±1e19, an overflow.
            "round2(int)": "(SELECT CASE WHEN x IS NULL OR n IS NULL THEN NULL WHEN n >= 0 THEN x WHEN n < -19 THEN 0 WHEN n = -19 THEN CASE WHEN x >= 5000000000000000000 OR x <= -5000000000000000000 THEN \(SQLiteFragment.overflowError) ELSE 0 END WHEN typeof(q * p) = 'real' THEN \(SQLiteFragment.overflowError) ELSE q * p END FROM (SELECT x, n, p, x / p + CASE WHEN abs(x % p) * 2 >= p THEN CASE WHEN x < 0 THEN -1 ELSE 1 END ELSE 0 END AS q FROM (SELECT x, n, CAST(pow(10, -n) AS INTEGER) AS p FROM (SELECT {0} AS x, {1} AS n))))",
            "lower": "lower({0})", "upper": "upper({0})",
            "length": "length({0})",
            "trim": "trim({0}, ' ')",
            "substr2": "substr({0}, {1})", "substr3": "substr({0}, {1}, {2})",
            // replace(x, '', NULL) is x in SQLite (an empty pattern returns x before looking at the
            // replacement): a null replacement makes the result null, as on every engine.
            "replace": "CASE WHEN {2} IS NOT NULL THEN replace({0}, {1}, {2}) END",
            "concat": "{0} || {1}",
            // Integer overflow turns into a float in SQLite; rex makes it an error (abs of the
            // smallest integer raises "integer overflow"; random() keeps it from being precomputed).
            "add(int)": "CASE WHEN typeof({0} + {1}) = 'real' THEN \(SQLiteFragment.overflowError) ELSE {0} + {1} END",
            "subtract(int)": "CASE WHEN typeof({0} - {1}) = 'real' THEN \(SQLiteFragment.overflowError) ELSE {0} - {1} END",
            "multiply(int)": "CASE WHEN typeof({0} * {1}) = 'real' THEN \(SQLiteFragment.overflowError) ELSE {0} * {1} END",
            "negate(int)": "CASE WHEN typeof(-{0}) = 'real' THEN \(SQLiteFragment.overflowError) ELSE -{0} END",
            // SQLite computes -x as 0 - x, which is 0.0 for x = 0.0: IEEE's -0.0 is x * -1.0.
            "negate(float)": "{0} * -1.0",
            // LIKE is case-insensitive for ASCII in SQLite: compare exactly instead.
            "contains": "instr({0}, {1}) > 0",
            "starts_with": "substr({0}, 1, length({1})) = {1}",
            "ends_with": "substr({0}, length({0}) - length({1}) + 1) = {1}",
            "year": "CAST(strftime('%Y', {0}) AS INTEGER)", "month": "CAST(strftime('%m', {0}) AS INTEGER)",
            "day": "CAST(strftime('%d', {0}) AS INTEGER)", "hour": "CAST(strftime('%H', {0}) AS INTEGER)",
            "weekday": "(CAST(strftime('%w', {0}) AS INTEGER) + 6) % 7 + 1",
            // '+' || n || ' days' is NULL for a negative n: printf('%+d days', n); printf of a NULL
            // is '+0 days', so a null n is tested first.
            "add_days": SQLiteFragment.dateInRange("CASE WHEN n IS NOT NULL THEN date(d, printf('%+d days', n)) END"),
            // julianday of a date is a whole day plus 0.5: the difference is exact.
            "diff_days": "CAST(julianday({0}) - julianday({1}) AS INTEGER)",
            // date(d, '+1 month') does not clamp (2024-01-31 → 2024-03-02): the target month's
            // first day t, then the day clamped to t's month's last day (December's is 31:
            // date(t, '+1 month') is NULL for 9999-12).
            "add_months": SQLiteFragment.dateInRange(
                "CASE WHEN n IS NOT NULL THEN date(t, printf('+%d days', min(CAST(strftime('%d', d) AS INTEGER), CASE WHEN strftime('%m', t) = '12' THEN 31 ELSE CAST(strftime('%d', date(t, '+1 month', '-1 day')) AS INTEGER) END) - 1)) END",
                t: "date(d, 'start of month', printf('%+d months', n))"),
            // Dates are ISO text: date() keeps them dates; datetime() writes datetimes as rex
            // uploads them ('YYYY-MM-DD HH:MM:SS'). Weeks start on Monday (%w: 0 = Sunday).
            "date_trunc.year(date)": "date({0}, 'start of year')",
            "date_trunc.quarter(date)": "date({0}, 'start of month', printf('-%d months', (CAST(strftime('%m', {0}) AS INTEGER) - 1) % 3))",
            "date_trunc.month(date)": "date({0}, 'start of month')",
            "date_trunc.week(date)": "date({0}, printf('-%d days', (CAST(strftime('%w', {0}) AS INTEGER) + 6) % 7))",
            "date_trunc.day(date)": "date({0})",
            "date_trunc.year(datetime)": "datetime({0}, 'start of year')",
            "date_trunc.quarter(datetime)": "datetime({0}, 'start of month', printf('-%d months', (CAST(strftime('%m', {0}) AS INTEGER) - 1) % 3))",
            "date_trunc.month(datetime)": "datetime({0}, 'start of month')",
            "date_trunc.week(datetime)": "datetime({0}, 'start of day', printf('-%d days', (CAST(strftime('%w', {0}) AS INTEGER) + 6) % 7))",
            "date_trunc.day(datetime)": "datetime({0}, 'start of day')",
            // CAST saturates at the 64-bit limits: beyond them is an overflow error (SPEC §2).
            "int(float)": "CASE WHEN {0} >= 9223372036854775808.0 OR {0} < -9223372036854775808.0 THEN \(SQLiteFragment.overflowError) ELSE CAST({0} AS INTEGER) END",
            // CAST('12abc' AS INTEGER) is 12: accept only an optional sign and digits; CAST
            // saturates, so the digits (without sign and leading zeros) must be within the range.
            "int(text)": "CASE WHEN (({0} GLOB '[0-9]*' AND NOT {0} GLOB '*[^0-9]*') OR ({0} GLOB '[-+][0-9]*' AND NOT substr({0}, 2) GLOB '*[^0-9]*')) AND (length(ltrim({0}, '+-0')) < 19 OR (length(ltrim({0}, '+-0')) = 19 AND (ltrim({0}, '+-0') <= '9223372036854775807' OR (substr({0}, 1, 1) = '-' AND ltrim({0}, '+-0') = '9223372036854775808')))) THEN CAST({0} AS INTEGER) END",
            // An expression, so sqliteodbc does not report the column's declared BOOLEAN type.
            "int(bool)": "CAST({0} AS INTEGER)",
            "float(int)": "CAST({0} AS REAL)",
            // No regular expressions in SQLite: a float literal is digits, one dot, one exponent,
            // signs only first or right after the e; each GLOB rules out one malformed shape.
            "float(text)": "CASE WHEN {0} GLOB '*[0-9]*' AND NOT {0} GLOB '*[^0-9.eE+-]*' AND NOT {0} GLOB '*[0-9.][+-]*' AND NOT {0} GLOB '*[+-][+-]*' AND NOT {0} GLOB '*[+-]' AND NOT {0} GLOB '*.*.*' AND NOT {0} GLOB '*[eE]*[eE]*' AND NOT {0} GLOB '*[eE]*.*' AND NOT {0} GLOB '*[eE]' AND NOT {0} GLOB '[eE]*' AND NOT {0} GLOB '[+-][eE]*' AND NOT {0} GLOB '.[eE]*' AND NOT {0} GLOB '[+-].[eE]*' THEN nullif(nullif(CAST({0} AS REAL), 9e999), -9e999) END",
            "float(bool)": "CAST({0} AS REAL)",
            "text(int)": "CAST({0} AS TEXT)",
            // rex's float text (ValueText.float): shortest round-trip digits, the fewest digits
            // (1 to 17) that read back as x, laid out as Swift writes it; -0.0 told by atan2.
            // SQLite's printf is off in the last digit for some magnitudes beyond about 1e±150.
            "text(float)": "(SELECT CASE WHEN x IS NULL THEN NULL WHEN x = 0 THEN CASE WHEN atan2(x, -1.0) < 0 THEN '-0.0' ELSE '0.0' END WHEN abs(x) > 9007199254740992.0 OR abs(x) < 0.0001 THEN CASE WHEN x < 0 THEN '-' ELSE '' END || substr(\(SQLiteFragment.significantDigits), 1, 1) || CASE WHEN length(\(SQLiteFragment.significantDigits)) > 1 THEN '.' || substr(\(SQLiteFragment.significantDigits), 2) ELSE '' END || 'e' || CASE WHEN \(SQLiteFragment.decimalExponent) < 0 THEN '-' ELSE '+' END || CASE WHEN abs(\(SQLiteFragment.decimalExponent)) < 10 THEN '0' ELSE '' END || abs(\(SQLiteFragment.decimalExponent)) WHEN \(SQLiteFragment.decimalExponent) >= length(\(SQLiteFragment.significantDigits)) - 1 THEN CASE WHEN x < 0 THEN '-' ELSE '' END || \(SQLiteFragment.significantDigits) || substr('0000000000000000', 1, \(SQLiteFragment.decimalExponent) - length(\(SQLiteFragment.significantDigits)) + 1) || '.0' WHEN \(SQLiteFragment.decimalExponent) >= 0 THEN CASE WHEN x < 0 THEN '-' ELSE '' END || substr(\(SQLiteFragment.significantDigits), 1, \(SQLiteFragment.decimalExponent) + 1) || '.' || substr(\(SQLiteFragment.significantDigits), \(SQLiteFragment.decimalExponent) + 2) ELSE CASE WHEN x < 0 THEN '-' ELSE '' END || '0.' || substr('0000', 1, -\(SQLiteFragment.decimalExponent) - 1) || \(SQLiteFragment.significantDigits) END FROM (SELECT x, \(SQLiteFragment.shortestExponentForm) AS e FROM (SELECT {0} AS x)))",
            "text(bool)": "CASE WHEN {0} THEN 'true' WHEN NOT {0} THEN 'false' END",
            // An expression, so the driver does not report the column's declared DATE type.
            "text(date)": "CAST({0} AS TEXT)", "text(datetime)": "replace({0}, ' ', 'T')",
            "text(bytes)": "lower(hex({0}))",
            // date('12') is a Julian day and date('2024-02-30') stays as written: keep only text that
            // survives a round trip through a day number.
            "date(text)": "CASE WHEN date(julianday({0})) = {0} AND substr({0}, 1, 4) <> '0000' THEN {0} END",
            "date(datetime)": "date({0})",
            "literal.date": "{0}", "literal.datetime": "{0}",
            "literal.bytes": "X'{0}'", "literal.bigint": "{0}",
            // SQLite compares INTEGER with REAL exactly; rex widens the int first (SPEC §2).
            "widen(int)": "CAST({0} AS REAL)",
            // rex writes SQLite datetimes as ISO text with the fraction's trailing zeros dropped
            // (RexODBC's sqliteDatetimeText): a literal must be spelled the same way to compare equal.
            "datetime.separator": " ", "datetime.fractionDigits": "6",
        ],
        aggregates: [
            "count()": .template("count(*){over}"), "count": .template("count({0}){over}"),
            "count_distinct": .template("count(DISTINCT {0}){over}"),
            // SQLite's sum over no rows is NULL (total() would be 0); integer overflow is an error.
            // sum() fails on an overflowing partial sum, which depends on the row order: sum the
            // high and low 32 bits apart (neither can overflow) and combine them exactly.
            "sum(int)": .template(SQLiteFragment.exactIntegerSum),
            // A float sum that overflows is infinity (9e999) in SQLite: null (SPEC §2).
            "sum(float)": .template("nullif(nullif(sum({0}){over}, 9e999), -9e999)"),
            "mean": .template("nullif(nullif(avg({0}){over}, 9e999), -9e999)"),
            "min": .template("min({0}){over}"), "max": .template("max({0}){over}"),
            "any": .template("max({0}){over}"), "all": .template("min({0}){over}"),
            // No stddev, variance or median in SQLite.
            "sd": .twoPassVariance(squareRoot: true), "var": .twoPassVariance(squareRoot: false),
            "median": .rankMedian,
        ],
        windowAggregates: ["count_distinct": .rankCountDistinct],
        // SQLite 3.40 drops WHERE terms of UNION ALL arms that hold a RIGHT or FULL JOIN when
        // the compound is a derived table (`(A UNION ALL B) AS t`: rows the filter removed come
        // back): no FULL JOIN at all.
        fullJoin: .leftJoinUnionUnmatched,
        // A correlated NOT EXISTS scans the left side once per right row (no automatic index);
        // a LEFT JOIN gets an automatic index.
        antiJoin: .leftJoinIsNull,
        // round2 and text(float) bind x in scalar subqueries; SQLite's parser stack (depth 100)
        // overflows on four nested ones.
        hoistedFunctions: [.round, .toText, .addDays, .addMonths, .log10, .dateTrunc],
        // The same stack: a long pipeline of full joins and windows as nested derived tables
        // overflowed it; as common table expressions each is parsed alone.
        derivedTablesAsCommonTables: true,
        // One date_trunc of a column nests 5 deep; the column of fuzz case 38186 (a date_trunc
        // of a coalesce of one) 12, and substituted into a branch's date calls it overflowed.
        substitutedNestingLimit: 10,
        comparesBooleanJoinConditions: true,
        keepsOuterJoinSidesWithSubqueriesApart: true,
        temporaryTables: TemporaryTableRule(create: "CREATE TEMP TABLE")
    )

    /// Generic ANSI SQL, for servers rex has no table for.
    public static let ansi = SQLDialect(
        name: "ansi",
        identifierOpen: "\"", identifierClose: "\"",
        stringPrefix: "",
        limitStyle: .limitOffset,
        booleansAreValues: true,
        trueLiteral: "TRUE", falseLiteral: "FALSE",
        castTypes: [.int: "BIGINT", .float: "DOUBLE PRECISION", .text: "VARCHAR(32672)", .bool: "BOOLEAN",
                    .date: "DATE", .datetime: "TIMESTAMP", .bytes: "VARBINARY(32672)"],
        columnTypes: [.int: "BIGINT", .float: "DOUBLE PRECISION", .text: "VARCHAR(32672)", .bool: "BOOLEAN",
                      .date: "DATE", .datetime: "TIMESTAMP", .bytes: "VARBINARY(32672)"],
        codePointCollation: nil,
        nullsLast: .clause,
        maxIdentifierBytes: 128,
        wrapsAnyQuery: true,
        likeMetacharacters: ["%", "_"],
        functions: [
            "divide": "CAST({0} AS DOUBLE PRECISION) / NULLIF({1}, 0)",
            "modulo": "MOD({0}, NULLIF({1}, 0))",
            "abs": "ABS({0})", "floor": "FLOOR({0})", "ceil": "CEILING({0})",
            "sqrt": "SQRT(CASE WHEN {0} >= 0 THEN {0} END)", "sqrt(nonnegative)": "SQRT({0})", "exp": "EXP({0})",
            "ln": "LN(CASE WHEN {0} > 0 THEN {0} END)", "log10": "LOG10(CASE WHEN {0} > 0 THEN {0} END)",
            "power": "POWER(CAST({0} AS DOUBLE PRECISION), {1})",
            "round1": "CAST(ROUND(CAST({0} AS DECIMAL(38, 15)), 0) AS DOUBLE PRECISION)",
            "round2": "CAST(ROUND(CAST({0} AS DECIMAL(38, 15)), {1}) AS DOUBLE PRECISION)",
            "lower": "LOWER({0})", "upper": "UPPER({0})",
            "length": "CHAR_LENGTH({0})",
            "trim": "TRIM(BOTH ' ' FROM {0})",
            "substr2": "SUBSTRING({0} FROM {1})", "substr3": "SUBSTRING({0} FROM {1} FOR {2})",
            "replace": "REPLACE({0}, {1}, {2})",
            "concat": "{0} || {1}",
            "year": "EXTRACT(YEAR FROM {0})", "month": "EXTRACT(MONTH FROM {0})",
            "day": "EXTRACT(DAY FROM {0})", "hour": "EXTRACT(HOUR FROM {0})",
            "weekday": "MOD(EXTRACT(DOW FROM {0}) + 6, 7) + 1",
            // Standard interval arithmetic (no date_trunc in the standard: unsupported here).
            "add_days": "CAST({0} + CAST({1} AS INTEGER) * INTERVAL '1' DAY AS DATE)",
            "diff_days": "CAST(EXTRACT(DAY FROM (CAST({0} AS TIMESTAMP) - CAST({1} AS TIMESTAMP))) AS BIGINT)",
            "add_months": "CAST({0} + CAST({1} AS INTEGER) * INTERVAL '1' MONTH AS DATE)",
            "int(float)": "CAST({0} AS BIGINT)", "int(text)": "CAST({0} AS BIGINT)", "int(bool)": "CASE WHEN {0} THEN 1 WHEN NOT {0} THEN 0 END",
            "float(int)": "CAST({0} AS DOUBLE PRECISION)", "float(text)": "CAST({0} AS DOUBLE PRECISION)",
            "float(bool)": "CASE WHEN {0} THEN 1.0 WHEN NOT {0} THEN 0.0 END",
            "text(int)": "CAST({0} AS VARCHAR(40))", "text(float)": "CAST({0} AS VARCHAR(40))",
            "text(bool)": "CASE WHEN {0} THEN 'true' WHEN NOT {0} THEN 'false' END",
            "text(date)": "CAST({0} AS VARCHAR(10))", "text(datetime)": "CAST({0} AS VARCHAR(40))",
            "date(text)": "CAST({0} AS DATE)", "date(datetime)": "CAST({0} AS DATE)",
            "literal.date": "DATE {0}", "literal.datetime": "TIMESTAMP {0}",
            "literal.bytes": "X'{0}'", "literal.bigint": "{0}",
            "datetime.separator": " ", "datetime.fractionDigits": "6",
        ],
        aggregates: [
            "count()": .template("COUNT(*){over}"), "count": .template("COUNT({0}){over}"),
            "count_distinct": .template("COUNT(DISTINCT {0}){over}"),
            "sum(int)": .template("SUM({0}){over}"), "sum(float)": .template("SUM({0}){over}"),
            "mean": .template("AVG(CAST({0} AS DOUBLE PRECISION)){over}"),
            "min": .template("MIN({0}){over}"), "max": .template("MAX({0}){over}"),
            "any": .template("SOME({0}){over}"), "all": .template("EVERY({0}){over}"),
            // VAR_SAMP's method is the engine's (often a cancelling sum of squares): two passes.
            "sd": .twoPassVariance(squareRoot: true), "var": .twoPassVariance(squareRoot: false),
            "median": .template("PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY {0})"),
        ],
        windowAggregates: ["median": .rankMedian, "count_distinct": .rankCountDistinct],
        // The standard's default, ON COMMIT DELETE ROWS, would empty it after the upload commits.
        temporaryTables: TemporaryTableRule(create: "CREATE LOCAL TEMPORARY TABLE", suffix: "ON COMMIT PRESERVE ROWS")
    )
}

/// SQL pieces of the PostgreSQL table's templates.
private enum PostgresFragment {
    /// `n` as an integer, clamped to ±`bound` first (null stays null).
    static func clampedInteger(_ n: String, _ bound: Int) -> String {
        "CAST(CASE WHEN \(n) > \(bound) THEN \(bound) WHEN \(n) < -\(bound) THEN -\(bound) ELSE \(n) END AS integer)"
    }

    /// The float `{0}` rounded to `{1}` digits as a numeric: its shortest round-trip text
    /// (SPEC §2), the count clamped to ±400.
    static let roundedNumeric = "round(CAST(CAST({0} AS text) AS numeric), \(clampedInteger("{1}", 400)))"

    /// `power({0}, {1})` of floats as SPEC §2 wants it, where float8's raises: null where
    /// undefined (0 to a negative power, a negative base to a fractional power) or infinite, 0
    /// with IEEE's sign (a negative base to an odd power: -0.0) for an underflow.
    /// The estimate L = y · ln|x| decides all but a band of 1e-9 around the bounds ln(max double)
    /// = 709.782712893384 and ln(2^-1075) = -745.1332191019412 (L is off by about 1e-13). In the
    /// band (2^1024's and the largest double's L are the same double), p = |x|^(y/2) decides
    /// exactly enough: p · 0.5 · p ≥ 2^1023 is an overflow, p · 2^64 · p ≤ 2^-1011 · (1 + 2^-50) an
    /// underflow (a result tied with 2^-1075, such as 2^-1075 itself, rounds to 0; p has one
    /// rounding); p is near 2^512 or 2^-537.5 there, so neither product can overflow or underflow.
    /// The exponent is clamped to ±1e300 so that L cannot overflow, and one below 1e-300 is 0 so
    /// that it cannot underflow (5e-324 · ln(1.0000000000000002) raised; such a power is 1); p
    /// halves that tame exponent too, since the planner computes a branch's constants whether
    /// or not a row takes it (5e-324 / 2 raised "underflow" over an empty table).
    static let power: String = {
        let x = "CAST({0} AS double precision)", y = "CAST({1} AS double precision)"
        let tameExponent = "CASE WHEN abs(\(y)) < 1e-300 THEN 0 ELSE least(greatest(\(y), -1e300), 1e300) END"
        let estimate = "\(tameExponent) * ln(abs(\(x)))"
        let half = "power(abs(\(x)), \(tameExponent) / 2)"
        let plain = "power(\(x), {1})", zero = "0 * power(sign(\(x)), {1})"
        return "CASE WHEN {0} IS NULL OR {1} IS NULL THEN NULL WHEN {0} = 0 AND {1} < 0 THEN NULL"
            + " WHEN {0} < 0 AND {1} <> trunc({1}) THEN NULL WHEN {0} = 0 OR {1} = 0 THEN \(plain)"
            + " WHEN \(estimate) > 709.782712894384 THEN NULL WHEN \(estimate) < -745.1332191029412 THEN \(zero)"
            + " WHEN \(estimate) > 709.782712892384 THEN CASE WHEN \(half) * 0.5 * \(half) >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE \(plain) END"
            + " WHEN \(estimate) < -745.1332191009412 THEN CASE WHEN \(half) * CAST(18446744073709551616 AS double precision) * \(half)"
            + " <= CAST(4.556951262222752e-305 AS double precision) THEN \(zero) ELSE \(plain) END"
            + " ELSE \(plain) END"
    }()

    /// `{0} + {1}` days and `{0}` plus `{1}` months, before `dateInRange`.
    static let addDays = "{0} + \(clampedInteger("{1}", 3652059))"
    static let addMonths = "CAST({0} + make_interval(months => \(clampedInteger("{1}", 120000))) AS date)"

    /// Date arithmetic `v` (over `{0}` and `{1}`), an error when its result is outside
    /// 0001-01-01 … 9999-12-31 (SPEC §2's date range; pandas and T-SQL's DATEADD raise there
    /// too), which PostgreSQL's dates reach beyond. The result is bound once in a scalar
    /// subquery (the SQL lowering computes window calls apart); the error's text depends on
    /// the value, so the planner cannot raise it for a row that does not take it.
    /// `inline`: `v` written in place (four times) instead, for constant operands (whose date
    /// the renderer makes volatile): a subquery without a column is an InitPlan, and a filter
    /// reading it is a one-time test that PostgreSQL runs even for no rows.
    static func dateInRange(_ v: String, inline: Bool = false) -> String {
        let check = { (v: String) in
            "CASE WHEN \(v) IS NULL OR \(v) BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN \(v)"
                + " ELSE CAST('date out of range: ' || \(v) AS date) END"
        }
        return inline ? check("(" + v + ")") : "(SELECT \(check("v")) FROM (SELECT \(v) AS v) AS rex_date)"
    }

    /// The sum of the float column `{0}` (over `{over}`), null beyond the range (SPEC §2), where
    /// float8 sums raise: the terms of 1e290 or more scaled by 2^-64 (exact) are summed apart
    /// from the others (neither sum can overflow); the scaled sum beyond the range is null, and
    /// so is the combination when it overflows, which it does exactly when the halves of the
    /// two sums of one sign add up to 2^1023 or more (a small sum below 1 counts as 1 there: it
    /// cannot decide it, and halving 5e-324 raises an underflow).
    static let floatSum: String = {
        let scaled = "coalesce(sum(CASE WHEN abs({0}) >= 1e290 THEN {0} * CAST(5.421010862427522e-20 AS double precision) END){over}, 0)"
        let small = "coalesce(sum(CASE WHEN abs({0}) < 1e290 THEN {0} END){over}, 0)"
        return "CASE WHEN count({0}){over} = 0 THEN NULL"
            + " WHEN abs(\(scaled)) > CAST(9.745314011399998e288 AS double precision) THEN NULL"
            + " WHEN sign(\(scaled)) = sign(\(small)) AND abs(\(scaled)) * CAST(9223372036854775808 AS double precision)"
            + " + greatest(abs(\(small)), 1.0) / 2 >= CAST(8.98846567431158e307 AS double precision) THEN NULL"
            + " ELSE \(scaled) * CAST(18446744073709551616 AS double precision) + \(small) END"
    }()

    /// `floatSum` over the count. float8 division raises when the quotient underflows to 0:
    /// such a quotient is the sum times 0 (0 with the sum's sign) instead.
    static let floatMean: String = {
        let sum = "(" + floatSum + ")", count = "count({0}){over}"
        // |s| / n rounds to 0 exactly when |s| · 2^64 ≤ 2^-1011 · n (both sides exact; |s| below 1
        // decides it, so the product cannot overflow).
        return "CASE WHEN least(abs(\(sum)), 1.0) * CAST(18446744073709551616 AS double precision)"
            + " <= CAST(4.5569512622227484e-305 AS double precision) * \(count) THEN \(sum) * 0 ELSE \(sum) / \(count) END"
    }()

    /// `{0} * {1}` or `{0} / {1}` of floats as SPEC §2 wants them: null for an overflow and 0 for
    /// an underflow to zero, where float8 arithmetic raises both. The logarithm of the result,
    /// ln|a| ± ln|b| (null for a zero or null operand, which computes a · b plainly: ln(0)
    /// raises, and 0 · b, 0 / b and a / NULLIF(0, 0) cannot), sends the rows whose result is near
    /// or beyond the bounds (ln(max double) = 709.782712893384, ln(2^-1075) = -745.1332191019412;
    /// ln is off by about 1e-13 relative) to an exact test in a scalar subquery that names each
    /// operand once: a template that repeats its operands grows exponentially when nested, and
    /// the renderer stops guarding beyond 20,000 bytes. There, halving a (exact: a ≥ 0.4) gives a
    /// result that cannot overflow, and |a · b| rounds to infinity exactly when |a/2 · b| rounds
    /// to 2^1023 or more; scaling a by 2^64 (exact: a < 1) gives a normal result, and a · b
    /// rounds to 0 when |2^64 · a · b| is at most 2^-1011. Every other row computes a · b.
    /// (Exactly: an exact product a hair above 2^-1075 whose scaled value rounds onto 2^-1011
    /// gives 0 where IEEE gives 5e-324; `<` instead would make the exact tie raise.)
    /// The factors are written `0.5 + 0 * y`: with a constant a, PostgreSQL would fold a · 2^64
    /// (an overflow for 1e300) while planning, in a branch that never runs. No operand holds a
    /// window function, which the subquery would compute over its one row: the SQL lowering
    /// computes window calls in a step of their own (`SQLLowering.aggregateAndWindowCallsApart`).
    static func guardedFloat(_ op: String) -> String {
        func log(_ a: String, _ b: String) -> String {
            "ln(nullif(abs(\(a)), 0)) \(op == "*" ? "+" : "-") ln(nullif(abs(\(b)), 0))"
        }
        let plain = { (x: String, y: String) in op == "*" ? "\(x) * \(y)" : "\(x) / NULLIF(\(y), 0)" }
        let a = "CAST({0} AS double precision)", b = "CAST({1} AS double precision)"
        // An underflow is 0 with the sign IEEE gives it (1e-300 * -1e-96 is -0.0): x · 0 is ±0, and
        // ±0 times or over a nonzero y cannot raise.
        let signedZero = "(x * 0) \(op) y"
        let near = "CASE WHEN \(log("x", "y")) > 710 THEN NULL"
            + " WHEN \(log("x", "y")) > 0 THEN CASE WHEN abs((x * (CAST(0.5 AS double precision) + 0 * y)) \(op) y) >= CAST(8.98846567431158e307 AS double precision) THEN NULL ELSE x \(op) y END"
            + " WHEN \(log("x", "y")) < -746 THEN \(signedZero)"
            + " WHEN abs((x * (CAST(18446744073709551616 AS double precision) + 0 * y)) \(op) y) <= CAST(4.5569512622227484e-305 AS double precision) THEN \(signedZero)"
            + " ELSE x \(op) y END"
        // |L + 17.675| > 727.45 is L > 709.775 or L < -745.125: one test of L.
        return "CASE WHEN abs(\(log(a, b)) + 17.675) > 727.45"
            + " THEN (SELECT \(near) FROM (SELECT \(a) AS x, \(b) AS y) AS rex_operands)"
            + " ELSE \(plain(a, b)) END"
    }
}

/// SQL pieces the SQLite table uses in several templates, written once here.
private enum SQLiteFragment {
    /// An integer overflow error: SQLite turns an overflowing integer result into a REAL, so rex
    /// raises the error itself (abs of the smallest integer fails with "integer overflow";
    /// random() keeps the planner from folding it into a constant).
    static let overflowError = "abs(0 * random() - 9223372036854775807 - 1)"
    /// Date arithmetic `v` over the date `d` and the count `n`, an error when its result is
    /// outside 0001-01-01 … 9999-12-31 (SPEC §2's date range; pandas and T-SQL's DATEADD raise
    /// there too). SQLite's date() gives NULL past 9999 and years 0000 below 0001. The operands
    /// are bound once in a scalar subquery (the SQL lowering computes window calls apart).
    /// `t`, when given, is a helper column over `d` and `n` that `v` may read.
    static func dateInRange(_ v: String, t: String? = nil) -> String {
        let operands = "SELECT {0} AS d, {1} AS n"
        let source = t.map { "SELECT d, n, \($0) AS t FROM (\(operands))" } ?? operands
        return "(SELECT CASE WHEN (v IS NULL AND d IS NOT NULL AND n IS NOT NULL) OR v < '0001-01-01' THEN \(overflowError) ELSE v END"
            + " FROM (SELECT d, n, \(v) AS v FROM (\(source))))"
    }
    /// `e`, the shortest exponent form of `abs(x)` that reads back as x (`printf('%!.*e')` with
    /// 0 to 16 digits after the point): the shortest round-trip digits of SPEC §2. One flat
    /// CASE, not a recursive CTE: every nested SELECT costs SQLite's parser stack, and a
    /// round of a round of a round inside a rewritten full join overflowed it.
    static let shortestExponentForm: String = {
        let tries = (0..<16).map { "WHEN CAST(printf('%!.\($0)e', abs(x)) AS REAL) = abs(x) THEN printf('%!.\($0)e', abs(x))" }
        return "CASE " + tries.joined(separator: " ") + " ELSE printf('%!.16e', abs(x)) END"
    }()
    /// The significant digits of `e` without the point and trailing zeros (`1.2500e+03` → `125`).
    static let significantDigits = "rtrim(replace(substr(e, 1, instr(e, 'e') - 1), '.', ''), '0')"
    /// `sum({0}){over}` of 64-bit integers, exact whatever the row order: Σ(x >> 32) and
    /// Σ(x & 0xFFFFFFFF) cannot overflow (below 2^31 rows), and (high + low >> 32) · 2^32 +
    /// (low & 0xFFFFFFFF) overflows only when the sum itself does — then it is an error.
    static var exactIntegerSum: String {
        let high = "sum({0} >> 32){over}", low = "sum({0} & 4294967295){over}"
        let total = "((\(high)) + ((\(low)) >> 32)) * 4294967296 + ((\(low)) & 4294967295)"
        return "CASE WHEN typeof(\(total)) = 'real' THEN \(overflowError) ELSE \(total) END"
    }
    /// The decimal exponent of `e` as an integer (`1.25e+03` → 3).
    static let decimalExponent = "CAST(substr(e, instr(e, 'e') + 1) AS INTEGER)"
}

/// SQL pieces of the T-SQL table's float templates. SQL Server raises on a float result beyond
/// the range (Msg 8115, "Arithmetic overflow error converting expression to data type float",
/// also inside SUM and AVG) and on EXP and POWER without a finite result (Msg 3623, "An invalid
/// floating point operation occurred"); Babelfish computes T-SQL floats as PostgreSQL's float8,
/// which raises on overflow and on an underflow to zero as well. SPEC §2 wants null and 0. The
/// guards are PostgreSQL's (`PostgresFragment`, whose comments give the arithmetic), written
/// for SQL Server's rules:
/// - no scalar subquery: SQL Server refuses one inside an aggregate's argument (Msg 130,
///   "Cannot perform an aggregate function on an expression containing an aggregate or a
///   subquery"), so the operands are repeated instead, and the renderer writes the plain
///   operator once an operand passes 20,000 bytes;
/// - one CASE level where it can be (a CASE inside a CASE only in `power` and `floatMean`):
///   SQL Server nests CASE expressions only 10 deep (Msg 125);
/// - a CASE tests its WHEN conditions in order and computes only the branch it takes (SQL
///   Server's documented order; the aggregates in a WHEN are computed first, and none here can
///   raise), but the operands of AND and OR come in no set order: every term of one condition
///   is safe to compute on every row that reaches it;
/// - no GREATEST or LEAST before SQL Server 2022.
private enum TSQLFragment {
    /// `n` as an int, clamped to ±`bound` first (null stays null).
    static func clampedInt(_ n: String, _ bound: Int) -> String {
        "CAST(CASE WHEN \(n) > \(bound) THEN \(bound) WHEN \(n) < -\(bound) THEN -\(bound) ELSE \(n) END AS int)"
    }

    /// The float value of `{n}`.
    static func float(_ n: Int) -> String { "CAST({\(n)} AS float)" }

    /// `{0} + {1}` or `{0} - {1}` of floats, null for an overflow. It overflows only when the
    /// magnitudes add up and one is 2^1023 or more, and then exactly when |a|/2 + |b|/2 rounds to
    /// 2^1023 or more (PostgreSQL's `add(float)`); a term below 1 cannot decide it (nor be halved
    /// on Babelfish: halving 5e-324 underflows).
    static func guardedSum(_ op: String) -> String {
        let a = float(0), b = float(1), mixed = op == "+" ? "<>" : "="
        return "CASE WHEN SIGN(\(a)) \(mixed) SIGN(\(b)) OR (ABS(\(a)) < 8.98846567431158E307 AND ABS(\(b)) < 8.98846567431158E307) THEN {0} \(op) {1}"
            + " WHEN ABS(\(a)) < 1 OR ABS(\(b)) < 1 THEN {0} \(op) {1}"
            + " WHEN ABS(\(a)) / 2 + ABS(\(b)) / 2 >= 8.98846567431158E307 THEN NULL ELSE {0} \(op) {1} END"
    }

    /// `{0} * {1}` or `{0} / {1}` of floats: null for an overflow, 0 with IEEE's sign for an
    /// underflow (PostgreSQL's `guardedFloat`, whose comment gives the exact tests). The
    /// logarithm L of the result sends the rows near or beyond the bounds to the exact tests.
    /// There |L| ≥ 709.775, and a is scaled by 0.5 on the overflow side (L > 0), by 2^64 on the
    /// underflow side (0.5 + (1 − sign(L)) · 2^63 is either, exactly): a scaled product that
    /// can neither overflow nor underflow on both sides, whichever test SQL Server computes.
    static func guardedProduct(_ op: String) -> String {
        let a = float(0), b = float(1)
        let log = "(LOG(NULLIF(ABS(\(a)), 0)) \(op == "*" ? "+" : "-") LOG(NULLIF(ABS(\(b)), 0)))"
        let plain = op == "*" ? "\(a) * \(b)" : "\(a) / NULLIF(\(b), 0)"
        let signedZero = "(\(a) * 0) \(op) \(b)"
        let scaled = "ABS((\(a) * (0.5E0 + (1 - SIGN(\(log))) * 9223372036854775808E0)) \(op) \(b))"
        return "CASE WHEN NOT ABS(\(log) + 17.675) > 727.45 OR \(log) IS NULL THEN \(plain)"
            + " WHEN \(log) > 710 THEN NULL WHEN \(log) < -746 THEN \(signedZero)"
            + " WHEN \(log) > 0 AND \(scaled) >= 8.98846567431158E307 THEN NULL"
            + " WHEN \(log) < 0 AND \(scaled) <= 4.5569512622227484E-305 THEN \(signedZero)"
            + " ELSE \(a) \(op) \(b) END"
    }

    /// `exp({0})`: null beyond ln(max double), 0 from ln(2^-1075) down (exp of it rounds to 0).
    static let exp = "CASE WHEN {0} > 709.782712893384 THEN NULL WHEN {0} <= -745.1332191019412 THEN 0.0E0 ELSE EXP({0}) END"

    /// `power({0}, {1})` (PostgreSQL's `power`, whose comment gives the band): null where
    /// undefined or infinite, 0 with IEEE's sign below the range. `ROUND(y, 0, 1)` truncates. ABS
    /// of the exponent is of a float: ABS of the smallest bigint overflows. The band's CASE is a
    /// second level (Msg 125 allows 10). The band halves the tamed exponent: Babelfish's planner
    /// computes a branch's constants whether or not a row takes it (5e-324 / 2 underflows).
    static let power: String = {
        let a = float(0)
        let y = "CASE WHEN {1} > 1E300 THEN 1E300 WHEN {1} < -1E300 THEN -1E300 WHEN ABS(CAST({1} AS float)) < 1E-300 THEN 0 ELSE {1} END"
        let estimate = "(\(y)) * LOG(ABS(\(a)))"
        let half = "POWER(ABS(\(a)), CAST(\(y) AS float) / 2)"
        let plain = "POWER(\(a), {1})", zero = "0 * POWER(SIGN(\(a)), {1})"
        return "CASE WHEN {0} IS NULL OR {1} IS NULL THEN NULL WHEN {0} = 0 AND {1} < 0 THEN NULL"
            + " WHEN {0} < 0 AND {1} <> ROUND({1}, 0, 1) THEN NULL WHEN {0} = 0 OR {1} = 0 THEN \(plain)"
            + " WHEN \(estimate) > 709.782712894384 THEN NULL WHEN \(estimate) < -745.1332191029412 THEN \(zero)"
            + " WHEN \(estimate) > 709.782712892384 THEN CASE WHEN \(half) * 0.5E0 * \(half) >= 8.98846567431158E307 THEN NULL ELSE \(plain) END"
            + " WHEN \(estimate) < -745.1332191009412 THEN CASE WHEN \(half) * 18446744073709551616E0 * \(half)"
            + " <= 4.556951262222752E-305 THEN \(zero) ELSE \(plain) END"
            + " ELSE \(plain) END"
    }()

    /// `text({0})` of a float: rex's text (ValueText.float), the fewest digits that read back as
    /// the value (`shortestForm`), written positionally from 1e-4 to 2^53 (`100.0`, `0.1`) and
    /// as `1.5e+16` beyond; -0.0 keeps its sign.
    static let floatText: String = {
        let sg = "CASE WHEN x < 0 THEN N'-' ELSE N'' END"
        let frac = "CASE WHEN LEN(d) > 1 THEN N'.' + SUBSTRING(d, 2, 17) ELSE N'' END"
        let ex = "CASE WHEN e < 0 THEN N'e-' ELSE N'e+' END + CASE WHEN ABS(e) < 10 THEN N'0' ELSE N'' END + CAST(ABS(e) AS nvarchar(4))"
        return "(SELECT CASE WHEN x IS NULL THEN NULL WHEN x = 0 AND z = N'-' THEN N'-0.0' WHEN x = 0 THEN N'0.0'"
            + " WHEN ABS(x) > 9007199254740992E0 OR ABS(x) < 0.0001E0 THEN \(sg) + LEFT(d, 1) + \(frac) + \(ex)"
            + " WHEN e >= LEN(d) - 1 THEN \(sg) + d + REPLICATE(N'0', e - LEN(d) + 1) + N'.0'"
            + " WHEN e >= 0 THEN \(sg) + LEFT(d, e + 1) + N'.' + SUBSTRING(d, e + 2, 17)"
            + " ELSE \(sg) + N'0.' + REPLICATE(N'0', -e - 1) + d END FROM " + shortestForm() + ")"
    }()

    /// `round({0}, n)` of a float (n an int expression, clamped): its shortest decimal form
    /// (`shortestForm`) rounded half away from zero to n decimals, as PostgreSQL rounds the
    /// numeric of the shortest text: the k = e + 1 + n leading digits, plus 1 when the next is 5
    /// or more, read back as a float at 10^-n. All digits kept (or x = 0): x itself (+ 0.0, so
    /// -0.0 is 0.0); none: 0.0; a result beyond the range reads back as null (SPEC §2). LEFT
    /// with a negative length raises, so k < 0 has a WHEN of its own (an OR has no order).
    static func round(_ n: String) -> String {
        let k = "e + 1 + nd"
        let rounded = "CAST(N'0' + LEFT(d, \(k)) AS bigint) + CASE WHEN SUBSTRING(d, \(k) + 1, 1) >= N'5' THEN 1 ELSE 0 END"
        let magnitude = "TRY_CAST(CAST(\(rounded) AS nvarchar(20)) + N'E' + CAST(-nd AS nvarchar(11)) AS float)"
        return "(SELECT CASE WHEN x IS NULL OR nd IS NULL THEN NULL WHEN x = 0 OR \(k) >= LEN(d) THEN x + 0.0E0"
            + " WHEN \(k) < 0 THEN 0.0E0 WHEN \(rounded) = 0 THEN 0.0E0 WHEN x < 0 THEN -\(magnitude) ELSE \(magnitude) END FROM "
            + shortestForm(carrying: ("nd", n)) + ")"
    }

    /// The derived tables (a FROM item) that find the shortest decimal form of the float `{0}`:
    /// columns x, z (the first character of its style-3 text: `-` for -0.0), d (the fewest
    /// significant digits that read back as x, the nearest such if two do, no trailing zeros;
    /// `0` for 0) and e (the exponent of d's first digit), and `carrying`'s column (an
    /// expression of the outer row, computed once). T-SQL has no shortest form: `CONVERT(…, 3)`
    /// (SQL Server 2016; Babelfish: PostgreSQL's `to_char(x, '9D9999999999999999EEEE')`) gives 17
    /// digits, in a layout SQL Server does not document, so the digits and the exponent are read
    /// from whatever it writes (an optional point and `e`/`E` exponent). Then, as with SQLite's
    /// templates, candidates are read back (`TRY_CAST(… AS float)`): a decimal of 15 digits or
    /// fewer that reads back as x is the one nearest x (15-digit decimals lie further apart than
    /// the normal doubles there), so the 15-digit rounding with its trailing zeros cut is the
    /// shortest form when it reads back (for a subnormal, the first of the 1- to 15-digit
    /// roundings that does); else the two 16-digit neighbours, the nearer if both read back
    /// (by the 17th digit); else the 17 digits. When the digits after those kept are a 5 and
    /// zeros, 17 digits cannot tell which neighbour is nearer: the upper is taken, right about
    /// half the time (about 1 in 140 of the doubles that need 16 digits, and rare subnormals).
    /// Each step is a derived table in the caller's scalar subquery, so x is written once (the
    /// SQL lowering computes aggregate arguments that hold one in a layer of their own: Msg
    /// 130), and each is `TOP (1)`: Babelfish's PostgreSQL would otherwise merge the steps and
    /// write each column's expression wherever it is read, some 2,000 conversions of x per row
    /// (a LIMIT keeps a step apart). Every function gets valid arguments on every row, null
    /// and 0 included, as SQL Server may compute a column no row shows.
    static func shortestForm(carrying: (name: String, value: String)? = nil) -> String {
        let readsBack = { (digits: String, exponent: String) in
            "CASE WHEN TRY_CAST(\(digits) + N'E' + CAST(\(exponent) AS nvarchar(11)) AS float) = ABS(x) THEN 1 ELSE 0 END"
        }
        // The 17 digits n rounded to q digits (a bigint; q + 1 digits after a carry).
        let rounded = { (q: String) in
            "CAST((n + 5 * CAST(N'1' + REPLICATE(N'0', 16 - \(q)) AS bigint)) / CAST(N'1' + REPLICATE(N'0', 17 - \(q)) AS bigint) AS nvarchar(20))"
        }
        let lower = "CAST(n / 10 AS nvarchar(20))", upper = "CAST(n / 10 + 1 AS nvarchar(20))"
        let takesLower = "lo = 1 AND (hi = 0 OR n % 10 < 5)"
        // Subnormal doubles hold fewer digits: the fewest that read back, tried from 1.
        let fewest = "CASE " + (1...14).map { "WHEN \(readsBack(rounded(String($0)), "e10 - \($0 - 1)")) = 1 THEN \($0)" }.joined(separator: " ") + " ELSE 15 END"
        let cut = "LEFT(u, LEN(u) - PATINDEX(N'%[1-9]%', REVERSE(u)) + 1)"
        let k = "PATINDEX(N'%[eE]%', s + N'e')", g = "REPLACE(m, N'.', N'')", first = "PATINDEX(N'%[1-9]%', \(g))"
        let d17 = "LEFT(SUBSTRING(\(g), \(first), 17) + N'00000000000000000', 17)"
        // With the caller's subquery, 8 of the 32 levels SQL Server nests subqueries.
        let stages = [
            "SELECT x, LEFT(LTRIM(CONVERT(nvarchar(40), x, 3)), 1) AS z, LTRIM(RTRIM(CONVERT(nvarchar(40), ABS(x), 3))) AS s FROM (SELECT TOP (1) {0} AS x) AS rex_t0",
            "SELECT x, z, LEFT(s, \(k) - 1) AS m, CAST(ISNULL(NULLIF(SUBSTRING(s, \(k) + 1, 10), N''), N'0') AS int) AS p FROM",
            "SELECT x, z, p + CHARINDEX(N'.', m + N'.') - 1 - \(first) AS e10, \(d17) AS d17, CAST(\(d17) AS bigint) AS n FROM",
            // q: the digits of the shortest form when it has 15 or fewer, else 0.
            "SELECT x, z, e10, d17, n, \(readsBack(lower, "e10 - 15")) AS lo, \(readsBack(upper, "e10 - 15")) AS hi,"
                + " CASE WHEN \(readsBack(rounded("15"), "e10 - 14")) = 0 THEN 0 WHEN ABS(x) >= 2.2250738585072014E-308 THEN 15 ELSE \(fewest) END AS q FROM",
            "SELECT x, z, CASE WHEN q > 0 THEN \(rounded("q")) WHEN \(takesLower) THEN \(lower) WHEN hi = 1 THEN \(upper) ELSE d17 END AS u,"
                + " e10 + CASE WHEN q > 0 THEN LEN(\(rounded("q"))) - q WHEN \(takesLower) THEN LEN(\(lower)) - 16"
                + " WHEN hi = 1 THEN LEN(\(upper)) - 16 ELSE 0 END AS e FROM",
            "SELECT x, z, \(cut) AS d, e FROM",
        ]
        var from = ""
        for (index, stage) in stages.enumerated() {
            var select = stage.replacingOccurrences(of: "SELECT ", with: "SELECT TOP (1) ", options: .anchored)
            if let carrying {
                let value = index == 0 ? carrying.value + " AS " + carrying.name : carrying.name
                select = select.replacingOccurrences(of: "SELECT TOP (1) x, ", with: "SELECT TOP (1) x, \(value), ", options: .anchored)
            }
            from = "(" + select + (from.isEmpty ? "" : " " + from) + ") AS rex_t\(index + 1)"
        }
        return from
    }

    /// The sum of the float column `{0}` (over `{over}`), null beyond the range (PostgreSQL's
    /// `floatSum`: the terms of 1e290 or more scaled by 2^-64 are summed apart from the others,
    /// and neither sum can overflow). A small sum below 1 cannot decide an overflow of the
    /// combination (the scaled sum times 2^64 is at most the largest double there).
    static let floatSum: String = {
        let scaled = "COALESCE(SUM(CASE WHEN ABS({0}) >= 1E290 THEN {0} * 5.421010862427522E-20 END){over}, 0.0E0)"
        let small = "COALESCE(SUM(CASE WHEN ABS({0}) < 1E290 THEN {0} END){over}, 0.0E0)"
        let combined = "\(scaled) * 18446744073709551616E0 + \(small)"
        return "CASE WHEN COUNT_BIG({0}){over} = 0 THEN NULL"
            + " WHEN ABS(\(scaled)) > 9.745314011399998E288 THEN NULL WHEN ABS(\(small)) < 1 THEN \(combined)"
            + " WHEN SIGN(\(scaled)) = SIGN(\(small)) AND ABS(\(scaled)) * 9223372036854775808E0 + ABS(\(small)) / 2 >= 8.98846567431158E307 THEN NULL"
            + " ELSE \(combined) END"
    }()

    /// `floatSum` over the count; a quotient that rounds to 0 is the sum times 0 (PostgreSQL's
    /// `floatMean`: |s| / n rounds to 0 exactly when |s| · 2^64 ≤ 2^-1011 · n, which needs |s| < 1).
    static let floatMean: String = {
        let sum = "(" + floatSum + ")", count = "COUNT_BIG({0}){over}"
        return "CASE WHEN ABS(\(sum)) >= 1 THEN \(sum) / \(count)"
            + " WHEN ABS(\(sum)) * 18446744073709551616E0 <= 4.5569512622227484E-305 * \(count) THEN \(sum) * 0"
            + " ELSE \(sum) / \(count) END"
    }()
}
