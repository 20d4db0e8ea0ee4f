SELECT t0."s" AS "s", t1."v" AS "v"
FROM "t" AS t0
LEFT JOIN "u" AS t1 ON t0."id" = t1."id"
