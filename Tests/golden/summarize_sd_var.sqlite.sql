WITH "__rex_t1" AS (
  SELECT "g", "f" AS "__rex_a0", CAST("x" AS REAL) AS "__rex_a1"
  FROM "t" AS t0
),
"__rex_t2" AS (
  SELECT
    "g",
    "__rex_a0",
    "__rex_a1",
    nullif(nullif(avg("__rex_a0") OVER (PARTITION BY "g"), 9e999), -9e999) AS "__rex_m0",
    nullif(nullif(avg("__rex_a1") OVER (PARTITION BY "g"), 9e999), -9e999) AS "__rex_m1"
  FROM "__rex_t1" AS t1
)
SELECT
  "g",
  sqrt((CASE WHEN COUNT(CASE WHEN abs("__rex_a0" * 0.5 - "__rex_m0" * 0.5) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE nullif(nullif(sum(CASE WHEN abs("__rex_a0" * 0.5 - "__rex_m0" * 0.5) <= 6.703903964971298e+153 THEN ("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0") END), 9e999), -9e999) END / NULLIF(COUNT("__rex_a0") - 1, 0))) AS "sdv",
  CASE WHEN COUNT(CASE WHEN abs("__rex_a1" * 0.5 - "__rex_m1" * 0.5) > 6.703903964971298e+153 THEN 1 END) > 0 THEN NULL ELSE nullif(nullif(sum(CASE WHEN abs("__rex_a1" * 0.5 - "__rex_m1" * 0.5) <= 6.703903964971298e+153 THEN ("__rex_a1" - "__rex_m1") * ("__rex_a1" - "__rex_m1") END), 9e999), -9e999) END / NULLIF(COUNT("__rex_a1") - 1, 0) AS "v"
FROM "__rex_t2" AS t2
GROUP BY "g"
