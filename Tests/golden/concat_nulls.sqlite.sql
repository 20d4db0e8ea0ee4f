SELECT "id", "s" || '-' || "g" AS "c", "g" || CAST("x" AS TEXT) AS "ci"
FROM "t" AS t0
