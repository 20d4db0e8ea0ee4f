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
  CAST("x" AS DOUBLE PRECISION) / NULLIF("__rex_w1", 0) AS "share"
FROM (
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
    COUNT(*) OVER () AS "__rex_w0",
    SUM("x") OVER () AS "__rex_w1"
  FROM "t" AS t0
) AS t1
