import Testing

/// One golden case: a rex pipeline over the test tables (`t`, `u`, `w`).
struct SQLGoldenCase: Sendable, CustomTestStringConvertible {
    let name: String
    let rex: String
    /// Dialects that have no such construct: compiling there must be an error, not SQL.
    var unsupported: Set<String> = []
    var testDescription: String { name }
}

enum SQLGoldenCases {
    static let all: [SQLGoldenCase] = [
        .init(name: "scan", rex: "table t"),
        .init(name: "filter_select", rex: "table t | filter x > 1 and s != \"a\" | select id, s"),
        .init(name: "filter_null_logic", rex: "table t | filter not (x > 1) or y is null | select id"),
        .init(name: "divide_float", rex: "table t | select id, q = x / y, r = f / 0, lit = 7 / 2"),
        .init(name: "modulo", rex: "table t | select id, m = x % y, z = x % 0"),
        .init(name: "round", rex: "table t | select id, r0 = round(f), r2 = round(f, 2), ri = round(x)"),
        .init(name: "conversions", rex: "table t | select id, i = int(f), it = int(n), ft = float(n), fi = float(x), tf = text(f), ti = text(x), tb = text(b), td = text(d), dt = date(n)"),
        .init(name: "in_list_nulls", rex: "table t | filter x in (7, null) | select id"),
        .init(name: "not_in_nulls", rex: "table t | filter x not in (7, null) | select id"),
        .init(name: "sort_nulls_last", rex: "table t | sort -x, s | select id, x, s"),
        .init(name: "sort_text_code_point", rex: "table t | sort s | select s"),
        .init(name: "text_comparison", rex: "table t | filter s < \"a\" | select s"),
        .init(name: "take_after_sort", rex: "table t | sort x | take 3"),
        .init(name: "take_offset", rex: "table t | sort x | take 3 offset 2"),
        .init(name: "take_without_sort", rex: "table t | take 5"),
        .init(name: "take_offset_without_sort", rex: "table t | take 2 offset 1"),
        .init(name: "take_twice", rex: "table t | sort -x | take 4 | take 2"),
        .init(name: "booleans_selected", rex: "table t | select id, big = x > 1, flag = b, both = b and x > 1, neg = not b, lit = true"),
        .init(name: "boolean_filter_column", rex: "table t | filter b | select id"),
        .init(name: "summarize_all_aggregates", rex: "table t | summarize n = count(), nx = count(x), nd = count_distinct(s), total = sum(x), avg = mean(x), lo = min(s), hi = max(s), sdv = sd(f), v = var(f), med = median(f), anyb = any(b), allb = all(x > 0) by g"),
        .init(name: "summarize_simple", rex: "table t | summarize n = count(), total = sum(x), ftotal = sum(f), avg = mean(x), lo = min(x), hi = max(s) by g"),
        .init(name: "summarize_no_keys_median", rex: "table t | summarize n = count(), total = sum(x), med = median(x)"),
        .init(name: "summarize_expression", rex: "table t | summarize rate = sum(x) / count() by g"),
        .init(name: "summarize_sd_var", rex: "table t | summarize sdv = sd(f), v = var(x) by g"),
        .init(name: "summarize_after_filter_then_sort", rex: "table t | filter x > 0 | summarize n = count() by g | sort -n"),
        .init(name: "derive_window", rex: "table t | derive pct = 100.0 * x / sum(x) by g | select id, pct"),
        .init(name: "derive_window_whole", rex: "table t | derive n = count(), share = x / sum(x)"),
        .init(name: "derive_window_median_sd", rex: "table t | derive m = median(f), sdv = sd(f) by g | select id, g, m, sdv"),
        .init(name: "derive_plain", rex: "table t | derive z = x + y, x = x * 2 | select id, x, z"),
        .init(name: "strings", rex: "table t | select id, l = length(s), tr = trim(s), up = upper(s), lo = lower(s), sub = substr(s, 2, 3), sub0 = substr(s, 0), subneg = substr(s, 2, -1), rep = replace(s, \"a\", \"b\")"),
        .init(name: "concat_nulls", rex: "table t | select id, c = concat(s, \"-\", g), ci = concat(g, text(x))"),
        .init(name: "like_escaping", rex: "table t | filter contains(s, \"%_\") or starts_with(s, \"a_\") or ends_with(s, \"[c]\") | select id"),
        .init(name: "like_expression_pattern", rex: "table t | filter contains(s, g) | select id"),
        .init(name: "dates", rex: "table t | select id, yy = year(d), mo = month(d), dd = day(d), wd = weekday(d)"),
        .init(name: "date_literal", rex: "table t | filter d >= @2024-01-01 and d < @2024-03-01 | select id"),
        .init(name: "case_when", rex: "table t | select id, k = case(x < 0 => \"neg\", x == 0 => \"zero\", else => \"pos\"), nb = case(b => x > 1), m = case(y > 1 => f)"),
        .init(name: "date_arithmetic", rex: "table t | select id, a = d + x, b = d - 7, c = d - @2024-01-01, e = add_months(d, y)"),
        .init(name: "date_trunc", rex: "table t | select id, a = date_trunc(\"year\", d), b = date_trunc(\"quarter\", d), c = date_trunc(\"month\", d), e = date_trunc(\"week\", d), k = date_trunc(\"day\", d)", unsupported: ["ansi"]),
        .init(name: "window_rank_lag", rex: "table t | derive r = row_number(), rk = rank(), dr = dense_rank(), p = lag(x), q = lead(s, 2), dx = x - lag(x) by g sort -x, s | select id, r, rk, dr, p, q, dx"),
        .init(name: "window_running", rex: "table t | derive cs = cumsum(x), cm = cummean(x), lo = cummin(s), hi = max(d), c = count(), a = any(b), e = all(b), fs = sum(f) by g, y sort d | select id, cs, cm, lo, hi, c, a, e, fs"),
        .init(name: "window_whole_input", rex: "table t | derive r = row_number(), m = mean(f) sort id"),
        .init(name: "take_by", rex: "table t | sort -x, id | take 2 by g | select id, g, x"),
        .init(name: "take_by_without_sort", rex: "table t | take 1 by g, b"),
        .init(name: "take_by_after_derive", rex: "table t | sort f | select id, g, z = x + 1 | take 1 by g | filter z > 2"),
        .init(name: "math", rex: "table t | select id, a = abs(x), fl = floor(f), ce = ceil(f), sq = sqrt(f), e = exp(f), l = ln(f), l10 = log10(f), p = power(x, -1)"),
        .init(name: "if_coalesce", rex: "table t | select id, v = if(x > 1, \"big\", \"small\"), c = coalesce(x, y, 0)"),
        .init(name: "arithmetic_precedence", rex: "table t | select id, a = x - (y - 1), b = -(x + y) * 2, c = x - -1"),
        .init(name: "distinct_columns", rex: "table t | distinct g"),
        .init(name: "distinct_after_sort", rex: "table t | select g | sort g | distinct"),
        .init(name: "join_inner_on_names", rex: "table t | join (table u) on id | select id, s, v"),
        .init(name: "join_left_expression", rex: "table t | join left (table u) on this.id == that.id | select s, v"),
        .init(name: "join_full_on_names", rex: "table t | join full (table u) on id"),
        // PostgreSQL and SQLite write these as a left join and the unmatched right rows; T-SQL natively.
        .init(name: "join_full_inequality", rex: "table t | join full (table u | filter v != \"nine\") on this.x < that.x | filter y > 0 | select id_left, x_left, v"),
        .init(name: "join_full_key_and_inequality", rex: "table t | join full (table u) on this.id == that.id and this.x < that.x | select id_left, v"),
        .init(name: "join_filtered_sides", rex: "table t | filter x > 0 | join (table u | filter v != \"nine\") on id"),
        .init(name: "append", rex: "table t | select id, s | append (table u | select id, s = v)"),
        .init(name: "sql_source", rex: "sql \"SELECT 1 AS a\" | filter a > 0"),
        .init(name: "sql_source_alone", rex: "sql \"WITH c AS (SELECT 1 AS a) SELECT a FROM c ORDER BY a\""),
        .init(name: "injection_identifiers", rex: "table w | filter `a]b` > 0 and `it's` != \"O'Brien\" | select `x\"; DROP TABLE t; --`, `a]b`"),
        .init(name: "sort_then_project_drops_key", rex: "table t | sort x | select id"),
        .init(name: "sort_then_project_then_filter", rex: "table t | sort -x | select id | filter id > 1"),
        .init(name: "sort_then_derive_then_take", rex: "table t | sort s | derive k = id * 2 | filter k > 2 | take 2"),
        .init(name: "sort_take_then_filter_hidden_key", rex: "table t | sort -x | select id | take 4 | filter id > 1"),
        .init(name: "derive_then_filter_pushed_down", rex: "table t | derive k = id * 2, big = x > 1 | filter k > 2 and big | select id, k"),
        .init(name: "join_then_filter", rex: "table t | join (table u) on id | filter v != \"one\" | select id, v"),
        .init(name: "distinct_take_offset", rex: "table t | distinct g | take 2 offset 1"),
        .init(name: "rename_drop", rex: "table t | rename ident = id | drop f, b, d, n"),
        .init(name: "empty_aggregates", rex: "table t | filter x > 100 | summarize n = count(), total = sum(x), m = mean(x), med = median(f), sdv = sd(f), a = any(b)"),
    ]
}
