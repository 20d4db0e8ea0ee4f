SELECT "id", "s" || '-' || "g" AS "c", "g" || CAST("x" AS text) AS "ci"
FROM "t" AS t0
