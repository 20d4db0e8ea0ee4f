SELECT "id", "pct"
FROM (
  SELECT
    "id",
    "x",
    "y",
    "f",
    "s",
    "g",
    "b",
    "d",
    "n",
    CASE WHEN CASE WHEN CAST(100.0 AS double precision) = 0 OR "x" = 0 THEN CAST(100.0 AS double precision) * "x" WHEN ln(abs(CAST(100.0 AS double precision))) + ln(abs("x")) > 709.782712893384 THEN NULL WHEN ln(abs(CAST(100.0 AS double precision))) + ln(abs("x")) < -745.1332191019412 THEN 0 ELSE CAST(100.0 AS double precision) * "x" END = 0 OR CAST(sum("x") OVER (PARTITION BY "g") AS bigint) = 0 THEN CAST(CASE WHEN CAST(100.0 AS double precision) = 0 OR "x" = 0 THEN CAST(100.0 AS double precision) * "x" WHEN ln(abs(CAST(100.0 AS double precision))) + ln(abs("x")) > 709.782712893384 THEN NULL WHEN ln(abs(CAST(100.0 AS double precision))) + ln(abs("x")) < -745.1332191019412 THEN 0 ELSE CAST(100.0 AS double precision) * "x" END AS double precision) / NULLIF(CAST(sum("x") OVER (PARTITION BY "g") AS bigint), 0) WHEN ln(abs(CASE WHEN CAST(100.0 AS double precision) = 0 OR "x" = 0 THEN CAST(100.0 AS double precision) * "x" WHEN ln(abs(CAST(100.0 AS double precision))) + ln(abs("x")) > 709.782712893384 THEN NULL WHEN ln(abs(CAST(100.0 AS double precision))) + ln(abs("x")) < -745.1332191019412 THEN 0 ELSE CAST(100.0 AS double precision) * "x" END)) - ln(abs(CAST(sum("x") OVER (PARTITION BY "g") AS bigint))) > 709.782712893384 THEN NULL WHEN ln(abs(CASE WHEN CAST(100.0 AS double precision) = 0 OR "x" = 0 THEN CAST(100.0 AS double precision) * "x" WHEN ln(abs(CAST(100.0 AS double precision))) + ln(abs("x")) > 709.782712893384 THEN NULL WHEN ln(abs(CAST(100.0 AS double precision))) + ln(abs("x")) < -745.1332191019412 THEN 0 ELSE CAST(100.0 AS double precision) * "x" END)) - ln(abs(CAST(sum("x") OVER (PARTITION BY "g") AS bigint))) < -745.1332191019412 THEN 0 ELSE CAST(CASE WHEN CAST(100.0 AS double precision) = 0 OR "x" = 0 THEN CAST(100.0 AS double precision) * "x" WHEN ln(abs(CAST(100.0 AS double precision))) + ln(abs("x")) > 709.782712893384 THEN NULL WHEN ln(abs(CAST(100.0 AS double precision))) + ln(abs("x")) < -745.1332191019412 THEN 0 ELSE CAST(100.0 AS double precision) * "x" END AS double precision) / CAST(sum("x") OVER (PARTITION BY "g") AS bigint) END AS "pct"
  FROM "t" AS t0
) AS t1
