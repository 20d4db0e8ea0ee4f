SELECT
  "g",
  count(*) AS "n",
  sum("x") AS "total",
  nullif(nullif(sum("f"), 9e999), -9e999) AS "ftotal",
  nullif(nullif(avg("x"), 9e999), -9e999) AS "avg",
  min("x") AS "lo",
  max("s") AS "hi"
FROM "t" AS t0
GROUP BY "g"
