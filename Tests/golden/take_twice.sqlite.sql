SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n"
FROM (
  SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n"
  FROM "t" AS t0
  ORDER BY t0."x" DESC NULLS LAST
  LIMIT 4
) AS t1
ORDER BY t1."x" DESC NULLS LAST
LIMIT 2
