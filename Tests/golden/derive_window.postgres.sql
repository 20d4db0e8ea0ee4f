SELECT "id", "pct"
FROM (
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
    CAST((100.0 * "x") AS double precision) / NULLIF(CAST(sum("x") OVER (PARTITION BY "g") AS bigint), 0) AS "pct"
  FROM "t" AS t0
) AS t1
