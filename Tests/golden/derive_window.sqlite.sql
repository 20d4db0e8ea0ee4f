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
    CASE WHEN typeof(((sum("x" >> 32) OVER (PARTITION BY "g")) + ((sum("x" & 4294967295) OVER (PARTITION BY "g")) >> 32)) * 4294967296 + ((sum("x" & 4294967295) OVER (PARTITION BY "g")) & 4294967295)) = 'real' THEN abs(0 * random() - 9223372036854775807 - 1) ELSE ((sum("x" >> 32) OVER (PARTITION BY "g")) + ((sum("x" & 4294967295) OVER (PARTITION BY "g")) >> 32)) * 4294967296 + ((sum("x" & 4294967295) OVER (PARTITION BY "g")) & 4294967295) END AS "__rex_w0"
  FROM "t" AS t0
)
SELECT
  "id",
  nullif(nullif(CAST(nullif(nullif(100.0 * "x", 9e999), -9e999) AS REAL) / NULLIF("__rex_w0", 0), 9e999), -9e999) AS "pct"
FROM "__rex_t1" AS t1
