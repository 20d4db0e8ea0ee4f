SELECT
  "id",
  CASE WHEN abs("f") < 0.5 THEN 0.0 ELSE round("f") END AS "r0",
  (SELECT CASE WHEN x IS NULL OR n IS NULL THEN NULL WHEN x = 0 OR CAST(substr(e, instr(e, 'e') + 1) AS INTEGER) + 1 + n >= length(rtrim(replace(substr(e, 1, instr(e, 'e') - 1), '.', ''), '0')) THEN x WHEN CAST(substr(e, instr(e, 'e') + 1) AS INTEGER) + 1 + n < 0 THEN 0.0 ELSE CAST(CASE WHEN x < 0 THEN '-' ELSE '' END || (CAST(substr(rtrim(replace(substr(e, 1, instr(e, 'e') - 1), '.', ''), '0'), 1, CAST(substr(e, instr(e, 'e') + 1) AS INTEGER) + 1 + n) AS INTEGER) + (substr(rtrim(replace(substr(e, 1, instr(e, 'e') - 1), '.', ''), '0'), CAST(substr(e, instr(e, 'e') + 1) AS INTEGER) + 2 + n, 1) >= '5')) || 'e' || (-n) AS REAL) END FROM (SELECT x, n, coalesce((WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 16) SELECT printf('%!.*e', i, abs(x)) FROM n WHERE CAST(printf('%!.*e', i, abs(x)) AS REAL) = abs(x) ORDER BY i LIMIT 1), printf('%!.16e', abs(x))) AS e FROM (SELECT "f" AS x, 2 AS n))) AS "r2",
  "x" AS "ri"
FROM "t" AS t0
