SELECT
  "g",
  CAST(CASE WHEN typeof(((sum("x" >> 32)) + ((sum("x" & 4294967295)) >> 32)) * 4294967296 + ((sum("x" & 4294967295)) & 4294967295)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE ((sum("x" >> 32)) + ((sum("x" & 4294967295)) >> 32)) * 4294967296 + ((sum("x" & 4294967295)) & 4294967295) END AS REAL) / NULLIF(count(*), 0) AS "rate"
FROM "t" AS t0
GROUP BY "g"
