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
  CAST("x" AS double precision) / NULLIF(CAST(sum("x") OVER () AS bigint), 0) AS "share"
FROM "t" AS t0
