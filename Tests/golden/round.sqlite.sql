SELECT
  "id",
  CASE WHEN abs("f") < 0.5 THEN 0.0 ELSE round("f") END AS "r0",
  (SELECT CASE WHEN x IS NULL OR n IS NULL THEN NULL WHEN x = 0 OR ex + 1 + n >= length(d) THEN x WHEN ex + 1 + n < 0 THEN 0.0 ELSE CAST(sgn || (CAST(substr(d, 1, ex + 1 + n) AS INTEGER) + (substr(d, ex + 2 + n, 1) >= '5')) || 'e' || (-n) AS REAL) END FROM (SELECT *, 2 AS n FROM (SELECT x, sgn, rtrim(replace(substr(e, 1, instr(e, 'e') - 1), '.', ''), '0') AS d, CAST(substr(e, instr(e, 'e') + 1) AS INTEGER) AS ex FROM (SELECT x, CASE WHEN x < 0 THEN '-' ELSE '' END AS sgn, coalesce((WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 16) SELECT printf('%!.*e', i, abs(x)) FROM n WHERE CAST(printf('%!.*e', i, abs(x)) AS REAL) = abs(x) ORDER BY i LIMIT 1), printf('%!.16e', abs(x))) AS e FROM (SELECT "f" AS x))))) AS "r2",
  "x" AS "ri"
FROM "t" AS t0
