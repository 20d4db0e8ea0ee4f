SELECT
  "id",
  CAST("x" AS double precision) / NULLIF("y", 0) AS "q",
  CAST("f" AS double precision) / NULLIF(0, 0) AS "r",
  CAST(7 AS double precision) / NULLIF(2, 0) AS "lit"
FROM "t" AS t0
