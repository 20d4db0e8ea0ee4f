WITH "__rex_t1" AS (
  SELECT "x" AS "__rex_a0", "f" AS "__rex_a1", "b" AS "__rex_a2"
  FROM "t" AS t0
  WHERE "x" > 100
),
"__rex_t2" AS (
  SELECT
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    CASE WHEN ROW_NUMBER() OVER (ORDER BY "__rex_a1" NULLS LAST) IN ((COUNT("__rex_a1") OVER () + 1) / 2, (COUNT("__rex_a1") OVER () + 2) / 2) THEN "__rex_a1" END AS "__rex_mid3",
    nullif(nullif(avg("__rex_a1") OVER (), 9e999), -9e999) AS "__rex_m1"
  FROM "__rex_t1" AS t1
),
"__rex_t3" AS (
  SELECT
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    "__rex_mid3",
    "__rex_m1",
    CASE WHEN ("__rex_a1" < 0 AND "__rex_m1" < 0) OR ("__rex_a1" >= 0 AND "__rex_m1" >= 0) THEN abs("__rex_a1" - "__rex_m1") WHEN abs("__rex_a1") > 1.3407807929942596e+154 THEN abs("__rex_a1") WHEN abs("__rex_m1") > 1.3407807929942596e+154 THEN abs("__rex_m1") ELSE abs("__rex_a1") + abs("__rex_m1") END AS "__rex_dev1"
  FROM "__rex_t2" AS t2
),
"__rex_t4" AS (
  SELECT
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    "__rex_mid3",
    "__rex_m1",
    "__rex_dev1",
    CASE WHEN "__rex_dev1" < 1.5717277847026288e-162 THEN 0.0 WHEN "__rex_dev1" <= 1.3407807929942596e+154 THEN "__rex_dev1" * "__rex_dev1" END AS "__rex_sq1"
  FROM "__rex_t3" AS t3
)
SELECT
  count(*) AS "n",
  CASE WHEN typeof(((sum("__rex_a0" >> 32)) + ((sum("__rex_a0" & 4294967295)) >> 32)) * 4294967296 + ((sum("__rex_a0" & 4294967295)) & 4294967295)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE ((sum("__rex_a0" >> 32)) + ((sum("__rex_a0" & 4294967295)) >> 32)) * 4294967296 + ((sum("__rex_a0" & 4294967295)) & 4294967295) END AS "total",
  nullif(nullif(avg("__rex_a0"), 9e999), -9e999) AS "m",
  CASE WHEN MIN("__rex_mid3") < 0 AND MAX("__rex_mid3") > 0 THEN (MIN("__rex_mid3") + MAX("__rex_mid3")) / 2 ELSE MIN("__rex_mid3") + (MAX("__rex_mid3") - MIN("__rex_mid3")) / 2 END AS "med",
  sqrt((CASE WHEN count(CASE WHEN "__rex_dev1" > 1.3407807929942596e+154 THEN 1 END) > 0 THEN NULL ELSE nullif(nullif(sum("__rex_sq1"), 9e999), -9e999) END / NULLIF(count("__rex_a1") - 1, 0))) AS "sdv",
  max("__rex_a2") AS "a"
FROM "__rex_t4" AS t4
