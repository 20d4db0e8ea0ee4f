SELECT "id", round("f") AS "r0", round("f", 2) AS "r2", "x" AS "ri"
FROM "t" AS t0
