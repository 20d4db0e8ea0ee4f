SELECT
  "g",
  count(*) AS "n",
  CASE WHEN typeof(((sum("x" >> 32)) + ((sum("x" & 4294967295)) >> 32)) * 4294967296 + ((sum("x" & 4294967295)) & 4294967295)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE ((sum("x" >> 32)) + ((sum("x" & 4294967295)) >> 32)) * 4294967296 + ((sum("x" & 4294967295)) & 4294967295) END AS "total",
  nullif(nullif(sum("f"), 9e999), -9e999) AS "ftotal",
  nullif(nullif(avg("x"), 9e999), -9e999) AS "avg",
  min("x") AS "lo",
  max("s") AS "hi"
FROM "t" AS t0
GROUP BY "g"
