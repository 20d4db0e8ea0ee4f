SELECT
  "g",
  COUNT(*) AS "n",
  COUNT("__rex_a0") AS "nx",
  COUNT(DISTINCT "__rex_a1") AS "nd",
  SUM("__rex_a0") AS "total",
  AVG(CAST("__rex_a0" AS DOUBLE PRECISION)) AS "avg",
  MIN("__rex_a1") AS "lo",
  MAX("__rex_a1") AS "hi",
  SQRT(CASE WHEN (SUM(("__rex_a2" - "__rex_m2") * ("__rex_a2" - "__rex_m2")) / NULLIF(COUNT("__rex_a2") - 1, 0)) >= 0 THEN (SUM(("__rex_a2" - "__rex_m2") * ("__rex_a2" - "__rex_m2")) / NULLIF(COUNT("__rex_a2") - 1, 0)) END) AS "sdv",
  SUM(("__rex_a2" - "__rex_m2") * ("__rex_a2" - "__rex_m2")) / NULLIF(COUNT("__rex_a2") - 1, 0) AS "v",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY "__rex_a2") AS "med",
  SOME("__rex_a3") AS "anyb",
  EVERY("__rex_a4") AS "allb"
FROM (
  SELECT
    "g",
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    "__rex_a3",
    "__rex_a4",
    AVG("__rex_a2") OVER (PARTITION BY "g") AS "__rex_m2"
  FROM (
    SELECT
      "g",
      "x" AS "__rex_a0",
      "s" AS "__rex_a1",
      "f" AS "__rex_a2",
      "b" AS "__rex_a3",
      "x" > 0 AS "__rex_a4"
    FROM "t" AS t0
  ) AS t1
) AS t2
GROUP BY "g"
