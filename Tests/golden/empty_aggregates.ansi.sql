SELECT
  COUNT(*) AS "n",
  SUM("__rex_a0") AS "total",
  AVG(CAST("__rex_a0" AS DOUBLE PRECISION)) AS "m",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY "__rex_a1") AS "med",
  SQRT(CASE WHEN (CASE WHEN COUNT(CASE WHEN abs("__rex_a1" * 0.5 - "__rex_m1" * 0.5) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs("__rex_a1" * 0.5 - "__rex_m1" * 0.5) <= 6.703903964971298e+153 THEN ("__rex_a1" - "__rex_m1") * ("__rex_a1" - "__rex_m1") END) END / NULLIF(COUNT("__rex_a1") - 1, 0)) >= 0 THEN (CASE WHEN COUNT(CASE WHEN abs("__rex_a1" * 0.5 - "__rex_m1" * 0.5) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE SUM(CASE WHEN abs("__rex_a1" * 0.5 - "__rex_m1" * 0.5) <= 6.703903964971298e+153 THEN ("__rex_a1" - "__rex_m1") * ("__rex_a1" - "__rex_m1") END) END / NULLIF(COUNT("__rex_a1") - 1, 0)) END) AS "sdv",
  SOME("__rex_a2") AS "a"
FROM (
  SELECT
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    AVG(CAST("__rex_a1" AS DOUBLE PRECISION)) OVER () AS "__rex_m1"
  FROM (
    SELECT "x" AS "__rex_a0", "f" AS "__rex_a1", "b" AS "__rex_a2"
    FROM "t" AS t0
    WHERE "x" > 100
  ) AS t1
) AS t2
