SELECT (1 + 0 * CAST(random() AS bigint)) + 2 AS "k", 'a' AS "s"
FROM (
  SELECT count(*) AS "n"
  FROM "t" AS t0
  WHERE "x" > 1
) AS t1
