SELECT
  "id",
  CAST(length("s") AS bigint) AS "l",
  btrim("s", ' ') AS "tr",
  upper("s") AS "up",
  lower("s") AS "lo",
  substr("s", CAST(2 AS integer), CAST(3 AS integer)) AS "sub",
  substr("s", CAST(1 AS integer)) AS "sub0",
  substr("s", CAST(2 AS integer), CAST(0 AS integer)) AS "subneg",
  replace("s", 'a', 'b') AS "rep"
FROM "t" AS t0
