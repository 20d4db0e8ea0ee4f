SELECT "id", CASE WHEN "x" > 1 THEN 'big' ELSE 'small' END AS "v", COALESCE("x", "y", 0) AS "c"
FROM "t" AS t0
