SELECT "id"
FROM "t" AS t0
WHERE "x" IN (7, CAST(NULL AS bigint))
