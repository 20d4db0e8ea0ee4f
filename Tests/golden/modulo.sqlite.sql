SELECT "id", "x" % NULLIF("y", 0) AS "m", "x" % NULLIF(0, 0) AS "z"
FROM "t" AS t0
