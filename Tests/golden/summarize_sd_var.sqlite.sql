WITH "__rex_t1" AS (
  SELECT "g", "f" AS "__rex_a0", CAST("x" AS REAL) AS "__rex_a1"
  FROM "t" AS t0
),
"__rex_t2" AS (
  SELECT
    "g",
    "__rex_a0",
    "__rex_a1",
    AVG("__rex_a0") OVER (PARTITION BY "g") AS "__rex_m0",
    AVG("__rex_a1") OVER (PARTITION BY "g") AS "__rex_m1"
  FROM "__rex_t1" AS t1
)
SELECT
  "g",
  sqrt((SUM(("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0")) / NULLIF(COUNT("__rex_a0") - 1, 0))) AS "sdv",
  SUM(("__rex_a1" - "__rex_m1") * ("__rex_a1" - "__rex_m1")) / NULLIF(COUNT("__rex_a1") - 1, 0) AS "v"
FROM "__rex_t2" AS t2
GROUP BY "g"
