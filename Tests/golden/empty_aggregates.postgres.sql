SELECT
  count(*) AS "n",
  CAST(sum("__rex_a0") AS bigint) AS "total",
  avg(CAST("__rex_a0" AS double precision)) AS "m",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST("__rex_a1" AS double precision)) AS "med",
  sqrt(CASE WHEN (SUM(("__rex_a1" - "__rex_m1") * ("__rex_a1" - "__rex_m1")) / NULLIF(COUNT("__rex_a1") - 1, 0)) >= 0 THEN (SUM(("__rex_a1" - "__rex_m1") * ("__rex_a1" - "__rex_m1")) / NULLIF(COUNT("__rex_a1") - 1, 0)) END) AS "sdv",
  bool_or("__rex_a2") AS "a"
FROM (
  SELECT "__rex_a0", "__rex_a1", "__rex_a2", AVG("__rex_a1") OVER () AS "__rex_m1"
  FROM (
    SELECT "x" AS "__rex_a0", "f" AS "__rex_a1", "b" AS "__rex_a2"
    FROM "t" AS t0
    WHERE "x" > 100
  ) AS t1
) AS t2
