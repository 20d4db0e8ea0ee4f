SELECT
  count(*) AS "n",
  sum("__rex_a0") AS "total",
  AVG(CASE WHEN "__rex_r2" IN (("__rex_c2" + 1) / 2, ("__rex_c2" + 2) / 2) THEN "__rex_a1" END) AS "med"
FROM (
  SELECT
    "__rex_a0",
    "__rex_a1",
    COUNT("__rex_a1") OVER () AS "__rex_c2",
    ROW_NUMBER() OVER (ORDER BY "__rex_a1" NULLS LAST) AS "__rex_r2"
  FROM (
    SELECT "x" AS "__rex_a0", CAST("x" AS REAL) AS "__rex_a1"
    FROM "t" AS t0
  ) AS t1
) AS t2
