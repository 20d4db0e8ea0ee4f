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
    nullif(nullif(CAST(nullif(nullif(100.0 * "x", 9e999), -9e999) AS REAL) / NULLIF((sum("x") OVER (PARTITION BY "g")), 0), 9e999), -9e999) AS "pct"
  FROM "t" AS t0
) AS t1
