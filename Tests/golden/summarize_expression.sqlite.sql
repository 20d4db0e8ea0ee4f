WITH "__rex_t1" AS (
  SELECT
    "g",
    CASE WHEN typeof(((sum("x" >> 32)) + ((sum("x" & 4294967295)) >> 32)) * 4294967296 + ((sum("x" & 4294967295)) & 4294967295)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE ((sum("x" >> 32)) + ((sum("x" & 4294967295)) >> 32)) * 4294967296 + ((sum("x" & 4294967295)) & 4294967295) END AS "__rex_w0",
    count(*) AS "__rex_w1"
  FROM "t" AS t0
  GROUP BY "g"
)
SELECT "g", CAST("__rex_w0" AS REAL) / NULLIF("__rex_w1", 0) AS "rate"
FROM "__rex_t1" AS t1
