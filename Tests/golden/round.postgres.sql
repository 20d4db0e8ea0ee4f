SELECT
  "id",
  CAST(round(CAST(CAST("f" AS text) AS numeric)) AS double precision) AS "r0",
  CAST(round(CAST(CAST("f" AS text) AS numeric), CAST(2 AS integer)) AS double precision) AS "r2",
  "x" AS "ri"
FROM "t" AS t0
