WITH "__rex_t1" AS (
  SELECT "g", count(*) AS "n"
  FROM "t" AS t0
  WHERE "x" > 0
  GROUP BY "g"
)
SELECT "g", "n"
FROM "__rex_t1" AS t1
ORDER BY t1."n" DESC NULLS LAST
