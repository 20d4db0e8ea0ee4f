SELECT "g", CAST("__rex_w0" AS double precision) / NULLIF("__rex_w1", 0) AS "rate"
FROM (
  SELECT "g", CAST(sum("x") AS bigint) AS "__rex_w0", count(*) AS "__rex_w1"
  FROM "t" AS t0
  GROUP BY "g"
) AS t1
