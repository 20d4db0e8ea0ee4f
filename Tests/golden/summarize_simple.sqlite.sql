SELECT
  "g",
  count(*) AS "n",
  sum("x") AS "total",
  sum("f") AS "ftotal",
  avg("x") AS "avg",
  min("x") AS "lo",
  max("s") AS "hi"
FROM "t" AS t0
GROUP BY "g"
