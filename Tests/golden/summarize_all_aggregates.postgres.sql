SELECT
  "g",
  count(*) AS "n",
  count("x") AS "nx",
  count(DISTINCT "s") AS "nd",
  CAST(sum("x") AS bigint) AS "total",
  avg(CAST("x" AS double precision)) AS "avg",
  min("s" COLLATE "C") AS "lo",
  max("s" COLLATE "C") AS "hi",
  stddev_samp(CAST("f" AS double precision)) AS "sdv",
  var_samp(CAST("f" AS double precision)) AS "v",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST("f" AS double precision)) AS "med",
  bool_or("b") AS "anyb",
  bool_and(("x" > 0)) AS "allb"
FROM "t" AS t0
GROUP BY "g"
