SELECT
  "g",
  stddev_samp(CAST("f" AS double precision)) AS "sdv",
  var_samp(CAST("x" AS double precision)) AS "v"
FROM "t" AS t0
GROUP BY "g"
