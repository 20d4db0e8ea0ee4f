WITH "__rex_t1" AS (
  SELECT "x" AS "__rex_a0", CAST("x" AS REAL) AS "__rex_a1"
  FROM "t" AS t0
),
"__rex_t2" AS (
  SELECT
    "__rex_a0",
    "__rex_a1",
    COUNT("__rex_a1") OVER () AS "__rex_c2",
    ROW_NUMBER() OVER (ORDER BY "__rex_a1" NULLS LAST) AS "__rex_r2"
  FROM "__rex_t1" AS t1
)
SELECT
  count(*) AS "n",
  CASE WHEN typeof(((sum("__rex_a0" >> 32)) + ((sum("__rex_a0" & 4294967295)) >> 32)) * 4294967296 + ((sum("__rex_a0" & 4294967295)) & 4294967295)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE ((sum("__rex_a0" >> 32)) + ((sum("__rex_a0" & 4294967295)) >> 32)) * 4294967296 + ((sum("__rex_a0" & 4294967295)) & 4294967295) END AS "total",
  CASE WHEN MIN(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS REAL) END) < 0 AND MAX(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS REAL) END) > 0 THEN (MIN(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS REAL) END) + MAX(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS REAL) END)) / 2 ELSE MIN(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS REAL) END) + (MAX(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS REAL) END) - MIN(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS REAL) END)) / 2 END AS "med"
FROM "__rex_t2" AS t2
