SELECT t0."id" AS "id_left", t0."x" AS "x_left", t2."v" AS "v"
FROM "t" AS t0
FULL OUTER JOIN (
  SELECT "id", "v", "x"
  FROM "u" AS t1
  WHERE "v" <> 'nine'
) AS t2 ON t0."x" < t2."x"
WHERE t0."y" > 0
