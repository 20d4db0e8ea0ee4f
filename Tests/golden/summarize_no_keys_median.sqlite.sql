WITH "__rex_t1" AS (
  SELECT "x" AS "__rex_a0", CAST("x" AS REAL) AS "__rex_a1"
  FROM "t" AS t0
),
"__rex_t2" AS (
  SELECT
    "__rex_a0",
    "__rex_a1",
    CASE WHEN ROW_NUMBER() OVER (ORDER BY "__rex_a1" NULLS LAST) IN ((COUNT("__rex_a1") OVER () + 1) / 2, (COUNT("__rex_a1") OVER () + 2) / 2) THEN "__rex_a1" END AS "__rex_mid2"
  FROM "__rex_t1" AS t1
)
SELECT
  count(*) AS "n",
  CASE WHEN typeof(((sum("__rex_a0" >> 32)) + ((sum("__rex_a0" & 4294967295)) >> 32)) * 4294967296 + ((sum("__rex_a0" & 4294967295)) & 4294967295)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE ((sum("__rex_a0" >> 32)) + ((sum("__rex_a0" & 4294967295)) >> 32)) * 4294967296 + ((sum("__rex_a0" & 4294967295)) & 4294967295) END AS "total",
  CASE WHEN MIN("__rex_mid2") < 0 AND MAX("__rex_mid2") > 0 THEN (MIN("__rex_mid2") + MAX("__rex_mid2")) / 2 ELSE MIN("__rex_mid2") + (MAX("__rex_mid2") - MIN("__rex_mid2")) / 2 END AS "med"
FROM "__rex_t2" AS t2
