WITH "__rex_t1" AS (
  SELECT "id", "x" AS "__rex_sort_0"
  FROM "t" AS t0
  ORDER BY t0."x" DESC NULLS LAST
  LIMIT 4
)
SELECT "id"
FROM "__rex_t1" AS t1
WHERE "id" > 1
ORDER BY t1."__rex_sort_0" DESC NULLS LAST
