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
  CAST("x" AS double precision) / NULLIF("__rex_w1", 0) AS "share"
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
    count(*) OVER () AS "__rex_w0",
    CAST(sum("x") OVER () AS bigint) AS "__rex_w1"
  FROM "t" AS t0
) AS t1
