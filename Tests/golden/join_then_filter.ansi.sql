SELECT t0."id" AS "id", t1."v" AS "v"
FROM "t" AS t0
INNER JOIN "u" AS t1 ON t0."id" = t1."id"
WHERE t1."v" <> 'one'
