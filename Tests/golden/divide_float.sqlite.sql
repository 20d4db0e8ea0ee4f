SELECT
  "id",
  CAST("x" AS REAL) / NULLIF("y", 0) AS "q",
  nullif(nullif(CAST("f" AS REAL) / NULLIF(0, 0), 9e999), -9e999) AS "r",
  CAST(7 AS REAL) / NULLIF(2, 0) AS "lit"
FROM "t" AS t0
