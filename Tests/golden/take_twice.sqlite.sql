WITH "__rex_t1" AS (
  SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n"
  FROM "t" AS t0
  ORDER BY t0."x" DESC NULLS LAST
  LIMIT 4
)
SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n"
FROM "__rex_t1" AS t1
ORDER BY t1."x" DESC NULLS LAST
LIMIT 2
