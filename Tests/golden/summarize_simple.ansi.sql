SELECT
  "g",
  COUNT(*) AS "n",
  SUM("x") AS "total",
  SUM("f") AS "ftotal",
  AVG(CAST("x" AS DOUBLE PRECISION)) AS "avg",
  MIN("x") AS "lo",
  MAX("s") AS "hi"
FROM "t" AS t0
GROUP BY "g"
