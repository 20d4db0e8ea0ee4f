SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n", "k"
FROM (
  SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n", "id" * 2 AS "k"
  FROM "t" AS t0
) AS t1
WHERE "k" > 2
ORDER BY t1."s" NULLS LAST
LIMIT 2
