SELECT
  "id",
  CAST("x" AS double precision) / NULLIF("y", 0) AS "q",
  CASE WHEN "f" = 0 OR 0 = 0 THEN CAST("f" AS double precision) / NULLIF(0, 0) WHEN ln(abs(CAST("f" AS double precision))) - ln(abs(CAST(0 AS double precision))) > 709.782712893384 THEN NULL WHEN ln(abs(CAST("f" AS double precision))) - ln(abs(CAST(0 AS double precision))) < -745.1332191019412 THEN 0 ELSE CAST("f" AS double precision) / 0 END AS "r",
  CAST(7 AS double precision) / NULLIF(2, 0) AS "lit"
FROM "t" AS t0
