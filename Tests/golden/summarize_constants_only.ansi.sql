SELECT 1 + 2 AS "k", 'a' AS "s"
FROM (
  SELECT COUNT(*) AS "n"
  FROM "t" AS t0
  WHERE "x" > 1
) AS t1
