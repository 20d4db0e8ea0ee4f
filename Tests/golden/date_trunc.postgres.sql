SELECT
  "id",
  CAST(date_trunc('year', CAST("d" AS timestamp)) AS date) AS "a",
  CAST(date_trunc('quarter', CAST("d" AS timestamp)) AS date) AS "b",
  CAST(date_trunc('month', CAST("d" AS timestamp)) AS date) AS "c",
  CAST(date_trunc('week', CAST("d" AS timestamp)) AS date) AS "e",
  CAST(date_trunc('day', CAST("d" AS timestamp)) AS date) AS "k"
FROM "t" AS t0
