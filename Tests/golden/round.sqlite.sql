SELECT
  "id",
  CASE WHEN abs("f") < 0.5 THEN 0.0 ELSE round("f") END AS "r0",
  (SELECT CASE WHEN x IS NULL OR n IS NULL THEN NULL WHEN x = 0 OR ex + 1 + n >= length(d) THEN x WHEN ex + 1 + n < 0 THEN 0.0 ELSE CAST(sgn || (CAST(substr(d, 1, ex + 1 + n) AS INTEGER) + (substr(d, ex + 2 + n, 1) >= '5')) || 'e' || (-n) AS REAL) END FROM (SELECT *, 2 AS n FROM (SELECT x, CASE WHEN x < 0 THEN '-' ELSE '' END AS sgn, rtrim(replace(substr(e, 1, instr(e, 'e') - 1), '.', ''), '0') AS d, CAST(substr(e, instr(e, 'e') + 1) AS INTEGER) AS ex FROM (SELECT x, CASE WHEN CAST(printf('%!.14e', abs(x)) AS REAL) = abs(x) THEN printf('%!.14e', abs(x)) WHEN CAST(printf('%!.15e', abs(x)) AS REAL) = abs(x) THEN printf('%!.15e', abs(x)) ELSE printf('%!.16e', abs(x)) END AS e FROM (SELECT "f" AS x))))) AS "r2",
  "x" AS "ri"
FROM "t" AS t0
