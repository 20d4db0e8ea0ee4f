WITH "__rex_t1" AS (
  SELECT "id", "x", "y", "f", "s", "g", "b", "d", "n", "f" AS "__rex_a0"
  FROM "t" AS t0
),
"__rex_t2" AS (
  SELECT
    "id",
    "x",
    "y",
    "f",
    "s",
    "g",
    "b",
    "d",
    "n",
    "__rex_a0",
    COUNT("__rex_a0") OVER (PARTITION BY "g") AS "__rex_c0",
    ROW_NUMBER() OVER (PARTITION BY "g" ORDER BY "__rex_a0" NULLS LAST) AS "__rex_r0",
    AVG("__rex_a0") OVER (PARTITION BY "g") AS "__rex_m0"
  FROM "__rex_t1" AS t1
),
"__rex_t3" AS (
  SELECT
    "id",
    "x",
    "y",
    "f",
    "s",
    "g",
    "b",
    "d",
    "n",
    CASE WHEN MIN(CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN CAST("__rex_a0" AS REAL) END) OVER (PARTITION BY "g") < 0 AND MAX(CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN CAST("__rex_a0" AS REAL) END) OVER (PARTITION BY "g") > 0 THEN (MIN(CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN CAST("__rex_a0" AS REAL) END) OVER (PARTITION BY "g") + MAX(CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN CAST("__rex_a0" AS REAL) END) OVER (PARTITION BY "g")) / 2 ELSE MIN(CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN CAST("__rex_a0" AS REAL) END) OVER (PARTITION BY "g") + (MAX(CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN CAST("__rex_a0" AS REAL) END) OVER (PARTITION BY "g") - MIN(CASE WHEN "__rex_r0" IN (("__rex_c0" + 1) / 2, ("__rex_c0" + 2) / 2) THEN CAST("__rex_a0" AS REAL) END) OVER (PARTITION BY "g")) / 2 END AS "m",
    sqrt((SUM(("__rex_a0" - "__rex_m0") * ("__rex_a0" - "__rex_m0")) OVER (PARTITION BY "g") / NULLIF(COUNT("__rex_a0") OVER (PARTITION BY "g") - 1, 0))) AS "sdv"
  FROM "__rex_t2" AS t2
)
SELECT "id", "g", "m", "sdv"
FROM "__rex_t3" AS t3
