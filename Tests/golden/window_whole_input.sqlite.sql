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
  nullif(nullif(avg("f") OVER (ORDER BY "id" NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), 9e999), -9e999) AS "m"
FROM "t" AS t0
