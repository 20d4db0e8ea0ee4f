SELECT
  "g",
  COUNT(*) AS "n",
  COUNT("x") AS "nx",
  COUNT(DISTINCT "s") AS "nd",
  SUM("x") AS "total",
  AVG(CAST("x" AS DOUBLE PRECISION)) AS "avg",
  MIN("s") AS "lo",
  MAX("s") AS "hi",
  STDDEV_SAMP("f") AS "sdv",
  VAR_SAMP("f") AS "v",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY "f") AS "med",
  SOME("b") AS "anyb",
  EVERY(("x" > 0)) AS "allb"
FROM "t" AS t0
GROUP BY "g"
