SELECT
  "id",
  length("s") AS "l",
  trim("s", ' ') AS "tr",
  upper("s") AS "up",
  lower("s") AS "lo",
  substr("s", 2, 3) AS "sub",
  substr("s", 1) AS "sub0",
  substr("s", 2, 0) AS "subneg",
  CASE WHEN 'b' IS NOT NULL THEN replace("s", 'a', 'b') END AS "rep"
FROM "t" AS t0
