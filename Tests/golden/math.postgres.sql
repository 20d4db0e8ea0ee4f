SELECT
  "id",
  abs("x") AS "a",
  floor("f") AS "fl",
  ceil("f") AS "ce",
  sqrt(CASE WHEN "f" >= 0 THEN "f" END) AS "sq",
  exp("f") AS "e",
  ln(CASE WHEN "f" > 0 THEN "f" END) AS "l",
  log10(CASE WHEN "f" > 0 THEN "f" END) AS "l10",
  power(CAST("x" AS double precision), (-1)) AS "p"
FROM "t" AS t0
