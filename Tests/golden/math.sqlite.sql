SELECT
  "id",
  abs("x") AS "a",
  floor("f") AS "fl",
  ceil("f") AS "ce",
  sqrt("f") AS "sq",
  nullif(exp("f"), 9e999) AS "e",
  ln("f") AS "l",
  (SELECT CASE WHEN x >= 2.2250738585072014e-308 AND e LIKE '1e%' AND CAST(e AS REAL) = x THEN CAST(substr(e, 3) AS REAL) ELSE log10(x) END FROM (SELECT x, printf('%.0e', x) AS e FROM (SELECT CAST("f" AS REAL) AS x))) AS "l10",
  nullif(nullif(pow("x", (-1)), 9e999), -9e999) AS "p"
FROM "t" AS t0
