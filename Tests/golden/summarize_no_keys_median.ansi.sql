SELECT
  COUNT(*) AS "n",
  SUM("x") AS "total",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY "x") AS "med"
FROM "t" AS t0
