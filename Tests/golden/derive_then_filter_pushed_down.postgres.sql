SELECT "id", "id" * 2 AS "k"
FROM "t" AS t0
WHERE (("id" * 2) > 2) AND ("x" > 1)
