SELECT "g", STDDEV_SAMP("f") AS "sdv", VAR_SAMP("x") AS "v"
FROM "t" AS t0
GROUP BY "g"
