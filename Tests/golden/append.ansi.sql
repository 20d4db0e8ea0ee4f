SELECT "id", "s"
FROM (
  SELECT "id", "s"
  FROM "t" AS t1
  UNION ALL
  SELECT "id", "v" AS "s"
  FROM "u" AS t2
) AS t0
