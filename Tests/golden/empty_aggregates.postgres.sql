SELECT
  count(*) AS "n",
  CAST(sum("x") AS bigint) AS "total",
  avg(CAST("x" AS double precision)) AS "m",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST("f" AS double precision)) AS "med",
  stddev_samp(CAST("f" AS double precision)) AS "sdv",
  bool_or("b") AS "a"
FROM "t" AS t0
WHERE "x" > 100
