SELECT
  "id",
  ABS("x") AS "a",
  FLOOR("f") AS "fl",
  CEILING("f") AS "ce",
  SQRT(CASE WHEN "f" >= 0 THEN "f" END) AS "sq",
  EXP("f") AS "e",
  LN(CASE WHEN "f" > 0 THEN "f" END) AS "l",
  LOG10(CASE WHEN "f" > 0 THEN "f" END) AS "l10",
  POWER(CAST("x" AS DOUBLE PRECISION), (-1)) AS "p"
FROM "t" AS t0
