SELECT
  "g",
  SQRT(CASE WHEN (SUM(("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0")) / NULLIF(COUNT("__rex_a0") - 1, 0)) >= 0 THEN (SUM(("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0")) / NULLIF(COUNT("__rex_a0") - 1, 0)) END) AS "sdv",
  SUM(("__rex_a1" - "__rex_m1") * ("__rex_a1" - "__rex_m1")) / NULLIF(COUNT("__rex_a1") - 1, 0) AS "v"
FROM (
  SELECT
    "g",
    "__rex_a0",
    "__rex_a1",
    AVG("__rex_a0") OVER (PARTITION BY "g") AS "__rex_m0",
    AVG("__rex_a1") OVER (PARTITION BY "g") AS "__rex_m1"
  FROM (
    SELECT "g", "f" AS "__rex_a0", CAST("x" AS DOUBLE PRECISION) AS "__rex_a1"
    FROM "t" AS t0
  ) AS t1
) AS t2
GROUP BY "g"
