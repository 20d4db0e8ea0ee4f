SELECT
  "id",
  CASE WHEN "f" >= 9223372036854775808.0 OR "f" < -9223372036854775808.0 THEN abs(0 * random() - 9223372036854775807 - 1) ELSE CAST("f" AS INTEGER) END AS "i",
  CASE WHEN (("n" GLOB '[0-9]*' AND NOT "n" GLOB '*[^0-9]*') OR ("n" GLOB '[-+][0-9]*' AND NOT substr("n", 2) GLOB '*[^0-9]*')) AND (length(ltrim("n", '+-0')) < 19 OR (length(ltrim("n", '+-0')) = 19 AND (ltrim("n", '+-0') <= '9223372036854775807' OR (substr("n", 1, 1) = '-' AND ltrim("n", '+-0') = '9223372036854775808')))) THEN CAST("n" AS INTEGER) END AS "it",
  CASE WHEN "n" GLOB '*[0-9]*' AND NOT "n" GLOB '*[^0-9.eE+-]*' AND NOT "n" GLOB '*[0-9.][+-]*' AND NOT "n" GLOB '*[+-][+-]*' AND NOT "n" GLOB '*[+-]' AND NOT "n" GLOB '*.*.*' AND NOT "n" GLOB '*[eE]*[eE]*' AND NOT "n" GLOB '*[eE]*.*' AND NOT "n" GLOB '*[eE]' AND NOT "n" GLOB '[eE]*' AND NOT "n" GLOB '[+-][eE]*' AND NOT "n" GLOB '.[eE]*' AND NOT "n" GLOB '[+-].[eE]*' THEN nullif(nullif(CAST("n" AS REAL), 9e999), -9e999) END AS "ft",
  CAST("x" AS REAL) AS "fi",
  (SELECT CASE WHEN x IS NULL THEN NULL WHEN x = 0 THEN CASE WHEN atan2(x, -1.0) < 0 THEN '-0.0' ELSE '0.0' END WHEN abs(x) > 9007199254740992.0 OR abs(x) < 0.0001 THEN sgn || substr(d, 1, 1) || CASE WHEN length(d) > 1 THEN '.' || substr(d, 2) ELSE '' END || 'e' || CASE WHEN ex < 0 THEN '-' ELSE '+' END || CASE WHEN abs(ex) < 10 THEN '0' ELSE '' END || abs(ex) WHEN ex >= length(d) - 1 THEN sgn || d || substr('0000000000000000', 1, ex - length(d) + 1) || '.0' WHEN ex >= 0 THEN sgn || substr(d, 1, ex + 1) || '.' || substr(d, ex + 2) ELSE sgn || '0.' || substr('0000', 1, -ex - 1) || d END FROM (SELECT x, sgn, rtrim(replace(substr(e, 1, instr(e, 'e') - 1), '.', ''), '0') AS d, CAST(substr(e, instr(e, 'e') + 1) AS INTEGER) AS ex FROM (SELECT x, CASE WHEN x < 0 THEN '-' ELSE '' END AS sgn, coalesce((WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 16) SELECT printf('%!.*e', i, abs(x)) FROM n WHERE CAST(printf('%!.*e', i, abs(x)) AS REAL) = abs(x) ORDER BY i LIMIT 1), printf('%!.16e', abs(x))) AS e FROM (SELECT "f" AS x)))) AS "tf",
  CAST("x" AS TEXT) AS "ti",
  CASE WHEN "b" THEN 'true' WHEN NOT "b" THEN 'false' END AS "tb",
  CAST("d" AS TEXT) AS "td",
  CASE WHEN date(julianday("n")) = "n" AND substr("n", 1, 4) <> '0000' THEN "n" END AS "dt"
FROM "t" AS t0
