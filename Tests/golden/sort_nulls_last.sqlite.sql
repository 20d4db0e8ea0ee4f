SELECT "id", "x", "s"
FROM "t" AS t0
ORDER BY t0."x" DESC NULLS LAST, t0."s" NULLS LAST
