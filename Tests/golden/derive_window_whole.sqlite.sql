SELECT
  "id",
  "x",
  "y",
  "f",
  "s",
  "g",
  "b",
  "d",
  count(*) OVER () AS "n",
  CAST("x" AS REAL) / NULLIF(CASE WHEN typeof(((sum("x" >> 32) OVER ()) + ((sum("x" & 4294967295) OVER ()) >> 32)) * 4294967296 + ((sum("x" & 4294967295) OVER ()) & 4294967295)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE ((sum("x" >> 32) OVER ()) + ((sum("x" & 4294967295) OVER ()) >> 32)) * 4294967296 + ((sum("x" & 4294967295) OVER ()) & 4294967295) END, 0) AS "share"
FROM "t" AS t0
