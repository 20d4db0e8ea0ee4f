SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n"
FROM "t" AS t0
ORDER BY t0."x" NULLS LAST
LIMIT 3
