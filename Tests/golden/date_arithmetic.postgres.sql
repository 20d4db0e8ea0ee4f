SELECT
  "id",
  "d" + CAST("x" AS integer) AS "a",
  "d" + CAST((-7) AS integer) AS "b",
  CAST("d" - (DATE '2024-01-01') AS bigint) AS "c",
  CAST("d" + make_interval(months => CAST("y" AS integer)) AS date) AS "e"
FROM "t" AS t0
