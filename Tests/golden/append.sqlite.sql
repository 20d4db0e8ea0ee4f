WITH "__rex_t0" AS (
  SELECT "id", "s"
  FROM "t" AS t1
  UNION ALL
  SELECT "id", "v" AS "s"
  FROM "u" AS t2
)
SELECT "id", "s"
FROM "__rex_t0" AS t0
