SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n", "id" * 2 AS "k"
FROM "t" AS t0
WHERE ("id" * 2) > 2
ORDER BY t0."s" COLLATE "C" NULLS LAST
LIMIT 2
