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
    CAST((100.0 * "x") AS DOUBLE PRECISION) / NULLIF((SUM("x") OVER (PARTITION BY "g")), 0) AS "pct"
  FROM "t" AS t0
) AS t1
