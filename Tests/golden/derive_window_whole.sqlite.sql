SELECT
  "id",
  "x",
  "y",
  "f",
  "s",
  "g",
  "b",
  "d",
  count(*) OVER () AS "n",
  CAST("x" AS REAL) / NULLIF((sum("x") OVER ()), 0) AS "share"
FROM "t" AS t0
