SELECT "g", CAST(CAST(sum("x") AS bigint) AS double precision) / NULLIF(count(*), 0) AS "rate"
FROM "t" AS t0
GROUP BY "g"
