SELECT "id", "x" - ("y" - 1) AS "a", (-("x" + "y")) * 2 AS "b", "x" - (-1) AS "c"
FROM "t" AS t0
