SELECT
  "id",
  "x",
  "y",
  "f",
  "s",
  "g",
  "b",
  "d",
  "n",
  ROW_NUMBER() OVER (ORDER BY "id" NULLS LAST) AS "r",
  AVG(CAST("f" AS DOUBLE PRECISION)) OVER (ORDER BY "id" NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "m"
FROM "t" AS t0
