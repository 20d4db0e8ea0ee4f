SELECT
  "id",
  EXTRACT(YEAR FROM "d") AS "yy",
  EXTRACT(MONTH FROM "d") AS "mo",
  EXTRACT(DAY FROM "d") AS "dd",
  MOD(EXTRACT(DOW FROM "d") + 6, 7) + 1 AS "wd"
FROM "t" AS t0
