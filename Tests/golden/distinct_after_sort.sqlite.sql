WITH "__rex_t1" AS (
  SELECT DISTINCT "g"
  FROM "t" AS t0
)
SELECT "g"
FROM "__rex_t1" AS t1
ORDER BY t1."g" NULLS LAST
