SELECT "id", -(-0.0) AS "a", -(-1) AS "b", -(-"f") AS "c", "x" - (-0.0) AS "d"
FROM "t" AS t0
