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
),
"__rex_t3" AS (
  SELECT
    "g",
    "__rex_a0",
    "__rex_a1",
    "__rex_m0",
    "__rex_m1",
    CASE WHEN ("__rex_a0" < 0 AND "__rex_m0" < 0) OR ("__rex_a0" >= 0 AND "__rex_m0" >= 0) THEN abs("__rex_a0" - "__rex_m0") WHEN abs("__rex_a0") > 1.3407807929942596e+154 THEN abs("__rex_a0") WHEN abs("__rex_m0") > 1.3407807929942596e+154 THEN abs("__rex_m0") ELSE abs("__rex_a0") + abs("__rex_m0") END AS "__rex_dev0",
    CASE WHEN ("__rex_a1" < 0 AND "__rex_m1" < 0) OR ("__rex_a1" >= 0 AND "__rex_m1" >= 0) THEN abs("__rex_a1" - "__rex_m1") WHEN abs("__rex_a1") > 1.3407807929942596e+154 THEN abs("__rex_a1") WHEN abs("__rex_m1") > 1.3407807929942596e+154 THEN abs("__rex_m1") ELSE abs("__rex_a1") + abs("__rex_m1") END AS "__rex_dev1"
  FROM "__rex_t2" AS t2
),
"__rex_t4" AS (
  SELECT
    "g",
    "__rex_a0",
    "__rex_a1",
    "__rex_m0",
    "__rex_m1",
    "__rex_dev0",
    "__rex_dev1",
    CASE WHEN "__rex_dev0" < 1.5717277847026288e-162 THEN 0.0 WHEN "__rex_dev0" <= 1.3407807929942596e+154 THEN "__rex_dev0" * "__rex_dev0" END AS "__rex_sq0",
    CASE WHEN "__rex_dev1" < 1.5717277847026288e-162 THEN 0.0 WHEN "__rex_dev1" <= 1.3407807929942596e+154 THEN "__rex_dev1" * "__rex_dev1" END AS "__rex_sq1"
  FROM "__rex_t3" AS t3
)
SELECT
  "g",
  sqrt((CASE WHEN count(CASE WHEN "__rex_dev0" > 1.3407807929942596e+154 THEN 1 END) > 0 THEN NULL ELSE nullif(nullif(sum("__rex_sq0"), 9e999), -9e999) END / NULLIF(count("__rex_a0") - 1, 0))) AS "sdv",
  CASE WHEN count(CASE WHEN "__rex_dev1" > 1.3407807929942596e+154 THEN 1 END) > 0 THEN NULL ELSE nullif(nullif(sum("__rex_sq1"), 9e999), -9e999) END / NULLIF(count("__rex_a1") - 1, 0) AS "v"
FROM "__rex_t4" AS t4
GROUP BY "g"
