SELECT "g", "n"
FROM (
  SELECT "g", COUNT(*) AS "n"
  FROM "t" AS t0
  WHERE "x" > 0
  GROUP BY "g"
) AS t1
ORDER BY t1."n" DESC NULLS LAST
