SELECT
  "g",
  count(*) AS "n",
  CAST(sum("x") AS bigint) AS "total",
  sum("f") AS "ftotal",
  avg(CAST("x" AS double precision)) AS "avg",
  min("x") AS "lo",
  max("s" COLLATE "C") AS "hi"
FROM "t" AS t0
GROUP BY "g"
