SELECT
  COUNT(*) AS "n",
  SUM("x") AS "total",
  AVG(CAST("x" AS DOUBLE PRECISION)) AS "m",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY "f") AS "med",
  STDDEV_SAMP("f") AS "sdv",
  SOME("b") AS "a"
FROM "t" AS t0
WHERE "x" > 100
