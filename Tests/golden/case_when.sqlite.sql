SELECT
  "id",
  CASE WHEN "x" < 0 THEN 'neg' WHEN "x" = 0 THEN 'zero' ELSE 'pos' END AS "k",
  CASE WHEN "b" THEN "x" > 1 ELSE CAST(NULL AS INTEGER) END AS "nb",
  CASE WHEN "y" > 1 THEN "f" ELSE CAST(NULL AS REAL) END AS "m"
FROM "t" AS t0
