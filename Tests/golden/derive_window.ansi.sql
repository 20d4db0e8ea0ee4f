SELECT "id", CAST((100.0 * "x") AS DOUBLE PRECISION) / NULLIF("__rex_w0", 0) AS "pct"
FROM (
  SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n", SUM("x") OVER (PARTITION BY "g") AS "__rex_w0"
  FROM "t" AS t0
) AS t1
