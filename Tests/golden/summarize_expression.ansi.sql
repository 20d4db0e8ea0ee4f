SELECT "g", CAST("__rex_w0" AS DOUBLE PRECISION) / NULLIF("__rex_w1", 0) AS "rate"
FROM (
  SELECT "g", SUM("x") AS "__rex_w0", COUNT(*) AS "__rex_w1"
  FROM "t" AS t0
  GROUP BY "g"
) AS t1
