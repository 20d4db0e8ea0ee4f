WITH "__rex_t1" AS (
  SELECT
    "id",
    "x",
    "y",
    "f",
    "s",
    "g",
    "b",
    "d",
    "n",
    count(*) OVER () AS "__rex_w0",
    CASE WHEN typeof(((sum("x" >> 32) OVER ()) + ((sum("x" & 4294967295) OVER ()) >> 32)) * 4294967296 + ((sum("x" & 4294967295) OVER ()) & 4294967295)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE ((sum("x" >> 32) OVER ()) + ((sum("x" & 4294967295) OVER ()) >> 32)) * 4294967296 + ((sum("x" & 4294967295) OVER ()) & 4294967295) END AS "__rex_w1"
  FROM "t" AS t0
)
SELECT
  "id",
  "x",
  "y",
  "f",
  "s",
  "g",
  "b",
  "d",
  "__rex_w0" AS "n",
  CAST("x" AS REAL) / NULLIF("__rex_w1", 0) AS "share"
FROM "__rex_t1" AS t1
