SELECT "g", CAST(sum("x") AS REAL) / NULLIF(count(*), 0) AS "rate"
FROM "t" AS t0
GROUP BY "g"
