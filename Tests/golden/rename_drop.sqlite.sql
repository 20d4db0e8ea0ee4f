SELECT "id" AS "ident", "x", "y", "s", "g"
FROM "t" AS t0
