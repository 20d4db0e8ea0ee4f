SELECT
  "g",
  COUNT(*) AS "n",
  COUNT("__rex_a0") AS "nx",
  COUNT(DISTINCT "__rex_a1") AS "nd",
  SUM("__rex_a0") AS "total",
  AVG(CAST("__rex_a0" AS DOUBLE PRECISION)) AS "avg",
  MIN("__rex_a1") AS "lo",
  MAX("__rex_a1") AS "hi",
  SQRT(CASE WHEN (CASE WHEN COUNT(CASE WHEN abs("__rex_a2" * 0.5 - "__rex_m2" * 0.5) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs("__rex_a2" * 0.5 - "__rex_m2" * 0.5) <= 6.703903964971298e+153 THEN ("__rex_a2" - "__rex_m2") * ("__rex_a2" - "__rex_m2") END) END / NULLIF(COUNT("__rex_a2") - 1, 0)) >= 0 THEN (CASE WHEN COUNT(CASE WHEN abs("__rex_a2" * 0.5 - "__rex_m2" * 0.5) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs("__rex_a2" * 0.5 - "__rex_m2" * 0.5) <= 6.703903964971298e+153 THEN ("__rex_a2" - "__rex_m2") * ("__rex_a2" - "__rex_m2") END) END / NULLIF(COUNT("__rex_a2") - 1, 0)) END) AS "sdv",
  CASE WHEN COUNT(CASE WHEN abs("__rex_a2" * 0.5 - "__rex_m2" * 0.5) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs("__rex_a2" * 0.5 - "__rex_m2" * 0.5) <= 6.703903964971298e+153 THEN ("__rex_a2" - "__rex_m2") * ("__rex_a2" - "__rex_m2") END) END / NULLIF(COUNT("__rex_a2") - 1, 0) AS "v",
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
    AVG(CAST("__rex_a2" AS DOUBLE PRECISION)) OVER (PARTITION BY "g") AS "__rex_m2"
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
