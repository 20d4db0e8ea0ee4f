WITH "__rex_t1" AS (
  SELECT
    "g",
    "x" AS "__rex_a0",
    "s" AS "__rex_a1",
    "f" AS "__rex_a2",
    "b" AS "__rex_a3",
    "x" > 0 AS "__rex_a4"
  FROM "t" AS t0
),
"__rex_t2" AS (
  SELECT
    "g",
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    "__rex_a3",
    "__rex_a4",
    nullif(nullif(avg("__rex_a2") OVER (PARTITION BY "g"), 9e999), -9e999) AS "__rex_m2",
    CASE WHEN ROW_NUMBER() OVER (PARTITION BY "g" ORDER BY "__rex_a2" NULLS LAST) IN ((COUNT("__rex_a2") OVER (PARTITION BY "g") + 1) / 2, (COUNT("__rex_a2") OVER (PARTITION BY "g") + 2) / 2) THEN "__rex_a2" END AS "__rex_mid9"
  FROM "__rex_t1" AS t1
),
"__rex_t3" AS (
  SELECT
    "g",
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    "__rex_a3",
    "__rex_a4",
    "__rex_m2",
    "__rex_mid9",
    CASE WHEN ("__rex_a2" < 0 AND "__rex_m2" < 0) OR ("__rex_a2" >= 0 AND "__rex_m2" >= 0) THEN abs("__rex_a2" - "__rex_m2") WHEN abs("__rex_a2") > 1.3407807929942596e+154 THEN abs("__rex_a2") WHEN abs("__rex_m2") > 1.3407807929942596e+154 THEN abs("__rex_m2") ELSE abs("__rex_a2") + abs("__rex_m2") END AS "__rex_dev2"
  FROM "__rex_t2" AS t2
),
"__rex_t4" AS (
  SELECT
    "g",
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    "__rex_a3",
    "__rex_a4",
    "__rex_m2",
    "__rex_mid9",
    "__rex_dev2",
    CASE WHEN "__rex_dev2" < 1.5717277847026288e-162 THEN 0.0 WHEN "__rex_dev2" <= 1.3407807929942596e+154 THEN "__rex_dev2" * "__rex_dev2" END AS "__rex_sq2"
  FROM "__rex_t3" AS t3
)
SELECT
  "g",
  count(*) AS "n",
  count("__rex_a0") AS "nx",
  count(DISTINCT "__rex_a1") AS "nd",
  CASE WHEN typeof(((sum("__rex_a0" >> 32)) + ((sum("__rex_a0" & 4294967295)) >> 32)) * 4294967296 + ((sum("__rex_a0" & 4294967295)) & 4294967295)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE ((sum("__rex_a0" >> 32)) + ((sum("__rex_a0" & 4294967295)) >> 32)) * 4294967296 + ((sum("__rex_a0" & 4294967295)) & 4294967295) END AS "total",
  nullif(nullif(avg("__rex_a0"), 9e999), -9e999) AS "avg",
  min("__rex_a1") AS "lo",
  max("__rex_a1") AS "hi",
  sqrt((CASE WHEN count(CASE WHEN "__rex_dev2" > 1.3407807929942596e+154 THEN 1 END) > 0 THEN NULL ELSE nullif(nullif(sum("__rex_sq2"), 9e999), -9e999) END / NULLIF(count("__rex_a2") - 1, 0))) AS "sdv",
  CASE WHEN count(CASE WHEN "__rex_dev2" > 1.3407807929942596e+154 THEN 1 END) > 0 THEN NULL ELSE nullif(nullif(sum("__rex_sq2"), 9e999), -9e999) END / NULLIF(count("__rex_a2") - 1, 0) AS "v",
  CASE WHEN MIN("__rex_mid9") < 0 AND MAX("__rex_mid9") > 0 THEN (MIN("__rex_mid9") + MAX("__rex_mid9")) / 2 ELSE MIN("__rex_mid9") + (MAX("__rex_mid9") - MIN("__rex_mid9")) / 2 END AS "med",
  max("__rex_a3") AS "anyb",
  min("__rex_a4") AS "allb"
FROM "__rex_t4" AS t4
GROUP BY "g"
