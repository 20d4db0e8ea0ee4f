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
    CASE WHEN CASE WHEN CAST(100.0 AS double precision) = 0 OR "x" = 0 THEN CAST(100.0 AS double precision) * "x" WHEN ln(abs(CAST(CAST(100.0 AS double precision) AS double precision))) + ln(abs(CAST("x" AS double precision))) > 709.782712893384 THEN NULL WHEN ln(abs(CAST(CAST(100.0 AS double precision) AS double precision))) + ln(abs(CAST("x" AS double precision))) < -745.1332191019412 THEN 0 ELSE CAST(100.0 AS double precision) * "x" END = 0 OR CAST(sum("x") OVER (PARTITION BY "g") AS bigint) = 0 THEN CAST(CASE WHEN CAST(100.0 AS double precision) = 0 OR "x" = 0 THEN CAST(100.0 AS double precision) * "x" WHEN ln(abs(CAST(CAST(100.0 AS double precision) AS double precision))) + ln(abs(CAST("x" AS double precision))) > 709.782712893384 THEN NULL WHEN ln(abs(CAST(CAST(100.0 AS double precision) AS double precision))) + ln(abs(CAST("x" AS double precision))) < -745.1332191019412 THEN 0 ELSE CAST(100.0 AS double precision) * "x" END AS double precision) / NULLIF(CAST(sum("x") OVER (PARTITION BY "g") AS bigint), 0) WHEN ln(abs(CAST(CASE WHEN CAST(100.0 AS double precision) = 0 OR "x" = 0 THEN CAST(100.0 AS double precision) * "x" WHEN ln(abs(CAST(CAST(100.0 AS double precision) AS double precision))) + ln(abs(CAST("x" AS double precision))) > 709.782712893384 THEN NULL WHEN ln(abs(CAST(CAST(100.0 AS double precision) AS double precision))) + ln(abs(CAST("x" AS double precision))) < -745.1332191019412 THEN 0 ELSE CAST(100.0 AS double precision) * "x" END AS double precision))) - ln(abs(CAST(CAST(sum("x") OVER (PARTITION BY "g") AS bigint) AS double precision))) > 709.782712893384 THEN NULL WHEN ln(abs(CAST(CASE WHEN CAST(100.0 AS double precision) = 0 OR "x" = 0 THEN CAST(100.0 AS double precision) * "x" WHEN ln(abs(CAST(CAST(100.0 AS double precision) AS double precision))) + ln(abs(CAST("x" AS double precision))) > 709.782712893384 THEN NULL WHEN ln(abs(CAST(CAST(100.0 AS double precision) AS double precision))) + ln(abs(CAST("x" AS double precision))) < -745.1332191019412 THEN 0 ELSE CAST(100.0 AS double precision) * "x" END AS double precision))) - ln(abs(CAST(CAST(sum("x") OVER (PARTITION BY "g") AS bigint) AS double precision))) < -745.1332191019412 THEN 0 ELSE CAST(CASE WHEN CAST(100.0 AS double precision) = 0 OR "x" = 0 THEN CAST(100.0 AS double precision) * "x" WHEN ln(abs(CAST(CAST(100.0 AS double precision) AS double precision))) + ln(abs(CAST("x" AS double precision))) > 709.782712893384 THEN NULL WHEN ln(abs(CAST(CAST(100.0 AS double precision) AS double precision))) + ln(abs(CAST("x" AS double precision))) < -745.1332191019412 THEN 0 ELSE CAST(100.0 AS double precision) * "x" END AS double precision) / CAST(sum("x") OVER (PARTITION BY "g") AS bigint) END AS "pct"
  FROM "t" AS t0
) AS t1
