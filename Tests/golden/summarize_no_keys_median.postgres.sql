SELECT
  count(*) AS "n",
  CAST(sum("x") AS bigint) AS "total",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST("x" AS double precision)) AS "med"
FROM "t" AS t0
