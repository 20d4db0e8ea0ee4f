SELECT
  count(*) AS "n",
  CAST(sum("__rex_a0") AS bigint) AS "total",
  CASE WHEN MIN(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END) < 0 AND MAX(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END) > 0 THEN (MIN(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END) + MAX(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END)) / 2 ELSE MIN(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END) + (MAX(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END) - MIN(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END)) / 2 END AS "med"
FROM (
  SELECT
    "__rex_a0",
    "__rex_a1",
    COUNT("__rex_a1") OVER () AS "__rex_c2",
    ROW_NUMBER() OVER (ORDER BY "__rex_a1" NULLS LAST) AS "__rex_r2"
  FROM (
    SELECT "x" AS "__rex_a0", CAST("x" AS double precision) AS "__rex_a1"
    FROM "t" AS t0
  ) AS t1
) AS t2
