SELECT
  "id",
  "x",
  "y",
  "f",
  "s",
  "g",
  "b",
  "d",
  COUNT(*) OVER () AS "n",
  CAST("x" AS DOUBLE PRECISION) / NULLIF((SUM("x") OVER ()), 0) AS "share"
FROM "t" AS t0
