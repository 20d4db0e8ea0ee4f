SELECT
  "id",
  CHAR_LENGTH("s") AS "l",
  TRIM(BOTH ' ' FROM "s") AS "tr",
  UPPER("s") AS "up",
  LOWER("s") AS "lo",
  SUBSTRING("s" FROM 2 FOR 3) AS "sub",
  SUBSTRING("s" FROM 1) AS "sub0",
  SUBSTRING("s" FROM 2 FOR 0) AS "subneg",
  REPLACE("s", 'a', 'b') AS "rep"
FROM "t" AS t0
