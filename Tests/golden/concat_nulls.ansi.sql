SELECT "id", "s" || '-' || "g" AS "c", "g" || CAST("x" AS VARCHAR(40)) AS "ci"
FROM "t" AS t0
