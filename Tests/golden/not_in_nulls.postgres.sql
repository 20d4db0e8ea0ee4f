SELECT "id"
FROM "t" AS t0
WHERE "x" NOT IN (7, CAST(NULL AS bigint))
