SELECT
  "id",
  CAST(round(CAST(CAST("f" AS text) AS numeric)) AS double precision) AS "r0",
  CASE WHEN abs(round(CAST(CAST("f" AS text) AS numeric), CAST(CASE WHEN 2 > 400 THEN 400 WHEN 2 < -400 THEN -400 ELSE 2 END AS integer))) > 1.7976931348623157e308 THEN NULL ELSE CAST(round(CAST(CAST("f" AS text) AS numeric), CAST(CASE WHEN 2 > 400 THEN 400 WHEN 2 < -400 THEN -400 ELSE 2 END AS integer)) AS double precision) END AS "r2",
  "x" AS "ri"
FROM "t" AS t0
