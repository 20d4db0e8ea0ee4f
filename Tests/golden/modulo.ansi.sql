SELECT "id", MOD("x", NULLIF("y", 0)) AS "m", MOD("x", NULLIF(0, 0)) AS "z"
FROM "t" AS t0
