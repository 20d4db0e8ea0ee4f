SELECT
  count(*) AS "n",
  CAST(sum("__rex_a0") AS bigint) AS "total",
  avg(CAST("__rex_a0" AS double precision)) AS "m",
  CASE WHEN MIN(CASE WHEN "__rex_r3" IN (("__rex_c3" + 1) / 2, ("__rex_c3" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END) < 0 AND MAX(CASE WHEN "__rex_r3" IN (("__rex_c3" + 1) / 2, ("__rex_c3" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END) > 0 THEN (MIN(CASE WHEN "__rex_r3" IN (("__rex_c3" + 1) / 2, ("__rex_c3" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END) + MAX(CASE WHEN "__rex_r3" IN (("__rex_c3" + 1) / 2, ("__rex_c3" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END)) / 2 ELSE MIN(CASE WHEN "__rex_r3" IN (("__rex_c3" + 1) / 2, ("__rex_c3" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END) + (MAX(CASE WHEN "__rex_r3" IN (("__rex_c3" + 1) / 2, ("__rex_c3" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END) - MIN(CASE WHEN "__rex_r3" IN (("__rex_c3" + 1) / 2, ("__rex_c3" + 2) / 2) THEN CAST("__rex_a1" AS double precision) END)) / 2 END AS "med",
  sqrt(CASE WHEN (SUM(("__rex_a1" - "__rex_m1") * ("__rex_a1" - "__rex_m1")) / NULLIF(COUNT("__rex_a1") - 1, 0)) >= 0 THEN (SUM(("__rex_a1" - "__rex_m1") * ("__rex_a1" - "__rex_m1")) / NULLIF(COUNT("__rex_a1") - 1, 0)) END) AS "sdv",
  bool_or("__rex_a2") AS "a"
FROM (
  SELECT
    "__rex_a0",
    "__rex_a1",
    "__rex_a2",
    COUNT("__rex_a1") OVER () AS "__rex_c3",
    ROW_NUMBER() OVER (ORDER BY "__rex_a1" NULLS LAST) AS "__rex_r3",
    AVG("__rex_a1") OVER () AS "__rex_m1"
  FROM (
    SELECT "x" AS "__rex_a0", "f" AS "__rex_a1", "b" AS "__rex_a2"
    FROM "t" AS t0
    WHERE "x" > 100
  ) AS t1
) AS t2
